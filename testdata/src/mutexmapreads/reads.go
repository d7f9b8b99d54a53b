package mutexmapreads

import "sync"

type cache struct {
	mu    sync.Mutex
	items map[string]string // want `map items is only read under sync.Mutex mu on 3 of the 4 paths from entry points that lock it \(written by \(\*cache\).set\), and readers wait for each other; use a sync.Map, or an atomic.Pointer to a map copied on each \(rare\) write`
}

func newCache() *cache { return &cache{items: make(map[string]string)} }

func (c *cache) get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}

func (c *cache) has(k string) bool {
	c.mu.Lock()
	_, ok := c.items[k]
	c.mu.Unlock()
	return ok
}

func (c *cache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *cache) set(k, v string) {
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}

// A balanced map: as many writes as reads.
type balanced struct {
	mu sync.Mutex
	m  map[int]int
}

func (b *balanced) get(k int) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m[k]
}

func (b *balanced) set(k, v int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[k] = v
}

// Already behind an RWMutex.
type rwCache struct {
	mu sync.RWMutex
	m  map[string]int
}

func (r *rwCache) a(k string) int    { r.mu.RLock(); defer r.mu.RUnlock(); return r.m[k] }
func (r *rwCache) b(k string) int    { r.mu.RLock(); defer r.mu.RUnlock(); return r.m[k] }
func (r *rwCache) c(k string) int    { r.mu.RLock(); defer r.mu.RUnlock(); return r.m[k] }
func (r *rwCache) d(k string, v int) { r.mu.Lock(); defer r.mu.Unlock(); r.m[k] = v }

// A registry written only from init.
var (
	regMu    sync.Mutex
	registry = map[string]func(){}
)

func init() { register("a", nil) }

func register(name string, f func()) { registry[name] = f }

func lookup1(name string) func() { regMu.Lock(); defer regMu.Unlock(); return registry[name] }
func lookup2(name string) func() { regMu.Lock(); defer regMu.Unlock(); return registry[name] }
func lookup3(name string) func() { regMu.Lock(); defer regMu.Unlock(); return registry[name] }

// An unguarded access somewhere: not guarded, so not this rule.
type leaky struct {
	mu sync.Mutex
	m  map[int]int
}

func (l *leaky) a(k int) int    { l.mu.Lock(); defer l.mu.Unlock(); return l.m[k] }
func (l *leaky) b(k int) int    { l.mu.Lock(); defer l.mu.Unlock(); return l.m[k] }
func (l *leaky) c(k int) int    { l.mu.Lock(); defer l.mu.Unlock(); return l.m[k] }
func (l *leaky) d(k, v int)     { l.mu.Lock(); defer l.mu.Unlock(); l.m[k] = v }
func (l *leaky) peek(k int) int { return l.m[k] }
