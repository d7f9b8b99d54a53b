package needlesscopy

import (
	"bufio"
	"fmt"
	"io"
	"testing"
)

var sizes = []int{16, 1024}

func candidates(n int) []Candidate {
	cs := make([]Candidate, n)
	for i := range cs {
		cs[i].Votes = int64(i)
	}
	return cs
}

func BenchmarkScore(b *testing.B) {
	for _, n := range sizes {
		cs := candidates(n)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i := range cs {
					sink += slowScore(cs[i])
				}
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i := range cs {
					sink += fastScore(&cs[i])
				}
			}
		})
	}
}

func BenchmarkTotal(b *testing.B) {
	for _, n := range sizes {
		cs := candidates(n)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += slowTotal(cs)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink += fastTotal(cs)
			}
		})
	}
}

func BenchmarkArraySum(b *testing.B) {
	h := &histogram{}
	b.Run("slow/n=512", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += h.slowSum()
		}
	})
	b.Run("fast/n=512", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += h.fastSum()
		}
	})
}

func lines(n int) []string {
	ls := make([]string, n)
	for i := range ls {
		ls[i] = fmt.Sprintf("%063d\n", i)
	}
	return ls
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range sizes {
		ls := lines(n)
		w := bufio.NewWriter(io.Discard)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				slowWrite(w, ls)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fastWrite(w, ls)
			}
		})
	}
}

func BenchmarkWriteTo(b *testing.B) {
	for _, n := range sizes {
		ls := lines(n)
		var w io.Writer = bufio.NewWriter(io.Discard)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				slowWriteTo(w, ls)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fastWriteTo(w, ls)
			}
		})
	}
}

func TestPairsAgree(t *testing.T) {
	cs := candidates(10)
	if slowScore(cs[3]) != fastScore(&cs[3]) || slowTotal(cs) != fastTotal(cs) {
		t.Error("score or total differ")
	}
	h := &histogram{}
	h.buckets[7] = 3
	if h.slowSum() != h.fastSum() {
		t.Error("sum differs")
	}
}
