package falsesharingfix

import "sync/atomic"

type stats struct { // want `fields of stats written by different goroutines`
	hits   atomic.Int64
	misses atomic.Int64
}

func (s *stats) hit()  { s.hits.Add(1) }
func (s *stats) miss() { s.misses.Add(1) }

// Six counters: one fix pads each onto a line of its own, once.
type txStats struct { // want `pages \(offset 0\), cursors \(offset 8\), nodes \(offset 16\) and splits \(offset 24\) share`
	pages   atomic.Int64
	cursors atomic.Int64 // documented
	// nodes has a doc comment: the padding goes above it.
	nodes  atomic.Int64
	splits atomic.Int64
}

func (t *txStats) page()   { t.pages.Add(1) }
func (t *txStats) cursor() { t.cursors.Add(1) }
func (t *txStats) node()   { t.nodes.Add(1) }
func (t *txStats) split()  { t.splits.Add(1) }

// Raw 64-bit atomics: the first stays first, and every padding is a
// multiple of 8 bytes, so both stay 8-byte aligned on 386 and arm.
type wire struct { // want `sent \(offset 0\) and received \(offset 8\) share`
	sent     uint64
	received uint64
	name     string
}

func (w *wire) send()    { atomic.AddUint64(&w.sent, 1) }
func (w *wire) receive() { atomic.AddUint64(&w.received, 1) }

type shard struct {
	n atomic.Int64 }

type counter struct{ shards []shard }

func (c *counter) inc(worker int) {
	c.shards[worker].n.Add(1) // want `elements of c.shards`
}

func start(c *counter) {
	for w := range 4 {
		go c.inc(w)
	}
}

// Exported: no fix.
type Public struct { // want `fields of Public`
	A atomic.Int64
	B atomic.Int64
}

func (p *Public) a() { p.A.Add(1) }
func (p *Public) b() { p.B.Add(1) }

// Written as an unkeyed literal: a new field would break it, so no fix.
type pair struct { // want `fields of pair`
	in  atomic.Int64
	out atomic.Int64
}

func (p *pair) recv() { p.in.Add(1) }
func (p *pair) send() { p.out.Add(1) }

var _ = pair{atomic.Int64{}, atomic.Int64{}}

// Converted to another struct type: a new field would break the
// conversion, so no fix.
type link struct { // want `fields of link`
	in  int64
	out int64
}

type snapshot struct {
	in  int64
	out int64
}

func (l *link) recv() { atomic.AddInt64(&l.in, 1) }
func (l *link) send() { atomic.AddInt64(&l.out, 1) }

func (l *link) snap() snapshot { return snapshot(*l) }

// Declared together: no place for padding between them, so no fix.
type both struct { // want `fields of both`
	x, y atomic.Int64
}

func (b *both) incX() { b.x.Add(1) }
func (b *both) incY() { b.y.Add(1) }

// Hit and miss of one kind are written together; the two kinds by
// different functions: one group, and padding only between the kinds.
type readerStats struct { // want `accountHit \(offset 0\), accountMiss \(offset 8\), storageHit \(offset 16\) and storageMiss \(offset 24\) share a 64-byte cache line`
	accountHit  atomic.Int64
	accountMiss atomic.Int64
	storageHit  atomic.Int64
	storageMiss atomic.Int64
}

func (r *readerStats) account(hit bool) {
	if hit {
		r.accountHit.Add(1)
	} else {
		r.accountMiss.Add(1)
	}
}

func (r *readerStats) storage(hit bool) {
	if hit {
		r.storageHit.Add(1)
	} else {
		r.storageMiss.Add(1)
	}
}

// The writers run in goroutines of their own.
func run(s *stats, t *txStats, w *wire, p *Public, q *pair, l *link, b *both, r *readerStats) {
	go s.hit()
	go s.miss()
	go t.page()
	go t.cursor()
	go t.node()
	go t.split()
	go w.send()
	go w.receive()
	go p.a()
	go p.b()
	go q.recv()
	go q.send()
	go l.recv()
	go l.send()
	go b.incX()
	go b.incY()
	go r.account(true)
	go r.storage(true)
}
