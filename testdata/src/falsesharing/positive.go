package falsesharing

import (
	"sync"
	"sync/atomic"
)

type stats struct {
	hits   atomic.Int64
	misses atomic.Int64 // want `atomic fields hits \(offset 0\) and misses \(offset 8\) share a 64-byte cache line and are written independently; pad them apart \(120 bytes per value\)`
}

func (s *stats) hit()  { s.hits.Add(1) }
func (s *stats) miss() { s.misses.Add(1) }

type raw struct {
	sent     int64
	received int64 // want `fields sent \(offset 0\) and received \(offset 8\) share a 64-byte cache line`
}

func (r *raw) send()    { atomic.AddInt64(&r.sent, 1) }
func (r *raw) receive() { atomic.AddInt64(&r.received, 1) }

type server struct {
	mu       sync.Mutex
	sessions map[string]int
	requests atomic.Uint64 // want `fields mu \(offset 0\) and requests \(offset 16\) share a 64-byte cache line`
}

func (s *server) track(ids <-chan string) {
	for id := range ids {
		s.mu.Lock()
		s.sessions[id]++
		s.mu.Unlock()
	}
}

func (s *server) serve() { s.requests.Add(1) }

func goroutines(s *stats) {
	go func() { s.hits.Add(1) }()
	go func() { s.misses.Add(1) }()
}

type shard struct {
	n atomic.Int64
}

type counter struct {
	shards []shard
}

func (c *counter) inc(worker int) {
	c.shards[worker].n.Add(1) // want `elements of c.shards are 8 bytes, so 8 neighbouring workers write one 64-byte cache line; pad the element type to 128 bytes \(120 bytes per element\)`
}

var perWorker [16]atomic.Int64

func run(n int) {
	for i := range n {
		go func() {
			perWorker[i].Add(1) // want `elements of perWorker are 8 bytes`
		}()
	}
}
