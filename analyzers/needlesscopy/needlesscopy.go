package needlesscopy

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/analyzers/internal/typesize"
	"github.com/perflint/perflint/passes/report"
)

//go:embed doc.go
var doc string

// Analyzer reports large values copied where a pointer or an index would do.
var Analyzer = &analysis.Analyzer{
	Name:             "needlesscopy",
	Doc:              docs.Doc(doc, "needlesscopy"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/needlesscopy",
	Requires:         []*analysis.Analyzer{inspect.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

// defaultSize is the smallest size, in bytes, at which the corpus
// measured passing by value significantly (p < 0.05) and materially (at
// least 25%) slower than passing a pointer; see the Threshold rows of
// docs/costs.md. The corpus/costs command records it in costs.json.
var defaultSize = docs.Threshold("needlesscopy", 1024)

var (
	minSize  int64
	exported bool
)

func init() {
	Analyzer.Flags.Int64Var(&minSize, "size", defaultSize, "smallest size in bytes of a value worth a report")
	Analyzer.Flags.BoolVar(&exported, "exported", false, "also report parameters of exported functions and methods (changing their signature breaks callers)")
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	c := &checker{pass: pass, rep: rep, in: pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)}
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			c.params(cur, n)
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
	in   *inspector.Inspector

	ifaceMethods map[string]bool      // names of interface methods in scope, lazily
	funcValues   map[*types.Func]bool // functions used other than by a call, lazily
}

// large returns the size of t when it is at least the threshold.
func (c *checker) large(t types.Type) (int64, bool) {
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
	default:
		return 0, false // pointers, slices, strings, interfaces...: small
	}
	n, ok := typesize.Of(c.pass.TypesSizes, t)
	return n, ok && n >= minSize
}

// params reports value receivers and parameters that are only read.
func (c *checker) params(cur inspector.Cursor, fd *ast.FuncDecl) {
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || fd.Body == nil || fd.Type.TypeParams != nil {
		return
	}
	sig := fn.Signature()
	if sig.RecvTypeParams().Len() > 0 || (fn.Exported() && !exported) || fd.Name.Name == "main" || fd.Name.Name == "init" {
		return
	}
	// Measure first: most functions take nothing large, and the checks
	// of the signature below walk the package.
	type candidate struct {
		v    *types.Var
		size int64
		what string
	}
	var cands []candidate
	add := func(v *types.Var, what string) {
		if v == nil || v.Name() == "" || v.Name() == "_" {
			return
		}
		if n, ok := c.large(v.Type()); ok {
			cands = append(cands, candidate{v, n, what})
		}
	}
	if recv := sig.Recv(); recv != nil {
		if _, isPtr := recv.Type().(*types.Pointer); !isPtr {
			add(recv, "receiver")
		}
	}
	for v := range sig.Params().Variables() {
		add(v, "parameter")
	}
	if len(cands) == 0 {
		return
	}
	if sig.Recv() != nil && c.fixedSignature(fn) {
		return // the signature is an interface's, or the method set would change
	}
	if c.usedAsValue(fn) {
		return // passed as a func value: its type is fixed by the receiver of it
	}
	body, _ := cur.FindNode(fd.Body)
	for _, cand := range cands {
		if !c.readOnly(body, cand.v) {
			continue
		}
		typ := types.TypeString(cand.v.Type(), types.RelativeTo(c.pass.Pkg))
		how := "pass a pointer (*" + typ + ")"
		if cand.what == "receiver" {
			how = "use a pointer receiver (*" + typ + ")"
		}
		c.rep.Report(analysis.Diagnostic{
			Pos: cand.v.Pos(), End: cand.v.Pos() + token.Pos(len(cand.v.Name())),
			Message: fmt.Sprintf("%s %s of type %s (%d bytes) is copied on every call and only read; %s", cand.what, cand.v.Name(), typ, cand.size, how),
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
		for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
			f, ok := c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Func)
			if !ok {
				continue
			}
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

// readOnly reports whether every use of v under body reads a field of it
// (v.f, v.f.g, v.arr[i], a value method of a field), so that a pointer
// would serve: no bare use (which copies or stores v), no assignment, no
// address taken, no pointer-method call, no method call on v itself.
func (c *checker) readOnly(body inspector.Cursor, v *types.Var) bool {
	for cur := range body.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] != v {
			continue
		}
		path, depth := cur, 0
	climb:
		for {
			switch p := path.Parent().Node().(type) {
			case *ast.ParenExpr:
			case *ast.SelectorExpr:
				sel, ok := c.pass.TypesInfo.Selections[p]
				if !ok {
					return false
				}
				if sel.Kind() != types.FieldVal {
					if depth == 0 {
						return false // a method of v itself copies or addresses v
					}
					fn := sel.Obj().(*types.Func)
					if _, ptr := fn.Signature().Recv().Type().(*types.Pointer); ptr && !isPointer(sel.Recv()) {
						return false // takes the address of a field of v
					}
					break climb
				}
			case *ast.IndexExpr:
				if path.ParentEdgeKind() != edge.IndexExpr_X {
					break climb
				}
				if _, isArray := c.pass.TypesInfo.TypeOf(p.X).Underlying().(*types.Array); !isArray {
					break climb // indexing a slice or map field reads the field
				}
			default:
				break climb
			}
			path, depth = path.Parent(), depth+1
		}
		if depth == 0 {
			return false // v used whole: copied, stored or passed on
		}
		switch path.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.IncDecStmt_X, edge.RangeStmt_Key, edge.RangeStmt_Value:
			return false
		case edge.UnaryExpr_X:
			if path.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
				return false
			}
		}
	}
	return true
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// rangeCopy reports for _, v := range xs copying large elements that
// are only read, and ranges over large array values.
func (c *checker) rangeCopy(cur inspector.Cursor, rs *ast.RangeStmt) {
	xt := c.pass.TypesInfo.TypeOf(rs.X)
	if xt == nil {
		return
	}
	var elem types.Type
	switch t := xt.Underlying().(type) {
	case *types.Slice:
		elem = t.Elem()
	case *types.Array:
		elem = t.Elem()
		if rs.Value != nil && !isBlank(rs.Value) {
			if n, ok := c.large(xt); ok {
				c.arrayCopy(cur, rs, n)
			}
		}
	case *types.Pointer:
		if a, ok := t.Elem().Underlying().(*types.Array); ok {
			elem = a.Elem()
		}
	}
	if elem == nil || rs.Tok != token.DEFINE || rs.Value == nil || isBlank(rs.Value) {
		return
	}
	v, ok := c.pass.TypesInfo.Defs[rs.Value.(*ast.Ident)].(*types.Var)
	if !ok {
		return
	}
	n, ok := c.large(elem)
	if !ok {
		return
	}
	body, _ := cur.FindNode(rs.Body)
	if !c.readOnly(body, v) {
		return
	}
	x := types.ExprString(rs.X)
	d := analysis.Diagnostic{
		Pos: rs.Value.Pos(), End: rs.Value.End(),
		Message: fmt.Sprintf("range value %s copies a %d-byte %s on every iteration and is only read; index instead: for i := range %s { %s := &%s[i] ... }",
			v.Name(), n, types.TypeString(elem, types.RelativeTo(c.pass.Pkg)), x, v.Name(), x),
	}
	if fix := c.indexFix(body, rs, v); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

// indexFix rewrites for k, v := range xs into for k := range xs { v :=
// &xs[k] ... } when xs is a plain local variable (not a map, not a call)
// that the body neither writes nor passes on: then the elements the body
// reads through the pointer are the ones the copy would have held.
func (c *checker) indexFix(body inspector.Cursor, rs *ast.RangeStmt, v *types.Var) *analysis.SuggestedFix {
	id, ok := rs.X.(*ast.Ident)
	if !ok {
		return nil
	}
	xs, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || xs.Parent() == c.pass.Pkg.Scope() || xs.IsField() {
		return nil
	}
	for cur := range body.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] != xs {
			continue
		}
		// Only xs[i] and len(xs) reads keep the elements as they were.
		if cur.ParentEdgeKind() == edge.IndexExpr_X {
			ix := cur.Parent()
			switch ix.ParentEdgeKind() {
			case edge.AssignStmt_Lhs, edge.IncDecStmt_X, edge.UnaryExpr_X:
				return nil
			}
			if ix.ParentEdgeKind() == edge.SelectorExpr_X || ix.ParentEdgeKind() == edge.IndexExpr_X {
				return nil // xs[i].f = ... or &xs[i].f: possibly a write
			}
			continue
		}
		if cur.ParentEdgeKind() == edge.CallExpr_Args {
			if code.IsCallTo(c.pass, cur.Parent().Node(), "len") {
				continue
			}
		}
		return nil
	}
	key := ""
	if rs.Key != nil && !isBlank(rs.Key) {
		kid, ok := rs.Key.(*ast.Ident)
		if !ok {
			return nil
		}
		key = kid.Name
	} else {
		key = c.freshName(body, rs.Body.Lbrace, "i", "j", "k", "idx")
		if key == "" {
			return nil
		}
	}
	indent := report.Indent(c.pass.Fset, rs.Pos()) + "\t"
	at := report.LineEnd(c.pass.Fset, rs.Body.Lbrace)
	if c.pass.Fset.Position(at).Line != c.pass.Fset.Position(rs.Body.Lbrace).Line || at >= rs.Body.Rbrace {
		return nil // a one-line loop: leave it
	}
	return &analysis.SuggestedFix{
		Message: "Index " + xs.Name() + " instead of copying each element",
		TextEdits: []analysis.TextEdit{
			{Pos: rs.Key.Pos(), End: rs.Value.End(), NewText: []byte(key)},
			{Pos: at, End: at, NewText: []byte(fmt.Sprintf("\n%s%s := &%s[%s]", indent, v.Name(), xs.Name(), key))},
		},
	}
}

