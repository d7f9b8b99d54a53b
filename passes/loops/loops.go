// Package loops computes, for every for and range loop of a package, its
// trip count when it is statically known, whether its body can leave the
// loop early, and how loops nest.
package loops

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/format"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/passes/inspectors"
)

// Analyzer computes a [*Result] for each package.
var Analyzer = &analysis.Analyzer{
	Name:             "perflintloops",
	Doc:              "computes loop trip counts, early exits and nesting",
	Requires:         []*analysis.Analyzer{inspectors.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
}

// Result lists the loops of a package in source order.
type Result struct {
	Loops  []*Loop
	byStmt map[ast.Stmt]*Loop
	src    *source
}

// Source returns the source text of n as the file spells it (never
// types.ExprString, which drops struct tags and elides literals).
func (r *Result) Source(n ast.Node) string { return r.src.text(n) }

// Of returns the loop of stmt, a *ast.ForStmt or *ast.RangeStmt.
func (r *Result) Of(stmt ast.Stmt) *Loop { return r.byStmt[stmt] }

// Loop describes one for or range statement.
type Loop struct {
	Stmt   ast.Stmt       // *ast.ForStmt or *ast.RangeStmt
	Body   *ast.BlockStmt //
	Parent *Loop          // the loop around this one in the same function, or nil
	Cursor inspector.Cursor

	// Count is the number of iterations, or nil when it is not known
	// before the loop starts.
	Count *Count

	// EarlyExit is true when the body can leave the loop before its
	// count runs out: break, return, goto, panic, or a labelled break or
	// continue to an outer statement.
	EarlyExit bool

	// Leaves is true when the body can leave the loop early and go on
	// in the same function: break, goto, or a labelled break or continue
	// to an outer statement. Returns and Panics are the other early
	// exits, which leave the function.
	Leaves bool
	// Returns lists the return statements of the body (not those of
	// function literals).
	Returns []*ast.ReturnStmt
	// Panics is true when the body calls panic (outside function
	// literals).
	Panics bool

	// Continues is true when the body has a continue to this loop: the
	// statements after it do not run in every iteration.
	Continues bool

	// LeavesFirst is true when every iteration that reaches the end of
	// the body leaves the loop there and nothing continues it: the body
	// runs at most once.
	LeavesFirst bool
}

// Start is where code that runs before the loop may be inserted: the
// loop statement, or its label.
func (l *Loop) Start() token.Pos {
	if ls, ok := l.Cursor.Parent().Node().(*ast.LabeledStmt); ok {
		return ls.Pos()
	}
	return l.Stmt.Pos()
}

// Count is a trip count known before the loop starts.
type Count struct {
	// Expr is Go source for the count, usable in a fix: "len(xs)", "n",
	// "n-a", "16", written from the file's own text.
	Expr string
	// NonNeg is true when the count cannot be negative (len, cap, a
	// non-negative constant). A negative count means zero iterations.
	NonNeg bool
	// Const holds the value when the count is a constant.
	Const   int64
	IsConst bool
	// Type is the type of Expr (int for len and cap).
	Type types.Type
	// Uses are the variables Expr reads: a fix may place Expr only where
	// they are in scope and hold the same values as at the loop.
	Uses []*types.Var
	// Fields are the struct fields Expr reads (b.N reads testing.B's N).
	Fields []*types.Var
	// MayPanic is true when evaluating Expr can panic (a field through
	// a pointer, an index, a slice expression): it may be evaluated only
	// where the loop header would be, with the same values.
	MayPanic bool
}

// Small reports whether the count is a constant of at most n.
func (c *Count) Small(n int64) bool { return c != nil && c.IsConst && c.Const <= n }

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspectors.Analyzer].(*inspectors.Set)
	res := &Result{byStmt: make(map[ast.Stmt]*Loop), src: &source{pass: pass, files: make(map[*token.File][]byte)}}
	cc := &counter{pass: pass, src: res.src}
	for cur := range in.Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		l := &Loop{Stmt: cur.Node().(ast.Stmt), Cursor: cur}
		switch s := l.Stmt.(type) {
		case *ast.ForStmt:
			l.Body = s.Body
			l.Count = cc.forCount(s)
		case *ast.RangeStmt:
			l.Body = s.Body
			l.Count = cc.rangeCount(s)
		}
		if l.Body == nil {
			continue
		}
		for outer := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			if outer == cur {
				continue
			}
			if s, ok := outer.Node().(ast.Stmt); ok {
				l.Parent = res.byStmt[s]
			}
			break
		}
		exits(pass, l)
		res.Loops = append(res.Loops, l)
		res.byStmt[l.Stmt] = l
	}
	// The analyzers that use the result call Source for a few findings,
	// at once: the files' text is not kept for them (it would stay as long
	// as the package's analysis), nor shared (they would write the cache
	// together).
	res.src = &source{pass: pass}
	return res, nil
}

