// Package falsesharingfresh: writes that no other goroutine makes at the
// same time: to an object a constructor has just made, by setters a new
// object's setup calls, to an object each goroutine of a fan-out owns,
// and under one lock that every writer holds.
package falsesharingfresh

import (
	"sync"
	"sync/atomic"
)

func now() int64 { return 1 }

// A pooled connection: the filler goroutine dials new ones and marks
// them dialed before anyone else holds them; the server goroutines touch
// usedAt of the conns they take. dialed is written on fresh conns only:
// no pair.
type conn struct {
	usedAt atomic.Int64
	dialed atomic.Int64
}

func newConn() *conn {
	c := &conn{}
	return c
}

func (c *conn) touch() { c.usedAt.Store(now()) }

func (c *conn) markDialed() { c.dialed.Add(1) }

func dial() (*conn, error) {
	c := newConn() // a constructor's result is as fresh as &conn{}
	c.dialed.Store(now())
	return c, nil
}

type pool struct{ idle chan *conn }

func (p *pool) fill() {
	for {
		c, err := dial() // so is the result of a function returning one
		if err != nil {
			return
		}
		c.dialed.Add(1)
		c.markDialed() // a leaf method on a fresh conn writes only it
		p.idle <- c
	}
}

func (p *pool) serve() {
	for c := range p.idle {
		c.touch()
	}
}

func (p *pool) start() {
	go p.fill()
	for range 4 {
		go p.serve()
	}
}

// A constructor that starts a goroutine on what it makes lets it go:
// the caller's writes are shared.
type worker struct { // want `fields of worker written by different goroutines: sent \(offset 0\) and received \(offset 8\) share a 64-byte cache line; sent: goroutine feed; received: goroutine \(\*worker\).run`
	sent     atomic.Int64
	received atomic.Int64
}

func newWorker() *worker {
	w := &worker{}
	go w.run()
	return w
}

func (w *worker) run() {
	for {
		w.received.Add(1)
	}
}

func feed() {
	w := newWorker()
	for {
		w.sent.Add(1)
	}
}

func startFeed() { go feed() }

// A method that stores its receiver elsewhere is no leaf, and a
// constructor that calls it lets its result go: connect's own writes are
// shared with recv.
var registry []*peer

type peer struct { // want `fields of peer written by different goroutines: tx \(offset 0\) and rx \(offset 8\) share a 64-byte cache line; tx: goroutine connect; rx: goroutine \(\*peer\).recv`
	tx atomic.Int64
	rx atomic.Int64
}

func (p *peer) register() {
	registry = append(registry, p)
}

func newPeer() *peer {
	p := &peer{}
	p.register()
	return p
}

func connect() {
	p := newPeer()
	go p.recv()
	for {
		p.tx.Add(1)
	}
}

func startConnect() { go connect() }

func (p *peer) recv() {
	for {
		p.rx.Add(1)
	}
}

// Each accepted session gets its own object and its own goroutine, which
// writes both counters of it: no two goroutines write one session.
type session struct {
	in  atomic.Int64
	out atomic.Int64
}

func (s *session) read()  { s.in.Add(1) }
func (s *session) write() { s.out.Add(1) }

func serveSession(s *session) {
	for {
		s.read()
		s.write()
	}
}

func acceptSessions(n int) {
	for range n {
		s := &session{}
		go serveSession(s)
	}
}

// Setters called while a new connection is set up: init runs on a
// pointer its caller constructs, and passes its own receiver on, so the
// acceptor goroutine writes only connections nobody else holds yet.
// Users may call the setters later, but no goroutine of the package
// does: silent.
type handlers struct {
	onRead  atomic.Value
	onClose atomic.Value
}

type tcpConn struct {
	handlers
	fd int
}

func (c *tcpConn) SetOnRead(f func()) { c.onRead.Store(f) }

func (c *tcpConn) SetOnClose(f func()) {
	c.onClose.Store(f)
	c.fd = -1
}

func (c *tcpConn) prepare(r, cl func()) {
	c.SetOnRead(r)
	c.SetOnClose(cl)
	register(c)
}

func (c *tcpConn) init(fd int, r, cl func()) {
	c.fd = fd
	c.prepare(r, cl)
}

