package stringconcat

import (
	"fmt"
	"testing"

	"github.com/perflint/perflint/corpus/internal/bench"
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
		bench.Pair(b, n, func() { SlowJoin(ls) }, func() { FastJoin(ls) })
	}
}

func BenchmarkReadBody(b *testing.B) {
	for _, n := range sizes {
		ls := lines(n)
		bench.Pair(b, n, func() {
			var r Response
			r.SlowReadBody(ls)
		}, func() {
			var r Response
			r.FastReadBody(ls)
		})
	}
}

func BenchmarkCSV(b *testing.B) {
	for _, n := range sizes {
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i * 7
		}
		bench.Pair(b, n, func() { SlowCSV(xs) }, func() { FastCSV(xs) })
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