// source reads the files of a package, for the text of nodes; once each
// when files is not nil.
type source struct {
	pass  *analysis.Pass
	files map[*token.File][]byte
}

func (s *source) text(n ast.Node) string {
	tf := s.pass.Fset.File(n.Pos())
	if tf != nil {
		b, ok := s.files[tf]
		if !ok {
			b, _ = s.pass.ReadFile(tf.Name())
			if len(b) != tf.Size() {
				b = nil // not the text that was parsed
			}
			if s.files != nil {
				s.files[tf] = b
			}
		}
		if b != nil && n.End().IsValid() && tf.Base() <= int(n.Pos()) && int(n.End()) <= tf.Base()+tf.Size() {
			return string(b[tf.Offset(n.Pos()):tf.Offset(n.End())])
		}
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, s.pass.Fset, n); err != nil {
		return ""
	}
	return buf.String()
}

// counter computes trip counts.
type counter struct {
	pass *analysis.Pass
	src  *source
}

// operand describes a pure operand: what it reads.
type operand struct {
	uses     []*types.Var
	fields   []*types.Var
	mayPanic bool
}

func (o *operand) add(p operand) {
	o.uses = append(o.uses, p.uses...)
	o.fields = append(o.fields, p.fields...)
	o.mayPanic = o.mayPanic || p.mayPanic
}

func (o operand) count(expr string, t types.Type, nonNeg bool) *Count {
	return &Count{Expr: expr, Type: t, NonNeg: nonNeg, Uses: o.uses, Fields: o.fields, MayPanic: o.mayPanic}
}

// rangeCount: a range over a slice, array, pointer to array, map or
// integer runs a known number of times. Over a string it runs once per
// rune, so len(s) is only a bound: unknown.
func (cc *counter) rangeCount(s *ast.RangeStmt) *Count {
	pass := cc.pass
	tv, ok := pass.TypesInfo.Types[s.X]
	if !ok || tv.Type == nil {
		return nil
	}
	if tv.Value != nil && tv.Value.Kind() == constant.Int { // range 10
		return constCount(tv.Value)
	}
	switch t := tv.Type.Underlying().(type) {
	case *types.Array:
		return &Count{Expr: itoa(t.Len()), Const: t.Len(), IsConst: true, NonNeg: true, Type: types.Typ[types.Int]}
	case *types.Pointer:
		if a, ok := t.Elem().Underlying().(*types.Array); ok {
			return &Count{Expr: itoa(a.Len()), Const: a.Len(), IsConst: true, NonNeg: true, Type: types.Typ[types.Int]}
		}
	}
	op, ok := pureOperand(pass, s.X)
	if !ok {
		return nil
	}
	x := cc.src.text(s.X)
	switch t := tv.Type.Underlying().(type) {
	case *types.Basic:
		if t.Info()&types.IsInteger != 0 {
			return op.count(x, tv.Type, false)
		}
	case *types.Slice, *types.Map:
		return op.count("len("+x+")", types.Typ[types.Int], true)
	}
	return nil
}

