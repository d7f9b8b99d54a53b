package loops

func counts(xs []int, m map[string]int, a [8]int, n, k int, s string, ch chan int, seq func(func(int) bool)) {
	for range xs { // want `count len\(xs\) \(nonneg\), early false, continues false, leaves first false, depth 0`
	}
	for range m { // want `count len\(m\) \(nonneg\)`
	}
	for range a { // want `count 8 \(nonneg\)`
	}
	for range n { // want `count n, early false`
	}
	for range 10 { // want `count 10 \(nonneg\)`
	}
	for i := 0; i < n; i++ { // want `count n, early false`
	}
	for i := k; i < n; i++ { // want `count n-k, early false`
	}
	for i := 1; i <= n; i++ { // want `count n, early false`
	}
	for i := 2; i < len(xs); i++ { // want `count len\(xs\)-2, early false`
	}
	for range s { // want `count unknown`
	}
	for range ch { // want `count unknown`
	}
	for range seq { // want `count unknown`
	}
	for i := 0; i < n; i++ { // want `count unknown`
		n--
	}
	for i := 0; i < n; i++ { // want `count unknown`
		i += 2
	}
	for { // want `count unknown, early true`
		break
	}
	for range f() { // want `count unknown`
	}
}

func f() []int { return nil }

func exits(xs []int) int {
	for _, x := range xs { // want `early true`
		if x > 0 {
			return x
		}
	}
	for range xs { // want `early true`
		panic("no")
	}
	for range xs { // want `early false, continues true`
		if len(xs) > 2 {
			continue
		}
	}
	for range xs { // want `early false, continues false, leaves first false, depth 0`
		switch {
		case true:
			break // leaves the switch, not the loop
		}
	}
outer:
	for range xs { // want `early true, continues false, leaves first false, depth 0`
		for range xs { // want `early true, continues false, leaves first false, depth 1`
			break outer
		}
	}
	for range xs { // want `early true, continues false, leaves first true`
		break
	}
	return 0
}

type tree struct{ kids []int }

func operands(xs []int, grid [][]int, m map[string][]int, t *tree, v tree, a, b, n int) {
	for range xs[a:b] { // want `count len\(xs\[a:b\]\) \(nonneg\) \(may panic\)`
	}
	for range xs[a:] { // want `count len\(xs\[a:\]\) \(nonneg\) \(may panic\)`
	}
	for range grid[a] { // want `count len\(grid\[a\]\) \(nonneg\) \(may panic\)`
	}
	for range m["k"] { // want `count len\(m\["k"\]\) \(nonneg\), early`
	}
	for range t.kids { // want `count len\(t.kids\) \(nonneg\) \(may panic\)`
	}
	for range v.kids { // want `count len\(v.kids\) \(nonneg\), early`
	}
	for i := a; i < a+3; i++ { // want `count 3 \(nonneg\)`
	}
	for i := a; i <= a+3; i++ { // want `count 4 \(nonneg\)`
	}
	for i := 0; i < n; /* comment */ i++ { // want `count n, early`
	}
}

func exitKinds(xs []int) error {
	for _, x := range xs { // want `early true, .*; leaves false, returns 1, panics false`
		if x > 0 {
			return nil
		}
	}
	for _, x := range xs { // want `early true, .*; leaves false, returns 0, panics true`
		if x > 0 {
			panic(x)
		}
	}
	for _, x := range xs { // want `early true, .*; leaves true, returns 0, panics false`
		if x > 0 {
			break
		}
	}
	for range xs { // want `early false, .*; leaves false, returns 0, panics false`
		_ = func() int { return 1 }
	}
	return nil
}

func unsigned(a, n uint32) {
	for i := a; i <= n; i++ { // want `count unknown`
	}
	for i := uint32(2); i < n; i++ { // want `count unknown`
	}
	for i := uint32(0); i < n; i++ { // want `count n \(nonneg\)|count n,`
	}
	for i := uint32(1); i <= n; i++ { // want `count n,`
	}
}

func plusK(a, k int, ua, uk uint64) {
	for i := a; i < a+k; i++ { // want `count k,`
	}
	for i := ua; i <= ua+uk; i++ { // want `count uk\+1 \(nonneg\)`
	}
}
