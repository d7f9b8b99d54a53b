package preallocfix

import (
	"fmt"
	str "strings"
)

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

func startsWithTwo(xs []int) []int {
	out := []int{-1, -2}
	for _, x := range xs {
		out = append(out, x) // want `slice out grows`
	}
	return out
}

func startsWithThree(xs []int) []int {
	out := make([]int, 3)
	for _, x := range xs {
		out = append(out, x) // want `slice out grows`
	}
	return out
}

func inIf(xs []int, ok bool) []int {
	out := []int{}
	if ok {
		for _, x := range xs {
			out = append(out, x) // want `slice out grows`
		}
	}
	return out
}

func twoLoops(a, b []int) []int {
	out := []int{}
	for _, x := range a {
		out = append(out, x) // want `slice out grows by append in 2 loops`
	}
	for _, y := range b {
		out = append(out, y)
	}
	return out
}

func twoVars(xs []int) ([]int, []int) {
	a, b := []int{}, []int{}
	for _, x := range xs {
		a = append(a, x)   // want `slice a grows`
		b = append(b, x*2) // want `slice b grows`
	}
	return a, b
}

func mapLate(xs []string) map[string]int {
	m := map[string]int{}
	ys := xs[1:]
	for i, y := range ys {
		m[y] = i // want `map m is filled in a loop of len\(ys\) iterations; make it with a size hint before the loop: m = make\(map\[string\]int, len\(ys\)\)`
	}
	return m
}

// The type is written as the file writes it, tags and all.
func tagged(xs []int) []struct {
	A int `json:"a"`
} {
	out := []struct {
		A int `json:"a"`
	}{}
	for _, x := range xs {
		out = append(out, struct { // want `slice out grows by append in a loop of len\(xs\) iterations; preallocate with make\(\[\]struct { A int .json:"a". }, 0, len\(xs\)\)`
			A int `json:"a"`
		}{x})
	}
	return out
}

func aliased(xs []*str.Builder) map[*str.Builder]int {
	m := make(map[*str.Builder]int)
	for i, x := range xs {
		m[x] = i // want `map m is filled in a loop of len\(xs\) iterations; give it a size hint with make\(map\[\*str.Builder\]int, len\(xs\)\)`
	}
	return m
}

// max means something else here: no fix.
func shadowedMax(n int) []int {
	max := 3
	out := []int{max}
	for i := 0; i < n; i++ {
		out = append(out, i) // want `slice out grows`
	}
	return out
}

// A return that guards the loop: the size is not moved above it.
func guarded(p *struct{ xs []int }) []int {
	out := []int{}
	if p == nil {
		return out
	}
	for _, x := range p.xs {
		out = append(out, x) // want `slice out grows by append in a loop of len\(p.xs\) iterations; preallocate with out = slices.Grow`
	}
	return out
}

// The loop stands in an if: the map made at the declaration stays, since
// other paths write it.
func mapInIf(hosts []string, force bool) map[string]bool {
	forced := make(map[string]bool)
	if force {
		for _, h := range hosts {
			forced[h] = true // want `map forced is filled in a loop of len\(hosts\) iterations; make it with a size hint before the loop: forced = make\(map\[string\]bool, len\(hosts\)\+1\)`
		}
	}
	forced["localhost"] = true
	return forced
}
