// Package mutexmap defines an Analyzer that reports maps behind a shared
// mutex locked once per item, and read-mostly maps behind a plain Mutex.
//
// # Analyzer mutexmap
//
// report maps behind a mutex locked per item, or read mostly under a Mutex
//
// Per-item locking. Goroutines that take a shared lock once per item to
// update a map spend their time queuing on the lock and moving its cache
// line between cores: the work parallelizes, the critical sections do
// not. The analyzer reports a Lock or RLock, inside a loop, of a shared
// mutex (a package variable, a field, or a variable captured by a
// closure) whose critical section uses a map, when the loop runs in a
// goroutine (a go statement, sync.WaitGroup.Go, errgroup.Group.Go or
// TryGo, or an unexported function only started that way) or in a
// pointer-receiver method of the type that holds the mutex.
//
// Before:
//
//	for _, w := range words {
//		mu.Lock()
//		counts[w]++
//		mu.Unlock()
//	}
//
// After:
//
//	local := make(map[string]int)
//	for _, w := range words {
//		local[w]++
//	}
//	mu.Lock()
//	for w, n := range local {
//		counts[w] += n
//	}
//	mu.Unlock()
//
// Only loops where the advice holds are reported:
//
//   - the mutex is the same object on every iteration: acc.mu, where acc
//     is the range element or is assigned in the loop, is one lock per
//     item, not one lock taken per item;
//   - the loop walks a collection: a range over a slice, array, map,
//     string, integer or iterator, or a three-clause counting loop. An
//     event loop (for {} or for cond {}) waits for its next item, and a
//     range over a channel waits for each item: locking around it would
//     hold the lock while waiting;
//   - the loop does no blocking work outside the critical section
//     (channel operations, select, time.Sleep, sync.Cond.Wait, calls into
//     io, os, net, bufio and other I/O packages, fmt printing, methods
//     named Read..., Write..., Recv..., Send..., Accept..., Dial...,
//     Wait...): the lock is rightly released around the wait;
//   - some path from the Lock reaches the next iteration: a section after
//     which every path returns or breaks out of the loop runs at most
//     once (decided on the control-flow graph, golang.org/x/tools/go/cfg).
//
// The advice says what is safe, and a loop where nothing is safe to
// advise is not reported. Nothing is safe when the loop body, outside the
// section, locks the same mutex again, directly or through the functions
// of the package it calls (passes/writes), or calls code the package
// cannot see (an interface method or a func value, directly or through
// its functions): holding the lock around the loop could deadlock, and
// merging the updates later would hide them from that code. "Lock it
// once around the loop" is given only when the loop calls nothing else
// outside the section (builtins and conversions aside): around a loop
// that does other work, the lock would serialize that work across the
// goroutines. "Collect the updates in a local map and merge them under
// one lock after the loop" is given when every statement of the section
// stores into a map (m[k] = v, m[k]++, delete), so that nothing read
// under the lock is used later. A read lock (RLock) taken per item is
// reported too: readers still write the RWMutex's reader count, and
// contend on it.
//
// Read-mostly maps. A map guarded by a sync.Mutex (every access in the
// package sits between Lock and Unlock of the same mutex, a deferred
// Unlock included) that is mostly read makes readers wait for each
// other. A critical section counts as writing when it writes anything
// the mutex guards (any field, map or variable stored under it, directly
// or through the functions it calls), not only the map. Sections are
// counted once per entry point of the package that reaches them
// (goroutine starts, HTTP and gRPC handlers, exported functions; init,
// configuration reloads and code only they reach count for nothing). A
// map is reported when either
//
//   - its read-only sections outnumber the writing ones -mutexmap.readratio
//     to 1 (3 by default), or
//   - its read-only sections run in goroutines or handlers that run in
//     many copies (a handler, a goroutine started in a loop, or several
//     goroutine roots) while no goroutine or handler reaches a writing
//     one: a registry filled through its API and read on every request.
//     Copies that each read a map of their own do not count: goroutines
//     started in a loop, each given the loop's element or a pointer its
//     iteration constructs (client := &ipcClient{...}; go a.serve(client)),
//     that reach the section with it.
//
// The maps of one mutex give one finding. sync.RWMutex is not the answer
// for short critical sections: its read lock costs as much as a Mutex or
// more (golang/go#17973; the ReadMostlyRWMutex rows of docs/costs.md
// measure it). The corpus pairs compare a Mutex with a sync.Map and with
// an atomic.Pointer to an immutable map copied on each write, under
// b.RunParallel with one write per thousand operations: both win
// significantly, sync.Map at every map size, the atomic.Pointer most for
// small maps (each write copies the map). Critical sections counted in
// the source are not frequencies, so the rule can be turned off with
// -mutexmap.readmostly=false; it is on by default because its pairs win.
// It stays silent on maps already behind an RWMutex, on maps written only
// from init or from functions only init calls (registries), and on maps
// with no writes.
//
// Cost: the benchmark pairs are in corpus/mutexmap; docs/costs.md gives
// their measured times on this machine's cores, and perflint help mutexmap
// ends with the headline figure.
package mutexmap