var conns []*tcpConn

func register(c *tcpConn) { conns = append(conns, c) }

func acceptConns(fds chan int) {
	for fd := range fds {
		c := new(tcpConn)
		c.init(fd, nil, nil)
	}
}

func StartAccepting(fds chan int) { go acceptConns(fds) }

// Every write of cwnd and rwnd holds a.mu, taken by the callers of the
// setters: the writers never run at once. Silent.
type association struct {
	mu   sync.Mutex
	_    [64]byte
	cwnd atomic.Uint32
	rwnd atomic.Uint32
}

func (a *association) setCWND(n uint32) { a.cwnd.Store(n) }
func (a *association) setRWND(n uint32) { a.rwnd.Store(n) }

func (a *association) handleSack(n uint32) {
	a.setCWND(n)
	a.setRWND(n)
}

func (a *association) readLoop(in chan uint32) {
	for n := range in {
		a.mu.Lock()
		a.handleSack(n)
		a.mu.Unlock()
	}
}

func (a *association) writeLoop(out chan uint32) {
	for n := range out {
		a.mu.Lock()
		a.setRWND(n)
		a.mu.Unlock()
	}
}

func (a *association) timer(ticks chan uint32) {
	for n := range ticks {
		a.mu.Lock()
		a.setCWND(n)
		a.mu.Unlock()
	}
}

func (a *association) start(in, out, ticks chan uint32) {
	go a.readLoop(in)
	go a.writeLoop(out)
	go a.timer(ticks)
}

// The same without the lock on the timer's path: reported.
type association2 struct { // want `fields of association2 written by different goroutines: cwnd \(offset 72\) and rwnd \(offset 76\) share a 64-byte cache line; cwnd: \(\*association2\).setCWND \(in goroutine \(\*association2\).timer\); rwnd: \(\*association2\).setRWND \(in goroutine \(\*association2\).writeLoop\)`
	mu   sync.Mutex
	_    [64]byte
	cwnd atomic.Uint32
	rwnd atomic.Uint32
}

func (a *association2) setCWND(n uint32) { a.cwnd.Store(n) }
func (a *association2) setRWND(n uint32) { a.rwnd.Store(n) }

func (a *association2) writeLoop(out chan uint32) {
	for n := range out {
		a.mu.Lock()
		a.setRWND(n)
		a.mu.Unlock()
	}
}

func (a *association2) timer(ticks chan uint32) {
	for n := range ticks {
		a.setCWND(n)
	}
}

func (a *association2) start(out, ticks chan uint32) {
	go a.writeLoop(out)
	go a.timer(ticks)
}

// A named result assigned a new pointer is as fresh as c := &T{}: the
// dialer sets local before the goroutine that sets the rest starts.
type dialConn struct {
	local  atomic.Value
	remote atomic.Value
	conn   atomic.Value
}

func newDialConn(addr string) (d *dialConn) {
	d = &dialConn{}
	d.local.Store(addr)
	go func() {
		d.conn.Store(addr)
		d.remote.Store(addr)
	}()
	return d
}

func dialAll(addrs chan string) {
	for a := range addrs {
		newDialConn(a)
	}
}

func StartDialing(addrs chan string) { go dialAll(addrs) }

// Process-wide counters bumped under each session's own lock: one lock
// per session, so the sessions' readers and writers still run at once.
type snmp struct { // want `fields of snmp written by different goroutines: inPkts \(offset 0\) and outPkts \(offset 8\) can share a 64-byte cache line; inPkts: goroutine \(\*udpSession\).readLoop; outPkts: goroutine \(\*udpSession\).writeLoop`
	inPkts  atomic.Uint64
	outPkts atomic.Uint64
}

var defaultSnmp snmp

type udpSession struct{ mu sync.Mutex }

func (s *udpSession) readLoop() {
	for {
		s.mu.Lock()
		defaultSnmp.inPkts.Add(1)
		s.mu.Unlock()
	}
}

func (s *udpSession) writeLoop() {
	for {
		s.mu.Lock()
		defaultSnmp.outPkts.Add(1)
		s.mu.Unlock()
	}
}

func (s *udpSession) start() {
	go s.readLoop()
	go s.writeLoop()
}
