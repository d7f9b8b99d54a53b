package writes

import "sync/atomic"

// A call through a struct field of func type reaches the functions the
// package stores in that field, when it stores no other value (etcd's
// raftReadyHandler, whose updateCommittedIndex the raft goroutine calls).
type readyHandler struct {
	updateCommitted func(uint64)
	updateLead      func(uint64)
	getLead         func() uint64
}

type node struct {
	committed, lead atomic.Uint64
	rh              *readyHandler
}

func (n *node) setLead(v uint64) { n.lead.Store(v) } // want `func \(\*node\).setLead: roots unknown caller,go statement; repeats; receiver Store; effects lead:Store` `^Store lead of node in \(\*node\).setLead$`

func (n *node) run(ready <-chan uint64) { // want `func \(\*node\).run: roots unknown caller; effects rh:store`
	n.rh = &readyHandler{ // want `^store rh of node in \(\*node\).run$`
		updateCommitted: func(ci uint64) { n.committed.Store(ci) }, // want `func \(\*node\).run.func1: roots go statement; repeats; effects committed:Store` `^Store committed of node in \(\*node\).run.func1$`
		updateLead:      n.setLead,
	}
	go n.start(ready)
}

func (n *node) start(ready <-chan uint64) { // want `func \(\*node\).start: roots go statement; repeats; effects committed:Store lead:Store`
	for ci := range ready {
		n.rh.updateCommitted(ci)
		n.rh.updateLead(ci)
		_ = n.rh.getLead // never set: a call of it would reach nothing
	}
}

// A field that also gets a value the package cannot see (a parameter)
// is as unknown as an interface.
type hooks struct{ onMsg func() }

func (h *hooks) set(f func()) { h.onMsg = f } // want `func \(\*hooks\).set: roots unknown caller; effects onMsg:store` `^store onMsg of hooks in \(\*hooks\).set$`

func (h *hooks) fire() { h.onMsg() } // want `func \(\*hooks\).fire: roots unknown caller; effects$`

func (h *hooks) init2(n *node) { // want `func \(\*hooks\).init2: roots unknown caller; effects onMsg:store`
	h.onMsg = func() { n.lead.Add(1) } // want `func \(\*hooks\).init2.func1: roots unknown caller; effects lead:Add` `^store onMsg of hooks in \(\*hooks\).init2$` `^Add lead of node in \(\*hooks\).init2.func1$`
}
