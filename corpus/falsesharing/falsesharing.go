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
// times. It and fastCount are written out, not shared through a helper
// taking func values: perflint must see which goroutine writes each
// field, and it does not follow func values.
func slowCount(ops int) int64 {
	var s slowStats
	var wg sync.WaitGroup
	wg.Go(func() {
		for range ops {
			s.hit()
		}
	})
	wg.Go(func() {
		for range ops {
			s.miss()
		}
	})
	wg.Wait()
	return s.hits.Load() + s.misses.Load()
}

// fastCount does the same on the padded struct.
func fastCount(ops int) int64 {
	var s fastStats
	var wg sync.WaitGroup
	wg.Go(func() {
		for range ops {
			s.hit()
		}
	})
	wg.Go(func() {
		for range ops {
			s.miss()
		}
	})
	wg.Wait()
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

// alignedCounters holds two counters at offsets 16 and 64 of a 328-byte
// struct. Its size class is 352 bytes, so the allocator starts it at 0
// or 32 modulo 64: the counters never share a line, and perflint says
// nothing. alignedPadded pads them 128 bytes apart all the same: the
// Alignment pair measures that this gains nothing (not a finding pair:
// perflint flags neither side).
type alignedCounters struct {
	_ [16]byte
	a atomic.Int64 // offset 16
	_ [40]byte
	b atomic.Int64 // offset 64
	_ [256]byte
}

type alignedPadded struct {
	_ [16]byte
	a atomic.Int64 // offset 16
	_ [120]byte
	b atomic.Int64 // offset 144
	_ [176]byte
}

func countAligned(ops int) int64 {
	s := new(alignedCounters)
	inParallel(ops, func() { s.a.Add(1) }, func() { s.b.Add(1) })
	return s.a.Load() + s.b.Load()
}

func countAlignedPadded(ops int) int64 {
	s := new(alignedPadded)
	inParallel(ops, func() { s.a.Add(1) }, func() { s.b.Add(1) })
	return s.a.Load() + s.b.Load()
}

// sharedLine has two goroutines each bump its own counter and a total
// they share: the line moves between the cores on every total update,
// whatever separates a from b. perflint stays silent (per-goroutine
// totals would be the fix, a different change); sharedLinePadded pads a
// off the line of b and total, and the SharedLine pair measures that
// this gains little or nothing (not a finding pair).
type sharedLine struct {
	a     atomic.Int64
	b     atomic.Int64
	total atomic.Int64
}

type sharedLinePadded struct {
	a     atomic.Int64
	_     [120]byte
	b     atomic.Int64
	total atomic.Int64
}

func (s *sharedLine) incA() { s.a.Add(1); s.total.Add(1) }
func (s *sharedLine) incB() { s.b.Add(1); s.total.Add(1) }

func (s *sharedLinePadded) incA() { s.a.Add(1); s.total.Add(1) }
func (s *sharedLinePadded) incB() { s.b.Add(1); s.total.Add(1) }

func countShared(ops int) int64 {
	s := new(sharedLine)
	inParallel(ops, s.incA, s.incB)
	return s.total.Load()
}

func countSharedPadded(ops int) int64 {
	s := new(sharedLinePadded)
	inParallel(ops, s.incA, s.incB)
	return s.total.Load()
}

// slowLocked keeps a counter that a reader adds to atomically beside
// one that a writer adds to under a mutex (nats.go's Statistics: InMsgs
// by the read loop, OutMsgs by publishers under the connection's lock,
// which lies outside Statistics).
type slowLocked struct {
	received atomic.Int64
	sent     int64
}

// fastLocked pads them apart.
type fastLocked struct {
	received atomic.Int64
	_        [120]byte
	sent     int64
}

// slowLockedCount has one goroutine count what it receives and another
// what it sends, under a lock of its own, each ops times.
func slowLockedCount(ops int) int64 {
	var s slowLocked
	var mu sync.Mutex
	var wg sync.WaitGroup
	wg.Go(func() {
		for range ops {
			s.received.Add(1)
		}
	})
	wg.Go(func() {
		for range ops {
			mu.Lock()
			s.sent++
			mu.Unlock()
		}
	})
	wg.Wait()
	return s.received.Load() + s.sent
}

// fastLockedCount does the same on the padded struct.
func fastLockedCount(ops int) int64 {
	var s fastLocked
	var mu sync.Mutex
	var wg sync.WaitGroup
	wg.Go(func() {
		for range ops {
			s.received.Add(1)
		}
	})
	wg.Go(func() {
		for range ops {
			mu.Lock()
			s.sent++
			mu.Unlock()
		}
	})
	wg.Wait()
	return s.received.Load() + s.sent
}
