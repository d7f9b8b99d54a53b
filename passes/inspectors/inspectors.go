// Package inspectors gives each file of a package its own
// [inspector.Inspector], built once per package and shared by every
// perflint analyzer, in place of the package-wide one of
// golang.org/x/tools/go/analysis/passes/inspect.
//
// The walks are the same; what differs is the memory. inspector.New
// preallocates its event table from the source's extent but caps it at a
// million events, so on a package larger than that (nats-server's server
// package, 143k lines, about twice as many events) the table grows by
// repeated copying: it allocated 72 MB for 40 MB kept, at the moment the
// loader's heap is at its largest. One inspector per file is sized right
// from the start, and the files' inspectors are built in parallel.
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

// Set holds an inspector for each file of a package, in the order of
// pass.Files.
type Set struct {
	files []*ast.File
	ins   []*inspector.Inspector
	byPos []int // indexes of files, by FileStart
}

// New returns the inspectors of files, built in parallel.
func New(files []*ast.File) *Set {
	s := &Set{files: files, ins: make([]*inspector.Inspector, len(files)), byPos: make([]int, len(files))}
	workers := min(runtime.GOMAXPROCS(0), len(files))
	next := make(chan int, len(files))
	for i := range files {
		next <- i
		s.byPos[i] = i
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				s.ins[i] = inspector.New(files[i : i+1])
			}
		})
	}
	wg.Wait()
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

// File returns the inspector of the file that contains pos, or nil.
func (s *Set) File(pos token.Pos) *inspector.Inspector {
	i := sort.Search(len(s.byPos), func(i int) bool { return s.files[s.byPos[i]].FileEnd >= pos })
	if i == len(s.byPos) || s.files[s.byPos[i]].FileStart > pos {
		return nil
	}
	return s.ins[s.byPos[i]]
}

// FindByPos returns the cursor of the innermost node that encloses the
// range [start, end), as [inspector.Cursor.FindByPos] does on the
// inspector of the file that holds it.
func (s *Set) FindByPos(start, end token.Pos) (inspector.Cursor, bool) {
	in := s.File(start)
	if in == nil {
		return inspector.Cursor{}, false
	}
	return in.Root().FindByPos(start, end)
}
