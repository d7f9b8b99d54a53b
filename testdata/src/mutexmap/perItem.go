package mutexmap

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

func countWords(chunks [][]string) {
	var wg sync.WaitGroup
	for _, words := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range words {
				mu.Lock() // want `mu is locked once per item in this loop to update map counts; lock it once around the loop, or collect the updates in a local map and merge them under one lock after the loop`
				counts[w]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func withWaitGroupGo(chunks [][]string) {
	var wg sync.WaitGroup
	for _, words := range chunks {
		wg.Go(func() {
			for _, w := range words {
				mu.Lock() // want `mu is locked once per item`
				counts[w]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

func withErrgroup(chunks [][]string) error {
	var g errgroup.Group
	var lmu sync.Mutex
	seen := map[string]bool{}
	for _, words := range chunks {
		g.Go(func() error {
			for _, w := range words {
				lmu.Lock() // want `lmu is locked once per item in this loop to update map seen`
				seen[w] = true
				lmu.Unlock()
			}
			return nil
		})
	}
	return g.Wait()
}

func worker(words []string) {
	for _, w := range words {
		mu.Lock() // want `mu is locked once per item`
		counts[w]++
		mu.Unlock()
	}
}

func startWorkers(chunks [][]string) {
	for _, c := range chunks {
		go worker(c)
	}
}

type index struct {
	mu    sync.Mutex
	byKey map[string]int
}

func (ix *index) addAll(keys []string) {
	for i, k := range keys {
		ix.mu.Lock() // want `ix.mu is locked once per item in this loop to update map byKey`
		ix.byKey[k] = i
		ix.mu.Unlock()
	}
}

func withTryGo(words []string) {
	var g errgroup.Group
	g.TryGo(func() error {
		for _, w := range words {
			mu.Lock() // want `mu is locked once per item`
			counts[w]++
			mu.Unlock()
		}
		return nil
	})
}
