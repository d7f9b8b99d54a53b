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

func queueInSamePackage() {
	q := list.New() // silent: the package keeps handles, so stay out
	q.PushBack(1)
	q.Remove(q.Front())
}
