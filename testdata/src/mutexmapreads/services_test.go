package mutexmapreads

import "testing"

// A test that creates many watchers does not make the watcher's one
// goroutine many.
func TestWatchers(t *testing.T) {
	for i := 0; i < 10; i++ {
		w := NewWatcher()
		w.Set("a", i)
	}
}
