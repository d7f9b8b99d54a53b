package stringconcat

func perIteration(parts []string) []string {
	var out []string
	for _, p := range parts {
		s := "<"
		s += p
		s += ">"
		out = append(out, s)
	}
	return out
}

func notAnOperand(a, b []string) string {
	var s string
	for i := range a {
		s = a[i] + b[i]
	}
	return s
}

func numeric(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func smallConst(parts [3]string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func firstOnly(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
		return s
	}
	return s
}

func firstOnlyBreak(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
		break
	}
	return s
}

func inClosure(parts []string) func() string {
	return func() string {
		s := ""
		s += "x"
		return s
	}
}

func rangeVarField(items []*struct{ name string }) {
	for _, it := range items {
		it.name += "!"
	}
}

func onceThenReturn(errs []string) string {
	msg := "failed"
	for _, e := range errs {
		if e != "" {
			msg = "failed: " + msg
			return msg
		}
	}
	return msg
}

func onceThenBreak(names []string, dir string) string {
	for _, n := range names {
		if n == "x" {
			dir = "/" + n + dir
			break
		}
	}
	return dir
}
