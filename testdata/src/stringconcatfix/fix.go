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

// Declared in an if initializer: var s strings.Builder cannot stand there.
func inInit(xs []string) string {
	if s := ""; len(xs) > 0 {
		for _, x := range xs {
			s += x // want `string s grows`
		}
		return s
	}
	return ""
}

// Grow takes an int: an int64 count is converted, and may be negative.
func dots64(n int64) string {
	s := ""
	for i := int64(0); i < n; i++ {
		s += "." // want `string s grows`
	}
	return s
}

// strings means a local variable here: no fix.
func shadowed(strings []string) string {
	s := ""
	for _, x := range strings {
		s += x // want `string s grows`
	}
	return s
}

// One variable accumulated in two loops is one finding.
func twoLoops(a, b []string) string {
	s := ""
	for _, x := range a {
		s += x // want `string s grows`
	}
	for _, y := range b {
		s += y
	}
	return s
}

// The count is a sum: Grow multiplies all of it.
func rule(xs []string) string {
	s := ""
	for i := 0; i <= len(xs); i++ {
		s += "-=" // want `string s grows`
	}
	return s
}