// forCount: for i := a; i < n; i++ (or i <= n, i += 1) where the body
// changes neither i nor anything n reads.
func (cc *counter) forCount(s *ast.ForStmt) *Count {
	pass := cc.pass
	init, ok := s.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return nil
	}
	iv, ok := pass.TypesInfo.Defs[identOf(init.Lhs[0])].(*types.Var)
	if !ok || iv == nil {
		return nil
	}
	cond, ok := s.Cond.(*ast.BinaryExpr)
	if !ok || (cond.Op != token.LSS && cond.Op != token.LEQ) || pass.TypesInfo.Uses[identOf(cond.X)] != iv {
		return nil
	}
	if !isIncrement(pass, s.Post, iv) {
		return nil
	}
	nOp, ok := pureOperand(pass, cond.Y)
	if !ok {
		return nil
	}
	aOp, ok := pureOperand(pass, init.Rhs[0])
	if !ok {
		return nil
	}
	var op operand
	op.add(nOp)
	op.add(aOp)
	if assigns(pass, s.Body, append([]*types.Var{iv}, op.uses...)) {
		return nil
	}
	a, n := pass.TypesInfo.Types[init.Rhs[0]], pass.TypesInfo.Types[cond.Y]
	if a.Value != nil && n.Value != nil && a.Value.Kind() == constant.Int && n.Value.Kind() == constant.Int {
		v := constant.BinaryOp(n.Value, token.SUB, a.Value)
		if cond.Op == token.LEQ {
			v = constant.BinaryOp(v, token.ADD, constant.MakeInt64(1))
		}
		return constCount(v)
	}
	// for i := a; i < a+k: k iterations, whatever a is.
	if y, ok := ast.Unparen(cond.Y).(*ast.BinaryExpr); ok && y.Op == token.ADD && sameVar(pass, y.X, init.Rhs[0]) {
		if k := pass.TypesInfo.Types[y.Y]; k.Value != nil && k.Value.Kind() == constant.Int {
			v := k.Value
			if cond.Op == token.LEQ {
				v = constant.BinaryOp(v, token.ADD, constant.MakeInt64(1))
			}
			return constCount(v)
		}
		kOp, _ := pureOperand(pass, y.Y)
		c := kOp.count(cc.src.text(y.Y), iv.Type(), false)
		if b, ok := iv.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsUnsigned != 0 {
			c.NonNeg = true
		}
		c.Expr = paren(y.Y, c.Expr)
		if cond.Op == token.LEQ {
			c.Expr += "+1"
		}
		return c
	}
	// n-a in an unsigned type wraps when n < a, where the loop runs zero
	// times: no count that a size can use.
	if b, ok := iv.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsUnsigned != 0 {
		if a.Value == nil || constant.Sign(a.Value) != 0 && !(cond.Op == token.LEQ && a.Value.String() == "1") {
			return nil
		}
	}
	c := op.count("", iv.Type(), false)
	nx, ax := cc.src.text(cond.Y), cc.src.text(init.Rhs[0])
	if isLenOrCap(pass, cond.Y) {
		c.NonNeg = true
	}
	switch {
	case a.Value != nil && constant.Sign(a.Value) == 0 && cond.Op == token.LSS:
		c.Expr = nx
	case a.Value != nil && constant.Sign(a.Value) == 0:
		c.Expr = nx + "+1"
	case a.Value != nil && a.Value.Kind() == constant.Int:
		// i := 1; i <= n counts n; i := 2; i < n counts n-2.
		k, _ := constant.Int64Val(a.Value)
		if cond.Op == token.LEQ {
			k--
		}
		c.NonNeg = false
		switch {
		case k == 0:
			c.Expr = nx
		case k > 0:
			c.Expr = fmt.Sprintf("%s-%d", nx, k)
		default:
			c.Expr = fmt.Sprintf("%s+%d", nx, -k)
		}
	default:
		c.NonNeg = false
		c.Expr = nx + "-" + paren(init.Rhs[0], ax)
		if cond.Op == token.LEQ {
			c.Expr += "+1"
		}
	}
	return c
}

// sameVar reports whether x and y are the same variable.
func sameVar(pass *analysis.Pass, x, y ast.Expr) bool {
	xi, yi := identOf(x), identOf(y)
	return xi != nil && yi != nil && pass.TypesInfo.Uses[xi] != nil && pass.TypesInfo.Uses[xi] == pass.TypesInfo.Uses[yi]
}

