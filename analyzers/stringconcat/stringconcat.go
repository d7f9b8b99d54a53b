package stringconcat

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/loops"
	"github.com/perflint/perflint/passes/report"
)

//go:embed doc.go
var doc string

// Analyzer reports strings accumulated by concatenation across loop iterations.
var Analyzer = &analysis.Analyzer{
	Name:             "stringconcat",
	Doc:              docs.Doc(doc, "stringconcat"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/stringconcat",
	Requires:         []*analysis.Analyzer{inspectors.Analyzer, loops.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

// minCount is the largest constant trip count not worth a report.
const minCount = 4

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	in := pass.ResultOf[inspectors.Analyzer].(*inspectors.Set)
	lr := pass.ResultOf[loops.Analyzer].(*loops.Result)
	// One finding per variable (or field path) and function, at its
	// first accumulation: a second loop adds no new cause.
	type key struct {
		target string
		fn     ast.Node
	}
	seen := make(map[key]bool)
	for cur := range in.Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		acc := accumulation(pass, as)
		if acc == nil {
			continue
		}
		l := accumulatingLoop(pass, lr, cur, acc)
		if l == nil {
			continue
		}
		var fn ast.Node
		for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			fn = enc.Node()
			break
		}
		k := key{lr.Source(acc.target), fn}
		if seen[k] {
			continue
		}
		seen[k] = true
		d := analysis.Diagnostic{Pos: as.Pos(), End: as.End()}
		if acc.sprintf {
			d.Message = fmt.Sprintf("string %s grows by fmt.Sprintf in a loop, copying all of it on every iteration; build it with a strings.Builder and fmt.Fprintf", k.target)
		} else {
			d.Message = fmt.Sprintf("string %s grows by concatenation in a loop, copying all of it on every iteration; build it with a strings.Builder", k.target)
		}
		if fix := builderFix(pass, lr, cur, acc, l); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
		hot := report.Hot{Code: []ast.Node{l.Stmt}, Where: "this loop", Pair: "Join"}
		if acc.sprintf {
			hot.Pair = "CSV"
		} else if _, local := acc.target.(*ast.Ident); !local {
			hot.Pair = "ReadBody"
		}
		rep.ReportHot(d, hot)
	}
	return nil, nil
}

// acc is one accumulating assignment: target = target + e, and its forms.
type acc struct {
	stmt    *ast.AssignStmt
	target  ast.Expr     // s, r.body
	root    types.Object // the variable at the root of target
	rest    []ast.Expr   // the operands appended, for target += e and target = target + e...
	sprintf bool
}

// accumulation recognizes s += e, s = s + e, s = e + s and
// s = fmt.Sprintf(..., s, ...) on a string-typed s.
func accumulation(pass *analysis.Pass, as *ast.AssignStmt) *acc {
	if len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	target := ast.Unparen(as.Lhs[0])
	if !match.String(pass.TypesInfo.TypeOf(target)) {
		return nil
	}
	root := rootVar(pass, target)
	if root == nil {
		return nil
	}
	a := &acc{stmt: as, target: target, root: root}
	rhs := ast.Unparen(as.Rhs[0])
	switch as.Tok {
	case token.ADD_ASSIGN:
		a.rest = []ast.Expr{rhs}
		return a
	case token.ASSIGN:
		if ops := operands(rhs); len(ops) > 1 {
			if same(pass, ops[0], target) {
				a.rest = ops[1:]
				return a
			}
			if same(pass, ops[len(ops)-1], target) {
				return a
			}
			return nil
		}
		if call, ok := rhs.(*ast.CallExpr); ok && len(call.Args) > 1 {
			if code.IsCallTo(pass, call, "fmt.Sprintf") {
				for _, arg := range call.Args[1:] {
					if same(pass, arg, target) {
						a.sprintf = true
						return a
					}
				}
			}
		}
	}
	return nil
}

// accumulatingLoop returns the innermost loop around cur that target
// lives outside of and that runs more than a few times, or nil when
// target is declared inside every such loop.
func accumulatingLoop(pass *analysis.Pass, lr *loops.Result, cur inspector.Cursor, a *acc) *loops.Loop {
	var skip ast.Node // the loop that the next statement leaves
	switch leavesAfter(pass, cur) {
	case token.RETURN:
		return nil // runs once per call
	case token.BREAK:
		for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.SwitchStmt)(nil), (*ast.TypeSwitchStmt)(nil), (*ast.SelectStmt)(nil)) {
			skip = enc.Node()
			break
		}
	}
	for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		s, ok := enc.Node().(ast.Stmt)
		if !ok {
			return nil // a function boundary: a closure's loop is its own
		}
		l := lr.Of(s)
		if l == nil || !inside(l.Body, a.stmt) {
			continue // the statement is in the loop's header
		}
		if inside(s, a.root) && a.root.Parent() != pass.Pkg.Scope() {
			return nil // declared in this loop: a fresh string each iteration
		}
		if l.Count.Small(minCount) || l.LeavesFirst {
			continue
		}
		if s == skip {
			continue // runs once per loop: the next statement leaves it
		}
		return l
	}
	return nil
}

