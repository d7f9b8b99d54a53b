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
