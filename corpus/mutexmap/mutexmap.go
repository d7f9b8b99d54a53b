// Package mutexmap holds the benchmark pairs of the mutexmap analyzer:
// a map behind a shared lock taken once per item, against goroutine-local
// maps merged once; and a read-mostly map behind a sync.Mutex against the
// lock-free alternatives the analyzer suggests (and a sync.RWMutex, for
// the record).
package mutexmap

import (
	"maps"
	"sync"
	"sync/atomic"
)

// slowWordCount counts words with one goroutine per chunk, locking the
// shared map once per word.
func slowWordCount(chunks [][]string) map[string]int {
	var mu sync.Mutex
	counts := make(map[string]int)
	var wg sync.WaitGroup
	for _, words := range chunks {
		wg.Go(func() {
			for _, w := range words {
				mu.Lock()
				counts[w]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return counts
}

// fastWordCount counts into a map per goroutine and merges each once.
func fastWordCount(chunks [][]string) map[string]int {
	var mu sync.Mutex
	counts := make(map[string]int)
	var wg sync.WaitGroup
	for _, words := range chunks {
		wg.Go(func() {
			local := make(map[string]int)
			for _, w := range words {
				local[w]++
			}
			mu.Lock()
			for w, n := range local {
				counts[w] += n
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return counts
}

// slowCache is a read-mostly map behind a sync.Mutex.
type slowCache struct {
	mu    sync.Mutex
	items map[string]int
}

func newSlowCache(items map[string]int) *slowCache {
	return &slowCache{items: maps.Clone(items)}
}

func (c *slowCache) get(k string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	return v, ok
}

func (c *slowCache) has(k string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.items[k]
	return ok
}

func (c *slowCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func (c *slowCache) set(k string, v int) {
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}

// fastCache keeps an immutable map behind an atomic.Pointer: readers load
// it without locking; a writer copies it, changes the copy and swaps it in.
type fastCache struct {
	mu    sync.Mutex // serializes writers only
	items atomic.Pointer[map[string]int]
}

func newFastCache(items map[string]int) *fastCache {
	c := &fastCache{}
	m := maps.Clone(items)
	c.items.Store(&m)
	return c
}

func (c *fastCache) get(k string) (int, bool) {
	v, ok := (*c.items.Load())[k]
	return v, ok
}

func (c *fastCache) set(k string, v int) {
	c.mu.Lock()
	next := maps.Clone(*c.items.Load())
	next[k] = v
	c.items.Store(&next)
	c.mu.Unlock()
}

// syncMapCache is the other suggestion: a sync.Map.
type syncMapCache struct{ m sync.Map }

func newSyncMapCache(items map[string]int) *syncMapCache {
	c := &syncMapCache{}
	for k, v := range items {
		c.m.Store(k, v)
	}
	return c
}

func (c *syncMapCache) get(k string) (int, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		return 0, false
	}
	return v.(int), true
}

func (c *syncMapCache) set(k string, v int) { c.m.Store(k, v) }

// rwCache is the sync.RWMutex version, measured for the record.
type rwCache struct {
	mu    sync.RWMutex
	items map[string]int
}

func newRWCache(items map[string]int) *rwCache { return &rwCache{items: maps.Clone(items)} }

func (c *rwCache) get(k string) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.items[k]
	return v, ok
}

func (c *rwCache) set(k string, v int) {
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}
