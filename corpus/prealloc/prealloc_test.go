package prealloc

import (
	"fmt"
	"testing"
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
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SlowNames(us)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				FastNames(us)
			}
		})
	}
}

func BenchmarkSet(b *testing.B) {
	for _, n := range sizes {
		names := FastNames(users(n))
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SlowSet(names)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				FastSet(names)
			}
		})
	}
}

func BenchmarkSquares(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SlowSquares(n)
			}
		})
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				FastSquares(n)
			}
		})
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
