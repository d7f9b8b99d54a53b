// Package falsesharing holds the benchmark pairs of the falsesharing
// analyzer: goroutines on different cores writing different variables
// of one cache line (slow) or of lines of their own (fast).
package falsesharing

import (
	"sync"
	"sync/atomic"
)

// slowStats keeps two counters that different goroutines write side by side.
type slowStats struct {
	hits   atomic.Int64
	misses atomic.Int64
}

func (s *slowStats) hit()  { s.hits.Add(1) }
func (s *slowStats) miss() { s.misses.Add(1) }

// fastStats pads them 128 bytes apart, as the fix does.
type fastStats struct {
	hits   atomic.Int64
	_      [120]byte
	misses atomic.Int64
}

func (s *fastStats) hit()  { s.hits.Add(1) }
func (s *fastStats) miss() { s.misses.Add(1) }

// slowCount has one goroutine count hits and another misses, each ops
// times.
func slowCount(ops int) int64 {
	var s slowStats
	inParallel(ops, s.hit, s.miss)
	return s.hits.Load() + s.misses.Load()
}

// fastCount does the same on the padded struct.
func fastCount(ops int) int64 {
	var s fastStats
	inParallel(ops, s.hit, s.miss)
	return s.hits.Load() + s.misses.Load()
}

// inParallel runs a and b ops times each, in two goroutines.
func inParallel(ops int, a, b func()) {
	var wg sync.WaitGroup
	for _, f := range []func(){a, b} {
		wg.Go(func() {
			for range ops {
				f()
			}
		})
	}
	wg.Wait()
}

// slowShard is one worker's counter: 8 bytes, 8 to a line.
type slowShard struct {
	n atomic.Int64
}

// fastShard pads each worker's counter to 128 bytes.
type fastShard struct {
	n atomic.Int64
	_ [120]byte
}

// slowWorkers runs workers goroutines, each incrementing its own shard
// ops times.
func slowWorkers(workers, ops int) {
	shards := make([]slowShard, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range ops {
				shards[w].n.Add(1)
			}
		})
	}
	wg.Wait()
}

// fastWorkers does the same with padded shards.
func fastWorkers(workers, ops int) {
	shards := make([]fastShard, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range ops {
				shards[w].n.Add(1)
			}
		})
	}
	wg.Wait()
}

// pad64 and pad128 put the counters 64 and 128 bytes apart: the record
// of whether amd64's paired-line prefetch makes 64 bytes too few.
type pad64 struct {
	a atomic.Int64
	_ [56]byte
	b atomic.Int64
}

type pad128 struct {
	a atomic.Int64
	_ [120]byte
	b atomic.Int64
}

func countPad64(ops int) {
	var s pad64
	inParallel(ops, func() { s.a.Add(1) }, func() { s.b.Add(1) })
}

func countPad128(ops int) {
	var s pad128
	inParallel(ops, func() { s.a.Add(1) }, func() { s.b.Add(1) })
}
