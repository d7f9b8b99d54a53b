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
// Hot fields are fields of the sync/atomic types (atomic.Int64,
// atomic.Pointer[T], atomic.Value...), integer or pointer fields whose
// address goes to a sync/atomic function (atomic.AddInt64(&s.n, 1)), and
// sync.Mutex and sync.RWMutex fields (Lock writes the lock word). Writes
// are Add, Store, Swap, CompareAndSwap, Or, And, and Lock and Unlock.
//
// The analyzer reports two hot fields of a struct less than a line apart
// (offsets from the target's type sizes; -falsesharing.line sets the line
// size: 64 bytes on amd64, 128 on arm64 and ppc64) when they are written
// independently: some function writes one and not the other, some
// function writes the other and not the first, and no function writes
// both. Fields that writers update together are true sharing, or one
// protocol (the state words of a lock): one line is right for them. Only
// writes that repeat count: atomic adds (counters bumped per event) and
// writes inside a loop or a goroutine's body; a flag stored once at
// shutdown does not keep a line moving.
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
// a hot field and is smaller than a line, written at an index that is a
// worker's number (a parameter of the writing function, or a variable a
// goroutine captures), as in c.shards[id].n.Add(1): neighbouring workers
// write neighbouring elements.
//
// It stays silent on fields already a line apart (_ [N]byte, a
// cpu.CacheLinePad, or enough fields between), on a single hot field, on
// fields written together, on atomics only loaded after construction, on
// struct values only used as locals of one function, and on generic
// structs (types.Sizes panics on a struct holding a type parameter, so
// they are never measured). Only uses in the package itself count: perflint
// declares no facts.
//
// The fix pads with cpu.CacheLinePad where the file already imports
// golang.org/x/sys/cpu (64 bytes on amd64, 128 on arm64 and ppc64, 256 on
// s390x), and otherwise to 128 bytes: 128 is a full line on arm64 and
// ppc64, and Intel's amd64 cores prefetch lines in adjacent pairs. The
// corpus's Padding rows compare 64 against 128 bytes of padding: on the
// machine of docs/costs.md the difference is small beside that of
// sharing a line, and not stable from run to run, so the extra 64 bytes
// buy portability more than speed there. The message says what the padding
// costs per value. No fix is offered for exported types, types written as
// unkeyed composite literals, or packages that import unsafe or
// encoding/binary (their layout may matter); a raw int64 used atomically
// stays first in its struct (32-bit platforms need it 8-byte aligned).
//
// Cost: the benchmark pairs are in corpus/falsesharing; docs/costs.md
// gives their measured times on this machine's cores, and perflint help
// falsesharing ends with the headline figure.
package falsesharing
