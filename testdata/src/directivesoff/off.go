package directivesoff

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		//perflint:ignore stringconcat built once at startup
		s += p
	}
	return s
}

func Copy(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		//perflint:ignore prealloc stale // want `perflint:ignore directive for prealloc silences no finding; remove it`
		out = append(out, x)
	}
	return out
}
