// Package containerlist holds the benchmark pairs of the containerlist
// analyzer: slowX uses container/list as a plain queue or sequence,
// fastX the slice-based structure perflint suggests.
package containerlist

import "container/list"

// slowFIFO pushes n jobs through a container/list queue, keeping up to
// window of them in flight, as a worker pool or a BFS does.
func slowFIFO(n, window int) int {
	q := list.New()
	sum := 0
	for i := range n {
		q.PushBack(i)
		if q.Len() > window {
			e := q.Front()
			q.Remove(e)
			sum += e.Value.(int)
		}
	}
	for q.Len() > 0 {
		sum += q.Remove(q.Front()).(int)
	}
	return sum
}

// fastFIFO does the same with a slice-backed ring buffer.
func fastFIFO(n, window int) int {
	var q ring[int]
	sum := 0
	for i := range n {
		q.push(i)
		if q.len() > window {
			sum += q.pop()
		}
	}
	for q.len() > 0 {
		sum += q.pop()
	}
	return sum
}

// slowSum collects values in a list, then walks it.
func slowSum(xs []int) int {
	l := list.New()
	for _, x := range xs {
		l.PushBack(x)
	}
	total := 0
	for e := l.Front(); e != nil; e = e.Next() {
		total += e.Value.(int)
	}
	return total
}

// fastSum collects them in a slice.
func fastSum(xs []int) int {
	s := make([]int, 0, len(xs))
	s = append(s, xs...)
	total := 0
	for _, x := range s {
		total += x
	}
	return total
}

// ring is a growable FIFO ring buffer: the fix the analyzer suggests.
type ring[T any] struct {
	buf        []T
	head, size int
}

func (r *ring[T]) len() int { return r.size }

func (r *ring[T]) push(v T) {
	if r.size == len(r.buf) {
		grown := make([]T, max(16, 2*len(r.buf)))
		n := copy(grown, r.buf[r.head:])
		copy(grown[n:], r.buf[:r.head])
		r.buf, r.head = grown, 0
	}
	r.buf[(r.head+r.size)%len(r.buf)] = v
	r.size++
}

func (r *ring[T]) pop() T {
	v := r.buf[r.head]
	var zero T
	r.buf[r.head] = zero
	r.head = (r.head + 1) % len(r.buf)
	r.size--
	return v
}
