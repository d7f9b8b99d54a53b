package directives

// A stale directive in a _test.go file is not reported without
// -testfiles: no finding of the file is.
func helper(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		//perflint:ignore prealloc test data is small
		out = append(out, x)
	}
	return out
}
