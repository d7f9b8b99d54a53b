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
//     pointer-method call, no slice of an array part, not stored): pass a
//     pointer. A parameter passed on whole to a parameter of a function of
//     the package that is itself only read (or as the receiver of such a
//     value method) counts as only read, to a fixed point through
//     recursion. Several parameters of one function with one type are one
//     finding;
//   - for _, v := range xs where the element is at least that large and v
//     is only read: index instead, for i := range xs { v := &xs[i] ... };
//     when xs is a call (or a map index), which indexing would evaluate
//     again on every iteration, assign it to a local first;
//   - a range over an addressable array value at least that large: range
//     over &arr or arr[:] (an array returned by a call or held in a map is
//     a temporary already). When its elements are large and only read, the
//     element finding alone: indexing skips both copies;
//   - w.Write([]byte(fmt.Sprintf(...))) (Sprint, Sprintln): use
//     fmt.Fprintf(w, ...), which formats into w with neither the string
//     nor its copy;
//   - w.Write([]byte(s)) where io.WriteString or w.WriteString avoids the
//     copy: the writer's concrete type (its static type, or the one type
//     every assignment gives a local interface variable) has a WriteString
//     of its own, declared beside its Write (*os.File, *bufio.Writer,
//     *maphash.Hash), and a Write the bytes escape through; or the writer
//     is an interface with WriteString; or an interface whose dynamic type
//     is unknown (io.Writer, http.ResponseWriter: io.WriteString avoids
//     the copy when that type has WriteString).
//
// It stays silent on the writes that gain nothing: a writer known to
// lack WriteString (a net.Conn, *tls.Conn, *net.TCPConn, a hash.Hash
// such as hmac's, also behind a local io.Writer), a WriteString promoted
// from an embedded buffer past the type's own Write, *bytes.Buffer,
// *strings.Builder and Write methods of the package that only read the
// bytes (the compiler converts without copying), and []byte(a + b + ...)
// (the runtime concatenates straight into the bytes: there is no string
// to copy).
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
// (the copy is needed), or passes on to one that does; on methods that
// may implement an interface (the signature is fixed), String, Error,
// MarshalJSON and the like; on value methods whose receiver must stay a
// value: called on a receiver that is not addressable (x.(T).m(),
// m[k].m(), f().m() would not compile with a pointer receiver), or of a
// type whose values (or those of a struct embedding it) become an
// interface or a type argument anywhere in the package (assigned, passed,
// returned, sent, put in a composite literal, compared, converted: the
// value's method set would lose the method); on functions used as func
// values; on exported functions and methods unless -needlesscopy.exported
// (a new signature breaks callers); on generic functions and types that
// hold type parameters (they are never measured: types.Sizes panics on
// them); on test files; on []*T ranges.
//
// Messages and fixes spell code as the file does: from the source text,
// types by the name the file imports their package under, &(*e)[i] for a
// pointer to a slice.
//
// Fixes:
//
//   - range by index, where xs is a plain local variable the body neither
//     writes nor passes on; v is not captured by a closure, a go or a
//     defer statement (so the Go version of the file, which decides what
//     a closure would see, does not matter); and nothing in the body could
//     write the element: no assignment through a pointer, an index or a
//     field to memory of the element's type or of a part of it, and no
//     call but builtins, conversions and standard-library functions given
//     only values that cannot reach such memory;
//   - &arr, where arr is a local array the body does not use and whose
//     address is never taken, sliced or captured: no callee can write it;
//   - w.WriteString(s), io.WriteString(w, s), where the writer expression
//     has no call in it and the WriteString reached is declared beside
//     the Write the code calls; io is imported when the file lacks it,
//     and the fix is dropped where the name io means something else;
//   - fmt.Fprintf(w, ...), where w itself (not only &w) is an io.Writer,
//     spelled with the file's name for fmt.
//
// Changing a parameter to a pointer touches every caller, so it is left
// to the user.
//
// Cost: the benchmark pairs are in corpus/needlesscopy; docs/costs.md gives
// their measured times and allocations at every size, and perflint help
// needlesscopy ends with the headline figure.
package needlesscopy
