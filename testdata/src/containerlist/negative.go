package containerlist

import "container/list"

func moves(xs []int) {
	l := list.New()
	for _, x := range xs {
		l.PushBack(x)
	}
	l.MoveToFront(l.Back())
}

func insert(xs []int) {
	l := list.New()
	e := l.PushBack(0) // handle kept
	for _, x := range xs {
		l.InsertAfter(x, e)
	}
}

func removeMiddle(xs []int) {
	l := list.New()
	for _, x := range xs {
		l.PushBack(x)
	}
	for e := l.Front(); e != nil; {
		next := e.Next()
		if e.Value.(int)%2 == 0 {
			l.Remove(e)
		}
		e = next
	}
}

func passed(l *list.List) { l.PushBack(1) }

func returned() *list.List {
	l := list.New()
	l.PushBack(1)
	return l
}

func spliced(a, b *list.List) {
	c := list.New()
	c.PushBackList(a)
}
