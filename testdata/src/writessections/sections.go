package writessections

import "sync"

type registry struct {
	mu    sync.Mutex
	items map[string]int
	count int
	log   []string
}

func (r *registry) get(k string) int {
	r.mu.Lock() // want `section mu writes \[\]; guards \[count items log\]`
	defer r.mu.Unlock()
	return r.items[k]
}

func (r *registry) add(k string) {
	r.mu.Lock() // want `section mu writes \[count items log\]; guards \[count items log\]`
	r.items[k] = 1
	r.record(k)
	r.mu.Unlock()
}

// record writes through a callee of the section.
func (r *registry) record(k string) {
	r.count++
	r.log = append(r.log, k)
}

// each takes the lock per item, and the callee takes it again: a loop
// body that re-locks mu.
func (r *registry) each(keys []string) {
	for _, k := range keys {
		r.mu.Lock() // want `section mu writes \[\]; guards \[count items log\]; loop calls locking mu: \(\*registry\).get`
		_ = r.items[k]
		r.mu.Unlock()
		_ = r.get(k)
	}
}
