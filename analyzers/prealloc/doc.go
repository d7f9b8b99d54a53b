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
// iterator function, for sc.Scan()), when the body can break or goto out
// of the loop, when a return in the loop returns the slice, when the
// append is conditional (a filter: with -prealloc.filter it reports these
// too, preallocating for the upper bound), when the loops run a constant
// 4 times or fewer (whatever each iteration adds), when the count is a
// benchmark's b.N (the loop repeats the
// work it measures), when the append sits in a closure or a deferred
// call, and when the slice is written in the loop by anything but the
// append. A return that drops the slice, or a panic, is no reason for
// silence: the slice is then never seen.
//
// Nested loops with known counts multiply (len(a)*len(b)) only when no
// inner count reads a variable declared by or inside an outer loop, or
// changed by its body: for _, t := range ts { for _, c := range t.cs {...} }
// has no count known before the outer loop. A slice declared inside the
// outer loop is sized from the inner loop alone. A map gets a hint only
// when its key is distinct per iteration (the range key or value, or the
// loop counter), never for a projection such as m[x.Kind] = x.
//
// It also finds: each name of var a, b []T; a slice that starts with k
// elements ([]T{x, y}, make([]T, k)), sized k+n; a loop inside an if; a
// range over x[a:b] or xs[i]; statements between the declaration and the
// loop that only read the slice (its len, a deferred closure, return s).
// Two loops in a row that append to one slice add their counts
// (len(a)+len(b)), and appends of single elements after the loop add
// theirs; when a later count is not known before the first loop, or the
// slice grows elsewhere, it stays silent rather than state a size that
// covers only the first loop. Each variable is reported once.
//
// The suggested fix never changes behaviour, and is written from the
// file's own text (types as the file spells them). The size goes to the
// declaration (make([]T, 0, n), make(map[K]V, n), make([]T, k, k+n),
// append(make([]T, 0, 2+n), x, y)) only when the declaration makes an
// empty or short value, the loop stands in the same block, and the
// statements in between can neither leave the function nor change what
// the count reads. Otherwise it goes right before the loop: a nil slice
// (var s []T), which encoding/json writes as null, stays nil with
// s = slices.Grow(s, n); a map is made there with its hint. A count that
// may be negative (range n, or n-a) is written max(0, n): such a loop runs
// zero times, but make and slices.Grow would panic. In a module older
// than go1.21 (no slices, no max) the fix makes the slice before the loop
// under if n > 0 { s = make([]T, 0, n) }, which keeps a nil slice nil.
// Names the fix writes (make, max, slices) must mean the builtin or the
// package where they are written, or no fix is offered.
//
// Cost: the benchmark pairs are in corpus/prealloc; docs/costs.md gives
// their measured times and allocations at every size, and perflint help
// prealloc ends with the headline figure.
package prealloc
