package writes_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/passes/inspectors"

	"github.com/perflint/perflint/passes/writes"
)

// show reports what the model computed for every write and every
// declared function, so that the fixture's // want comments spell it out.
var show = &analysis.Analyzer{
	Name:     "showwrites",
	Doc:      "reports each write and each function's roots and effects",
	Requires: []*analysis.Analyzer{writes.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[writes.Analyzer].(*writes.Result)
		qual := types.RelativeTo(pass.Pkg)
		for _, w := range res.Writes {
			var b strings.Builder
			fmt.Fprintf(&b, "%s %s", w.Kind, w.Var.Name())
			if w.Owner != nil {
				fmt.Fprintf(&b, " of %s", types.TypeString(w.Owner, qual))
			}
			fmt.Fprintf(&b, " in %s", w.Func.Name)
			if w.Shard != nil {
				fmt.Fprintf(&b, " shard %s", types.ExprString(w.Shard))
			}
			for _, f := range []struct {
				on   bool
				name string
			}{{w.InLoop, "loop"}, {w.Const, "const"}, {w.Guarded, "guarded"}, {w.Dead, "dead"}, {w.OncePath, "once"}, {w.Method, "method"}, {w.Paced, "paced"}} {
				if f.on {
					b.WriteString(" " + f.name)
				}
			}
			for _, mu := range w.Locked {
				b.WriteString(" locked " + mu.Name())
			}
			if w.Branch != nil {
				fmt.Fprintf(&b, " branch %d", pass.Fset.Position(w.Branch.Pos()).Line)
			}
			pass.Reportf(w.Pos(), "%s", b.String())
		}
		for _, f := range res.Funcs {
			if f.Node == nil {
				continue
			}
			var roots []string
			for _, r := range res.Roots(f) {
				s := r.Kind.String()
				if r.InLoop {
					s += "(loop)"
				}
				if !slices.Contains(roots, s) {
					roots = append(roots, s)
				}
			}
			var b strings.Builder
			fmt.Fprintf(&b, "func %s: roots %s;", f.Name, strings.Join(roots, ","))
			if f.Repeats {
				b.WriteString(" repeats;")
			}
			if f.Cold {
				b.WriteString(" cold;")
			}
			if f.RecvWrites != 0 {
				fmt.Fprintf(&b, " receiver %s;", f.RecvWrites)
			}
			var effects []string
			for v, k := range res.Effects(f).Vars {
				effects = append(effects, v.Name()+":"+k.String())
			}
			slices.Sort(effects)
			fmt.Fprintf(&b, " effects %s", strings.Join(effects, " "))
			pos := f.Node.Pos()
			if fd, ok := f.Node.(*ast.FuncDecl); ok {
				pos = fd.Name.Pos()
			}
			pass.Reportf(pos, "%s", strings.TrimSpace(b.String()))
		}
		return nil, nil
	},
}

// showLoops reports, for each function that repeats, whether it also
// loops (Func.Loops).
var showLoops = &analysis.Analyzer{
	Name:     "showloops",
	Doc:      "reports which functions repeat and which loop",
	Requires: []*analysis.Analyzer{writes.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.ResultOf[writes.Analyzer].(*writes.Result).Funcs {
			if f.Node == nil || !f.Repeats && !f.Loops {
				continue
			}
			msg := "func " + f.Name + ": repeats"
			if f.Loops {
				msg += "; loops"
			}
			pos := f.Node.Pos()
			if fd, ok := f.Node.(*ast.FuncDecl); ok {
				pos = fd.Name.Pos()
			}
			pass.Reportf(pos, "%s", msg)
		}
		return nil, nil
	},
}

func TestLoops(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.Run(t, testdata, showLoops, "writesloops")
}

func TestWrites(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.Run(t, testdata, show, "writes", "writeswrap")
}

// sections reports, for each critical section, what it writes, what its
// mutex guards, and which calls of its loop body lock the mutex again.
var sections = &analysis.Analyzer{
	Name:     "showsections",
	Doc:      "reports what each critical section writes",
	Requires: []*analysis.Analyzer{writes.Analyzer, inspectors.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[writes.Analyzer].(*writes.Result)
		for _, reg := range res.Sections.Regions {
			var w, g []string
			for v := range res.SectionWrites(reg) {
				w = append(w, v.Name())
			}
			for v := range res.Guarded(reg.Mutex) {
				g = append(g, v.Name())
			}
			slices.Sort(w)
			slices.Sort(g)
			msg := fmt.Sprintf("section %s writes [%s]; guards [%s]", reg.Mutex.Name(), strings.Join(w, " "), strings.Join(g, " "))
			lock, _ := pass.ResultOf[inspectors.Analyzer].(*inspectors.Set).Cursor(reg.Lock)
			for loop := range lock.Enclosing((*ast.RangeStmt)(nil)) {
				var relock []string
				for c := range loop.Preorder((*ast.CallExpr)(nil)) {
					if f := res.Callee(c.Node().(*ast.CallExpr)); f != nil && res.Locks(f, reg.Mutex) {
						relock = append(relock, f.Name)
					}
				}
				msg += "; loop calls locking " + reg.Mutex.Name() + ": " + strings.Join(relock, ",")
				break
			}
			pass.Reportf(reg.Lock.Pos(), "%s", msg)
		}
		return nil, nil
	},
}

func TestSections(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.Run(t, testdata, sections, "writessections")
}
