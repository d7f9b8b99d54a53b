package needlesscopyfix

import (
	"bufio"
	"fmt"
)

type record struct {
	id      int64
	payload [255]int64
}

func total(rs []record) int64 {
	var s int64
	for _, r := range rs { // want `range value r copies`
		s += r.id
	}
	return s
}

func withKey(rs []record) {
	for k, r := range rs { // want `range value r copies`
		fmt.Println(k, r.id)
	}
}

func iUsed(rs []record, i int) int64 {
	var s int64
	for _, r := range rs { // want `range value r copies`
		s += r.id + int64(i)
	}
	return s
}

func writesElems(rs []record) {
	for _, r := range rs { // want `range value r copies`
		rs[0].id = r.id
	}
}

func overArray() int64 {
	var a [300]int64
	var s int64
	for _, x := range a { // want `range over array a copies`
		s += x
	}
	return s
}

func buffered(w *bufio.Writer, s string) {
	w.Write([]byte(s)) // want `use w.WriteString`
}

// The body calls a function of the package, which could write rs: the
// finding stays, without a fix.
func callsOut(rs []record) int64 {
	var s int64
	for _, r := range rs { // want `range value r copies`
		s += r.id + touch()
	}
	return s
}

var shared []record

func touch() int64 {
	shared[0].id++ // shared may be rs
	return 0
}

// A closure that captures r would see later writes through the
// pointer: no finding. A defer statement reads it at once, but runs
// later: a finding, no fix.
func captures(rs []record) []func() int64 {
	var fs []func() int64
	for _, r := range rs {
		fs = append(fs, func() int64 { return r.id })
	}
	return fs
}

func deferred(rs []record) {
	for _, r := range rs { // want `range value r copies`
		defer fmt.Println(r.id)
	}
}

// A write through a pointer that may point into rs: no fix.
func aliased(rs []record, p *record) int64 {
	var s int64
	for _, r := range rs { // want `range value r copies`
		p.id = 7
		s += r.id
	}
	return s
}

// A standard-library call given only values: the fix stays.
func stdCall(rs []record) {
	for _, r := range rs { // want `range value r copies`
		fmt.Println(r.id, len(r.payload))
	}
}

// An array whose address is taken may be written by a call in the loop.
func addressed() int64 {
	var a [300]int64
	p := &a
	var s int64
	for _, x := range a { // want `range over array a copies`
		s += x + bump(p)
	}
	return s
}

func bump(p *[300]int64) int64 {
	p[0]++
	return 0
}

var global [300]int64

func overGlobal() int64 {
	var s int64
	for _, x := range global { // want `range over array global copies`
		s += x + bump(&global)
	}
	return s
}

// A parameter array no callee can reach: the fix stays.
func param(a [300]int64) int64 {
	var s int64
	for _, x := range a { // want `range over array a copies`
		s += x
	}
	return s
}
