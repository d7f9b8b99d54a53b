// Package atomic stands in for go.uber.org/atomic: types that wrap a
// plain integer and pass it to sync/atomic in their methods.
package atomic

import "sync/atomic"

type nocmp [0]func()

type Int64 struct {
	_ nocmp
	v int64
}

func (i *Int64) Load() int64             { return atomic.LoadInt64(&i.v) }
func (i *Int64) Add(d int64) int64       { return atomic.AddInt64(&i.v, d) }
func (i *Int64) Inc() int64              { return i.Add(1) }
func (i *Int64) Store(v int64)           { atomic.StoreInt64(&i.v, v) }
func (i *Int64) CAS(old, new int64) bool { return atomic.CompareAndSwapInt64(&i.v, old, new) }

type Bool struct {
	_ nocmp
	v uint32
}

func (b *Bool) Load() bool { return atomic.LoadUint32(&b.v) == 1 }
func (b *Bool) Store(v bool) {
	var u uint32
	if v {
		u = 1
	}
	atomic.StoreUint32(&b.v, u)
}
func (b *Bool) Toggle() bool {
	for {
		old := b.Load()
		if b.CAS(old, !old) {
			return old
		}
	}
}
func (b *Bool) CAS(old, new bool) bool { return false }
