package mutexmapreads

import "sync"

// A helper that callers must call with the lock held: its accesses are
// guarded by that lock, and count in the callers' sections.
type accounts struct {
	mu     sync.Mutex
	byName map[string]int // want `map byName is only read under sync.Mutex mu on 3 of the 4 paths from entry points that lock it \(written by \(\*accounts\).Add\)`
}

// findLocked must be called with a.mu held.
func (a *accounts) findLocked(n string) int { return a.byName[n] }

func (a *accounts) Find(n string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.findLocked(n)
}

func (a *accounts) Has(n string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.findLocked(n) != 0
}

func (a *accounts) Get(n string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.byName[n]
}

func (a *accounts) Add(n string, v int) {
	a.mu.Lock()
	a.byName[n] = v
	a.mu.Unlock()
}

// One caller does not hold the lock: not guarded.
type loose struct {
	mu sync.Mutex
	m  map[string]int
}

func (l *loose) findLocked(n string) int { return l.m[n] }

func (l *loose) A(n string) int { l.mu.Lock(); defer l.mu.Unlock(); return l.findLocked(n) }
func (l *loose) B(n string) int { l.mu.Lock(); defer l.mu.Unlock(); return l.findLocked(n) }
func (l *loose) C(n string) int { l.mu.Lock(); defer l.mu.Unlock(); return l.m[n] }
func (l *loose) D(n string, v int) {
	l.mu.Lock()
	l.m[n] = v
	l.mu.Unlock()
}
func (l *loose) Peek(n string) int { return l.findLocked(n) }

// Writes to the maps a map holds are writes: every section here writes.
type expectations struct {
	mu   sync.Mutex
	logs map[int]map[string]int
}

func (e *expectations) matchLocked(kind int, s string) bool {
	if e.logs[kind][s] > 0 {
		e.logs[kind][s]--
		return true
	}
	return false
}

func (e *expectations) Info(s string)  { e.mu.Lock(); defer e.mu.Unlock(); e.matchLocked(0, s) }
func (e *expectations) Warn(s string)  { e.mu.Lock(); defer e.mu.Unlock(); e.matchLocked(1, s) }
func (e *expectations) Error(s string) { e.mu.Lock(); defer e.mu.Unlock(); e.matchLocked(2, s) }
func (e *expectations) Expect(kind int, s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.logs[kind][s]++
}
