// Package writesloops is the fixture of Func.Loops: the functions that
// repeat because a loop, a handler or a goroutine started many times
// runs them, as against a goroutine started once.
package writesloops

import "net/http"

type stream struct{ fails, msgs int64 }

func (s *stream) setup() {
	go func() { // want `func \(\*stream\)\.setup\.func1: repeats`
		s.fails++
	}()
}

func (s *stream) deliver(n int) {
	for range n {
		s.count() // a call in a loop
	}
	for range n {
		go func() { // want `func \(\*stream\)\.deliver\.func1: repeats; loops`
			s.msgs++
		}()
	}
}

func (s *stream) count() { s.msgs++ } // want `func \(\*stream\)\.count: repeats; loops`

func (s *stream) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want `func \(\*stream\)\.ServeHTTP: repeats; loops`
	s.bump()
}

func (s *stream) bump() { s.msgs++ } // want `func \(\*stream\)\.bump: repeats; loops`

func (s *stream) pump(in <-chan int) { // want `func \(\*stream\)\.pump: repeats$`
	for range in {
		s.restart()
	}
}

// restart starts a goroutine from a function that loops: many of them.
func (s *stream) restart() { // want `func \(\*stream\)\.restart: repeats; loops`
	go func() { // want `func \(\*stream\)\.restart\.func1: repeats; loops`
		s.fails++
	}()
}

func run(s *stream, in <-chan int) {
	go s.pump(in)
	s.setup()
	s.deliver(3)
}
