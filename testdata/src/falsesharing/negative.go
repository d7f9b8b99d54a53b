package falsesharing

import (
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/cpu"
)

type padded struct {
	a atomic.Int64
	_ [56]byte
	b atomic.Int64
}

func (p *padded) incA() { p.a.Add(1) }
func (p *padded) incB() { p.b.Add(1) }

type padCPU struct {
	a atomic.Int64
	_ cpu.CacheLinePad
	b atomic.Int64
}

func (p *padCPU) incA() { p.a.Add(1) }
func (p *padCPU) incB() { p.b.Add(1) }

type farApart struct {
	a   atomic.Int64
	buf [8]int64
	b   atomic.Int64
}

func (p *farApart) incA() { p.a.Add(1) }
func (p *farApart) incB() { p.b.Add(1) }

type single struct {
	n    atomic.Int64
	name string
}

func (s *single) inc() { s.n.Add(1) }

// Written together by one function.
type together struct {
	count atomic.Int64
	sum   atomic.Int64
}

func (t *together) observe(v int64) {
	t.count.Add(1)
	t.sum.Add(v)
}

// Written together through a callee: observe bumps count and calls
// record, which adds to sum.
type viaCallee struct {
	count atomic.Int64
	sum   atomic.Int64
}

func (t *viaCallee) observe(v int64) {
	t.count.Add(1)
	t.record(v)
}

func (t *viaCallee) record(v int64) { t.sum.Add(v) }

func (t *viaCallee) reset() { t.sum.Add(-t.sum.Load()) }

type config struct {
	limit   atomic.Int64
	timeout atomic.Int64
}

func newConfig() *config {
	c := &config{}
	c.limit.Store(10)
	c.timeout.Store(30)
	return c
}

func (c *config) read() int64 { return c.limit.Load() + c.timeout.Load() }

// Struct values of one function: no other goroutine sees them.
type tally struct {
	a atomic.Int64
	b atomic.Int64
}

func countA(xs []int) int64 {
	var t tally
	for range xs {
		t.a.Add(1)
	}
	return t.a.Load()
}

func countB(xs []int) int64 {
	var t tally
	for range xs {
		t.b.Add(1)
	}
	return t.b.Load()
}

type generic[T any] struct {
	a atomic.Int64
	b atomic.Int64
	v T
}

func (g *generic[T]) incA() { g.a.Add(1) }
func (g *generic[T]) incB() { g.b.Add(1) }

type bigShard struct {
	n atomic.Int64
	_ [120]byte
}

type paddedCounter struct{ shards []bigShard }

func (c *paddedCounter) inc(worker int) { c.shards[worker].n.Add(1) }

// A loop counter of one goroutine walks the shards: no sharing.
func sequential(c *counter) {
	for i := range c.shards {
		c.shards[i].n.Add(1)
	}
}

// An index that is not a worker's number: a state read from the struct,
// a parameter exported callers pass anything to.
type states struct {
	state  int
	shards []shard
}

func (s *states) bump()           { s.shards[s.state].n.Add(1) }
func (s *states) Bump(worker int) { s.shards[worker].n.Add(1) }
func (s *states) start(n int)     { go s.bump() }
func (s *states) startMany(n int) {
	for range n {
		go s.Bump(0)
	}
}

// A flag stored once is a state change, not a hot write; a constant
// store guarded by a Load or a CompareAndSwap even less.
type service struct {
	closed   atomic.Bool
	stopping atomic.Bool
	requests atomic.Int64
}

func (s *service) Close() {
	if !s.closed.Load() {
		s.closed.Store(true)
	}
	s.stopping.CompareAndSwap(false, true)
}
func (s *service) handle() { s.requests.Add(1) }

// Written together by one function: one protocol, not two writers.
type lockState struct {
	readers atomic.Int32
	waiting atomic.Int32
}

func (l *lockState) rlock()   { l.readers.Add(1) }
func (l *lockState) lock()    { l.readers.Add(-100); l.waiting.Add(1) }
func (l *lockState) runlock() { l.waiting.Add(-1) }

// A truly shared line: every writer of a and of b also bumps total, in
// the same line. Padding a from b leaves the line moving.
type shared struct {
	a     atomic.Int64
	b     atomic.Int64
	total atomic.Int64
}

func (s *shared) incA() { s.a.Add(1); s.total.Add(1) }
func (s *shared) incB() { s.b.Add(1); s.total.Add(1) }

// A 328-byte struct: its size class (352) starts it at 0 or 32 modulo
// 64, so offsets 16 and 64 never share a line.
type aligned struct {
	_ [16]byte
	a atomic.Int64 // offset 16
	_ [40]byte
	b atomic.Int64 // offset 64
	_ [256]byte
}

