// Rule: no pointer-receiver advice when a call uses a non-addressable
// receiver or a value must satisfy an interface through its value
// method set.
package needlesscopyrecv

import "fmt"

type big struct {
	name string
	data [255]int64
}

// plain is only ever called on addressable values: a finding.
func (b big) plain() int64 { return b.data[0] } // want `receiver b of type big \(2056 bytes\) is copied on every call and only read; use a pointer receiver \(\*big\)`

func callsPlain(xs []big, m map[string]*big) int64 {
	var b big
	return b.plain() + xs[0].plain() + m["a"].plain()
}

// Each of the types below has a value method called on a value that is
// not addressable, or its values become interfaces (any, so that no
// interface in scope names the method: that is a rule of its own), which
// a dynamic type assertion may ask for the method: silent.

type asserted big

func (a asserted) get() int64 { return a.data[1] }

func viaAssertion(x any) int64 { return x.(asserted).get() }

type mapped big

func (m mapped) get() int64 { return m.data[1] }

func viaMapIndex(m map[string]mapped) int64 { return m["k"].get() }

type returned big

func (r returned) get() int64 { return r.data[1] }

func makeReturned() returned { return returned{} }

func viaCall() int64 { return makeReturned().get() }

type assigned big

func (a assigned) val() int64 { return a.data[2] }

func viaAssign(a assigned) { var g any; g = a; _ = g }

// A := that reuses g assigns to it: the value becomes an interface.
type redeclared big

func (r redeclared) val() int64 { return r.data[2] }

func viaRedeclare(r redeclared) {
	var g any
	g, n := r, 1
	_, _ = g, n
}

type lit big

func (l lit) val() int64 { return l.data[2] }

func viaCompositeLit(l lit) []any { return []any{l} }

type ret big

func (r ret) val() int64 { return r.data[2] }

func viaReturn(r ret) any { return r }

type arg big

func (a arg) val() int64 { return a.data[2] }

func use(g any) {}

func viaArg(a arg) { use(a) }

type variadic big

func (v variadic) val() int64 { return v.data[2] }

func viaVariadic(v variadic) { fmt.Println(v) }

type field big

func (f field) val() int64 { return f.data[2] }

type holder struct{ g any }

func viaField(f field) holder { return holder{g: f} }

type sent big

func (s sent) val() int64 { return s.data[2] }

func viaSend(ch chan any, s sent) { ch <- s }

type inner big

func (i inner) val() int64 { return i.data[2] }

// outer gets val from inner: converting outer needs inner's value method.
type outer struct{ inner }

func viaEmbedding(o outer) any { return o }

type typeArg big

func (t typeArg) val() int64 { return t.data[2] }

func generic[T any](t T) int64 { return 0 }

func viaTypeArg(t typeArg) int64 { return generic(t) }

type converted big

func (c converted) val() int64 { return c.data[2] }

func viaConversion(c converted) any { return any(c) }

// ptrConv: only *ptrConv becomes an interface, which keeps every method.
type ptrConv big

func (p ptrConv) get3() int64 { return p.data[3] } // want `receiver p of type ptrConv`

func viaPointer(p *ptrConv) any { return p }

type declared big

func (d declared) val() int64 { return d.data[2] }

func viaVarDecl(d declared) any {
	var x any = d
	return x
}

type compared big

func (c compared) val() int64 { return c.data[2] }

func viaComparison(c compared, x any) bool { return x == c }

type keyed struct {
	id   int64
	data [255]int64
}

func (k keyed) val() int64 { return k.data[2] }

func viaMapKey(m map[any]int, k keyed) int { return m[k] }
