package falsesharingcpu

import (
	"sync/atomic"

	"golang.org/x/sys/cpu"
)

var _ cpu.CacheLinePad

type stats struct { // want `fields of stats written by different goroutines`
	hits   atomic.Int64
	misses atomic.Int64
}

func (s *stats) hit()  { s.hits.Add(1) }
func (s *stats) miss() { s.misses.Add(1) }

func run(s *stats) {
	go s.hit()
	go s.miss()
}
