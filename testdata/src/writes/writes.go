package writes

import (
	"net/http"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"writesdep"
)

type server struct {
	mu       sync.Mutex
	sessions map[string]int
	hits     atomic.Int64
	misses   atomic.Int64
	closed   atomic.Bool
	state    int32
	total    int64
	stats    *writesdep.Stats
}

func (s *server) Get(k string) int { // want `func \(\*server\).Get: roots exported; receiver Add; effects hits:Add mu:Lock\|Unlock`
	s.mu.Lock()   // want `Lock mu of server in \(\*server\).Get$`
	s.hits.Add(1) // want `Add hits of server in \(\*server\).Get locked mu`
	v := s.sessions[k]
	s.mu.Unlock() // want `Unlock mu of server in \(\*server\).Get`
	return v
}

func (s *server) put(k string, v int) { // want `func \(\*server\).put: roots go statement\(loop\),exported,unknown caller; repeats; effects mu:Lock\|Unlock sessions:map write`
	s.mu.Lock()       // want `Lock mu of server in \(\*server\).put`
	s.sessions[k] = v // want `map write sessions of server in \(\*server\).put locked mu`
	s.mu.Unlock()     // want `Unlock mu of server in \(\*server\).put`
}

// Load calls put: its effects hold put's writes.
func (s *server) Load(keys []string) { // want `func \(\*server\).Load: roots exported; receiver Add; effects misses:Add mu:Lock\|Unlock sessions:map write`
	s.misses.Add(1) // want `Add misses of server in \(\*server\).Load`
	for i, k := range keys {
		s.put(k, i) // section: see put
	}
	for _, k := range keys {
		go s.put(k, 0)
	}
}

// Writes to per-item objects do not repeat; to one object in a loop do.
type item struct{ n atomic.Int64 }

func bump(items []*item, s *server) { // want `func bump: roots unknown caller; effects n:Add total:store`
	for _, it := range items {
		it.n.Add(1) // want `Add n of item in bump branch 53$`
	}
	for i := range items {
		items[i].n.Add(1) // want `Add n of item in bump shard items\[i\] branch 56$`
		s.total++         // want `store total of server in bump loop`
	}
}

var _ = bump

// Objects of the function alone are not shared.
func local() int64 { // want `func local: roots unknown caller; effects`
	var t item
	t.n.Add(1)
	p := &server{}
	p.hits.Add(1)
	return t.n.Load() + p.hits.Load()
}

var _ = local

// Constant stores, guarded ones, CAS as a condition.
func (s *server) Close() { // want `func \(\*server\).Close: roots exported; receiver Store\|CompareAndSwap; effects closed:Store state:CompareAndSwap`
	if !s.closed.Load() {
		s.closed.Store(true) // want `Store closed of server in \(\*server\).Close const guarded`
	}
	if atomic.CompareAndSwapInt32(&s.state, 0, 1) { // want `CompareAndSwap state of server in \(\*server\).Close const guarded`
		return
	}
}

const debug = false

func (s *server) trace() { // want `func \(\*server\).trace: roots unknown caller; effects`
	if debug {
		s.hits.Add(1) // want `Add hits of server in \(\*server\).trace dead`
	}
}

// A struct of another package: its fields count with their own vars.
func (s *server) read() { // want `func \(\*server\).read: roots unknown caller; effects Reads:Add`
	s.stats.Reads.Add(1) // want `Add Reads of writesdep.Stats in \(\*server\).read`
}

// Handlers, started goroutines, init and reload.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want `func \(\*server\).ServeHTTP: roots handler; repeats; receiver Add; effects hits:Add`
	s.hits.Add(1) // want `Add hits of server in \(\*server\).ServeHTTP`
}

func (s *server) run(g *errgroup.Group, wg *sync.WaitGroup) { // want `func \(\*server\).run: roots unknown caller; effects`
	g.Go(func() error { // want `func \(\*server\).run.func1: roots errgroup; repeats; effects misses:Add`
		s.misses.Add(1) // want `Add misses of server in \(\*server\).run.func1`
		return nil
	})
	wg.Go(s.work)
}

func (s *server) work() { // want `func \(\*server\).work: roots WaitGroup.Go; repeats; receiver Add; effects hits:Add`
	s.hits.Add(1) // want `Add hits of server in \(\*server\).work`
}