func (s *aligned) incA() { s.a.Add(1) }
func (s *aligned) incB() { s.b.Add(1) }

// Writes only from init, from a configuration reload, or under a
// constant-false condition are not hot.
type settings struct {
	loads  atomic.Int64
	stores atomic.Int64
	reads  atomic.Int64
	writes atomic.Int64
}

var global settings

func init() {
	for range 3 {
		global.loads.Add(1)
	}
	setup()
}

func setup() { global.stores.Add(1) }

func (s *settings) reloadConfig() {
	s.loads.Add(1)
	s.stores.Add(1)
}

const debug = false

func (s *settings) read() {
	if debug {
		s.reads.Add(1)
	}
}

func (s *settings) write() { s.writes.Add(1) }

// Fields that one goroutine writes, from two functions: no other core
// takes the line.
type loopStats struct {
	ticks  atomic.Int64
	events atomic.Int64
}

func (l *loopStats) tick()  { l.ticks.Add(1) }
func (l *loopStats) event() { l.events.Add(1) }

func (l *loopStats) loop(ticks, events <-chan struct{}) {
	for {
		select {
		case <-ticks:
			l.tick()
		case <-events:
			l.event()
		}
	}
}

func newLoop(t, e <-chan struct{}) *loopStats {
	l := &loopStats{}
	go l.loop(t, e)
	return l
}

// A mutex and the counter it guards: written together.
type guarded struct {
	mu sync.Mutex
	n  int
}

func (g *guarded) inc() {
	for range 10 {
		g.mu.Lock()
		g.n++
		g.mu.Unlock()
	}
}

// Caches filled once per object: each store follows a check that
// returns, so neither field is written hot.
type transaction struct {
	hash atomic.Pointer[string]
	from atomic.Pointer[string]
}

func (t *transaction) Hash() string {
	if h := t.hash.Load(); h != nil {
		return *h
	}
	h := "hash"
	t.hash.Store(&h)
	return h
}

func (t *transaction) From() string {
	if f := t.from.Load(); f != nil {
		return *f
	}
	f := "from"
	t.from.Store(&f)
	return f
}

// A fan-out: one goroutine per upstream, each given its own element and
// writing only that upstream's counters.
type upstream struct {
	passes atomic.Int64
	fails  atomic.Int64
}

func (u *upstream) pass() { u.passes.Add(1) }
func (u *upstream) fail() { u.fails.Add(1) }

func check(u *upstream, ok bool) {
	record := func() {
		if ok {
			u.pass()
		} else {
			u.fail()
		}
	}
	record()
}

func checkAll(ups []*upstream) {
	for _, up := range ups {
		go func(u *upstream) {
			check(u, true)
		}(up)
	}
}

// Counters behind pointers live elsewhere: calling their methods writes
// no field of the holder.
type meterRefs struct {
	reads  *meter
	writes *meter
}

type meter struct{ n atomic.Int64 }

func (m *meter) mark() { m.n.Add(1) }

func (h *meterRefs) read()  { h.reads.mark() }
func (h *meterRefs) write() { h.writes.mark() }

func (h *meterRefs) start() {
	go h.read()
	go h.write()
}

// A field larger than a line written through its methods: which line
// the method writes is not known.
type window struct {
	n   atomic.Int64
	buf [96]byte
}

func (w *window) add() { w.n.Add(1) }

type windows struct {
	in, out window
}

func (w *windows) recv() { w.in.add() }
func (w *windows) send() { w.out.add() }

func (w *windows) start() {
	go w.recv()
	go w.send()
}

// A function that locks mu and changes the state writes both, even if
// rarely: one protocol (net/http's conn, whose Hijack locks mu and sets
// curState). Only a reset or a snapshot, which overwrites the fields
// (stores, swaps) without writing either hot, does not count.
type connState struct {
	state atomic.Uint64
	mu    sync.Mutex
}

func (c *connState) setState(s uint64) { c.state.Store(s) }

func (c *connState) hijacked() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return false
}

func (c *connState) serve(reqs <-chan int) {
	for range reqs {
		c.setState(1)
		c.hijacked()
		c.setState(2)
	}
}

func (c *connState) Hijack() {
	c.mu.Lock()
	c.setState(3)
	c.mu.Unlock()
}

func listen(conns <-chan *connState, reqs <-chan int) {
	for c := range conns {
		go c.serve(reqs)
	}
}

