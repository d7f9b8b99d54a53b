package containerlist

import "container/list"

type node struct{ kids []*node }

func bfs(start *node, visit func(*node)) {
	q := list.New() // want `list q is a container/list used only as a queue \(Front, Len, PushBack, Remove\), which allocates an element per push and chases a pointer per step; use a slice-backed ring buffer`
	q.PushBack(start)
	for q.Len() > 0 {
		e := q.Front()
		q.Remove(e)
		n := e.Value.(*node)
		visit(n)
		for _, k := range n.kids {
			q.PushBack(k)
		}
	}
}

func dfs(start *node, visit func(*node)) {
	var s list.List // want `list s is a container/list used only as a stack \(Back, Len, PushBack, Remove\), which allocates an element per push and chases a pointer per step; use a slice: append to push, s\[len\(s\)-1\] to pop`
	s.PushBack(start)
	for s.Len() > 0 {
		n := s.Remove(s.Back()).(*node)
		visit(n)
		for _, k := range n.kids {
			s.PushBack(k)
		}
	}
}

func sum(xs []int) int {
	l := list.New() // want `list l is a container/list used only as a sequence \(Front, PushBack\), which allocates an element per push and chases a pointer per step; use a slice`
	for _, x := range xs {
		l.PushBack(x)
	}
	total := 0
	for e := l.Front(); e != nil; e = e.Next() {
		total += e.Value.(int)
	}
	return total
}

type scheduler struct {
	pending *list.List // want `field pending is a container/list used only as a queue`
}

func newScheduler() *scheduler { return &scheduler{pending: list.New()} }

func (s *scheduler) add(job func()) { s.pending.PushBack(job) }

func (s *scheduler) next() func() {
	if s.pending.Len() == 0 {
		return nil
	}
	return s.pending.Remove(s.pending.Front()).(func())
}
