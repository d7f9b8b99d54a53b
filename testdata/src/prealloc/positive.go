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
