// Package prealloc defines an Analyzer that reports slices and maps grown
// one element per iteration of a loop whose trip count is known.
//
// # Analyzer prealloc
//
// preallocate slices and maps grown in a loop of known length
//
// A slice grown by append doubles its backing array (by 1.25x once it is
// large) each time it fills: growing to n elements allocates about log2(n)
// times and copies every element about twice. A map filled without a size
// hint rehashes as it grows. When the number of iterations is known before
// the loop starts (a range over a slice, array, map or integer, or a for
// loop i := a; i < n; i++ whose body changes neither i nor n) and every
// iteration adds one element, one allocation of the right size does.
//
// Before:
//
//	var out []string
//	for _, u := range users {
//		out = append(out, u.Name)
//	}
//
// After:
//
//	out := make([]string, 0, len(users))
//	for _, u := range users {
//		out = append(out, u.Name)
//	}
//
// The analyzer stays silent when the count is unknown (a channel, an
// iterator function, for sc.Scan()), when the body can leave early (break,
// return, goto, panic), when the append is conditional (a filter: with
// -prealloc.filter it reports these too, preallocating for the upper
// bound), when the count is a constant of 4 or less, when the append sits
// in a closure or a deferred call, and when the slice is written in the
// loop by anything but the append. Nested loops with known counts
// multiply (len(a)*len(b)). A map gets a hint only when its key is
// distinct per iteration (the range key or value, or the loop counter),
// never for a projection such as m[x.Kind] = x.
//
// The suggested fix never changes behaviour. make([]T, 0) and []T{} become
// make([]T, 0, n). A nil slice (var s []T) stays nil when the loop runs
// zero times (encoding/json writes null for nil and [] for empty), so it
// is grown right before the loop with s = slices.Grow(s, n), which leaves
// a nil slice nil when n is 0. A count that may be negative (range n, or
// n-a) is written max(0, n): such a loop runs zero times, but make and
// slices.Grow would panic.
//
// Cost: the benchmark pairs are in corpus/prealloc; docs/costs.md gives
// their measured times and allocations at every size, and perflint help
// prealloc ends with the headline figure.
package prealloc
