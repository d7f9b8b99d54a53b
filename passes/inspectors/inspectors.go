// Package inspectors gives a package's files [inspector.Inspector]s,
// built once per package and shared by every perflint analyzer, in place
// of the package-wide one of golang.org/x/tools/go/analysis/passes/inspect.
//
// The walks are the same; what differs is the memory. inspector.New
// preallocates its event table from the source's extent but caps it at a
// million events, so on a package larger than that (nats-server's server
// package, 143k lines, about 1.24 million events) the table grows by
// repeated copying: it allocated 72 MB for 40 MB kept, at the moment the
// loader's heap is at its largest. An inspector of one file, whose
// estimate is often short, grows too: on the same package, one inspector
// per file allocated 51 MB. Here the files are split, in their order,
// into groups of at most about half that cap, and each group gets one
// inspector, built in parallel: 46 MB.
package inspectors

import (
	"go/ast"
	"go/token"
	"iter"
	"reflect"
	"runtime"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer computes a [*Set] for each package.
var Analyzer = &analysis.Analyzer{
	Name:             "perflintinspectors",
	Doc:              "builds an inspector for each file of the package",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Set](),
}

// Set holds the inspectors of a package's files.
type Set struct {
	files []*ast.File
	ins   []*inspector.Inspector // of consecutive groups of files
	cur   []inspector.Cursor     // of each file, in the order of files
	byPos []int                  // indexes of files, by FileStart
}

// groupEvents bounds the events estimated for one group of files
// (inspector.New estimates a third of an event per byte of source).
var groupEvents = 500_000

// New returns the inspectors of files, built in parallel.
func New(files []*ast.File) *Set {
	s := &Set{files: files, cur: make([]inspector.Cursor, len(files)), byPos: make([]int, len(files))}
	estimate := make([]int, len(files))
	total := 0
	for i, f := range files {
		s.byPos[i] = i
		estimate[i] = int(f.End()-f.Pos()) / 3
		total += estimate[i]
	}
	// As few groups as the bound allows, and on a package of more than
	// one group, a multiple of the processors, of about equal estimates,
	// so that the last to finish do not hold up the rest.
	n := max(1, (total+groupEvents-1)/groupEvents)
	if procs := runtime.GOMAXPROCS(0); n > 1 {
		n = (n + procs - 1) / procs * procs
	}
	var groups [][]*ast.File
	sum, first := 0, 0
	for i := range files {
		sum += estimate[i]
		if sum*n >= total*(len(groups)+1) || i == len(files)-1 {
			groups = append(groups, files[first:i+1])
			first = i + 1
		}
	}
	s.ins = make([]*inspector.Inspector, len(groups))
	next := make(chan int, len(groups))
	for i := range groups {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		wg.Go(func() {
			for i := range next {
				s.ins[i] = inspector.New(groups[i])
			}
		})
	}
	wg.Wait()
	i := 0
	for _, in := range s.ins {
		for cur := range in.Root().Children() {
			s.cur[i] = cur
			i++
		}
	}
	sort.Slice(s.byPos, func(a, b int) bool { return files[s.byPos[a]].FileStart < files[s.byPos[b]].FileStart })
	return s
}

func run(pass *analysis.Pass) (any, error) {
	return New(pass.Files), nil
}

// Preorder yields, file after file, the cursor of every node of the
// given types (all nodes when none is given), in depth-first order, as
// [inspector.Cursor.Preorder] does on one inspector of every file.
func (s *Set) Preorder(types ...ast.Node) iter.Seq[inspector.Cursor] {
	return func(yield func(inspector.Cursor) bool) {
		for _, in := range s.ins {
			for cur := range in.Root().Preorder(types...) {
				if !yield(cur) {
					return
				}
			}
		}
	}
}

// Nodes yields the nodes that [Set.Preorder] visits.
func (s *Set) Nodes(types ...ast.Node) iter.Seq[ast.Node] {
	return func(yield func(ast.Node) bool) {
		for cur := range s.Preorder(types...) {
			if !yield(cur.Node()) {
				return
			}
		}
	}
}

// File returns the cursor of the file that contains pos.
func (s *Set) File(pos token.Pos) (inspector.Cursor, bool) {
	i := sort.Search(len(s.byPos), func(i int) bool { return s.files[s.byPos[i]].FileEnd >= pos })
	if i == len(s.byPos) || s.files[s.byPos[i]].FileStart > pos {
		return inspector.Cursor{}, false
	}
	return s.cur[s.byPos[i]], true
}

// FindByPos returns the cursor of the innermost node that encloses the
// range [start, end), as [inspector.Cursor.FindByPos] does on the cursor
// of the file that holds it.
func (s *Set) FindByPos(start, end token.Pos) (inspector.Cursor, bool) {
	file, ok := s.File(start)
	if !ok {
		return inspector.Cursor{}, false
	}
	return file.FindByPos(start, end)
}

// Cursor returns the cursor of node n, or false when n is not a node of
// the package's files.
func (s *Set) Cursor(n ast.Node) (inspector.Cursor, bool) {
	cur, ok := s.FindByPos(n.Pos(), n.End())
	for ok && cur.Node() != n {
		cur = cur.Parent() // n encloses the same range as its innermost child
		ok = cur.Node() != nil
	}
	return cur, ok
}
