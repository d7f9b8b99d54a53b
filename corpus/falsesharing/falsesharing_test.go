package falsesharing

import (
	"runtime"
	"testing"

	"github.com/perflint/perflint/corpus/internal/bench"
)

// ops is the number of increments each goroutine does per benchmark
// operation: enough that starting goroutines costs little beside it.
const ops = 1 << 14

// procs makes sure two goroutines can run at once.
func procs(b *testing.B) {
	if runtime.NumCPU() < 2 {
		b.Skip("false sharing needs two cores")
	}
	old := runtime.GOMAXPROCS(max(2, runtime.NumCPU()))
	b.Cleanup(func() { runtime.GOMAXPROCS(old) })
}

// BenchmarkCount: two goroutines, one counter each; n is the goroutines.
func BenchmarkCount(b *testing.B) {
	procs(b)
	bench.Pair(b, 2, func() { slowCount(ops) }, func() { fastCount(ops) })
}

// BenchmarkWorkers: n workers, one shard each.
func BenchmarkWorkers(b *testing.B) {
	procs(b)
	for _, n := range []int{1, 2, 4} {
		bench.Pair(b, n, func() { slowWorkers(n, ops) }, func() { fastWorkers(n, ops) })
	}
}

// BenchmarkPadding: slow pads 64 bytes, fast 128 (not a finding pair:
// perflint flags neither; the record for the fix's choice of 128).
func BenchmarkPadding(b *testing.B) {
	procs(b)
	bench.Pair(b, 2, func() { countPad64(ops) }, func() { countPad128(ops) })
}

// BenchmarkAlignment: counters at offsets 16 and 64 of a 328-byte
// struct against the same counters 128 bytes apart (not a finding pair:
// the allocator never puts 16 and 64 in one line of such an object).
func BenchmarkAlignment(b *testing.B) {
	procs(b)
	bench.Pair(b, 2, func() { countAligned(ops) }, func() { countAlignedPadded(ops) })
}

// BenchmarkSharedLine: two goroutines bump their own counter and a
// shared total; padding their own counters apart leaves the total's
// line moving (not a finding pair).
func BenchmarkSharedLine(b *testing.B) {
	procs(b)
	bench.Pair(b, 2, func() { countShared(ops) }, func() { countSharedPadded(ops) })
}

// BenchmarkLocked: a reader's atomic counter beside a counter writers
// add to under a mutex; n is the goroutines.
func BenchmarkLocked(b *testing.B) {
	procs(b)
	bench.Pair(b, 2, func() { slowLockedCount(ops) }, func() { fastLockedCount(ops) })
}

func TestPairsAgree(t *testing.T) {
	if countAligned(100) != 200 || countAlignedPadded(100) != 200 || countShared(100) != 200 || countSharedPadded(100) != 200 {
		t.Error("counts differ")
	}
	if slowCount(100) != 200 || fastCount(100) != 200 || slowLockedCount(100) != 200 || fastLockedCount(100) != 200 {
		t.Error("counts differ")
	}
	slowWorkers(3, 10)
	fastWorkers(3, 10)
}
