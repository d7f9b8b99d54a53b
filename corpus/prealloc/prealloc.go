// Package prealloc holds the benchmark pairs of the prealloc analyzer:
// each SlowX is code perflint flags, written the way real code writes it,
// and FastX is the fix perflint suggests.
package prealloc

import "slices"

// User is a record as a service might load it.
type User struct {
	ID   int
	Name string
}

// SlowNames grows a nil slice one append at a time.
func SlowNames(users []User) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.Name)
	}
	return out
}

// FastNames grows it once before the loop; out stays nil for no users.
func FastNames(users []User) []string {
	var out []string
	out = slices.Grow(out, len(users))
	for _, u := range users {
		out = append(out, u.Name)
	}
	return out
}

// SlowSet fills a map made without a size hint.
func SlowSet(names []string) map[string]bool {
	m := make(map[string]bool)
	for _, name := range names {
		m[name] = true
	}
	return m
}

// FastSet gives the map its final size.
func FastSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, name := range names {
		m[name] = true
	}
	return m
}

// SlowSquares appends n times to an empty slice.
func SlowSquares(n int) []int {
	sq := make([]int, 0)
	for i := 0; i < n; i++ {
		sq = append(sq, i*i)
	}
	return sq
}

// FastSquares makes it with its final capacity.
func FastSquares(n int) []int {
	sq := make([]int, 0, max(0, n))
	for i := 0; i < n; i++ {
		sq = append(sq, i*i)
	}
	return sq
}
