package mutexmapreads

import (
	"net/http"
	"sync"
)

// A registry: one section reads it, one writes it, but the reading one
// runs on every request, from every handler.
type router struct {
	mu     sync.Mutex
	routes map[string]http.HandlerFunc // want `map routes is only read under sync.Mutex mu on 3 of the 4 paths from entry points that lock it \(written by \(\*router\).Handle\)`
}

func (rt *router) Handle(path string, h http.HandlerFunc) {
	rt.mu.Lock()
	rt.routes[path] = h
	rt.mu.Unlock()
}

func (rt *router) route(path string) http.HandlerFunc {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.routes[path]
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h := rt.route(r.URL.Path); h != nil {
		h(w, r)
	}
}

func (rt *router) Has(path string) bool { return rt.route(path) != nil }

func (rt *router) Serve(w http.ResponseWriter, r *http.Request, path string) {
	rt.route(path)(w, r)
}

// A section that reads the map but writes another field under the same
// mutex is a writing section: the lock serializes those writes anyway.
type transports struct {
	mu      sync.Mutex
	active  map[string]int
	waiting map[string]chan struct{}
}

func (t *transports) get(k string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.active[k]
}

func (t *transports) wait(k string) chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.active[k]; ok {
		return nil
	}
	ch := make(chan struct{})
	t.waiting[k] = ch
	return ch
}

func (t *transports) peek(k string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.active[k]
	return ok
}

func (t *transports) put(k string, v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.active[k] = v
}
