// Package hotprof is the code that passes/report's profile tests map
// synthetic CPU profiles onto: the analyzer of the test reports every
// loop, with the share of CPU the profile puts in it. The comments
// "mark:NAME" name the lines that the profiles' samples fall on.
package hotprof

type T struct{ xs []int }

// Sum is a method with a pointer receiver.
func (t *T) Sum() int { // mark:Sum
	s := 0
	for _, x := range t.xs { // want `loop \(hot: 40.0% of CPU in this loop\)`
		s += x // mark:sum
	}
	return s
}

// Outer runs its loop in a closure inside a closure.
func Outer(xs []int) int { // mark:Outer
	s := 0
	f := func() {
		g := func() { // mark:g
			for _, x := range xs { // want `loop \(hot: 30.0% of CPU in this loop\)`
				s = add(s, x) // mark:nested
			}
		}
		g()
	}
	f() // mark:callf
	return s
}

// add is inlined into the loop above.
func add(a, b int) int { return a + b } // mark:add

// Map is generic: the profile names its instantiations.
func Map[E any](xs []E, f func(E) E) []E { // mark:Map
	var out []E
	for _, x := range xs { // want `loop \(hot: 20.0% of CPU in this loop\)`
		out = append(out, f(x)) // mark:map
	}
	return out
}

// Cold has no samples.
func Cold(xs []int) int {
	s := 0
	for _, x := range xs { // want `loop \(hot: 0.0% of CPU in this loop\)`
		s += x
	}
	return s
}