var global = &server{}

func init() { // want `func init: roots init; cold; effects total:store`
	setup()
}

func setup() { // want `func setup: roots init; cold; effects total:store`
	global.total = 1 // want `store total of server in setup const`
}

func (s *server) reloadConfig() { // want `func \(\*server\).reloadConfig: roots unknown caller; cold; effects total:store`
	s.total = 2 // want `store total of server in \(\*server\).reloadConfig const`
}

// A loop body that calls a function locking the same mutex.
func (s *server) each(keys []string) { // want `func \(\*server\).each: roots unknown caller; effects mu:Lock\|Unlock sessions:map write`
	for _, k := range keys {
		s.mu.Lock() // want `Lock mu of server in \(\*server\).each loop`
		n := s.sessions[k]
		s.mu.Unlock() // want `Unlock mu of server in \(\*server\).each loop`
		s.put(k, n)
	}
}

// A literal assigned to a local runs when the function calls it.
func (s *server) batch(keys []string) { // want `func \(\*server\).batch: roots unknown caller; effects misses:Add`
	count := func() { // want `func \(\*server\).batch.func1: roots unknown caller; repeats; effects misses:Add`
		s.misses.Add(1) // want `Add misses of server in \(\*server\).batch.func1`
	}
	for range keys {
		count()
	}
}

// A cache filled once: the store follows a check of the field that
// returns.
type tx struct{ hash atomic.Pointer[string] }

func (t *tx) Hash() string { // want `func \(\*tx\).Hash: roots exported; receiver Store; effects hash:Store`
	if h := t.hash.Load(); h != nil {
		return *h
	}
	h := "x"
	t.hash.Store(&h) // want `Store hash of tx in \(\*tx\).Hash guarded`
	return h
}

// Roots through a reload do not count: apply is reached from Apply only.
func (s *server) reloadOptions() { // want `func \(\*server\).reloadOptions: roots unknown caller; cold; receiver Add; effects misses:Add`
	s.apply()
}

func (s *server) Apply() { s.apply() } // want `func \(\*server\).Apply: roots exported; receiver Add; effects misses:Add`

func (s *server) apply() { // want `func \(\*server\).apply: roots exported; receiver Add; effects misses:Add`
	s.misses.Add(1) // want `Add misses of server in \(\*server\).apply`
}

// Methods that write their receiver atomically: a call on a field held
// by value writes that field, with the method's kinds.
type count int64

func (c *count) ptr() *int64 { return (*int64)(c) } // want `func \(\*count\).ptr: roots unknown caller; effects`

func (c *count) inc(n int64) { atomic.AddInt64(c.ptr(), n) } // want `func \(\*count\).inc: roots unknown caller; receiver Add; effects`

func (c *count) get() int64 { return atomic.LoadInt64(c.ptr()) } // want `func \(\*count\).get: roots unknown caller; effects`

type word struct{ v atomic.Int64 }

func (w *word) set(v int64) { (*atomic.Int64)(&w.v).Store(v) } // want `func \(\*word\).set: roots unknown caller; receiver Store; effects`

type timing struct{ sum, n count }

func (t *timing) observe(d int64) { // want `func \(\*timing\).observe: roots unknown caller; receiver Add; effects n:Add sum:Add`
	t.sum.inc(d) // want `Add sum of timing in \(\*timing\).observe method`
	t.n.inc(1)   // want `Add n of timing in \(\*timing\).observe method`
}

type pstats struct {
	sent   count
	lat    timing
	last   word
	shared *count
}

func (p *pstats) send(d int64) { // want `func \(\*pstats\).send: roots unknown caller; receiver Add\|Store; effects last:Store lat:Add n:Add sent:Add sum:Add`
	p.sent.inc(1)    // want `Add sent of pstats in \(\*pstats\).send method`
	p.lat.observe(d) // want `Add lat of pstats in \(\*pstats\).send method`
	p.last.set(d)    // want `Store last of pstats in \(\*pstats\).send method`
	p.shared.inc(1)  // the counter lives elsewhere: not a write of p
	_ = p.sent.get() // reads only
	_ = p.sent.ptr() // reads only
}
