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
// around the loop would deadlock, and merging the updates later would
// hide them from the code that locks it again. Silent.
func (r *registry) addAll(keys []string) {
	for i, k := range keys {
		r.mu.Lock()
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

type store struct {
	mu     sync.Mutex
	totals map[string]int
	onDrop func(string) // may call back into the store
}

func (s *store) notify(k string) { s.onDrop(k) }

// The loop calls a callback through notify: it may lock s.mu. Silent.
func (s *store) dropAll(keys []string) {
	for _, k := range keys {
		s.mu.Lock()
		delete(s.totals, k)
		s.mu.Unlock()
		s.notify(k)
	}
}

// The same with the callback called directly.
func (s *store) dropSome(keys []string) {
	for _, k := range keys {
		s.mu.Lock()
		n := s.totals[k]
		delete(s.totals, k)
		s.mu.Unlock()
		if n > 0 {
			s.onDrop(k)
		}
	}
}

func normalize(s string) string { return s + "/" }

// The loop calls a function of the package that locks nothing and calls
// only what it can see: no deadlock. But locking around the loop would
// serialize normalize across the goroutines: only the merge is advised.
func (r *registry) addNormalized(keys []string) {
	go func() {
		for i, k := range keys {
			k = normalize(k)
			r.mu.Lock() // want `r.mu is locked once per item in this loop to update map names; collect the updates in a local map and merge them under one lock after the loop$`
			r.names[k] = i
			r.mu.Unlock()
		}
	}()
}

// Work outside a section that reads: hoisting would serialize the work,
// and nothing else is safe. Silent.
func (r *registry) scoreAll(keys []string, out []int) {
	go func() {
		for i, k := range keys {
			k = normalize(k)
			r.mu.Lock()
			n := r.names[k]
			r.mu.Unlock()
			out[i] = n
		}
	}()
}
