// Package falsesharingheld holds structs by value inside others: their
// fields lie in the outer struct's memory, beside its own fields.
package falsesharingheld

import (
	"sync"
	"sync/atomic"

	"falsesharingdep"
)

// Statistics is embedded in conn at offset 0: InMsgs shares a line with
// conn's mutex. Its own two counters are written by the reader
// (atomically) and by the flusher (added to under conn's lock, per
// message): one finding here, and none for them at conn. pending, also
// stored under the lock per message, is no counter: it counts toward
// writing together only.
type Statistics struct { // want `fields of Statistics written by different goroutines: InMsgs \(offset 0\) and OutMsgs \(offset 8\) can share a 64-byte cache line; InMsgs: goroutine \(\*conn\).readLoop; OutMsgs: goroutine \(\*conn\).flusher; pad them apart \(120 bytes per value\)`
	InMsgs  uint64
	OutMsgs uint64
}

type conn struct { // want `fields of conn written by different goroutines: Statistics.InMsgs \(offset 0\) and mu \(offset 16\) can share a 64-byte cache line; Statistics.InMsgs: goroutine \(\*conn\).readLoop; mu: goroutine \(\*conn\).flusher; pad them apart \(112 bytes per value\)`
	Statistics
	mu      sync.Mutex
	pending []byte
}

func (c *conn) readLoop(in <-chan []byte) {
	for range in {
		atomic.AddUint64(&c.InMsgs, 1)
	}
}

func (c *conn) flusher(out <-chan []byte) {
	for p := range out {
		c.mu.Lock()
		c.pending = append(c.pending, p...)
		c.OutMsgs++
		c.mu.Unlock()
	}
}

func (c *conn) start(in, out <-chan []byte) {
	go c.readLoop(in)
	go c.flusher(out)
}

// A named field two levels down, beside the outer struct's own counter.
type counters struct {
	sent atomic.Int64
}

type link struct {
	id    int64
	stats counters
}

type server struct { // want `fields of server written by different goroutines: requests \(offset 0\) and primary.stats.sent \(offset 16\) can share a 64-byte cache line; requests: goroutine \(\*server\).serve; primary.stats.sent: goroutine \(\*server\).send; pad them apart \(112 bytes per value\)`
	requests atomic.Int64
	primary  link
}

func (s *server) serve(n int) {
	for range n {
		s.requests.Add(1)
	}
}

func (s *server) send(n int) {
	for range n {
		s.primary.stats.sent.Add(1)
	}
}

func (s *server) start() {
	go s.serve(10)
	go s.send(10)
}

// A struct of another package embedded: its counters lie beside the
// mutex. The pair of its own counters is reported at that struct.
type peer struct { // want `fields of peer written by different goroutines: Counters.Sent \(offset 0\), Counters.Received \(offset 8\) and mu \(offset 16\) can share a 64-byte cache line; Counters.Sent: goroutine \(\*peer\).send; Counters.Received: goroutine \(\*peer\).receive; mu: goroutine \(\*peer\).lock; pad them apart \(120 bytes per value\)`
	falsesharingdep.Counters
	mu sync.Mutex
}

func (p *peer) send(n int) {
	for range n {
		p.Sent.Add(1) // want `fields of falsesharingdep.Counters written by different goroutines: Sent \(offset 0\) and Received \(offset 8\) can share a 64-byte cache line`
	}
}

func (p *peer) receive(n int) {
	for range n {
		p.Counters.Received.Add(1)
	}
}

func (p *peer) lock(n int) {
	for range n {
		p.mu.Lock()
		p.mu.Unlock()
	}
}

func (p *peer) start() {
	go p.send(10)
	go p.receive(10)
	go p.lock(10)
}

// Writes to a struct value through a pointer to it do not count for the
// struct that holds it: bump knows nothing of holder.
type gauge struct {
	n atomic.Int64
}

type holder struct {
	g  gauge
	mu sync.Mutex
}

func bump(g *gauge, n int) {
	for range n {
		g.n.Add(1)
	}
}

func (h *holder) start() {
	go bump(&h.g, 10)
	go func() {
		for range 10 {
			h.mu.Lock()
			h.mu.Unlock()
		}
	}()
}

// An embedded pointer: the counters live in another object.
type viaPointer struct {
	*gauge
	mu sync.Mutex
}

func (v *viaPointer) start() {
	go func() {
		for range 10 {
			v.n.Add(1)
		}
	}()
	go func() {
		for range 10 {
			v.mu.Lock()
			v.mu.Unlock()
		}
	}()
}

// A standalone value of the inner type pairs with nothing.
var standalone gauge

func spin() {
	for range 10 {
		standalone.n.Add(1)
	}
}

func startSpin() { go spin() }

// Two counters in one unnamed struct: the holder reports them, without a
// fix (the padding would go inside the unnamed struct).
type unnamed struct { // want `fields of unnamed written by different goroutines: stats.hits \(offset 0\) and stats.misses \(offset 8\) share a 64-byte cache line`
	stats struct {
		hits   atomic.Int64
		misses atomic.Int64
	}
}

func (u *unnamed) start() {
	go func() { u.stats.hits.Add(1) }()
	go func() { u.stats.misses.Add(1) }()
}
