package configtree

// Positives reports a filter: the perflint.toml here turns prealloc.filter on.
func Positives(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x > 0 {
			out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations`
		}
	}
	return out
}
