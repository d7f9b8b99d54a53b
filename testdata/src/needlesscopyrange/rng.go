// Rule: a range over a call result is indexed only after hoisting it.
package needlesscopyrange

import (
	"math/rand/v2"
	"os"
)

type big struct {
	id   int64
	data [255]int64
}

func load() []big { return nil }

type store struct{ m map[string][]big }

func (s *store) items() []big { return nil }

func overCall() int64 {
	var n int64
	for _, b := range load() { // want `range value b copies a 2048-byte big on every iteration and is only read; assign load\(\) to a local and index that: bs := load\(\); for i := range bs \{ b := &bs\[i\] ... \}`
		n += b.id
	}
	return n
}

func overMethodCall(s *store) int64 {
	var n int64
	for _, b := range s.items() { // want `assign s.items\(\) to a local and index that`
		n += b.id
	}
	return n
}

func overMapIndex(s *store) int64 {
	var n int64
	for _, b := range s.m["k"] { // want `assign s.m\["k"\] to a local and index that`
		n += b.id
	}
	return n
}

// A pointer to a slice: the index expression needs parentheses.
func overDeref(e *[]big) int64 {
	var n int64
	for _, b := range *e { // want `index instead: for i := range \*e \{ b := &\(\*e\)\[i\] ... \}`
		n += b.id
	}
	return n
}

type stat struct {
	name string
	info os.FileInfo
	pad  [250]int64
}

// The element type is spelled as the file spells it: the import name.
func spelled(ss []struct {
	f os.File
	p [300]int64
}) int64 {
	var n int64
	for _, s := range ss { // want `copies a \d+-byte struct\{f os.File; p \[300\]int64\}`
		n += s.p[0]
	}
	return n
}

func arrays() [300]int64 { return [300]int64{} }

// An array returned by a call is a temporary: &arrays() and arrays()[:]
// would not compile. Silent.
func overArrayCall() int64 {
	var n int64
	for _, x := range arrays() {
		n += x
	}
	return n
}

func overArrayMap(m map[string][300]int64) int64 {
	var n int64
	for _, x := range m["k"] {
		n += x
	}
	return n
}

// The array field of a value reached through a pointer: addressable.
type holder struct{ a [300]int64 }

func overArrayField(h *holder) int64 {
	var n int64
	for _, x := range h.a { // want `range over array h.a copies all 2400 bytes of it before the loop; range over &h.a or h.a\[:\]`
		n += x
	}
	return n
}

// A package whose name is not the last element of its path: spelled by
// its name.
func versioned(vs []struct {
	v rand.Rand
	p [300]int64
}) int64 {
	var n int64
	for _, v := range vs { // want `copies a \d+-byte struct\{v rand.Rand; p \[300\]int64\}`
		n += v.p[0]
	}
	return n
}
