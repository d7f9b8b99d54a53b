package mutexmap

import "sync"

type account struct {
	mu        sync.Mutex
	responses map[string]int
}

// Each item has its own mutex: not one lock taken per item.
func perAccount(accs []*account, key string) {
	go func() {
		for _, acc := range accs {
			acc.mu.Lock()
			delete(acc.responses, key)
			acc.mu.Unlock()
		}
	}()
}

type shard struct {
	mu sync.Mutex
	m  map[string]int
}

// One shard per key: the mutex differs per item.
func perShard(shards []shard, keys []string) {
	go func() {
		for i, k := range keys {
			shards[i%len(shards)].mu.Lock()
			shards[i%len(shards)].m[k]++
			shards[i%len(shards)].mu.Unlock()
		}
	}()
}

type node struct {
	mu   sync.Mutex
	m    map[string]int
	next *node
}

// cur moves along the list: a different mutex each time.
func walk(head *node, key string) {
	go func() {
		cur := head
		for i := 0; i < 10 && cur != nil; i++ {
			cur.mu.Lock()
			cur.m[key]++
			cur.mu.Unlock()
			cur = cur.next
		}
	}()
}

type server struct {
	mu    sync.Mutex
	conns map[string]int
	acc   *account
}

// s.acc.mu is one mutex for the whole loop.
func (s *server) drop(keys []string) {
	go func() {
		for _, k := range keys {
			s.acc.mu.Lock() // want `s.acc.mu is locked once per item in this loop to update map responses`
			delete(s.acc.responses, k)
			s.acc.mu.Unlock()
		}
	}()
}
