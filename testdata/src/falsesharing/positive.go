package falsesharing

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"falsesharingdep"
	"golang.org/x/sync/errgroup"
)

// Two counters bumped by different methods: callers on two cores move
// the line between them.
type stats struct { // want `fields of stats written by different goroutines: hits \(offset 0\) and misses \(offset 8\) share a 64-byte cache line; hits: \(\*stats\).hit, goroutine goroutines.func1; misses: \(\*stats\).miss, goroutine goroutines.func2; pad them apart \(120 bytes per value\)`
	hits   atomic.Int64
	misses atomic.Int64
}

func (s *stats) hit()  { s.hits.Add(1) }
func (s *stats) miss() { s.misses.Add(1) }

func goroutines(s *stats) {
	go func() { s.hits.Add(1) }()
	go func() { s.misses.Add(1) }()
}

// Raw integers written through sync/atomic functions.
type raw struct { // want `fields of raw written by different goroutines: sent \(offset 0\) and received \(offset 8\) share a 64-byte cache line; sent: goroutine \(\*raw\).send; received: goroutine \(\*raw\).receive`
	sent     int64
	received int64
}

func (r *raw) send()    { atomic.AddInt64(&r.sent, 1) }
func (r *raw) receive() { atomic.AddInt64(&r.received, 1) }

func (r *raw) run() {
	go r.send()
	go r.receive()
}

// A 24-byte struct starts at any multiple of 8 modulo 64: mu and
// requests share a line for some placements only.
type server struct { // want `mu \(offset 0\) and requests \(offset 16\) can share a 64-byte cache line; mu: \(\*server\).track; requests: handler \(\*server\).ServeHTTP`
	mu       sync.Mutex
	sessions map[string]int
	requests atomic.Uint64
}

func (s *server) track(ids <-chan string) {
	for id := range ids {
		s.mu.Lock()
		s.sessions[id]++
		s.mu.Unlock()
	}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.requests.Add(1) }

// Six counters, each bumped on its own: one finding naming them all. A
// 48-byte object starts at a multiple of 16 modulo 64: pages and writes
// share a line only at some placements.
type txStats struct { // want `fields of txStats written by different goroutines: pages \(offset 0\), cursors \(offset 8\), nodes \(offset 16\), splits \(offset 24\), spills \(offset 32\) and writes \(offset 40\) can share a 64-byte cache line; pages: goroutine \(\*txStats\).page; cursors: goroutine \(\*txStats\).cursor; .*; pad them apart \(600 bytes per value\)`
	pages   atomic.Int64
	cursors atomic.Int64
	nodes   atomic.Int64
	splits  atomic.Int64
	spills  atomic.Int64
	writes  atomic.Int64
}

func (t *txStats) page()   { t.pages.Add(1) }
func (t *txStats) cursor() { t.cursors.Add(1) }
func (t *txStats) node()   { t.nodes.Add(1) }
func (t *txStats) split()  { t.splits.Add(1) }
func (t *txStats) spill()  { t.spills.Add(1) }
func (t *txStats) write()  { t.writes.Add(1) }

func (t *txStats) run() {
	go t.page()
	go t.cursor()
	go t.node()
	go t.split()
	go t.spill()
	go t.write()
}

// begin and end bump their own counters; a handler calling both does not
// write them together: other handlers run begin while this one runs end.
type requests struct { // want `started \(offset 0\) and completed \(offset 8\) can share a 64-byte cache line; started: \(\*requests\).begin \(in handler handle\); completed: \(\*requests\).end \(in handler handle\)`
	started   atomic.Int64
	completed atomic.Int64
}

func (r *requests) begin() { r.started.Add(1) }
func (r *requests) end()   { r.completed.Add(1) }

var reqs requests

func handle(w http.ResponseWriter, r *http.Request) {
	reqs.begin()
	reqs.end()
}

func serve() { http.HandleFunc("/", handle) }

// A struct of another package, bumped by a reader goroutine and by a
// writer path of this one: reported at this package's first write.
type conn struct {
	m *falsesharingdep.Metrics
}

