package writes

import (
	"sync"
	"sync/atomic"
)

// Each write records the innermost branch that holds it: the body or
// the else of an if, a case or comm clause, a loop body.
type branchy struct {
	a, b, c, d, e atomic.Int64
}

func (x *branchy) paths(n int, ch <-chan int) { // want `func \(\*branchy\).paths: roots unknown caller; receiver Add; effects a:Add b:Add c:Add d:Add e:Add`
	for range n {
		x.a.Add(1) // want `^Add a of branchy in \(\*branchy\).paths loop branch 15$`
	}
	if n > 0 {
		x.b.Add(1) // want `^Add b of branchy in \(\*branchy\).paths branch 18$`
	} else if n < 0 {
		x.c.Add(1) // want `^Add c of branchy in \(\*branchy\).paths branch 20$`
	}
	switch n {
	case 1:
		x.d.Add(1) // want `^Add d of branchy in \(\*branchy\).paths branch 24$`
	}
	select {
	case <-ch:
		if n == 2 {
			x.e.Add(1) // want `^Add e of branchy in \(\*branchy\).paths branch 29$`
		}
	}
}

// After a check of init that returns, tick locks mu and sets init: the
// slow path of a one-time initialization (go-ethereum's EWMA).
type ewma struct {
	uncounted atomic.Int64
	rate      atomic.Int64
	init      atomic.Bool
	mu        sync.Mutex
}

func (a *ewma) tick() { // want `func \(\*ewma\).tick: roots unknown caller; receiver Add\|Store\|Swap; effects init:Store mu:Lock\|Unlock rate:Add\|Store uncounted:Swap`
	if a.init.Load() {
		a.rate.Add(a.uncounted.Swap(0)) // want `^Add rate of ewma in \(\*ewma\).tick branch 45$` `^Swap uncounted of ewma in \(\*ewma\).tick const branch 45$`
		return
	}
	a.mu.Lock() // want `^Lock mu of ewma in \(\*ewma\).tick once$`
	if !a.init.Load() {
		a.init.Store(true)                // want `^Store init of ewma in \(\*ewma\).tick const guarded locked mu branch 50$`
		a.rate.Store(a.uncounted.Swap(0)) // want `^Store rate of ewma in \(\*ewma\).tick once locked mu branch 50$` `^Swap uncounted of ewma in \(\*ewma\).tick const once locked mu branch 50$`
	}
	a.mu.Unlock() // want `^Unlock mu of ewma in \(\*ewma\).tick once`
}

// A check that returns on another flag than the one set: a hot path.
func (a *ewma) update(closed *atomic.Bool) { // want `func \(\*ewma\).update`
	if closed.Load() {
		return
	}
	a.mu.Lock()        // want `^Lock mu of ewma in \(\*ewma\).update$`
	a.init.Store(true) // want `Store init`
	a.mu.Unlock()      // want `^Unlock mu of ewma in \(\*ewma\).update`
}
