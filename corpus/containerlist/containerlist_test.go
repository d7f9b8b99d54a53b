package containerlist

import (
	"fmt"
	"testing"
)

var sizes = []int{16, 1024, 65536}

var sink int

func BenchmarkFIFO(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += slowFIFO(n, 64)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += fastFIFO(n, 64)
			}
		})
	}
}

func BenchmarkSum(b *testing.B) {
	for _, n := range sizes {
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i
		}
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += slowSum(xs)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += fastSum(xs)
			}
		})
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
