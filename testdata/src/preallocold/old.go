// Package preallocold is a go1.20 module: no slices package, no max.
package preallocold

func names(xs []string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x+"!") // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate before the loop with if len\(xs\) > 0 { out = make\(\[\]string, 0, len\(xs\)\) }, which keeps it nil when nothing is added`
	}
	return out
}

func squares(n int) []int {
	sq := []int{}
	for i := 0; i < n; i++ {
		sq = append(sq, i*i) // want `slice sq grows by append in a loop of n iterations; preallocate before the loop with if n > 0 { sq = make\(\[\]int, 0, n\) }`
	}
	return sq
}

func lens(xs []string) []int {
	out := []int{}
	for _, x := range xs {
		out = append(out, len(x)) // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate with make\(\[\]int, 0, len\(xs\)\)`
	}
	return out
}

func set(keys []string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true // want `map m is filled in a loop of len\(keys\) iterations; give it a size hint with make\(map\[string\]bool, len\(keys\)\)`
	}
	return m
}

// Two counts that may be negative: their product may be positive when
// neither loop runs; without max there is no right size to write.
func grid(a, b, n, m int) []int {
	var out []int
	for i := a; i < n; i++ {
		for j := b; j < m; j++ {
			out = append(out, i*j)
		}
	}
	return out
}