func constCount(v constant.Value) *Count {
	n, ok := constant.Int64Val(v)
	if !ok {
		return nil
	}
	return &Count{Expr: v.ExactString(), Const: n, IsConst: true, NonNeg: n >= 0, Type: types.Typ[types.Int]}
}

func isIncrement(pass *analysis.Pass, post ast.Stmt, v *types.Var) bool {
	switch p := post.(type) {
	case *ast.IncDecStmt:
		return p.Tok == token.INC && pass.TypesInfo.Uses[identOf(p.X)] == v
	case *ast.AssignStmt:
		if p.Tok != token.ADD_ASSIGN || len(p.Lhs) != 1 || pass.TypesInfo.Uses[identOf(p.Lhs[0])] != v {
			return false
		}
		tv := pass.TypesInfo.Types[p.Rhs[0]]
		return tv.Value != nil && tv.Value.String() == "1"
	}
	return false
}

// pureOperand reports whether e can be evaluated again without side
// effects: constants, variables, field selections, len and cap of those,
// indexes and slice expressions of those.
func pureOperand(pass *analysis.Pass, e ast.Expr) (op operand, ok bool) {
	if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		return op, true
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return pureOperand(pass, e.X)
	case *ast.Ident:
		v, ok := pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return op, false
		}
		op.uses = []*types.Var{v}
		return op, true
	case *ast.SelectorExpr:
		sel, ok := pass.TypesInfo.Selections[e]
		if !ok || sel.Kind() != types.FieldVal {
			if v, ok := pass.TypesInfo.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
				op.uses = []*types.Var{v} // pkg.Var
				return op, true
			}
			return op, false
		}
		op, ok = pureOperand(pass, e.X)
		op.fields = append(op.fields, sel.Obj().(*types.Var))
		op.mayPanic = op.mayPanic || sel.Indirect()
		return op, ok
	case *ast.CallExpr:
		if !isLenOrCap(pass, e) {
			return op, false
		}
		return pureOperand(pass, e.Args[0])
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL:
			x, ok1 := pureOperand(pass, e.X)
			y, ok2 := pureOperand(pass, e.Y)
			x.add(y)
			return x, ok1 && ok2
		}
	case *ast.IndexExpr:
		t := pass.TypesInfo.TypeOf(e.X)
		if t == nil {
			return op, false
		}
		switch u := t.Underlying().(type) {
		case *types.Map:
		case *types.Slice, *types.Array:
			op.mayPanic = true
		case *types.Pointer:
			if _, ok := u.Elem().Underlying().(*types.Array); !ok {
				return op, false
			}
			op.mayPanic = true
		default:
			return op, false
		}
		x, ok1 := pureOperand(pass, e.X)
		i, ok2 := pureOperand(pass, e.Index)
		op.add(x)
		op.add(i)
		return op, ok1 && ok2
	case *ast.SliceExpr:
		op.mayPanic = true
		for _, sub := range []ast.Expr{e.X, e.Low, e.High, e.Max} {
			if sub == nil {
				continue
			}
			p, ok := pureOperand(pass, sub)
			if !ok {
				return op, false
			}
			op.add(p)
		}
		return op, true
	}
	return op, false
}

func isLenOrCap(pass *analysis.Pass, e ast.Expr) bool {
	return code.IsCallToAny(pass, e, "len", "cap")
}

// Assigns reports whether body may change any of vars: an assignment,
// an increment, taking its address, or a delete or clear of it. A field
// or element of a variable counts as the variable.
func Assigns(pass *analysis.Pass, body ast.Node, vars []*types.Var) bool {
	return assigns(pass, body, vars)
}

