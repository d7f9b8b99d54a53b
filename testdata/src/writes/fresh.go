package writes

import "sync/atomic"

// Constructors and leaf methods: writes to what a function has just made.
type session struct {
	id   atomic.Int64
	seen atomic.Int64
}

func newSession() *session { // want `func newSession: roots go statement; repeats; effects$`
	s := &session{}
	s.setID(1)
	return s
}

// A leaf method touches only its receiver: on a fresh session it writes
// nothing shared, so that call is followed neither for roots nor for
// effects (newSession's effects are empty, setID is reached by nothing).
func (s *session) setID(n int64) { // want `func \(\*session\).setID: roots ; cold; receiver Store; effects id:Store`
	s.id.Store(n) // want `Store id of session in \(\*session\).setID`
}

// Not a leaf: it calls a function of the package.
func (s *session) touch() { // want `func \(\*session\).touch: roots go statement; repeats; receiver Add; effects seen:Add`
	s.seen.Add(1) // want `Add seen of session in \(\*session\).touch`
	record()
}

func record() {} // want `func record: roots go statement; repeats; effects$`

func accept() { // want `func accept: roots go statement; repeats; effects seen:Add`
	for {
		s := newSession()
		s.seen.Add(1) // fresh: no write
		s.touch()     // not a leaf: an edge
	}
}

func Listen() { go accept() } // want `func Listen: roots exported; effects$`