// lazyInit's bypass is set once, by a CompareAndSwap from nil that a
// Load guards (lazy initialization): a state change, not a hot write,
// though the retry loop repeats it. Handlers only read it while they
// write mu (RLock), so no two fields of the line are written hot.
type lazyInit struct {
	bypass  atomic.Pointer[int]
	mu      sync.RWMutex
	trusted map[string]bool
}

func (c *lazyInit) AddBypass(n int) {
	var b *int
	for {
		if b = c.bypass.Load(); b != nil {
			break
		}
		b = new(int)
		if c.bypass.CompareAndSwap(nil, b) {
			break
		}
	}
	*b += n
}

func (c *lazyInit) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if b := c.bypass.Load(); b != nil && *b > 0 {
		return
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	_ = c.trusted[r.Host]
}

// Fields that point at a mutex or an atomic held elsewhere: Lock and Add
// write the memory they point at, not the fields (pebble's versionSet
// locks DB.mu through its mu *sync.Mutex).
type borrowed struct {
	n    atomic.Int64
	mu   *sync.Mutex
	hits *atomic.Int64
}

func (b *borrowed) add() { b.n.Add(1) }

func (b *borrowed) lock() {
	b.mu.Lock()
	b.mu.Unlock()
}

func (b *borrowed) hit() { b.hits.Add(1) }

func (b *borrowed) start() {
	go b.add()
	go b.lock()
	go b.hit()
}

// Lock stripes held by pointer: each mutex is its own allocation.
type stripes struct {
	locks []*sync.Mutex
}

func (s *stripes) work(w int) {
	for {
		s.locks[w].Lock()
		s.locks[w].Unlock()
	}
}

func (s *stripes) start() {
	for w := range 8 {
		go s.work(w)
	}
}

// A mutex embedded by pointer.
type embedsMu struct {
	n atomic.Int64
	*sync.Mutex
}

func (e *embedsMu) add() { e.n.Add(1) }

func (e *embedsMu) lock() {
	e.Lock()
	e.Unlock()
}

func (e *embedsMu) start() {
	go e.add()
	go e.lock()
}

// Counters of one connection bumped through exported methods only: no
// goroutine of the package writes them, and the callers may well be one
// goroutine (quic-go's ConnectionStats, all written on the connection's
// run loop). Nothing says two goroutines write the line at once.
type ConnStats struct {
	PacketsSent     atomic.Uint64
	PacketsReceived atomic.Uint64
}

func (s *ConnStats) Sent()     { s.PacketsSent.Add(1) }
func (s *ConnStats) Received() { s.PacketsReceived.Add(1) }

// The writers of the negatives above run in goroutines: each stays
// silent for its own reason, not for want of a goroutine.
func startNegatives(t *together, v *viaCallee, l *lockState, s *shared) {
	go t.observe(1)
	go t.observe(2)
	go v.observe(1)
	go v.reset()
	go l.rlock()
	go l.lock()
	go l.runlock()
	go s.incA()
	go s.incB()
}

// A reader and writer of bytes without deadlines is no connection: a
// buffer or a file is read and written by whoever holds it, often one
// goroutine.
type countedBuffer struct {
	buf     []byte
	read    atomic.Int64
	written atomic.Int64
}

func (b *countedBuffer) Read(p []byte) (int, error) {
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	b.read.Add(int64(n))
	return n, nil
}

func (b *countedBuffer) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	b.written.Add(int64(len(p)))
	return len(p), nil
}

// ReadFrom(io.Reader) and WriteTo(io.Writer) are not the two sides of a
// connection: ReadFrom writes it, WriteTo reads it, and neither reads
// nor writes a packet.
type copyingConn struct {
	net.Conn
	copiedIn  atomic.Int64
	copiedOut atomic.Int64
}

func (c *copyingConn) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(c.Conn, r)
	c.copiedIn.Add(n)
	return n, err
}

func (c *copyingConn) WriteTo(w io.Writer) (int64, error) {
	n, err := io.Copy(w, c.Conn)
	c.copiedOut.Add(n)
	return n, err
}

// Two counters of a connection that only its reader writes: one
// goroutine reads a connection at a time.
type readStats struct {
	net.Conn
	reads atomic.Int64
	bytes atomic.Int64
}

func (c *readStats) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.countRead()
	c.countBytes(n)
	return n, err
}

func (c *readStats) countRead()       { c.reads.Add(1) }
func (c *readStats) countBytes(n int) { c.bytes.Add(int64(n)) }

// flushes changes only along with bytes: flush adds to bytes on every
// call and to flushes in a branch of it, so flushes's line moves with
// bytes's whatever the layout. Two functions that write both on
// different paths are another matter (msgConn in positive.go).
type flushStats struct {
	bytes   atomic.Int64
	flushes atomic.Int64
}