// leavesAfter reports how the statement after cur leaves the loop: RETURN
// for return or panic, BREAK for break or goto, ILLEGAL when it does not.
func leavesAfter(pass *analysis.Pass, cur inspector.Cursor) token.Token {
	next, ok := cur.NextSibling()
	if !ok {
		return token.ILLEGAL
	}
	switch n := next.Node().(type) {
	case *ast.ReturnStmt:
		return token.RETURN
	case *ast.ExprStmt:
		if code.IsCallTo(pass, n.X, "panic") {
			return token.RETURN
		}
	case *ast.BranchStmt:
		if n.Tok == token.GOTO || (n.Tok == token.BREAK && n.Label == nil) {
			return token.BREAK
		}
	}
	return token.ILLEGAL
}

type positioned interface{ Pos() token.Pos }

func inside(n ast.Node, p positioned) bool { return n.Pos() <= p.Pos() && p.Pos() < n.End() }

// operands flattens a chain of string + into its operands.
func operands(e ast.Expr) []ast.Expr {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || b.Op != token.ADD {
		return []ast.Expr{e}
	}
	return append(operands(b.X), operands(b.Y)...)
}

// rootVar returns the variable at the root of s or s.f.g, or nil.
func rootVar(pass *analysis.Pass, e ast.Expr) types.Object {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := pass.TypesInfo.Uses[x].(*types.Var)
			if v == nil {
				return nil
			}
			return v
		case *ast.SelectorExpr:
			if sel, ok := pass.TypesInfo.Selections[x]; !ok || sel.Kind() != types.FieldVal {
				if v, ok := pass.TypesInfo.Uses[x.Sel].(*types.Var); ok && !v.IsField() {
					return v // pkg.Var
				}
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

// same reports whether x and y denote the same variable or field path.
func same(pass *analysis.Pass, x, y ast.Expr) bool {
	x, y = ast.Unparen(x), ast.Unparen(y)
	switch x := x.(type) {
	case *ast.Ident:
		y, ok := y.(*ast.Ident)
		return ok && pass.TypesInfo.Uses[x] != nil && pass.TypesInfo.Uses[x] == pass.TypesInfo.Uses[y]
	case *ast.SelectorExpr:
		y, ok := y.(*ast.SelectorExpr)
		return ok && pass.TypesInfo.Uses[x.Sel] == pass.TypesInfo.Uses[y.Sel] && same(pass, x.X, y.X)
	}
	return false
}

// builderFix rewrites a local string into a strings.Builder when every
// use of it can be rewritten: the declaration (var s string, s := ""),
// s += e and s = s + e (s.WriteString), and reads (s.String(), which does
// not copy). Anything else (another assignment, &s, s = e + s, a named
// result, a named string type) leaves the code to the user.
func builderFix(pass *analysis.Pass, lr *loops.Result, cur inspector.Cursor, a *acc, l *loops.Loop) *analysis.SuggestedFix {
	v, ok := a.root.(*types.Var)
	if !ok || v.Type() != types.Typ[types.String] {
		return nil
	}
	if _, isIdent := a.target.(*ast.Ident); !isIdent {
		return nil
	}
	var body *ast.BlockStmt
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch f := enc.Node().(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		}
		if inside(body, v) {
			break
		}
		body = nil
	}
	if body == nil {
		return nil
	}
	file := report.FileOf(pass, v.Pos())
	var edits []analysis.TextEdit
	var accs []*acc
	declared, ok := false, true
	inits := make(map[ast.Stmt]bool) // if, for and switch initializers
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.IfStmt:
			inits[n.Init] = true
		case *ast.ForStmt:
			inits[n.Init] = true
		case *ast.SwitchStmt:
			inits[n.Init] = true
		case *ast.TypeSwitchStmt:
			inits[n.Init] = true
		case *ast.DeclStmt, *ast.AssignStmt:
			if e, isDecl := declEdit(pass, n.(ast.Stmt), v); isDecl {
				if inits[n.(ast.Stmt)] {
					e = nil // a var declaration cannot stand there
				}
				if e == nil {
					ok = false
				} else {
					edits, declared = append(edits, *e), true
				}
				return false
			}
			if as, isAssign := n.(*ast.AssignStmt); isAssign && writesTo(pass, as, v) {
				b := accumulation(pass, as)
				if b == nil || b.rest == nil || !sameIdent(pass, b.target, v) || mentions(pass, b.rest, v) {
					ok = false
					return false
				}
				accs = append(accs, b)
				return false
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && sameIdent(pass, n.X, v) {
				ok = false
			}
		case *ast.Ident:
			if pass.TypesInfo.Uses[n] == v {
				edits = append(edits, analysis.TextEdit{Pos: n.End(), End: n.End(), NewText: []byte(".String()")})
			}
		}
		return true
	})
	if !ok || !declared || len(accs) == 0 {
		return nil
	}
	pkg, imp, ok := report.Import(pass.TypesInfo, file, "strings", v.Pos())
	if !ok || !report.PackageAt(pass, file, v.Pos(), pkg, "strings") {
		return nil
	}
	edits[0].NewText = []byte(strings.Replace(string(edits[0].NewText), "strings.", pkg+".", 1))
	for _, b := range accs {
		var parts []string
		parts = slices.Grow(parts, len(b.rest))
		for _, e := range b.rest {
			if !match.String(pass.TypesInfo.TypeOf(e)) {
				return nil
			}
			parts = append(parts, lr.Source(e))
		}
		if !plainString(pass, b.rest) {
			return nil
		}
		text := fmt.Sprintf("%s.WriteString(%s)", v.Name(), strings.Join(parts, " + "))
		edits = append(edits, analysis.TextEdit{Pos: b.stmt.Pos(), End: b.stmt.End(), NewText: []byte(text)})
	}
	if g := growEdit(pass, file, v, accs, l); g != nil {
		edits = append(edits, *g)
	}
	return &analysis.SuggestedFix{
		Message:   "Build " + v.Name() + " with a strings.Builder",
		TextEdits: append(imp, edits...),
	}
}

