package stringconcat

import (
	"fmt"
	"testing"
)

// sizes stop at 4096: the slow side is quadratic, and 65536 lines would
// copy about 20 GB per operation.
var sizes = []int{16, 256, 4096}

func lines(n int) []string {
	ls := make([]string, n)
	for i := range ls {
		ls[i] = fmt.Sprintf("line %06d of the input", i)
	}
	return ls
}

func BenchmarkJoin(b *testing.B) {
	for _, n := range sizes {
		ls := lines(n)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SlowJoin(ls)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				FastJoin(ls)
			}
		})
	}
}

func BenchmarkReadBody(b *testing.B) {
	for _, n := range sizes {
		ls := lines(n)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var r Response
				r.SlowReadBody(ls)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var r Response
				r.FastReadBody(ls)
			}
		})
	}
}

func BenchmarkCSV(b *testing.B) {
	for _, n := range sizes {
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i * 7
		}
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SlowCSV(xs)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				FastCSV(xs)
			}
		})
	}
}

func TestPairsAgree(t *testing.T) {
	ls := lines(40)
	if SlowJoin(ls) != FastJoin(ls) {
		t.Error("Join differs")
	}
	var a, b Response
	a.SlowReadBody(ls)
	b.FastReadBody(ls)
	if a.Body != b.Body {
		t.Error("ReadBody differs")
	}
	xs := []int{1, 2, 3, 40}
	if SlowCSV(xs) != FastCSV(xs) {
		t.Error("CSV differs")
	}
}
