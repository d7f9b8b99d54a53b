package needlesscopy

import (
	"bufio"
	"fmt"
	"io"
	"testing"

	"github.com/perflint/perflint/corpus/internal/bench"
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
		bench.Pair(b, n, func() {
			for i := range cs {
				sink += slowScore(cs[i])
			}
		}, func() {
			for i := range cs {
				sink += fastScore(&cs[i])
			}
		})
	}
}

func BenchmarkTotal(b *testing.B) {
	for _, n := range sizes {
		cs := candidates(n)
		bench.Pair(b, n, func() { sink += slowTotal(cs) }, func() { sink += fastTotal(cs) })
	}
}

func BenchmarkArraySum(b *testing.B) {
	h := &histogram{}
	bench.Pair(b, 512, func() { sink += h.slowSum() }, func() { sink += h.fastSum() })
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
		bench.Pair(b, n, func() { slowWrite(w, ls) }, func() { fastWrite(w, ls) })
	}
}

func BenchmarkWriteTo(b *testing.B) {
	for _, n := range sizes {
		ls := lines(n)
		var w io.Writer = bufio.NewWriter(io.Discard)
		bench.Pair(b, n, func() { slowWriteTo(w, ls) }, func() { fastWriteTo(w, ls) })
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
