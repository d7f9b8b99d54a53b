package stringconcat

func inTest(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
