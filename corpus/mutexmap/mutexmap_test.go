package mutexmap

import (
	"fmt"
	"maps"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/perflint/perflint/corpus/internal/bench"
)

func procs(b *testing.B) {
	if runtime.NumCPU() < 2 {
		b.Skip("lock contention needs two cores")
	}
	old := runtime.GOMAXPROCS(max(2, runtime.NumCPU()))
	b.Cleanup(func() { runtime.GOMAXPROCS(old) })
}

// chunks splits 1<<14 words from a vocabulary of 512 into n chunks.
func chunks(n int) [][]string {
	words := make([]string, 1<<14)
	for i := range words {
		words[i] = "w" + strconv.Itoa((i*7919)%512)
	}
	out := make([][]string, n)
	for i := range out {
		out[i] = words[i*len(words)/n : (i+1)*len(words)/n]
	}
	return out
}

// BenchmarkWordCount: n goroutines share the words.
func BenchmarkWordCount(b *testing.B) {
	procs(b)
	for _, n := range []int{1, 2, 4} {
		cs := chunks(n)
		bench.Pair(b, n, func() { slowWordCount(cs) }, func() { fastWordCount(cs) })
	}
}

type cache interface {
	get(string) (int, bool)
	set(string, int)
}

func items(n int) (map[string]int, []string) {
	m := make(map[string]int, n)
	keys := make([]string, n)
	for i := range n {
		keys[i] = "key" + strconv.Itoa(i)
		m[keys[i]] = i
	}
	return m, keys
}

// readMostly runs b.RunParallel on GOMAXPROCS goroutines: 1 write (of
// an existing key) per 1000 operations, the rest reads.
func readMostly(b *testing.B, c cache, keys []string) {
	var seq atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := int(seq.Add(1)) * 7919
		for pb.Next() {
			i++
			k := keys[i%len(keys)]
			if i%1000 == 0 {
				c.set(k, i)
			} else {
				c.get(k)
			}
		}
	})
}

// BenchmarkReadMostly: the map behind a sync.Mutex against an
// atomic.Pointer to an immutable map; n is the number of keys.
func BenchmarkReadMostly(b *testing.B) {
	procs(b)
	for _, n := range []int{16, 1024} {
		m, keys := items(n)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) { readMostly(b, newSlowCache(m), keys) })
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) { readMostly(b, newFastCache(m), keys) })
	}
}

// BenchmarkReadMostlySyncMap: the Mutex against sync.Map.
func BenchmarkReadMostlySyncMap(b *testing.B) {
	procs(b)
	for _, n := range []int{16, 1024} {
		m, keys := items(n)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) { readMostly(b, newSlowCache(m), keys) })
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) { readMostly(b, newSyncMapCache(m), keys) })
	}
}

// BenchmarkReadMostlyRWMutex: the Mutex against a sync.RWMutex, for the
// record (golang/go#17973: read locks cost more on short sections).
func BenchmarkReadMostlyRWMutex(b *testing.B) {
	procs(b)
	for _, n := range []int{16, 1024} {
		m, keys := items(n)
		b.Run(fmt.Sprintf("slow/n=%d", n), func(b *testing.B) { readMostly(b, newSlowCache(m), keys) })
		b.Run(fmt.Sprintf("fast/n=%d", n), func(b *testing.B) { readMostly(b, newRWCache(m), keys) })
	}
}

func TestPairsAgree(t *testing.T) {
	cs := chunks(3)
	if !maps.Equal(slowWordCount(cs), fastWordCount(cs)) {
		t.Error("word counts differ")
	}
	m, _ := items(10)
	for _, c := range []cache{newSlowCache(m), newFastCache(m), newSyncMapCache(m), newRWCache(m)} {
		c.set("key3", 42)
		if v, ok := c.get("key3"); !ok || v != 42 {
			t.Errorf("%T: got %d", c, v)
		}
	}
	c := newSlowCache(m)
	if !c.has("key1") || c.len() != 10 {
		t.Error("slowCache")
	}
}
