package mutexmapreads

import (
	"net/http"
	"sync"
)

// A service registry: looked up on every request by the handler, filled
// through the exported API. One finding for both of its maps.
type services struct {
	mu        sync.Mutex
	callbacks map[string]func() // want `maps callbacks and subs are read under sync.Mutex mu from goroutines and handlers \(\(\*services\).ServeHTTP\) and written only outside them \(by \(\*services\).Register\), and readers wait for each other; use a sync.Map, or an atomic.Pointer to a map copied on each \(rare\) write`
	subs      map[string]func()
}

func NewServices() *services {
	s := &services{callbacks: map[string]func(){}, subs: map[string]func(){}}
	s.Register("ping", func() {}, nil)
	return s
}

func (s *services) Register(name string, cb, sub func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.callbacks[name] = cb
	if sub != nil {
		s.subs[name] = sub
	}
}

func (s *services) callback(name string) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callbacks[name]
}

func (s *services) subscription(name string) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.subs[name]
}

func (s *services) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if cb := s.callback(r.URL.Path); cb != nil {
		cb()
	}
	if sub := s.subscription(r.URL.Path); sub != nil {
		sub()
	}
}

// Read by one goroutine only: it does not wait for other readers.
type watcher struct {
	mu    sync.Mutex
	state map[string]int
	ch    chan string
}

func NewWatcher() *watcher {
	w := &watcher{state: map[string]int{}, ch: make(chan string)}
	go w.loop()
	return w
}

func (w *watcher) loop() {
	for k := range w.ch {
		w.mu.Lock()
		_ = w.state[k]
		w.mu.Unlock()
	}
}

func (w *watcher) Set(k string, v int) {
	w.mu.Lock()
	w.state[k] = v
	w.mu.Unlock()
}

// Written by the handler too: not read-mostly.
type sessions struct {
	mu   sync.Mutex
	byID map[string]int
}

func (s *sessions) get(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byID[id]
}

func (s *sessions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.get(r.URL.Path) == 0 {
		s.mu.Lock()
		s.byID[r.URL.Path] = 1
		s.mu.Unlock()
	}
}

func (s *sessions) Drop(id string) {
	s.mu.Lock()
	delete(s.byID, id)
	s.mu.Unlock()
}

// Workers started in a loop read the table; only the API writes it.
type table struct {
	mu   sync.Mutex
	rows map[int]string // want `map rows is read under sync.Mutex mu from goroutines and handlers \(\(\*table\).work\) and written only outside them \(by \(\*table\).Put\)`
}

func NewTable(n int, jobs chan int) *table {
	t := &table{rows: map[int]string{}}
	for i := 0; i < n; i++ {
		go t.work(jobs)
	}
	return t
}

func (t *table) work(jobs chan int) {
	for j := range jobs {
		t.mu.Lock()
		_ = t.rows[j]
		t.mu.Unlock()
	}
}

func (t *table) Put(k int, v string) {
	t.mu.Lock()
	t.rows[k] = v
	t.mu.Unlock()
}