func (s *flushStats) flush(n int64) {
	s.bytes.Add(n)
	if n > 0 {
		s.flushes.Add(1)
	}
}

func flushers(s *flushStats) {
	go s.flush(1)
	go s.flush(2)
}

// mu is locked only on the slow path of a one-time initialization:
// after a check of init that returns, by the function that then sets
// init (go-ethereum's metrics.EWMA). Update's counter has no hot partner.
type ewma struct {
	uncounted atomic.Int64
	mu        sync.Mutex
	init      atomic.Bool
	rate      atomic.Int64
}

func (a *ewma) Update(n int64) { a.uncounted.Add(n) }

func (a *ewma) tick() {
	if a.init.Load() {
		a.rate.Store(a.uncounted.Swap(0) / 5)
		return
	}
	a.mu.Lock()
	if !a.init.Load() {
		a.init.Store(true)
		a.rate.Store(a.uncounted.Swap(0) / 5)
	}
	a.mu.Unlock()
}

func ticker(a *ewma, ticks <-chan int, events <-chan int64) {
	go func() {
		for range ticks {
			a.tick()
		}
	}()
	go func() {
		for n := range events {
			a.Update(n)
		}
	}()
}

// A meter whose rate a ticker updates every five seconds (go-ethereum's
// metrics.EWMA with its meterTicker): rate is written once a tick, not
// hot, however often uncounted is bumped.
type pacedMeter struct {
	uncounted atomic.Int64
	rate      atomic.Int64
}

func (m *pacedMeter) Update(n int64) { m.uncounted.Add(n) }

func (m *pacedMeter) fetch() int64 { return m.uncounted.Swap(0) }

func (m *pacedMeter) updateRate(n int64) { m.rate.Store((m.rate.Load() + n) / 2) }

func (m *pacedMeter) tick() { m.updateRate(m.fetch()) }

func meterTicking(meters []*pacedMeter, events <-chan int64) {
	go func() {
		t := time.NewTicker(5 * time.Second)
		for range t.C {
			for _, m := range meters {
				m.tick()
			}
		}
	}()
	go func() {
		for n := range events {
			meters[0].Update(n)
		}
	}()
}

// The same pair, acked only in the ticker's case of a select.
type pacedPump struct {
	sent  atomic.Int64
	acked atomic.Int64
}

func pacedPumping(p *pacedPump, out chan<- int, done <-chan struct{}, t *time.Ticker) {
	go func() {
		for i := range 1000 {
			out <- i
			p.sent.Add(1)
		}
	}()
	go func() {
		for {
			select {
			case <-t.C:
				p.acked.Add(1)
			case <-done:
				return
			}
		}
	}()
}

// Counters added to under a lock are hot only where the addition
// repeats, and only a lock makes a plain addition one of concurrent
// goroutines: reads is bumped per message by its owner goroutine alone,
// without a lock, and restarts once per reconnect under mu; received
// sits under mu per message but next to nothing another goroutine
// writes hot.
type lockedTally struct {
	reads      int64
	restarts   int64
	mu         sync.Mutex
	received   int64
	lastReason string
}

func (t *lockedTally) readLoop(msgs <-chan []byte) {
	for range msgs {
		t.reads++
	}
}

func (t *lockedTally) reconnect(reason string) {
	t.mu.Lock()
	t.restarts++
	t.lastReason = reason
	t.mu.Unlock()
}

func (t *lockedTally) deliver(msgs <-chan []byte) {
	for range msgs {
		t.mu.Lock()
		t.received++
		t.mu.Unlock()
	}
}

func runTally(t *lockedTally, a, b <-chan []byte) {
	go t.readLoop(a)
	go t.deliver(b)
	go t.reconnect("start")
}

// A goroutine started once per setup adds to fails under its stream's
// lock on its way out: its body runs once per setup, not per item,
// whatever the reader does meanwhile to last (nats-server's sourceInfo).
type sourceSetup struct {
	fails int64
	last  atomic.Int64
}

type sourcedStream struct {
	mu  sync.Mutex
	src *sourceSetup
}

func (s *sourcedStream) setup(ok func() bool) {
	go func() {
		defer func() {
			s.mu.Lock()
			if !ok() {
				s.src.fails++
			}
			s.mu.Unlock()
		}()
	}()
}

func (s *sourceSetup) readLoop(msgs <-chan int64) {
	for m := range msgs {
		s.last.Store(m)
	}
}

func runSetup(s *sourcedStream, msgs <-chan int64) {
	s.setup(func() bool { return true })
	go s.src.readLoop(msgs)
}
