// Package needlesscopy defines an Analyzer that reports large values
// copied where a pointer or an index would do.
//
// # Analyzer needlesscopy
//
// report large values copied by parameter, receiver or range
//
// Passing a struct or array by value copies all of it on every call;
// ranging with a value variable copies every element; ranging over an
// array value copies the whole array before the first iteration. Small
// values are cheaper to copy than to reach through a pointer (the copy
// stays in registers or one cache line, the pointer may force the value
// onto the heap), so the analyzer reports only values of at least
// -needlesscopy.size bytes. That default is measured, not guessed: the
// corpus times a call by value against a call by pointer at 64 to 4096
// bytes, and the default is the smallest size at which the copy is both
// significantly (p < 0.05) and materially (at least 25%) slower. See the
// Threshold rows of docs/costs.md.
//
// It reports:
//
//   - a parameter or value receiver at least that large which the function
//     only reads (field reads: no assignment, no address taken, no
//     pointer-method call, not stored or passed on whole): pass a pointer;
//   - for _, v := range xs where the element is at least that large and v
//     is only read: index instead, for i := range xs { v := &xs[i] ... };
//   - a range over an array value at least that large: range over &arr or
//     arr[:];
//   - w.Write([]byte(s)) where the conversion allocates: into a
//     *bufio.Writer (use w.WriteString(s)) or through an interface such as
//     io.Writer (use io.WriteString(w, s), which avoids the copy only when
//     the dynamic writer has a WriteString method). (*bytes.Buffer).Write
//     and (*strings.Builder).Write([]byte(s)) are not reported: the
//     compiler converts without copying when the slice does not escape.
//
// Before:
//
//	func score(c Candidate) int { // Candidate is 2 KiB
//		return c.Votes * c.Weight
//	}
//
// After:
//
//	func score(c *Candidate) int {
//		return c.Votes * c.Weight
//	}
//
// It stays silent on small types; on parameters the function modifies
// (the copy is needed); on methods that may implement an interface (the
// signature is fixed, and a value receiver turned pointer changes which
// interfaces the value type satisfies), String, Error, MarshalJSON and
// the like; on functions used as func values; on exported functions and
// methods unless -needlesscopy.exported (a new signature breaks callers);
// on generic functions and types that hold type parameters (they are
// never measured: types.Sizes panics on them); on test files; on []*T
// ranges.
//
// Fixes: the range rewrite is offered where xs is a plain local variable
// that the loop body does not write or pass on; &arr where the body does
// not use arr; WriteString where the writer expression has no call in it.
// Changing a parameter to a pointer touches every caller, so it is left
// to the user.
//
// Cost: the benchmark pairs are in corpus/needlesscopy; docs/costs.md gives
// their measured times and allocations at every size, and perflint help
// needlesscopy ends with the headline figure.
package needlesscopy
