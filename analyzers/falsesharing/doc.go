// Package falsesharing defines an Analyzer that reports independently
// written atomic fields, mutexes and per-worker shards that share a cache
// line.
//
// # Analyzer falsesharing
//
// report independently written hot fields that share a cache line
//
// A core that writes a variable takes its whole cache line exclusively.
// When two goroutines on two cores write two different variables that
// happen to sit in one line, the line moves between the cores on every
// write, and each write waits for it: false sharing. The corpus measures
// two goroutines incrementing adjacent atomic counters against padded
// ones.
//
// The analyzer works on the package's model of writes (passes/writes):
// for each function, the fields it writes, directly and through the
// functions of the package it calls, whether each write repeats, and
// which goroutine roots reach it.
//
// Hot fields are fields of the sync/atomic types (atomic.Int64,
// atomic.Pointer[T], atomic.Value...), integer or pointer fields whose
// address goes to a sync/atomic function (atomic.AddInt64(&s.n, 1)),
// fields no larger than a line whose own methods write them atomically
// (s.sent.observe(1), where observe adds to its counter receiver),
// fields of an atomic wrapper type of another package (a struct that
// holds one sync/atomic value or one such wrapper and only blank fields
// besides, as pebble's base.AtomicSeqNum, and the types of
// go.uber.org/atomic) through its write methods (Add, Sub, Inc, Dec,
// Store, Set, Swap, CompareAndSwap, CAS, And, Or, Toggle; Load and the
// rest write nothing), sync.Mutex and sync.RWMutex fields (Lock and
// Unlock write the lock word), and numeric fields added to while a lock
// is held (c.outMsgs++, s.bytes += n under c.mu: the lock says that
// concurrent goroutines do it), that some function writes hot: an
// atomic add (a counter bumped per event), or a write that repeats (in a loop on the same object,
// not x.f where x is the loop's element; or in a function that a
// goroutine start, a handler or a loop runs), but not once a tick of a
// timer: a write or call in a loop over a ticker's channel, in a loop
// whose body sleeps or waits on a timer (or selects on one, every other
// case leaving the loop), or in a select case that receives from one,
// runs once a tick however often the rest of the program does (go-ethereum's
// meterTicker updates every EWMA rate every 5 s). A store of a constant is
// a state change, not a hot write, above all one guarded by a Load or
// CompareAndSwap (if !f.Load() { f.Store(true) }). So is every write
// on the slow path of a one-time initialization: after an if that reads
// a flag and returns, in a function that then stores a constant to the
// flag (go-ethereum's EWMA.tick locks its mutex only until init is
// set). Writes reachable
// only from init, from a configuration reload (a function whose name
// says reload), or under a constant-false condition (if debug {) are
// not hot. Other plain stores under a lock (a state, a slice, a time),
// and additions without one, count toward writing together only, not
// as hot writes: the critical section's Lock is the hot write that is
// followed. A field that holds a pointer to its mutex or atomic
// (mu *sync.Mutex, n *atomic.Int64, an embedded *sync.Mutex, locks
// []*sync.Mutex) is not written by Lock or Add: they write the object
// it points at.
//
// Two hot fields are reported when:
//
//   - they can share a cache line. Go's allocator places a heap object
//     at an offset its size class decides (a 328-byte object, of class
//     352, starts at 0 or 32 modulo 64, so its offsets 16 and 64 never
//     share a line). The message says "share" where they do for every
//     placement the object can have, and "can share" where it depends;
//     a struct held inside other memory (a field of another struct, an
//     element of an array, slice, map or channel, a package variable),
//     in this package or in the one that declares it, can start at any
//     multiple of its alignment.
//     -falsesharing.line sets the line size (64 bytes on amd64, 128 on
//     arm64 and ppc64);
//   - they are not written together. Every write counts (Lock, Unlock,
//     Store, Swap, Add, CompareAndSwap, And, Or, stores under a lock).
//     A pair is written together when some function writes both on one
//     path: each at the same branch level of it (the body or the else
//     of one if, one case or comm clause, one loop body, or the
//     function's top level), itself or through a function that does so
//     (a call of a function that writes them on different paths writes
//     them on different paths).
//     It is written together too when one of the two never changes hot
//     without the other: each of its hot writes sits under a lock of the
//     other, or in a function that writes the other in a branch that
//     holds the write (flush adds to bytes, and in an if to flushes).
//     Fields one update writes share their line by design, or are one
//     protocol (a lock's state words). A function that writes both on
//     different paths is no such update: nats.go's reader goroutine adds
//     to InMsgs per message and locks mu on a slow-consumer path, while
//     publishers lock mu per message; padding the counters away from mu
//     helps both. Neither is a function that writes neither field hot
//     and only overwrites both (stores and swaps: a snapshot that swaps
//     every counter to zero, a reset): the hot writers still bump each
//     field on their own. Two fields that different functions bump on
//     their own (begin adds to started, end to completed) stay a finding
//     even when one goroutine calls both: other goroutines run begin
//     meanwhile;
//   - no third hot field of the line is written with every hot write of
//     both (in the branch that holds it, or under it as a lock):
//     then the line is truly shared, and padding the pair apart gains
//     little (per-goroutine counters would be the fix, a different
//     change);
//   - some writer of the pair runs in a goroutine the package starts
//     (a go statement, WaitGroup.Go, errgroup Go), in a server's
//     handler goroutines, or on one side of a connection: the Read or
//     ReadFrom, and the Write or WriteTo, of a []byte, of a type that
//     also has SetReadDeadline and SetWriteDeadline (a net.Conn or
//     net.PacketConn, or a wrapper of one), which one goroutine reads
//     while another writes. Writers reached only through other exported
//     functions may all run on one goroutine of the caller's (a
//     connection's run loop), and nothing would back the claim;
//   - not every writer runs in one and the same goroutine (main, a
//     goroutine started once, or one side of the connection whose
//     fields they are: a connection's reader alone writes its read
//     counters);
//   - no one mutex is held at every hot write of both (a Lock around the
//     write, or around every call of the function that makes it), a
//     package variable or a field of the struct written (a.mu around
//     a.cwnd, not a session's mu around a global counter): the writers
//     never run at once, and the line moves with the lock;
//   - not every write goes to an object that one goroutine of a fan-out
//     owns: goroutines started in a loop, each given the loop's element
//     (go func(u *Upstream) {...}(u)) or a pointer its iteration
//     constructs (c := &conn{...}; go s.serve(c)), that pass it down to
//     the writers.
//
// A struct held by value in another (a field, or an embedded field, at
// any depth: type Conn struct { Statistics; mu sync.Mutex }) lays its
// fields in the outer struct's memory. The outer struct is checked with
// those fields at their offsets in it, named by their path
// (Statistics.InMsgs, stats.sent), counting only the writes that go
// through an object of the outer type (c.Statistics.InMsgs, or c.InMsgs
// promoted, where c is a *Conn): a write through a pointer to the inner
// struct, or to a value of it held elsewhere, counts for the inner
// struct alone. A pair of fields inside one named inner struct is that
// struct's finding, not the outer one's; a pair inside an unnamed inner
// struct is the outer one's, without a fix.
//
// There is one finding per struct, at the struct, naming every group of
// fields that share a line and saying which functions write each field
// and from which goroutines (hits: (*Cache).get (in handler
// (*Server).ServeHTTP); misses: goroutine (*Cache).load). Fields of a
// struct declared in another package count too: the package that writes
// them knows their layout, and reports at its first hot write of them
// (without a fix).
//
// Before:
//
//	type stats struct {
//		hits   atomic.Int64
//		misses atomic.Int64
//	}
//
// After:
//
//	type stats struct {
//		hits   atomic.Int64
//		_      [120]byte
//		misses atomic.Int64
//	}
//
// It also reports per-worker shards: a slice or array whose element holds
// a hot field and is smaller than a line, written at an index that
// provably differs per goroutine, as in c.shards[id].n.Add(1):
// neighbouring workers write neighbouring elements. The index must be a
// loop variable that a started goroutine captures (or a variable each
// iteration derives from it: part := byte(i)), a parameter that
// every start and call of the function passes such a value, or an
// expression derived from one (w%len(s), w&mask, hash(w)%n). A state
// read from a struct, or a parameter of an exported function (its
// callers may pass anything), is not a worker's number.
//
// It stays silent on fields already a line apart (_ [N]byte, a
// cpu.CacheLinePad, or enough fields between), on a single hot field, on
// atomics only loaded after construction, on struct values of one
// function and pointers it constructs or gets from a constructor of the
// package (c := newConn(): written before anyone else holds it, directly
// or by leaf methods such as c.setUsedAt(t); see passes/writes), on
// setters that a new object's setup calls on it (c := new(conn);
// c.init() calling c.SetOnRead(f): the writes of a method's receiver
// count only the goroutines and repetition of callers that may pass it
// a shared receiver), and on
// generic structs
// (types.Sizes panics on a struct holding a type parameter, so they are
// never measured). Only uses in the package itself count: perflint
// declares no facts.
//
// The fix pads the struct once: before fields, enough bytes that each
// field lies 128 bytes or more after every earlier field that other
// goroutines write independently of it; fields written together stay
// together (cpu.CacheLinePad where the file already imports
// golang.org/x/sys/cpu: 64 bytes on amd64, 128 on arm64 and ppc64, 256
// on s390x). 128 is a full line on arm64 and ppc64, and Intel's amd64
// cores prefetch lines in adjacent pairs. The corpus's Padding rows
// compare 64 against 128 bytes of padding: on the machine of
// docs/costs.md the difference is small beside that of sharing a line,
// and not stable from run to run, so the extra 64 bytes buy portability
// more than speed there. The Alignment rows (counters at offsets 16 and
// 64 of a 328-byte object, against the same counters 128 bytes apart)
// show no material difference: the object's size class keeps the
// counters on two lines, as fast as the padded Count side. The
// SharedLine rows (two goroutines bumping their own counter and a shared
// total, with and without padding between their own counters) show a
// small gain from the padding beside the Count rows', and both sides
// stay several times slower than padded counters: the total keeps the
// line moving. The Locked rows (a reader's atomic counter beside one a
// writer adds to under a mutex, as nats.go's Statistics) measure the
// lock-held counters counted as hot writes. The message says what the
// padding costs per value. The
// fix only inserts text. Every padding is a multiple of 8 bytes and the
// first field stays first, so raw 64-bit integers used atomically keep
// their 8-byte alignment on 32-bit platforms (checked with 386 sizes; no
// fix where one would lose it). No fix is offered for exported types,
// types written as unkeyed composite literals or converted to or from
// another struct type, fields declared together (a, b atomic.Int64), or
// packages that import unsafe or encoding/binary (their layout may
// matter).
//
// Cost: the benchmark pairs are in corpus/falsesharing; docs/costs.md
// gives their measured times on this machine's cores, and perflint help
// falsesharing ends with the headline figure.
package falsesharing
