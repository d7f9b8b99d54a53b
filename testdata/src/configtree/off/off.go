package off

// Copy has no finding: prealloc is off in this directory.
func Copy(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}
