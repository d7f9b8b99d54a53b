// Package stringconcat defines an Analyzer that reports strings built by
// concatenation across the iterations of a loop.
//
// # Analyzer stringconcat
//
// build strings in loops with a strings.Builder
//
// Go strings are immutable: s += e allocates a new string of len(s)+len(e)
// bytes and copies both into it. Accumulating n pieces this way copies
// the growing prefix n times, O(n²) bytes in all, and allocates once per
// iteration. A strings.Builder appends into a growing buffer (amortized
// O(1) per byte) and String() returns that buffer without a copy.
//
// The analyzer reports s += e, s = s + e, s = e + s and
// s = fmt.Sprintf("...", s, ...) inside a loop, where s lives outside that
// loop: a local declared before it, a struct field such as r.body, or a
// package variable. Any loop counts, including those whose count is not
// known (for sc.Scan()), since the cost grows with the square of the
// iterations. It finds what the modernize stringsbuilder check and
// perfsprint's concat-loop miss: fields, package variables, s = e + s and
// fmt.Sprintf accumulation.
//
// Before:
//
//	var out string
//	for _, line := range lines {
//		out += line + "\n"
//	}
//	return out
//
// After:
//
//	var out strings.Builder
//	for _, line := range lines {
//		out.WriteString(line + "\n")
//	}
//	return out.String()
//
// It stays silent on a variable declared inside the loop (unless an inner
// loop accumulates it), on s = x + y where s is not an operand, on numeric
// +=, on loops with a constant count of 4 or less, and on loops whose body
// always leaves after its first iteration.
// A variable is reported once per function, at its first accumulation.
//
// The suggested fix, offered for a local string whose every use can be
// rewritten, turns the variable into a strings.Builder: s += e becomes
// s.WriteString(e) and each read becomes s.String() (which does not copy).
// When the loop's count is known and each iteration appends one constant,
// it also calls Grow before the loop (Grow takes an int: another integer
// type is converted, and a count that may be negative is written
// max(0, n)). No fix is offered for a variable declared in an if, for or
// switch initializer (a var declaration cannot stand there), or where
// strings does not mean the package.
//
// Cost: the benchmark pairs are in corpus/stringconcat; docs/costs.md gives
// their measured times and allocations at every size, and perflint help
// stringconcat ends with the headline figure.
package stringconcat
