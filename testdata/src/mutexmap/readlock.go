package mutexmap

import "sync"

var (
	rw    sync.RWMutex
	table = map[string]int{}
)

// Readers of an RWMutex still write its reader count: one RLock per
// item from many goroutines contends as a Lock does.
func readLocked(keys []string) {
	go func() {
		for _, k := range keys {
			rw.RLock() // want `rw is read-locked once per item in this loop to read map table, and readers contend on its reader count; read-lock it once around the loop`
			_ = table[k]
			rw.RUnlock()
		}
	}()
}

// The loop calls a function that read-locks rw again: read-locking it
// around the loop could deadlock behind a waiting writer. Silent.
func readLockedRelock(keys []string) {
	go func() {
		for _, k := range keys {
			rw.RLock()
			_ = table[k]
			rw.RUnlock()
			lookup(k)
		}
	}()
}

func lookup(k string) int {
	rw.RLock()
	defer rw.RUnlock()
	return table[k]
}
