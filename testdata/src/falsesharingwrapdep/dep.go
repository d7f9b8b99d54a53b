// Package falsesharingwrapdep declares types that wrap one atomic value,
// as pebble's base.AtomicSeqNum does, and look-alikes that do not.
package falsesharingwrapdep

import "sync/atomic"

// AtomicSeqNum wraps one atomic.Uint64: its Add and Store write it.
type AtomicSeqNum struct {
	value atomic.Uint64
}

func (a *AtomicSeqNum) Load() uint64                    { return a.value.Load() }
func (a *AtomicSeqNum) Store(v uint64)                  { a.value.Store(v) }
func (a *AtomicSeqNum) Add(d uint64) uint64             { return a.value.Add(d) }
func (a *AtomicSeqNum) CompareAndSwap(o, n uint64) bool { return a.value.CompareAndSwap(o, n) }

// Nested wraps a wrapper: a wrapper too.
type Nested struct {
	_   [0]func()
	seq AtomicSeqNum
}

func (n *Nested) Add(d uint64) uint64 { return n.seq.Add(d) }

// Named holds an atomic and a name: not a wrapper, its Add may do
// anything to either.
type Named struct {
	n    atomic.Int64
	name string
}

func (c *Named) Add(d int64) { c.n.Add(d) }

// Plain wraps a plain integer outside go.uber.org/atomic: nothing says
// its Add is atomic.
type Plain struct {
	n int64
}

func (p *Plain) Add(d int64) { p.n += d }
