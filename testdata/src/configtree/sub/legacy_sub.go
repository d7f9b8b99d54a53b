package sub

// Names is in a file the parent's skip pattern matches.
func Names(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}