func (c *conn) readLoop(in <-chan []byte) {
	for range in {
		c.m.Reads.Add(1) // want `fields of falsesharingdep.Metrics written by different goroutines: Reads \(offset 0\) and Writes \(offset 8\) share a 64-byte cache line; Reads: \(\*conn\).readLoop \(in goroutine dial.func1\); Writes: \(\*conn\).Write; pad them apart in package falsesharingdep \(120 bytes per value\)`
	}
}

func (c *conn) Write(p []byte) { c.m.Writes.Add(1) }

func dial(c *conn, in <-chan []byte) {
	go func() { c.readLoop(in) }()
}

// Per-worker shards: the index is a goroutine-captured loop variable, a
// parameter every start passes one, or derived from one.
type shard struct {
	n atomic.Int64
}

type counter struct {
	shards []shard
}

func (c *counter) inc(worker int) {
	c.shards[worker%len(c.shards)].n.Add(1) // want `elements of c.shards are 8 bytes, so 8 neighbouring workers write one 64-byte cache line; pad the element type to 128 bytes \(120 bytes per element\)`
}

func startWorkers(c *counter, n int) {
	for w := range n {
		go c.inc(w)
	}
}

var perWorker [16]atomic.Int64

func run(n int) {
	for i := range n {
		go func() {
			perWorker[i].Add(1) // want `elements of perWorker are 8 bytes`
		}()
	}
}

// A struct its own package holds inside another: offsets 0 and 8 share a
// line only for some placements of the holder.
func sendAll(o *falsesharingdep.Owner, n int) {
	for range n {
		o.C.Sent.Add(1) // want `fields of falsesharingdep.Counters written by different goroutines: Sent \(offset 0\) and Received \(offset 8\) can share a 64-byte cache line`
	}
}

func receiveAll(o *falsesharingdep.Owner, n int) {
	for range n {
		o.C.Received.Add(1)
	}
}

func pump(o *falsesharingdep.Owner) {
	go sendAll(o, 10)
	go receiveAll(o, 10)
}

// A worker's number passed on from a variable each iteration derives
// from the loop's: each errgroup goroutine stores its own progress.
type generator struct {
	progress [16]atomic.Uint64
}

func generatePart(g *generator, part byte, keys []uint64) {
	for _, k := range keys {
		g.progress[part].Store(k) // want `elements of g.progress are 8 bytes, so 8 neighbouring workers write one 64-byte cache line; wrap the elements in a struct padded to 128 bytes \(120 bytes per element\)`
	}
}

func generateAll(g *generator, keys []uint64) error {
	var eg errgroup.Group
	for i := range 16 {
		part := byte(i)
		eg.Go(func() error {
			generatePart(g, part, keys)
			return nil
		})
	}
	return eg.Wait()
}

// Counters of their own type, bumped through a method that adds to its
// receiver: each call writes the field it is called on. A snapshot that
// swaps every counter does not write them together: it is no hot writer.
type counter64 int64

func (c *counter64) ptr() *int64     { return (*int64)(c) }
func (c *counter64) observe(v int64) { atomic.AddInt64(c.ptr(), v) }
func (c *counter64) snapshot() int64 { return atomic.SwapInt64(c.ptr(), 0) }

type batchStats struct { // want `fields of batchStats written by different goroutines: batches \(offset 0\) and queued \(offset 8\) share a 64-byte cache line; batches: goroutine \(\*partitionWriter\).writeBatches; queued: goroutine \(\*partitionWriter\).awaitBatch; pad them apart \(120 bytes per value\)`
	batches counter64
	queued  counter64
}

func (s *batchStats) Stats() (int64, int64) { return s.batches.snapshot(), s.queued.snapshot() }

type partitionWriter struct{ stats *batchStats }

func (p *partitionWriter) writeBatches(batches <-chan int) {
	for range batches {
		p.stats.batches.observe(1)
	}
}

func (p *partitionWriter) awaitBatch() { p.stats.queued.observe(1) }

func (p *partitionWriter) start(batches <-chan int) {
	go p.writeBatches(batches)
	for range 3 {
		go p.awaitBatch()
	}
}

