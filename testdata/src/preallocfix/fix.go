package preallocfix

import "fmt"

func names(users []fmt.Stringer) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.String()) // want `slice out grows`
	}
	return out
}

func squares(n int) []int {
	sq := make([]int, 0)
	for i := 0; i < n; i++ {
		sq = append(sq, i*i) // want `slice sq grows`
	}
	return sq
}

func lens(xs []string) []int {
	out := []int{}
	for _, x := range xs {
		out = append(out, len(x)) // want `slice out grows`
	}
	return out
}

func late(xs []string) []int {
	out := []int{}
	ys := xs[1:]
	for _, y := range ys {
		out = append(out, len(y)) // want `slice out grows`
	}
	return out
}

func nested(a, b []int) []int {
	var out []int
outer:
	for _, x := range a {
		for _, y := range b {
			out = append(out, x*y) // want `slice out grows`
		}
		continue outer
	}
	return out
}

func index(xs []string) map[string]int {
	m := map[string]int{}
	for i, x := range xs {
		m[x] = i // want `map m is filled`
	}
	return m
}

func int64Count(n int64) []int64 {
	out := []int64{}
	for i := range n {
		out = append(out, i) // want `slice out grows`
	}
	return out
}
