package mutexmap

import "sync"

type registry struct {
	mu    sync.Mutex
	names map[string]int
	log   []string
}

func (r *registry) note(s string) {
	r.mu.Lock()
	r.log = append(r.log, s)
	r.mu.Unlock()
}

func (r *registry) record(s string) { r.note(s) }

// The loop calls record, which locks r.mu through note: locking r.mu
// around the loop would deadlock. Only the merge is advised.
func (r *registry) addAll(keys []string) {
	for i, k := range keys {
		r.mu.Lock() // want `r.mu is locked once per item in this loop to update map names; collect the updates in a local map and merge them under one lock after the loop$`
		r.names[k] = i
		r.mu.Unlock()
		r.record(k)
	}
}

// Read-only and relocking: nothing safe to advise.
func (r *registry) find(keys []string) int {
	n := 0
	for _, k := range keys {
		r.mu.Lock()
		n += r.names[k]
		r.mu.Unlock()
		r.note(k)
	}
	return n
}

// The section reads what it removes, and the loop relocks: neither
// merging later nor hoisting is safe. Silent.
func (r *registry) takeAll(keys []string) int {
	n := 0
	for _, k := range keys {
		r.mu.Lock()
		i, ok := r.names[k]
		delete(r.names, k)
		r.mu.Unlock()
		if ok {
			n += i
			r.record(k)
		}
	}
	return n
}
