package falsesharingfix

import "sync/atomic"

type stats struct {
	hits   atomic.Int64
	misses atomic.Int64 // want `atomic fields hits`
}

func (s *stats) hit()  { s.hits.Add(1) }
func (s *stats) miss() { s.misses.Add(1) }

type shard struct {
	n atomic.Int64
}

type counter struct{ shards []shard }

func (c *counter) inc(worker int) {
	c.shards[worker].n.Add(1) // want `elements of c.shards`
}

// Exported: no fix.
type Public struct {
	A atomic.Int64
	B atomic.Int64 // want `atomic fields A`
}

func (p *Public) a() { p.A.Add(1) }
func (p *Public) b() { p.B.Add(1) }

// Written as an unkeyed literal: a new field would break it, so no fix.
type pair struct {
	in  atomic.Int64
	out atomic.Int64 // want `atomic fields in`
}

func (p *pair) recv() { p.in.Add(1) }
func (p *pair) send() { p.out.Add(1) }

var _ = pair{atomic.Int64{}, atomic.Int64{}}