// freshName returns the first candidate name that is neither in scope at
// pos nor used in body.
func (c *checker) freshName(body inspector.Cursor, pos token.Pos, candidates ...string) string {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if f := report.FileOf(c.pass, pos); f != nil {
		if s := c.pass.TypesInfo.Scopes[f]; s != nil {
			scope = s.Innermost(pos)
		}
	}
next:
	for _, name := range candidates {
		if scope != nil {
			if _, obj := scope.LookupParent(name, pos); obj != nil {
				continue
			}
		}
		for cur := range body.Preorder((*ast.Ident)(nil)) {
			if cur.Node().(*ast.Ident).Name == name {
				continue next
			}
		}
		return name
	}
	return ""
}

// arrayCopy reports a range over an array value, which copies the array
// before the first iteration.
func (c *checker) arrayCopy(cur inspector.Cursor, rs *ast.RangeStmt, n int64) {
	x := types.ExprString(rs.X)
	d := analysis.Diagnostic{
		Pos: rs.X.Pos(), End: rs.X.End(),
		Message: fmt.Sprintf("range over array %s copies all %d bytes of it before the loop; range over &%s or %s[:]", x, n, x, x),
	}
	if id, ok := rs.X.(*ast.Ident); ok {
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && !v.IsField() {
			body, _ := cur.FindNode(rs.Body)
			if !c.mentioned(body, v) {
				d.SuggestedFixes = []analysis.SuggestedFix{{
					Message:   "Range over &" + x,
					TextEdits: []analysis.TextEdit{{Pos: rs.X.Pos(), End: rs.X.Pos(), NewText: []byte("&")}},
				}}
			}
		}
	}
	c.rep.Report(d)
}

