// Package falsesharingwrap bumps atomic wrapper types of other packages:
// their write methods write the field they are called on.
package falsesharingwrap

import (
	"falsesharingwrapdep"

	uatomic "go.uber.org/atomic"
)

// Sequence numbers of another package's wrapper type, one added to by a
// committer, the other stored per batch by a publisher.
type versions struct { // want `fields of versions written by different goroutines: logSeqNum \(offset 0\) and visibleSeqNum \(offset 8\) share a 64-byte cache line; logSeqNum: goroutine \(\*versions\).commit; visibleSeqNum: goroutine \(\*versions\).publish; pad them apart \(120 bytes per value\)`
	logSeqNum     falsesharingwrapdep.AtomicSeqNum
	visibleSeqNum falsesharingwrapdep.AtomicSeqNum
}

func (v *versions) commit(n int) {
	for range n {
		v.logSeqNum.Add(1)
	}
}

func (v *versions) publish(seqs <-chan uint64) {
	for s := range seqs {
		v.visibleSeqNum.Store(s)
	}
}

func (v *versions) start(seqs <-chan uint64) {
	go v.commit(10)
	go v.publish(seqs)
}

// go.uber.org/atomic counters, and a wrapper of a wrapper.
type conns struct { // want `fields of conns written by different goroutines: opened \(offset 0\), closed \(offset 8\) and retries \(offset 16\) can share a 64-byte cache line`
	opened  uatomic.Int64
	closed  uatomic.Int64
	retries falsesharingwrapdep.Nested
}

func (c *conns) start() {
	go func() { c.opened.Inc() }()
	go func() { c.closed.Add(1) }()
	go func() { c.retries.Add(1) }()
}

// Loads write nothing: one hot field.
type loaded struct {
	a falsesharingwrapdep.AtomicSeqNum
	b falsesharingwrapdep.AtomicSeqNum
}

func (l *loaded) start() {
	go func() { l.a.Add(1) }()
	go func() { _ = l.b.Load() }()
}

// Look-alikes that are no wrappers: a type with a second field, and one
// wrapping a plain integer.
type lookalikes struct {
	named falsesharingwrapdep.Named
	plain falsesharingwrapdep.Plain
}

func (l *lookalikes) start() {
	go func() { l.named.Add(1) }()
	go func() { l.plain.Add(1) }()
}

// A constant store is a state change; Toggle once per call is not hot
// unless it repeats.
type flags struct {
	closed  uatomic.Bool
	running uatomic.Bool
}

func (f *flags) start() {
	go func() { f.closed.Store(true) }()
	go func() { f.running.Toggle() }()
}

// A wrapper held by pointer: Add writes the object it points at.
type shared struct {
	seq  *falsesharingwrapdep.AtomicSeqNum
	seq2 *falsesharingwrapdep.AtomicSeqNum
}

func (s *shared) start() {
	go func() { s.seq.Add(1) }()
	go func() { s.seq2.Add(1) }()
}
