package falsesharing

import (
	"sync/atomic"

	"golang.org/x/sys/cpu"
)

type padded struct {
	a atomic.Int64
	_ [56]byte
	b atomic.Int64
}

func (p *padded) incA() { p.a.Add(1) }
func (p *padded) incB() { p.b.Add(1) }

type padCPU struct {
	a atomic.Int64
	_ cpu.CacheLinePad
	b atomic.Int64
}

func (p *padCPU) incA() { p.a.Add(1) }
func (p *padCPU) incB() { p.b.Add(1) }

type farApart struct {
	a   atomic.Int64
	buf [8]int64
	b   atomic.Int64
}

func (p *farApart) incA() { p.a.Add(1) }
func (p *farApart) incB() { p.b.Add(1) }

type single struct {
	n    atomic.Int64
	name string
}

func (s *single) inc() { s.n.Add(1) }

type together struct {
	count atomic.Int64
	sum   atomic.Int64
}

func (t *together) observe(v int64) {
	t.count.Add(1)
	t.sum.Add(v)
}

type config struct {
	limit   atomic.Int64
	timeout atomic.Int64
}

func newConfig() *config {
	c := &config{}
	c.limit.Store(10)
	c.timeout.Store(30)
	return c
}

func (c *config) read() int64 { return c.limit.Load() + c.timeout.Load() }

type tally struct {
	a atomic.Int64
	b atomic.Int64
}

func countA(xs []int) int64 {
	var t tally
	for range xs {
		t.a.Add(1)
	}
	return t.a.Load()
}

func countB(xs []int) int64 {
	var t tally
	for range xs {
		t.b.Add(1)
	}
	return t.b.Load()
}

type generic[T any] struct {
	a atomic.Int64
	b atomic.Int64
	v T
}

func (g *generic[T]) incA() { g.a.Add(1) }
func (g *generic[T]) incB() { g.b.Add(1) }

type bigShard struct {
	n atomic.Int64
	_ [120]byte
}

type paddedCounter struct{ shards []bigShard }

func (c *paddedCounter) inc(worker int) { c.shards[worker].n.Add(1) }

func sequential(c *counter) {
	for i := range c.shards {
		c.shards[i].n.Add(1)
	}
}

// A flag stored once on a rare path does not keep a line moving: only
// counters (Add) and writes in loops or goroutines count.
type service struct {
	closed   atomic.Bool
	requests atomic.Int64
}

func (s *service) Close()  { s.closed.Store(true) }
func (s *service) handle() { s.requests.Add(1) }

// Written together by one function: one protocol, not two writers.
type lockState struct {
	readers atomic.Int32
	waiting atomic.Int32
}

func (l *lockState) rlock()   { l.readers.Add(1) }
func (l *lockState) lock()    { l.readers.Add(-100); l.waiting.Add(1) }
func (l *lockState) runlock() { l.waiting.Add(-1) }
