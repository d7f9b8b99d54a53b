// Package containerlist defines an Analyzer that reports container/list
// lists used only as a queue, a stack or a sequence.
//
// # Analyzer containerlist
//
// report container/list used as a plain queue, stack or sequence
//
// A container/list allocates one Element per pushed value and links the
// elements by pointer: every push is a heap allocation, and every step
// of an iteration is a dependent load that may miss the cache. A slice
// (for a stack or a sequence) or a slice-backed ring buffer (for a queue
// or a deque) stores the values contiguously and allocates only when it
// grows.
//
// The analyzer reports a list.List or *list.List, a local variable, an
// unexported package variable or a field other packages cannot reach,
// when everything the package does with it is PushBack, PushFront, Front,
// Back, Len, Init, iteration with Next and Prev, and Remove of the
// element just taken from Front() or Back().
//
// Before:
//
//	q := list.New()
//	q.PushBack(start)
//	for q.Len() > 0 {
//		e := q.Front()
//		q.Remove(e)
//		visit(e.Value.(*node), q)
//	}
//
// After:
//
//	q := []*node{start}
//	for len(q) > 0 {
//		n := q[0]
//		q = q[1:] // or a ring buffer, to reuse the space
//		visit(n, &q)
//	}
//
// It decides per list (each variable or field), never per package. It
// stays silent on a list when one of its element handles (what Front,
// Back, PushBack, PushFront, InsertBefore, InsertAfter hand out, and Next
// and Prev of those, followed through local variables) is kept anywhere
// but in a local variable: stored in a map, a field or a slice, passed to
// a function, returned (an LRU cache, or O(1) removal by handle, which a
// list does well, as in net/http's transport and crypto/tls); when an
// element is removed from the middle; and when MoveToFront, MoveToBack,
// MoveBefore, MoveAfter, InsertBefore, InsertAfter, PushBackList or
// PushFrontList are used. An LRU that keeps its handles in a map does
// not silence a plain FIFO elsewhere in the same package. It also stays
// silent when the list itself is passed, returned or stored, since the
// package then cannot see all its uses.
//
// No fix is suggested: the rewrite changes every use of the list.
//
// Cost: the benchmark pairs are in corpus/containerlist; docs/costs.md
// gives their measured times and allocations at every size, and perflint
// help containerlist ends with the headline figure.
package containerlist
