package falsesharingalias

import dep "falsesharingdep"

// The message spells the type as this file imports its package.
func bump(m *dep.Metrics, in <-chan int) {
	go func() {
		for range in {
			m.Reads.Add(1) // want `fields of dep.Metrics written by different goroutines: Reads \(offset 0\) and Writes \(offset 8\) share a 64-byte cache line; Reads: goroutine bump.func1; Writes: \(\*writer\).write; pad them apart in package falsesharingdep \(120 bytes per value\)`
		}
	}()
}

type writer struct{ m *dep.Metrics }

func (w *writer) write(ps [][]byte) {
	for range ps {
		w.m.Writes.Add(1)
	}
}
