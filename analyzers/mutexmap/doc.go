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
// not. The analyzer reports a Lock, inside a loop, of a shared mutex (a
// package variable, a field, or a variable captured by a closure) whose
// critical section uses a map, when the loop runs in a goroutine (a go
// statement, sync.WaitGroup.Go, errgroup.Group.Go or TryGo, or an
// unexported function only started that way) or in a pointer-receiver
// method of the type that holds the mutex.
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
// It stays silent when the lock is taken once around the whole loop,
// when the loop does blocking work outside the critical section in each
// iteration (channel operations, select, time.Sleep, I/O: the lock is
// rightly released around the wait), on read locks, and on sync.Map.
//
// Read-mostly maps. A map guarded by a sync.Mutex (every access in the
// package sits between Lock and Unlock of the same mutex, a deferred
// Unlock included) whose read-only critical sections outnumber the
// writing ones -mutexmap.readratio to 1 (3 by default) makes readers
// wait for each other. sync.RWMutex is not the answer for short critical
// sections: its read lock costs as much as a Mutex or more
// (golang/go#17973; the ReadMostlyRWMutex rows of docs/costs.md measure
// it). The corpus pairs compare a Mutex with a sync.Map and with an
// atomic.Pointer to an immutable map copied on each write, under
// b.RunParallel with one write per thousand operations: both win
// significantly, sync.Map at every map size, the atomic.Pointer most for
// small maps (each write copies the map). Critical sections counted in
// the source are not frequencies, so the rule can be turned off with
// -mutexmap.readmostly=false; it is on by default because its pairs win. It stays silent on
// maps already behind an RWMutex, on maps written only from init or from
// functions only init calls (registries), and on maps with no writes.
//
// Cost: the benchmark pairs are in corpus/mutexmap; docs/costs.md gives
// their measured times on this machine's cores, and perflint help mutexmap
// ends with the headline figure.
package mutexmap
