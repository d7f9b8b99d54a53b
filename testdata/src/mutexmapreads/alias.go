package mutexmapreads

import stdsync "sync"

// The message spells the mutex's type as this file does.
type names struct {
	mu    stdsync.Mutex
	byKey map[string]string // want `map byKey is only read under stdsync.Mutex mu on 3 of the 4 paths`
}

func (n *names) a(k string) string { n.mu.Lock(); defer n.mu.Unlock(); return n.byKey[k] }
func (n *names) b(k string) string { n.mu.Lock(); defer n.mu.Unlock(); return n.byKey[k] }
func (n *names) c(k string) string { n.mu.Lock(); defer n.mu.Unlock(); return n.byKey[k] }
func (n *names) d(k, v string)     { n.mu.Lock(); defer n.mu.Unlock(); n.byKey[k] = v }
