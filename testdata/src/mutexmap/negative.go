package mutexmap

import (
	"sync"
	"time"
)

func lockAroundLoop(words []string) {
	go func() {
		mu.Lock()
		for _, w := range words {
			counts[w]++
		}
		mu.Unlock()
	}()
}

func localMerge(chunks [][]string) {
	var wg sync.WaitGroup
	for _, words := range chunks {
		wg.Go(func() {
			local := map[string]int{}
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
}

func blockingBetween(jobs <-chan string) {
	go func() {
		for j := range jobs {
			mu.Lock()
			counts[j]++
			mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}()
}

func channelEach(words []string, out chan<- int) {
	go func() {
		for _, w := range words {
			mu.Lock()
			n := counts[w]
			mu.Unlock()
			out <- n
		}
	}()
}

func syncMap(keys []string) {
	var m sync.Map
	go func() {
		for _, k := range keys {
			m.Store(k, 1)
		}
	}()
}

// notInGoroutine runs in its caller's goroutine, in a plain function.
func notInGoroutine(words []string) {
	for _, w := range words {
		mu.Lock()
		counts[w]++
		mu.Unlock()
	}
}

// valueReceiver: a value receiver copies the mutex; not this rule.
type plain struct {
	m map[string]int
}

func (p *plain) fill(keys []string, l *sync.Mutex) {
	for _, k := range keys {
		l.Lock()
		p.m[k] = 1
		l.Unlock()
	}
}

type codec interface{ ReadHeader() (int, error) }

type client struct {
	mu      sync.Mutex
	pending map[int]string
	codec   codec
}

// input waits for each response: one lock per item is inherent.
func (c *client) input() {
	for {
		seq, err := c.codec.ReadHeader()
		if err != nil {
			return
		}
		c.mu.Lock()
		delete(c.pending, seq)
		c.mu.Unlock()
	}
}

func (c *client) start() { go c.input() }
