package mutexmap

import (
	"bufio"
	"net"
	"sync"
	"time"
)

type pump struct {
	mu      sync.Mutex
	pending map[int]string
	ready   map[string]bool
	next    chan int
	cond    *sync.Cond
	r       *bufio.Reader
}

// An event loop: each iteration waits for the next event.
func (p *pump) run() {
	for {
		id := <-p.next
		p.mu.Lock()
		delete(p.pending, id)
		p.mu.Unlock()
	}
}

// for cond {} retries: not a collection either.
func (p *pump) drain() {
	for len(p.pending) > 0 {
		p.mu.Lock()
		clear(p.pending)
		p.mu.Unlock()
	}
}

// Swapping out the whole map each round is already batched.
func (p *pump) sweep() {
	for {
		p.mu.Lock()
		batch := p.pending
		p.pending = map[int]string{}
		p.mu.Unlock()
		if len(batch) == 0 {
			return
		}
	}
}

// Blocking work outside the section in each iteration of a range.
func (p *pump) readAll(conn net.Conn, ids []int) {
	buf := make([]byte, 16)
	for _, id := range ids {
		if _, err := conn.Read(buf); err != nil {
			return
		}
		p.mu.Lock()
		p.pending[id] = string(buf)
		p.mu.Unlock()
	}
}

func (p *pump) lines(ids []int) {
	for _, id := range ids {
		line, err := p.r.ReadString('\n')
		if err != nil {
			return
		}
		p.mu.Lock()
		p.pending[id] = line
		p.mu.Unlock()
	}
}

func (p *pump) waitEach(ids []int) {
	for _, id := range ids {
		p.cond.L.Lock()
		p.cond.Wait()
		p.cond.L.Unlock()
		p.mu.Lock()
		delete(p.pending, id)
		p.mu.Unlock()
	}
}

func (p *pump) selectEach(ids []int, stop chan struct{}) {
	for _, id := range ids {
		select {
		case <-stop:
			return
		default:
		}
		p.mu.Lock()
		delete(p.pending, id)
		p.mu.Unlock()
	}
}

func (p *pump) paced(ids []int) {
	for _, id := range ids {
		time.Sleep(time.Millisecond)
		p.mu.Lock()
		delete(p.pending, id)
		p.mu.Unlock()
	}
}

// A worker ranging over a channel waits for each item: locking around
// the loop would hold the lock while waiting, and merging at the end
// would hide every update until the channel closes. Silent.
func (p *pump) worker(jobs <-chan string) {
	for j := range jobs {
		p.mu.Lock()
		p.ready[j] = true
		p.mu.Unlock()
	}
}

// A counting loop over a slice is a collection too.
func (p *pump) markAll(keys []string) {
	for i := 0; i < len(keys); i++ {
		p.mu.Lock() // want `p.mu is locked once per item in this loop to update map ready`
		p.ready[keys[i]] = true
		p.mu.Unlock()
	}
}