func assigns(pass *analysis.Pass, body ast.Node, vars []*types.Var) bool {
	if len(vars) == 0 {
		return false
	}
	is := func(e ast.Expr) bool {
		for {
			switch x := e.(type) {
			case *ast.ParenExpr:
				e = x.X
				continue
			case *ast.SelectorExpr:
				e = x.X
				continue
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.StarExpr:
				e = x.X
				continue
			case *ast.Ident:
				obj := pass.TypesInfo.ObjectOf(x)
				for _, v := range vars {
					if obj == v {
						return true
					}
				}
			}
			return false
		}
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || is(l)
			}
		case *ast.IncDecStmt:
			found = is(n.X)
		case *ast.UnaryExpr:
			found = n.Op == token.AND && is(n.X)
		case *ast.RangeStmt:
			found = (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
		case *ast.CallExpr:
			found = len(n.Args) > 0 && code.IsCallToAny(pass, n, "delete", "clear") && is(n.Args[0])
		}
		return !found
	})
	return found
}

// exits walks the body of l, not entering function literals.
func exits(pass *analysis.Pass, l *Loop) {
	var leaves, continued, leavesFirst bool
	label := labelOf(l.Cursor)
	// breakDepth counts the statements around n inside the body that an
	// unlabelled break leaves instead of l (loops, switch, select);
	// loopDepth counts the loops, which an unlabelled continue goes to.
	var walk func(n ast.Node, breakDepth, loopDepth int)
	walk = func(n ast.Node, breakDepth, loopDepth int) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				l.Returns = append(l.Returns, n)
			case *ast.CallExpr:
				if isPanic(pass, n) {
					l.Panics = true
				}
			case *ast.BranchStmt:
				switch n.Tok {
				case token.GOTO:
					leaves = true
				case token.BREAK:
					if n.Label == nil && breakDepth == 0 {
						leaves = true
					} else if n.Label != nil && !definedInside(n.Label, l.Body) {
						leaves = true
					}
				case token.CONTINUE:
					if len(l.Body.List) > 0 && ast.Stmt(n) == l.Body.List[len(l.Body.List)-1] {
						break // a continue that ends the body changes nothing
					}
					if n.Label == nil && loopDepth == 0 || n.Label != nil && n.Label.Name == label {
						continued = true
					} else if n.Label != nil && !definedInside(n.Label, l.Body) {
						leaves = true
					}
				}
			case *ast.ForStmt, *ast.RangeStmt:
				var body *ast.BlockStmt
				if f, ok := n.(*ast.ForStmt); ok {
					body = f.Body
				} else {
					body = n.(*ast.RangeStmt).Body
				}
				walk(body, breakDepth+1, loopDepth+1)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				var body *ast.BlockStmt
				switch s := n.(type) {
				case *ast.SwitchStmt:
					body = s.Body
				case *ast.TypeSwitchStmt:
					body = s.Body
				case *ast.SelectStmt:
					body = s.Body
				}
				walk(body, breakDepth+1, loopDepth)
				return false
			}
			return true
		})
	}
	walk(l.Body, 0, 0)
	if n := len(l.Body.List); n > 0 && !continued {
		switch last := l.Body.List[n-1].(type) {
		case *ast.ReturnStmt:
			leavesFirst = true
		case *ast.BranchStmt:
			leavesFirst = last.Tok == token.BREAK && (last.Label == nil || last.Label.Name == label)
		case *ast.ExprStmt:
			call, ok := last.X.(*ast.CallExpr)
			leavesFirst = ok && isPanic(pass, call)
		}
	}
	l.Leaves, l.Continues, l.LeavesFirst = leaves, continued, leavesFirst
	l.EarlyExit = leaves || l.Panics || len(l.Returns) > 0
}

func labelOf(cur inspector.Cursor) string {
	if ls, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		return ls.Label.Name
	}
	return ""
}

// definedInside reports whether the label's statement lies inside body.
func definedInside(label *ast.Ident, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Label.Name == label.Name {
			found = true
		}
		return !found
	})
	return found
}

func isPanic(pass *analysis.Pass, call *ast.CallExpr) bool { return code.IsCallTo(pass, call, "panic") }

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

func paren(e ast.Expr, s string) string {
	switch ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit, *ast.SelectorExpr, *ast.CallExpr:
		return s
	}
	return "(" + s + ")"
}

func itoa(n int64) string { return constant.MakeInt64(n).String() }
