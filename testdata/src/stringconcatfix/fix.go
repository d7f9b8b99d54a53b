package stringconcatfix

import "fmt"

func join(lines []string) string {
	var out string
	for _, l := range lines {
		out += l + "\n" // want `string out grows`
	}
	return out
}

func csv(xs []string) string {
	s := ""
	for _, x := range xs {
		if s != "" {
			s += "," // want `string s grows`
		}
		s = s + x
	}
	fmt.Println(len(s))
	return s
}

func dots(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "." // want `string s grows`
	}
	return s
}

func escapes(xs []string) *string {
	s := ""
	for _, x := range xs {
		s += x // want `string s grows`
	}
	return &s
}

func prefixed(xs []string) string {
	s := "items:"
	for _, x := range xs {
		s += x // want `string s grows`
	}
	return s
}
