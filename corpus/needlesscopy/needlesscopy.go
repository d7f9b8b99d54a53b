// Package needlesscopy holds the benchmark pairs of the needlesscopy
// analyzer: slowX is code perflint flags, fastX its fix. They are
// unexported because needlesscopy leaves exported signatures alone.
package needlesscopy

import (
	"bufio"
	"io"
)

// Candidate is a 2 KiB record, well above the measured threshold.
type Candidate struct {
	Name    string
	Votes   int64
	History [253]int64
}

// slowScore takes the record by value and only reads it.
//
//go:noinline
func slowScore(c Candidate) int64 { return c.Votes*2 + c.History[252] }

// fastScore takes a pointer.
//
//go:noinline
func fastScore(c *Candidate) int64 { return c.Votes*2 + c.History[252] }

// slowTotal copies every element into the range variable.
func slowTotal(cs []Candidate) int64 {
	var s int64
	for _, c := range cs {
		s += c.Votes
	}
	return s
}

// fastTotal indexes instead.
func fastTotal(cs []Candidate) int64 {
	var s int64
	for i := range cs {
		c := &cs[i]
		s += c.Votes
	}
	return s
}

type histogram struct {
	buckets [512]int64
}

// slowSum ranges over the array value, copying 4 KiB first.
func (h *histogram) slowSum() int64 {
	var s int64
	for _, b := range h.buckets {
		s += b
	}
	return s
}

// fastSum ranges over a pointer to it.
func (h *histogram) fastSum() int64 {
	var s int64
	for _, b := range &h.buckets {
		s += b
	}
	return s
}

// slowWrite converts each line to bytes for a *bufio.Writer.
func slowWrite(w *bufio.Writer, lines []string) {
	for _, l := range lines {
		w.Write([]byte(l))
	}
}

// fastWrite writes the strings as they are.
func fastWrite(w *bufio.Writer, lines []string) {
	for _, l := range lines {
		w.WriteString(l)
	}
}

// slowWriteTo converts each line to bytes for an io.Writer.
func slowWriteTo(w io.Writer, lines []string) {
	for _, l := range lines {
		w.Write([]byte(l))
	}
}

// fastWriteTo uses io.WriteString, which calls the writer's WriteString.
func fastWriteTo(w io.Writer, lines []string) {
	for _, l := range lines {
		io.WriteString(w, l)
	}
}
