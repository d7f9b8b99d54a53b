// Package bench runs the two sides of a corpus pair under the names the
// corpus/costs command reads: slow/n=N and fast/n=N.
package bench

import (
	"fmt"
	"testing"
)

// Pair runs slow and fast as sub-benchmarks slow/n=N and fast/n=N of b,
// reporting allocations. Both sides pay the same indirect call.
func Pair(b *testing.B, n int, slow, fast func()) {
	b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			slow()
		}
	})
	b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fast()
		}
	})
}
