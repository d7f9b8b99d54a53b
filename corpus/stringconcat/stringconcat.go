// Package stringconcat holds the benchmark pairs of the stringconcat
// analyzer: SlowX is flagged code, FastX its fix.
package stringconcat

import (
	"fmt"
	"strings"
)

// SlowJoin accumulates lines with +=.
func SlowJoin(lines []string) string {
	var out string
	for _, l := range lines {
		out += l + "\n"
	}
	return out
}

// FastJoin writes them into a strings.Builder.
func FastJoin(lines []string) string {
	var out strings.Builder
	for _, l := range lines {
		out.WriteString(l)
		out.WriteString("\n")
	}
	return out.String()
}

// Response is an HTTP-like response whose body is read line by line.
type Response struct{ Body string }

// SlowReadBody accumulates into a field.
func (r *Response) SlowReadBody(lines []string) {
	for _, l := range lines {
		r.Body += l
	}
}

// FastReadBody builds the body locally and stores it once.
func (r *Response) FastReadBody(lines []string) {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
	}
	r.Body = b.String()
}

// SlowCSV accumulates with fmt.Sprintf.
func SlowCSV(xs []int) string {
	s := ""
	for _, x := range xs {
		s = fmt.Sprintf("%s%d,", s, x)
	}
	return s
}

// FastCSV formats into a strings.Builder.
func FastCSV(xs []int) string {
	var b strings.Builder
	for _, x := range xs {
		fmt.Fprintf(&b, "%d,", x)
	}
	return b.String()
}
