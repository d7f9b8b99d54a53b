package prealloc

import (
	"fmt"
	"testing"

	"github.com/perflint/perflint/corpus/internal/bench"
)

var sizes = []int{16, 1024, 65536}

func users(n int) []User {
	us := make([]User, n)
	for i := range us {
		us[i] = User{ID: i, Name: fmt.Sprint("user", i)}
	}
	return us
}

func BenchmarkNames(b *testing.B) {
	for _, n := range sizes {
		us := users(n)
		bench.Pair(b, n, func() { SlowNames(us) }, func() { FastNames(us) })
	}
}

func BenchmarkSet(b *testing.B) {
	for _, n := range sizes {
		names := FastNames(users(n))
		bench.Pair(b, n, func() { SlowSet(names) }, func() { FastSet(names) })
	}
}

func BenchmarkSquares(b *testing.B) {
	for _, n := range sizes {
		bench.Pair(b, n, func() { SlowSquares(n) }, func() { FastSquares(n) })
	}
}

func TestPairsAgree(t *testing.T) {
	us := users(100)
	if fmt.Sprint(SlowNames(us)) != fmt.Sprint(FastNames(us)) || SlowNames(nil) != nil || FastNames(nil) != nil {
		t.Error("Names: slow and fast differ")
	}
	if names := FastNames(us); len(SlowSet(names)) != len(FastSet(names)) {
		t.Error("Set: slow and fast differ")
	}
	if fmt.Sprint(SlowSquares(50)) != fmt.Sprint(FastSquares(50)) || len(FastSquares(-1)) != 0 {
		t.Error("Squares: slow and fast differ")
	}
}