// A reader goroutine bumps its counters per message and locks mu only on
// a rare path; publishers lock mu and bump outMsgs under it per message.
// No hot path writes inMsgs with either (nats.go's Conn: InMsgs, InBytes
// and mu): padding inMsgs apart helps both sides. mu and outMsgs are
// written together, and the reader's rare reset of outMsgs, on the path
// that locks mu, does not make the line truly shared.
type msgConn struct { // want `fields of msgConn written by different goroutines: inMsgs \(offset 0\), mu \(offset 8\) and outMsgs \(offset 16\) can share a 64-byte cache line; inMsgs: \(\*msgConn\).process \(in goroutine \(\*msgConn\).readLoop\); mu: goroutine \(\*msgConn\).readLoop, \(\*msgConn\).process \(in goroutine \(\*msgConn\).readLoop\), goroutine \(\*msgConn\).publish; outMsgs: goroutine \(\*msgConn\).publish; pad them apart \(120 bytes per value\)`
	inMsgs  atomic.Int64
	mu      sync.Mutex
	outMsgs int64
}

func (c *msgConn) readLoop(msgs <-chan []byte) {
	c.mu.Lock()
	c.outMsgs = 0
	c.mu.Unlock()
	for m := range msgs {
		c.process(m)
	}
}

// process writes inMsgs and mu on different paths, so readLoop's call of
// it does not write them together either.
func (c *msgConn) process(m []byte) {
	c.inMsgs.Add(1)
	if len(m) == 0 {
		c.mu.Lock()
		c.outMsgs = 0
		c.mu.Unlock()
	}
}

func (c *msgConn) publish() {
	c.mu.Lock()
	c.outMsgs++
	c.mu.Unlock()
}

func connectMsg(c *msgConn, msgs <-chan []byte, n int) {
	go c.readLoop(msgs)
	for range n {
		go c.publish()
	}
}

// acked is bumped per ack in a select that also waits on a ticker: the
// ack case runs as often as acks come, only the ticker's case is paced.
type ackPump struct { // want `fields of ackPump written by different goroutines: sent \(offset 0\) and acked \(offset 8\) share a 64-byte cache line; sent: goroutine pumping.func1; acked: goroutine pumping.func2; pad them apart \(120 bytes per value\)`
	sent  atomic.Int64
	acked atomic.Int64
}

func pumping(p *ackPump, out chan<- int, acks <-chan int, t *time.Ticker) {
	go func() {
		for i := range 1000 {
			out <- i
			p.sent.Add(1)
		}
	}()
	go func() {
		for {
			select {
			case <-acks:
				p.acked.Add(1)
			case <-t.C:
				p.sent.Load()
			}
		}
	}()
}

// The raft goroutine stores committed through a callback field that the
// apply goroutine's run sets to one literal (etcd's EtcdServer and its
// raftReadyHandler); run stores applied for every entry it applies.
type raftServer struct { // want `fields of raftServer written by different goroutines: applied \(offset 0\) and committed \(offset 8\) share a 64-byte cache line; applied: goroutine \(\*raftServer\).run; committed: \(\*raftServer\).setCommitted \(in goroutine raftLoop\); pad them apart \(120 bytes per value\)`
	applied   atomic.Uint64
	committed atomic.Uint64
}

type readyHandler struct {
	updateCommitted func(uint64)
}

func (s *raftServer) run(ready <-chan uint64, apply <-chan []uint64) {
	rh := &readyHandler{
		updateCommitted: func(ci uint64) {
			if cci := s.committed.Load(); ci > cci {
				s.setCommitted(ci)
			}
		},
	}
	go raftLoop(rh, ready)
	for es := range apply {
		for _, e := range es {
			s.applied.Store(e)
		}
	}
}

func (s *raftServer) setCommitted(ci uint64) { s.committed.Store(ci) }

func raftLoop(rh *readyHandler, ready <-chan uint64) {
	for ci := range ready {
		rh.updateCommitted(ci)
	}
}

func startRaft(s *raftServer, ready <-chan uint64, apply <-chan []uint64) { go s.run(ready, apply) }
