package mutexmapreads

import (
	"net"
	"sync"
)

// Each accepted connection gets a client of its own and a goroutine that
// serves it: the copies of serve read their own client's map, never one
// another's, so no reader waits for another. Silent.
type ipcClient struct {
	conn    net.Conn
	mu      sync.Mutex
	pending map[uint64]string
}

func (c *ipcClient) Register(id uint64, q string) {
	c.mu.Lock()
	c.pending[id] = q
	c.mu.Unlock()
}

type agent struct{ ln net.Listener }

func (a *agent) listen() {
	for {
		conn, err := a.ln.Accept()
		if err != nil {
			return
		}
		client := &ipcClient{conn: conn, pending: make(map[uint64]string)}
		go a.serve(client)
	}
}

func (a *agent) serve(c *ipcClient) {
	for {
		a.respond(c, 1)
	}
}

func (a *agent) respond(c *ipcClient, id uint64) {
	c.mu.Lock()
	_ = c.pending[id]
	c.mu.Unlock()
}

func (a *agent) Start() { go a.listen() }

// The same fan-out reading one shared directory: reported.
type directory struct {
	mu      sync.Mutex
	entries map[string]string // want `map entries is read under sync.Mutex mu from goroutines and handlers \(\(\*hub\).serve\) and written only outside them \(by \(\*directory\).Add\)`
}

func (d *directory) Add(k, v string) {
	d.mu.Lock()
	d.entries[k] = v
	d.mu.Unlock()
}

type hub struct {
	ln  net.Listener
	dir *directory
}

func (h *hub) listen() {
	for {
		conn, err := h.ln.Accept()
		if err != nil {
			return
		}
		go h.serve(conn)
	}
}

func (h *hub) serve(conn net.Conn) {
	for {
		h.dir.mu.Lock()
		_ = h.dir.entries[conn.LocalAddr().String()]
		h.dir.mu.Unlock()
	}
}

func (h *hub) Start() { go h.listen() }
