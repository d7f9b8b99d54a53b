package needlesscopy

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/typesize"
	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/report"
)

//go:embed doc.go
var doc string

// Analyzer reports large values copied where a pointer or an index would do.
var Analyzer = &analysis.Analyzer{
	Name:             "needlesscopy",
	Doc:              docs.Doc(doc, "needlesscopy"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/needlesscopy",
	Requires:         []*analysis.Analyzer{inspectors.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

// defaultSize is the smallest size, in bytes, at which the corpus
// measured passing by value significantly (p < 0.05) and materially (at
// least 25%) slower than passing a pointer; see the Threshold rows of
// docs/costs.md. The corpus/costs command records it in costs.json.
var defaultSize = docs.Threshold("needlesscopy", 1024)

func init() {
	Analyzer.Flags.Int64("size", defaultSize, "smallest size in bytes of a value worth a report")
	Analyzer.Flags.Bool("exported", false, "also report parameters of exported functions and methods (changing their signature breaks callers)")
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	c := &checker{pass: pass, rep: rep, in: pass.ResultOf[inspectors.Analyzer].(*inspectors.Set),
		minSize: report.Option[int64](pass, "size"), exported: report.Option[bool](pass, "exported")}
	for cur := range c.in.Preorder((*ast.FuncDecl)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			c.params(n)
		case *ast.RangeStmt:
			c.rangeCopy(cur, n)
		case *ast.CallExpr:
			c.writeBytes(cur, n)
		}
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	rep  *report.Reporter
	in   *inspectors.Set

	minSize  int64 // the size option
	exported bool  // the exported option

	ifaceMethods   map[string]bool                  // names of interface methods in scope, lazily
	funcValues     map[*types.Func]bool             // functions used other than by a call, lazily
	decls          map[*types.Func]inspector.Cursor // bodies of the package's functions, lazily
	readMemo       map[paramRef]bool                // parameters known to be only read, or not
	boxed          map[*types.TypeName]bool         // types whose values become interfaces, lazily
	nonAddressable map[*types.Func]bool             // value methods called on non-addressable receivers
	files          map[*token.File][]byte           // source text, for messages and fixes
	reported       map[*ast.RangeStmt]bool          // loops with a range value finding
}

// large returns the size of t when it is at least the threshold.
func (c *checker) large(t types.Type) (int64, bool) {
	if !isAggregate(t) {
		return 0, false // pointers, slices, strings, interfaces...: small
	}
	n, ok := typesize.Of(c.pass.TypesSizes, t)
	return n, ok && n >= c.minSize
}

// params reports value receivers and parameters that are only read.
// Parameters of one type are one finding: one cause, one change.
func (c *checker) params(fd *ast.FuncDecl) {
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || fd.Body == nil || fd.Type.TypeParams != nil {
		return
	}
	sig := fn.Signature()
	if sig.RecvTypeParams().Len() > 0 || (fn.Exported() && !c.exported) || fd.Name.Name == "main" || fd.Name.Name == "init" {
		return
	}
	// Measure first: most functions take nothing large, and the checks
	// of the signature below walk the package.
	type candidate struct {
		ref  paramRef
		size int64
	}
	var cands []candidate
	add := func(v *types.Var, idx int) {
		if v == nil || v.Name() == "" || v.Name() == "_" {
			return
		}
		if n, ok := c.large(v.Type()); ok {
			cands = append(cands, candidate{paramRef{fn, idx}, n})
		}
	}
	if recv := sig.Recv(); recv != nil {
		if _, isPtr := recv.Type().(*types.Pointer); !isPtr {
			add(recv, -1)
		}
	}
	for i := range sig.Params().Len() {
		add(sig.Params().At(i), i)
	}
	// Then what the function's own body says, before the checks that
	// index the whole package.
	cands = slices.DeleteFunc(cands, func(cand candidate) bool { return !c.onlyRead(cand.ref) })
	if len(cands) == 0 {
		return
	}
	if sig.Recv() != nil && c.fixedSignature(fn) {
		return // the signature is an interface's, or the method set would change
	}
	if c.usedAsValue(fn) {
		return // passed as a func value: its type is fixed by the receiver of it
	}
	// Group the parameters that are only read by type.
	var groups [][]candidate
	for _, cand := range cands {
		if cand.ref.idx < 0 {
			if c.receiverFixed(fn) {
				continue // x.m() on a non-addressable x, or T's method set is needed
			}
			groups = append(groups, []candidate{cand})
			continue
		}
		joined := false
		for i, g := range groups {
			if g[0].ref.idx >= 0 && types.Identical(g[0].ref.v().Type(), cand.ref.v().Type()) {
				groups[i] = append(g, cand)
				joined = true
				break
			}
		}
		if !joined {
			groups = append(groups, []candidate{cand})
		}
	}
	for _, g := range groups {
		first, last := g[0].ref.v(), g[len(g)-1].ref.v()
		typ := c.typeString(first.Type(), first.Pos())
		var msg string
		switch {
		case g[0].ref.idx < 0:
			msg = fmt.Sprintf("receiver %s of type %s (%d bytes) is copied on every call and only read; use a pointer receiver (*%s)", first.Name(), typ, g[0].size, typ)
		case len(g) == 1:
			msg = fmt.Sprintf("parameter %s of type %s (%d bytes) is copied on every call and only read; pass a pointer (*%s)", first.Name(), typ, g[0].size, typ)
		default:
			names := make([]string, len(g))
			for i, cand := range g {
				names[i] = cand.ref.v().Name()
			}
			msg = fmt.Sprintf("parameters %s and %s of type %s (%d bytes each) are copied on every call and only read; pass pointers (*%s)",
				strings.Join(names[:len(names)-1], ", "), names[len(names)-1], typ, g[0].size, typ)
		}
		c.rep.Report(analysis.Diagnostic{
			Pos: first.Pos(), End: last.Pos() + token.Pos(len(last.Name())),
			Message: msg,
		})
	}
}

// fixedSignature reports whether method fn may implement an interface:
// an interface in this package or one it imports has a method of that
// name, or the name is one of the methods the standard library calls
// through interfaces (String, Error, MarshalJSON...).
func (c *checker) fixedSignature(fn *types.Func) bool {
	if wellKnown[fn.Name()] {
		return true
	}
	if c.ifaceMethods == nil {
		c.ifaceMethods = make(map[string]bool)
		add := func(scope *types.Scope) {
			for _, name := range scope.Names() {
				if tn, ok := scope.Lookup(name).(*types.TypeName); ok {
					if it, ok := tn.Type().Underlying().(*types.Interface); ok {
						for m := range it.Methods() {
							c.ifaceMethods[m.Name()] = true
						}
					}
				}
			}
		}
		add(c.pass.Pkg.Scope())
		for _, imp := range c.pass.Pkg.Imports() {
			add(imp.Scope())
		}
		for _, tv := range c.pass.TypesInfo.Types {
			if it, ok := tv.Type.(*types.Interface); ok { // interface literals
				for m := range it.Methods() {
					c.ifaceMethods[m.Name()] = true
				}
			}
		}
	}
	return c.ifaceMethods[fn.Name()]
}

var wellKnown = map[string]bool{
	"String": true, "GoString": true, "Error": true, "Format": true,
	"MarshalJSON": true, "MarshalText": true, "MarshalBinary": true, "MarshalYAML": true,
	"AppendText": true, "AppendBinary": true, "Value": true, "Scan": true,
	"Len": true, "Less": true, "Swap": true, "Compare": true, "Equal": true,
}

// usedAsValue reports whether fn appears anywhere but as the callee of a
// call: a func value, a method value or a method expression.
func (c *checker) usedAsValue(fn *types.Func) bool {
	if c.funcValues == nil {
		c.funcValues = make(map[*types.Func]bool)
		// Only the package's functions that take a struct or an array
		// can be asked about.
		aggregate := func(obj types.Object) bool {
			f, ok := obj.(*types.Func)
			if !ok || f.Pkg() != c.pass.Pkg {
				return false
			}
			sig := f.Signature()
			if r := sig.Recv(); r != nil && isAggregate(r.Type()) {
				return true
			}
			for p := range sig.Params().Variables() {
				if isAggregate(p.Type()) {
					return true
				}
			}
			return false
		}
		for cur, obj := range report.Uses(c.pass.TypesInfo, c.in, aggregate) {
			f := obj.(*types.Func)
			call := cur
			if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
				call = cur.Parent()
			}
			if call.ParentEdgeKind() != edge.CallExpr_Fun {
				c.funcValues[f] = true
			}
		}
	}
	return c.funcValues[fn]
}

// isAggregate reports whether t is a struct or an array, the only types
// large reports.
func isAggregate(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
		return true
	}
	return false
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