// declEdit returns the edit turning v's declaration into a Builder, nil
// when it declares v in a form the fix does not handle; isDecl is false
// when stmt does not declare v.
func declEdit(pass *analysis.Pass, stmt ast.Stmt, v *types.Var) (e *analysis.TextEdit, isDecl bool) {
	var names []*ast.Ident
	var values []ast.Expr
	switch s := stmt.(type) {
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return nil, false
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for _, n := range vs.Names {
				if pass.TypesInfo.Defs[n] == v {
					if len(gd.Specs) != 1 || len(vs.Names) != 1 {
						return nil, true
					}
					names, values = vs.Names, vs.Values
				}
			}
		}
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return nil, false
		}
		for _, l := range s.Lhs {
			if id, ok := l.(*ast.Ident); ok && pass.TypesInfo.Defs[id] == v {
				if len(s.Lhs) != 1 {
					return nil, true
				}
				names, values = []*ast.Ident{id}, s.Rhs
			}
		}
	}
	if names == nil {
		return nil, false
	}
	if len(values) == 1 {
		tv := pass.TypesInfo.Types[values[0]]
		if tv.Value == nil || tv.Value.String() != `""` {
			return nil, true
		}
	}
	return &analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte("var " + v.Name() + " strings.Builder")}, true
}

// growEdit sizes the builder before the loop when the final size is
// known: one accumulation of a constant string, once per iteration of a
// loop with a known count and no early exit. Grow takes an int: a count
// of another integer type is converted, and a count that may be negative
// (or wrap when converted) is written max(0, n).
func growEdit(pass *analysis.Pass, file *ast.File, v *types.Var, accs []*acc, l *loops.Loop) *analysis.TextEdit {
	if len(accs) != 1 || len(accs[0].rest) != 1 || l.Count == nil || l.EarlyExit {
		return nil
	}
	direct := false
	for _, s := range l.Body.List {
		direct = direct || s == accs[0].stmt
	}
	tv := pass.TypesInfo.Types[accs[0].rest[0]]
	if !direct || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	size := len(constant.StringVal(tv.Value))
	if size == 0 {
		return nil
	}
	at := l.Start()
	n := l.Count.Expr
	isInt := types.Unalias(l.Count.Type) == types.Typ[types.Int]
	switch {
	case l.Count.IsConst:
		n = fmt.Sprint(max(0, l.Count.Const) * int64(size))
	case !isInt || !l.Count.NonNeg:
		if !report.GoVersionAtLeast(pass, file, "go1.21") || !report.BuiltinAt(pass, file, at, "max") {
			return nil
		}
		if !isInt {
			if !report.BuiltinAt(pass, file, at, "int") {
				return nil
			}
			n = "int(" + n + ")"
		}
		n = "max(0, " + n + ")" // Grow panics on a negative size
	}
	if !l.Count.IsConst && size != 1 {
		if strings.ContainsAny(n, "+-") && !strings.HasPrefix(n, "max(") {
			n = "(" + n + ")"
		}
		n = fmt.Sprintf("%s*%d", n, size)
	}
	text := fmt.Sprintf("%s.Grow(%s)\n%s", v.Name(), n, report.Indent(pass.Fset, at))
	return &analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)}
}

// plainString reports whether every operand has type string or is an
// untyped string constant, so that WriteString takes it as it is.
func plainString(pass *analysis.Pass, es []ast.Expr) bool {
	for _, e := range es {
		t := pass.TypesInfo.TypeOf(e)
		if t != types.Typ[types.String] && t != types.Typ[types.UntypedString] {
			return false
		}
	}
	return true
}

func writesTo(pass *analysis.Pass, as *ast.AssignStmt, v *types.Var) bool {
	for _, l := range as.Lhs {
		if sameIdent(pass, l, v) {
			return true
		}
	}
	return false
}

func sameIdent(pass *analysis.Pass, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && pass.TypesInfo.Uses[id] == v
}

func mentions(pass *analysis.Pass, es []ast.Expr, v *types.Var) bool {
	found := false
	for _, e := range es {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == v {
				found = true
			}
			return !found
		})
	}
	return found
}
