package needlesscopy

import (
	"bytes"
	"fmt"
	"strings"
)

type small struct{ a, b int64 }

func smallParam(s small) int64 { return s.a + s.b }

func modified(r record) int64 {
	r.id++ // the copy is needed
	return r.id
}

func addressTaken(r record) *int64 { return &r.id }

func stored(r record) []record { return []record{r} }

func passedOn(r record) int64 { return modified(r) } // modified writes its copy

func arrayWrite(r record) int64 {
	r.payload[0] = 1
	return r.payload[0]
}

type ptrMethod struct {
	buf [300]int64
	c   counter
}

type counter struct{ n int64 }

func (c *counter) inc() { c.n++ }

func callsPointerMethod(p ptrMethod) { p.c.inc() }

// Exported: changing the signature breaks callers.
func Exported(r record) int64 { return r.id }

// String is called through fmt.Stringer.
func (t table) String() string { return t.name }

type shower interface{ show() string }

// show implements shower: its signature is fixed.
func (t table) show() string { return t.name }

var _ shower = (*table)(nil)

func usedAsValue(r record) int64 { return r.id }

var callback = usedAsValue

type generic[T any] struct {
	payload [300]int64
	x       T
}

func genericParam[T any](g generic[T]) int64 { return g.payload[0] }

func (g generic[T]) first() int64 { return g.payload[0] }

func pointers(rs []*record) int64 {
	var s int64
	for _, r := range rs {
		s += r.id
	}
	return s
}

func rangeModified(rs []record) {
	for _, r := range rs {
		r.id = 3
		_ = r
	}
}

func smallElems(xs []small) int64 {
	var s int64
	for _, x := range xs {
		s += x.a
	}
	return s
}

func buffer(b *bytes.Buffer, sb *strings.Builder, s string) {
	b.Write([]byte(s))
	sb.Write([]byte(s))
}

func bytesArg(w fmt.Stringer, b []byte) { _ = w }

func keyOnly(a [300]int64) {
	for i := range a { // no copy with the key alone
		_ = i
	}
}

type adapter struct {
	w interface{ Write([]byte) (int, error) }
}

// WriteString adapts a Write to WriteString: the conversion is the point.
func (a adapter) WriteString(s string) (int, error) { return a.w.Write([]byte(s)) }

// writeString prefers WriteString and falls back to Write, as io.WriteString does.
func writeString(w interface{ Write([]byte) (int, error) }, s string) (int, error) {
	if sw, ok := w.(interface{ WriteString(string) (int, error) }); ok {
		return sw.WriteString(s)
	}
	return w.Write([]byte(s))
}
