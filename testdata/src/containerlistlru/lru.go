package containerlistlru

import "container/list"

// An LRU cache keeps element handles in a map: a list is the right tool.
type lru struct {
	ll    *list.List
	items map[string]*list.Element
}

func (c *lru) add(k string) {
	c.items[k] = c.ll.PushFront(k)
	if c.ll.Len() > 10 {
		e := c.ll.Back()
		c.ll.Remove(e)
		delete(c.items, e.Value.(string))
	}
}

// Each list is decided on its own: the LRU above does not silence this
// FIFO in the same package.
func queueInSamePackage() {
	q := list.New() // want `list q is a container/list used only as a queue`
	q.PushBack(1)
	q.Remove(q.Front())
}

// A handle taken from Front and kept in a map: silent.
type index struct {
	order *list.List
	first map[string]*list.Element
}

func (x *index) note(k string) {
	x.order.PushBack(k)
	x.first[k] = x.order.Front()
}

// A handle handed to a function through a local variable: silent.
func handed() {
	l := list.New()
	l.PushBack(1)
	e := l.Front()
	keep(e)
}

func keep(e *list.Element) {}

// A handle returned through Next: silent.
func returned() *list.Element {
	l := list.New()
	l.PushBack(1)
	e := l.Front()
	return e.Next()
}

// Handles that stay in local variables, beside the handles above: a
// finding.
func walk(xs []int) int {
	l := list.New() // want `list l is a container/list used only as a sequence`
	for _, x := range xs {
		l.PushBack(x)
	}
	n := 0
	for e := l.Front(); e != nil; e = e.Next() {
		n += e.Value.(int)
	}
	return n
}
