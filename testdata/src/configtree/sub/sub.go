package sub

// Positives is a filter, which prealloc no longer reports here.
func Positives(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}

// Copy is reported: its file is not skipped.
func Copy(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations`
	}
	return out
}
