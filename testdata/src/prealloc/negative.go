package prealloc

import (
	"bufio"
	"io"
)

func withCap(users []user) []string {
	out := make([]string, 0, len(users))
	for _, u := range users {
		out = append(out, u.Name)
	}
	return out
}

func fromChannel(ch chan int) []int {
	var out []int
	for x := range ch {
		out = append(out, x)
	}
	return out
}

func fromIterator(seq func(func(int) bool)) []int {
	var out []int
	for x := range seq {
		out = append(out, x)
	}
	return out
}

func scanLines(r io.Reader) []string {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

type node struct {
	v    int
	next *node
}

func walk(n *node) []int {
	var out []int
	for ; n != nil; n = n.next {
		out = append(out, n.v)
	}
	return out
}

func forever(next func() (int, bool)) []int {
	var out []int
	for {
		v, ok := next()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

func earlyBreak(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			break
		}
		out = append(out, x)
	}
	return out
}

func returnsPartial(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			return out // the slice itself leaves early: its size is not the count
		}
		out = append(out, x)
	}
	return out
}

func filtering(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}

func declaredInLoop(xs [][]int) {
	for _, row := range xs {
		var acc []int
		acc = append(acc, row[0])
		_ = acc
	}
}

func inClosure(xs []int) []int {
	var out []int
	for _, x := range xs {
		func() { out = append(out, x) }()
	}
	return out
}

func inDefer(xs []int) (out []int) {
	for _, x := range xs {
		defer func() { out = append(out, x) }()
	}
	return out
}

func smallConst() []int {
	var out []int
	for i := range 4 {
		out = append(out, i)
	}
	return out
}

func reassigned(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
		if len(out) > 10 {
			out = out[1:]
		}
	}
	return out
}

func countChanges(xs []int) []int {
	var out []int
	n := len(xs)
	for i := 0; i < n; i++ {
		out = append(out, xs[i])
		n--
	}
	return out
}

func stringRange(s string) []rune {
	var out []rune
	for _, r := range s {
		out = append(out, r)
	}
	return out
}

type item struct{ Kind string }

func byKind(items []item) map[string]item {
	m := map[string]item{}
	for _, x := range items {
		m[x.Kind] = x // a projection: a million items may have four kinds
	}
	return m
}

func mapWithHint(xs []int) map[int]bool {
	m := make(map[int]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func appendedBefore(xs []int) []int {
	out := []int{}
	out = append(out, 0)
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}

func outerUnknown(r io.Reader, xs []int) []int {
	var out []int
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		for _, x := range xs {
			out = append(out, x)
		}
	}
	return out
}

func rangeCall(f func() []int) []int {
	var out []int
	for _, x := range f() {
		out = append(out, x)
	}
	return out
}

func skipWithContinue(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			continue
		}
		out = append(out, x)
	}
	return out
}

func invert(m map[string]int) map[int][]string {
	byValue := make(map[int][]string)
	for k, v := range m {
		byValue[v] = append(byValue[v], k) // map values repeat
	}
	return byValue
}

type outerT struct{ cs []int }

// No count is known before the outer loop: each inner count differs.
func perOuter(ts []outerT) []int {
	var out []int
	for _, t := range ts {
		for _, c := range t.cs {
			out = append(out, c)
		}
	}
	return out
}

func declaredInOuter(n int, ks []int) []int {
	var out []int
	for j := 0; j < n; j++ {
		offset := 10 * j
		for i := offset; i < ks[j]; i++ {
			out = append(out, i)
		}
	}
	return out
}

func changedInOuter(xs [][]int) []int {
	var out []int
	n := 0
	for _, x := range xs {
		n = len(x)
		for i := 0; i < n; i++ {
			out = append(out, i)
		}
	}
	return out
}

// The second loop's count is not known before the first: no size that
// covers only the first loop.
func secondUnknown(a []int, ch chan int) []int {
	var out []int
	for _, x := range a {
		out = append(out, x)
	}
	for y := range ch {
		out = append(out, y)
	}
	return out
}

func secondLater(a []int, f func() []int) []int {
	var out []int
	for _, x := range a {
		out = append(out, x)
	}
	b := f()
	for _, y := range b {
		out = append(out, y)
	}
	return out
}

func writtenBetween(xs []int) []int {
	var out []int
	keep := &out
	for _, x := range xs {
		out = append(out, x)
	}
	return *keep
}

func copiedBetween(xs []int, keep *[]int) []int {
	out := []int{}
	*keep = out
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}

// Grouping: the code expects keys to repeat.
func groupLines(lines []string) map[string][]int {
	m := map[string][]int{}
	for i, s := range lines {
		idx := m[s]
		idx = append(idx, i)
		m[s] = idx
	}
	return m
}

func groupDirect(lines []string) map[string][]int {
	m := map[string][]int{}
	for i, s := range lines {
		m[s] = append(m[s], i)
	}
	return m
}

// The map grows after the loop by a count not known before it.
func mapGrowsLater(ids []uint64, more func() map[uint64]bool) map[uint64]bool {
	out := make(map[uint64]bool)
	for _, id := range ids {
		out[id] = true
	}
	res := more()
	for id := range res {
		out[id] = true
	}
	return out
}

// Three iterations are few, whatever each adds.
func fewTrips(a, b, c int) []int {
	var out []int
	for range 3 {
		out = append(out, a, b, c)
	}
	out = append(out, 0, 0)
	return out
}

type source interface{ get(k string) (int, error) }

// firstAnswer returns on the first source that answers: that return is
// the normal path, and errs is appended to only when a source fails, so
// len(srcs) is a bound that sizing for would allocate on every call.
func firstAnswer(srcs []source, k string) (int, error) {
	var errs []error
	for _, s := range srcs {
		v, err := s.get(k)
		if err == nil {
			return v, nil
		}
		errs = append(errs, err)
	}
	return 0, errorsJoin(errs)
}

// firstFound has no error result: any return in the loop is a normal
// early exit.
func firstFound(xs []int) []int {
	var seen []int
	for _, x := range xs {
		if x == 0 {
			return nil
		}
		seen = append(seen, x)
	}
	return seen
}

func errorsJoin(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errs[0]
}
