package prealloc

import "testing"

// A benchmark's loop repeats the work it measures: b.N is no data size.
func benchHelper(b *testing.B) []int {
	var out []int
	for i := 0; i < b.N; i++ {
		out = append(out, i)
	}
	return out
}
