package needlesscopy

import (
	"bufio"
	"io"
)

// record is 2048 bytes: above any threshold the corpus may choose.
type record struct {
	id      int64
	payload [255]int64
}

func score(r record) int64 { // want `parameter r of type record \(2048 bytes\) is copied on every call and only read; pass a pointer \(\*record\)`
	return r.id + r.payload[3]
}

// passedOn2 hands r to score, which only reads it: r is only read too.
func passedOn2(r record) int64 { return score(r) } // want `parameter r of type record \(2048 bytes\) is copied on every call and only read`

type table struct {
	rows [256]int64
	name string
}

func (t table) sum() int64 { // want `receiver t of type table \(2064 bytes\) is copied on every call and only read; use a pointer receiver \(\*table\)`
	var s int64
	for i := range t.rows {
		s += t.rows[i]
	}
	return s
}

func total(rs []record) int64 {
	var s int64
	for _, r := range rs { // want `range value r copies a 2048-byte record on every iteration and is only read; index instead: for i := range rs \{ r := &rs\[i\] ... \}`
		s += r.id
	}
	return s
}

func overArray(a [300]int64) int64 {
	var s int64
	for _, x := range a { // want `range over array a copies all 2400 bytes of it before the loop; range over &a or a\[:\]`
		s += x
	}
	return s
}

func buffered(w *bufio.Writer, s string) {
	w.Write([]byte(s)) // want `\[\]byte\(s\) copies the string only to write it; use w.WriteString\(s\)`
}

func iface(w io.Writer, s string) {
	w.Write([]byte(s)) // want `\[\]byte\(s\) copies the string only to write it; use io.WriteString\(w, s\), which avoids the copy when the writer has a WriteString method`
}

func ifaceWithWriteString(w interface {
	io.Writer
	io.StringWriter
}, s string) {
	w.Write([]byte(s)) // want `use w.WriteString\(s\)`
}
