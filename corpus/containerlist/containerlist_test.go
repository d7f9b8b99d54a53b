package containerlist

import (
	"testing"

	"github.com/perflint/perflint/corpus/internal/bench"
)

var sizes = []int{16, 1024, 65536}

var sink int

func BenchmarkFIFO(b *testing.B) {
	for _, n := range sizes {
		bench.Pair(b, n, func() { sink += slowFIFO(n, 64) }, func() { sink += fastFIFO(n, 64) })
	}
}

func BenchmarkSum(b *testing.B) {
	for _, n := range sizes {
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i
		}
		bench.Pair(b, n, func() { sink += slowSum(xs) }, func() { sink += fastSum(xs) })
	}
}

func TestPairsAgree(t *testing.T) {
	for _, n := range []int{0, 5, 100, 1000} {
		if slowFIFO(n, 7) != fastFIFO(n, 7) {
			t.Errorf("FIFO(%d) differs", n)
		}
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i * 3
		}
		if slowSum(xs) != fastSum(xs) {
			t.Errorf("Sum(%d) differs", n)
		}
	}
}
