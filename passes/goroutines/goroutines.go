// Package goroutines finds where a package starts goroutines and which of
// its functions run in one: function literals passed to a go statement,
// to sync.WaitGroup.Go or to errgroup.Group.Go and TryGo, and unexported
// functions that are only ever started that way.
package goroutines

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/report"
)

// Analyzer computes a [*Result] for each package.
var Analyzer = &analysis.Analyzer{
	Name:             "perflintgoroutines",
	Doc:              "finds goroutine starts and the functions that run in goroutines",
	Requires:         []*analysis.Analyzer{inspectors.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
}

// Result tells which code runs in a goroutine of its own.
type Result struct {
	// Starts lists every goroutine start: a go statement's call, or a
	// call of WaitGroup.Go, errgroup Go or TryGo.
	Starts []*ast.CallExpr

	lits  map[*ast.FuncLit]bool // literals started as goroutines
	funcs map[*types.Func]bool  // unexported functions only started as goroutines
}

// Started reports whether fn, a *ast.FuncLit or *ast.FuncDecl, runs as a
// goroutine's body: a literal given to a go statement or a Go method, or
// an unexported function that the package only starts that way.
func (r *Result) Started(info *types.Info, fn ast.Node) bool {
	switch fn := fn.(type) {
	case *ast.FuncLit:
		return r.lits[fn]
	case *ast.FuncDecl:
		f, ok := info.Defs[fn.Name].(*types.Func)
		return ok && r.funcs[f]
	}
	return false
}

// InGoroutine reports whether the code at cur runs in a started
// goroutine: some function around it, up to the first that is started,
// is one.
func (r *Result) InGoroutine(info *types.Info, cur inspector.Cursor) bool {
	for fn := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if r.Started(info, fn.Node()) {
			return true
		}
	}
	return false
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspectors.Analyzer].(*inspectors.Set)
	res := &Result{lits: make(map[*ast.FuncLit]bool), funcs: make(map[*types.Func]bool)}
	started := make(map[*types.Func]bool) // named functions given to a start
	for cur := range in.Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		var fun ast.Expr
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			res.Starts = append(res.Starts, n.Call)
			fun = n.Call.Fun
		case *ast.CallExpr:
			if !IsGoMethod(pass.TypesInfo, n) || len(n.Args) != 1 {
				continue
			}
			res.Starts = append(res.Starts, n)
			fun = n.Args[0]
		}
		switch f := ast.Unparen(fun).(type) {
		case *ast.FuncLit:
			res.lits[f] = true
		default:
			if fn, ok := typeutil.Callee(pass.TypesInfo, &ast.CallExpr{Fun: f}).(*types.Func); ok && fn.Pkg() == pass.Pkg {
				started[fn] = true
			}
		}
	}
	if len(started) == 0 {
		return res, nil
	}
	// A started function runs in a goroutine if every other reference to
	// it is a start too; exported ones may be called from anywhere.
	other := make(map[*types.Func]bool)
	isStarted := func(obj types.Object) bool {
		fn, ok := obj.(*types.Func)
		return ok && started[fn]
	}
	for cur, obj := range report.Uses(pass.TypesInfo, in, isStarted) {
		if !isStart(pass, cur) {
			other[obj.(*types.Func)] = true
		}
	}
	for fn := range started {
		if !fn.Exported() && !other[fn] {
			res.funcs[fn] = true
		}
	}
	return res, nil
}

// isStart reports whether the identifier at cur is the function of a go
// statement or the argument of a Go method.
func isStart(pass *analysis.Pass, cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	switch cur.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		return cur.Parent().ParentEdgeKind() == edge.GoStmt_Call
	case edge.CallExpr_Args:
		return IsGoMethod(pass.TypesInfo, cur.Parent().Node().(*ast.CallExpr))
	}
	return false
}

// IsGoMethod reports whether call is wg.Go(f) on a sync.WaitGroup or
// g.Go(f) / g.TryGo(f) on an errgroup.Group.
func IsGoMethod(info *types.Info, call *ast.CallExpr) bool {
	if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || (sel.Sel.Name != "Go" && sel.Sel.Name != "TryGo") {
		return false // most calls: no need to resolve the callee
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return false
	}
	recv := fn.Signature().Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	named, ok := types.Unalias(recv).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	switch named.Obj().Pkg().Path() + "." + named.Obj().Name() {
	case "sync.WaitGroup":
		return fn.Name() == "Go"
	case "golang.org/x/sync/errgroup.Group":
		return fn.Name() == "Go" || fn.Name() == "TryGo"
	}
	return false
}
