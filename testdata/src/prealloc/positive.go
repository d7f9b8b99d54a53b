package prealloc

type user struct{ Name string }

func names(users []user) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.Name) // want `slice out grows by append in a loop of len\(users\) iterations; preallocate with out = slices.Grow\(out, len\(users\)\) before the loop`
	}
	return out
}

func squares(n int) []int {
	sq := make([]int, 0)
	for i := 0; i < n; i++ {
		sq = append(sq, i*i) // want `slice sq grows by append in a loop of n iterations; preallocate with make\(\[\]int, 0, max\(0, n\)\)`
	}
	return sq
}

func offsets(a, n int) []int {
	out := []int{}
	for i := a; i < n; i++ {
		out = append(out, i) // want `slice out grows by append in a loop of n-a iterations; preallocate with make\(\[\]int, 0, max\(0, n-a\)\)`
	}
	return out
}

func rangeInt(n int) []int {
	out := []int(nil)
	for i := range n {
		out = append(out, i) // want `slice out grows by append in a loop of n iterations; preallocate with out = slices.Grow\(out, max\(0, n\)\) before the loop`
	}
	return out
}

func pairs(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y) // want `slice out grows by append in a loop of len\(a\)\*len\(b\) iterations`
		}
	}
	return out
}

func repeat(sep []byte, n int) []byte {
	buf := make([]byte, 0)
	for range n {
		buf = append(buf, sep...) // want `slice buf grows by append in a loop of n iterations; preallocate with make\(\[\]byte, 0, max\(0, n\)\*len\(sep\)\)`
	}
	return buf
}

func index(users []user) map[int]user {
	m := map[int]user{}
	for i, u := range users {
		m[i] = u // want `map m is filled in a loop of len\(users\) iterations; give it a size hint with make\(map\[int\]user, len\(users\)\)`
	}
	return m
}

func set(keys []string) map[string]bool {
	m := make(map[string]bool)
	for _, k := range keys {
		m[k] = true // want `map m is filled in a loop of len\(keys\) iterations`
	}
	return m
}

func fixedArray(a [16]int) []int {
	var out []int
	for _, x := range a {
		out = append(out, x) // want `slice out grows by append in a loop of 16 iterations`
	}
	return out
}

func ignored(users []user) []string {
	var out []string
	for _, u := range users {
		//perflint:ignore prealloc small in practice, measured
		out = append(out, u.Name)
	}
	return out
}

func noReason(users []user) []string {
	var out []string
	for _, u := range users {
		//perflint:ignore prealloc // want `perflint:ignore directive for prealloc needs a reason after the analyzer name`
		out = append(out, u.Name) // want `slice out grows by append`
	}
	return out
}

func fromOne(n int) []int {
	var out []int
	for i := 1; i <= n; i++ {
		out = append(out, i) // want `slice out grows by append in a loop of n iterations`
	}
	return out
}

func earlyReturn(xs []int) ([]int, error) {
	var out []int
	for _, x := range xs {
		if x < 0 {
			return nil, errNegative // drops the slice: not an exit that matters
		}
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations`
	}
	return out, nil
}

func earlyPanic(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			panic("negative")
		}
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations`
	}
	return out
}

type errT struct{}

func (errT) Error() string { return "negative" }

var errNegative error = errT{}

type group struct{ items []int }

// The slice is declared in the outer loop: the inner count alone.
func perGroup(gs []group, use func([]int)) {
	for _, g := range gs {
		var items []int
		for _, it := range g.items {
			items = append(items, it) // want `slice items grows by append in a loop of len\(g.items\) iterations`
		}
		use(items)
	}
}

// for i := offset; i < offset+3 runs 3 times whatever offset is.
func offsets3(n int) []int {
	var out []int
	for j := 0; j < n; j++ {
		offset := 10 * j
		for i := offset; i < offset+3; i++ {
			out = append(out, i) // want `slice out grows by append in a loop of n\*3 iterations`
		}
	}
	return out
}

func twoVars(xs []int) ([]int, []int) {
	var a, b []int
	for _, x := range xs {
		a = append(a, x)   // want `slice a grows by append in a loop of len\(xs\) iterations`
		b = append(b, x*2) // want `slice b grows by append in a loop of len\(xs\) iterations`
	}
	return a, b
}

func startsWithTwo(xs []int) []int {
	out := []int{-1, -2}
	for _, x := range xs {
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate with make\(\[\]int, 0, 2\+len\(xs\)\) and append its 2 elements to it`
	}
	return out
}

func startsWithOne(xs []int) []int {
	out := []int{-1}
	for _, x := range xs {
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate with make\(\[\]int, 0, 1\+len\(xs\)\) and append its element to it`
	}
	return out
}

func startsWithThree(xs []int) []int {
	out := make([]int, 3)
	for _, x := range xs {
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate with make\(\[\]int, 3, 3\+len\(xs\)\)`
	}
	return out
}

func deferredRead(xs []int, log func(int)) []int {
	var out []int
	defer func() { log(len(out)) }()
	for _, x := range xs {
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations`
	}
	return out
}

func inIf(xs []int, ok bool) []int {
	var out []int
	if ok {
		for _, x := range xs {
			out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate with out = slices.Grow\(out, len\(xs\)\) before the loop`
		}
	}
	return out
}

func sliceExpr(xs []int, a, b int) []int {
	var out []int
	for _, x := range xs[a:b] {
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\[a:b\]\) iterations`
	}
	return out
}

func twoLoops(a, b []int) []int {
	out := []int{}
	for _, x := range a {
		out = append(out, x) // want `slice out grows by append in 2 loops of len\(a\)\+len\(b\) iterations; preallocate with make\(\[\]int, 0, len\(a\)\+len\(b\)\)`
	}
	for _, y := range b {
		out = append(out, y)
	}
	return out
}

func twoWrites(xs []int) map[int]int {
	m := map[int]int{}
	for i, x := range xs {
		m[i] = x // want `map m is filled in a loop of len\(xs\) iterations`
		m[i] = x + 1
	}
	return m
}

func plusOne(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x) // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate with out = slices.Grow\(out, len\(xs\)\+1\) before the loop`
	}
	out = append(out, 0)
	return out
}

func mapTwoLoops(a, b []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range a {
		m[x] = true // want `map m is filled in 2 loops of len\(a\)\+len\(b\) iterations; give it a size hint with make\(map\[string\]bool, len\(a\)\+len\(b\)\+1\)`
	}
	for _, y := range b {
		m[y] = false
	}
	m[""] = true
	return m
}

// i := offset; i < offset+k runs k times whatever offset is.
func offsetsK(n, k int) []int {
	var out []int
	for j := 0; j < n; j++ {
		offset := 10 * j
		for i := offset; i < offset+k; i++ {
			out = append(out, i) // want `slice out grows by append in a loop of n\*k iterations; preallocate with out = slices.Grow\(out, max\(0, n\)\*max\(0, k\)\) before the loop`
		}
	}
	return out
}
