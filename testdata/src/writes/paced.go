package writes

import (
	"sync/atomic"
	"time"
)

// A loop that waits on a timer each iteration runs its body once a
// tick: the calls and writes it repeats are paced, and pass on no
// repetition. A loop over a collection inside it keeps its pace; a loop
// that runs as fast as its events come does not.
type meter struct{ n, rate atomic.Int64 }

func (m *meter) tick() { m.rate.Store(m.n.Swap(0)) } // want `func \(\*meter\)\.tick: roots go statement; receiver Store\|Swap; effects n:Swap rate:Store` `^Store rate of meter in \(\*meter\).tick$` `^Swap n of meter in \(\*meter\).tick const$`

func (m *meter) mark() { m.n.Add(1) } // want `func \(\*meter\)\.mark: roots go statement; repeats; receiver Add; effects n:Add` `^Add n of meter in \(\*meter\).mark$`

func (m *meter) spin() { m.n.Add(1) } // want `func \(\*meter\)\.spin: roots go statement; repeats; receiver Add; effects n:Add` `^Add n of meter in \(\*meter\).spin$`

func Ticking(meters []*meter, t *time.Ticker) { // want `func Ticking: roots exported; effects`
	go func() { // want `func Ticking.func1: roots go statement; repeats; effects n:Add\|Swap rate:Store`
		for range t.C {
			for _, m := range meters {
				m.tick()
				m.n.Add(1) // want `^Add n of meter in Ticking.func1 paced branch 23$`
			}
		}
	}()
	go func() { // want `func Ticking\.func2: roots go statement; repeats; effects n:Swap rate:Store`
		for {
			time.Sleep(time.Second)
			meters[0].tick()
		}
	}()
	go func() { // want `func Ticking\.func3: roots go statement; repeats; effects n:Add`
		for {
			time.Sleep(time.Microsecond) // a spin: not a timer's pace
			meters[0].spin()
		}
	}()
}

func Selecting(m *meter, t *time.Ticker, work <-chan int, done, kick <-chan struct{}) { // want `func Selecting: roots exported; effects`
	go func() { // want `func Selecting\.func1: roots go statement; repeats; effects n:Add\|Swap rate:Store`
		for {
			select {
			case <-t.C:
				m.tick()
				m.n.Add(1) // want `^Add n of meter in Selecting.func1 loop paced branch 47$`
			case <-work:
				m.mark()
				m.n.Add(1) // want `^Add n of meter in Selecting.func1 loop branch 50$`
			}
		}
	}()
	go func() { // want `func Selecting\.func2: roots go statement; repeats; effects n:Swap rate:Store`
		for {
			select {
			case <-t.C:
			case <-done:
				return
			}
			m.tick()
		}
	}()
	go func() { // want `func Selecting\.func3: roots go statement; repeats; effects n:Add`
		for {
			select {
			case <-time.After(time.Second):
			case <-kick: // comes as often as it is sent: not paced
			}
			m.mark()
			for range t.C {
				for {
					m.spin()   // a loop as fast as its events inside the tick
					m.n.Add(1) // want `^Add n of meter in Selecting.func3 loop branch 74$`
				}
			}
		}
	}()
}