// mentioned reports whether body uses v at all: ranging over &arr sees
// the body's writes to arr, which the copy did not.
func (c *checker) mentioned(body inspector.Cursor, v *types.Var) bool {
	for cur := range body.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] == v {
			return true
		}
	}
	return false
}

// writeBytes reports w.Write([]byte(s)) where the conversion allocates:
// through an interface, or into a *bufio.Writer. (*bytes.Buffer).Write and
// (*strings.Builder).Write take the bytes without an allocation: the
// compiler converts without copying when the slice does not escape.
func (c *checker) writeBytes(cur inspector.Cursor, call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Write" || len(call.Args) != 1 {
		return
	}
	conv, ok := call.Args[0].(*ast.CallExpr)
	if !ok || len(conv.Args) != 1 {
		return
	}
	if tv := c.pass.TypesInfo.Types[conv.Fun]; !tv.IsType() || !isByteSlice(tv.Type) {
		return
	}
	s := conv.Args[0]
	st := c.pass.TypesInfo.TypeOf(s)
	if st == nil || !match.String(st) {
		return
	}
	selection, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || selection.Kind() != types.MethodVal {
		return
	}
	recv := selection.Recv()
	w := types.ExprString(sel.X)
	arg := types.ExprString(s)
	var msg, text string
	var edits []analysis.TextEdit
	switch {
	case match.Named(recv, "bufio", "Writer"):
		text = fmt.Sprintf("%s.WriteString(%s)", w, arg)
		msg = fmt.Sprintf("[]byte(%s) copies the string only to write it; use %s", arg, text)
	case types.IsInterface(recv):
		if match.Named(recv, "hash", "Hash") || match.Named(recv, "hash", "Hash32") || match.Named(recv, "hash", "Hash64") {
			return // the hashes behind these lack WriteString: io.WriteString would copy too
		}
		if hasWriteString(recv) {
			text = fmt.Sprintf("%s.WriteString(%s)", w, arg)
			msg = fmt.Sprintf("[]byte(%s) copies the string only to write it; use %s", arg, text)
			break
		}
		file := report.FileOf(c.pass, call.Pos())
		name, imp, ok := report.Import(c.pass.TypesInfo, file, "io", call.Pos())
		if !ok {
			name = ""
		}
		text = fmt.Sprintf("%s.WriteString(%s, %s)", name, w, arg)
		edits = imp
		msg = fmt.Sprintf("[]byte(%s) copies the string only to write it; use io.WriteString(%s, %s), which avoids the copy when the writer has a WriteString method", arg, w, arg)
		if name == "" {
			text = ""
		}
	default:
		return
	}
	if c.writeStringFallback(cur) {
		return
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
	if text != "" && st == types.Typ[types.String] && !hasCall(sel.X) {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Write the string without copying it",
			TextEdits: append(edits, analysis.TextEdit{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}),
		}}
	}
	c.rep.Report(d)
}

// writeStringFallback reports whether the call at cur is the fallback of
// code that already prefers WriteString: it sits in a WriteString method
// (an adapter from Write to WriteString), or its function type-asserts
// to an interface with WriteString (io.WriteString itself).
func (c *checker) writeStringFallback(cur inspector.Cursor) bool {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if fd, ok := fn.Node().(*ast.FuncDecl); ok && fd.Name.Name == "WriteString" {
			return true
		}
		for ta := range fn.Preorder((*ast.TypeAssertExpr)(nil)) {
			if t := c.pass.TypesInfo.TypeOf(ta.Node().(*ast.TypeAssertExpr).Type); t != nil && types.IsInterface(t) && hasWriteString(t) {
				return true
			}
		}
		return false
	}
	return false
}

// hasWriteString reports whether interface t has WriteString(string) (int, error).
func hasWriteString(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, "WriteString")
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() == 1 && sig.Params().At(0).Type() == types.Typ[types.String] && sig.Results().Len() == 2
}

func isByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// hasCall reports whether e contains a call, which a rewrite must not
// duplicate or reorder.
func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		_, isCall := n.(*ast.CallExpr)
		found = found || isCall
		return !found
	})
	return found
}
