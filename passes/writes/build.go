package writes

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/passes/goroutines"
	"github.com/perflint/perflint/passes/lockregions"
	"github.com/perflint/perflint/passes/report"
)

type builder struct {
	pass *analysis.Pass
	info *types.Info
	res  *Result
	// stack holds the nodes from the declaration down to the node being
	// visited.
	stack []ast.Node
	cur   *Func
	top   *Func // the top-level function, for literal names
	// local marks pointer variables a function constructs (p := &T{}).
	local map[*types.Var]bool
	// handled marks the arguments of goroutine starts (not callbacks,
	// not unknown uses).
	handled map[ast.Node]bool
	// valueUses are the package functions used other than by a call.
	valueUses map[*Func]bool
	// localFuncs maps local variables to the literals assigned to them.
	localFuncs map[*types.Var]*Func
	// recvCalls are the calls of a method on its own receiver's memory
	// (r.m(), r.f.m()): edges for Func.RecvWrites.
	recvCalls []recvCall
	// pending are the writes x.f.m() whose kinds are m's RecvWrites,
	// known once every function is walked.
	pending []recvCall
	// funcUses maps the identifiers that use a function of the package
	// to it.
	funcUses map[*ast.Ident]*Func
	funcPos  *posSet // the positions of funcUses' identifiers
	// returnsRecv memoizes whether a method returns a pointer into its
	// receiver's memory (func (c *counter) ptr() *int64 { return (*int64)(c) }).
	returnsRecv map[*Func]bool
	// leaf and ctor memoize leafMethod and constructs.
	leaf, ctor map[*Func]bool
	// returnIfs lists, for the atomic and mutex writes, the ifs before
	// them that return (see checkedBefore): OncePath is decided when
	// their function's writes are all known.
	returnIfs map[*Write][]*ast.IfStmt
	// fieldFuncs are the functions of the package stored in each of its
	// struct fields of func type, fieldUnknown the fields that also get
	// some other value; fieldCalls the calls through such fields, made
	// edges once every value is known.
	fieldFuncs   map[*types.Var][]ast.Node // *ast.FuncLit, *ast.FuncDecl
	fieldUnknown map[*types.Var]bool
	fieldCalls   []fieldCall
}

// fieldCall is a call through a struct field of func type (x.f()).
type fieldCall struct {
	caller *Func
	call   *ast.CallExpr
	ctx    context
	field  *types.Var
}

// recvCall is a call by from of method to on memory it writes through:
// its own receiver's (an edge of RecvWrites), or, with w, a field held by
// value (the pending write of that field).
type recvCall struct {
	from, to *Func
	w        *Write
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{
		Sections: &lockregions.Result{},
		byObj:    make(map[*types.Func]*Func),
		byNode:   make(map[ast.Node]*Func),
		byVar:    make(map[*types.Var][]*Write),
		info:     pass.TypesInfo,
		pass:     pass,
	}
	b := &builder{
		pass: pass, info: pass.TypesInfo, res: res,
		local:      make(map[*types.Var]bool),
		handled:    make(map[ast.Node]bool),
		valueUses:  make(map[*Func]bool),
		localFuncs: make(map[*types.Var]*Func),
		fieldFuncs: make(map[*types.Var][]ast.Node), fieldUnknown: make(map[*types.Var]bool),
	}
	pkgInit := &Func{Name: "package initialization", Init: true}
	var testInit *Func // the initialization of _test.go files' variables
	pkgInit.Root = &Root{Kind: InitRoot, Func: pkgInit}
	res.Funcs = append(res.Funcs, pkgInit)
	for _, file := range pass.Files {
		test := isTestFile(pass, file)
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			f := &Func{Node: fd, Obj: obj, Name: report.DeclName(fd), Test: test}
			if obj != nil {
				res.byObj[obj] = f
			}
			res.byNode[fd] = f
			res.Funcs = append(res.Funcs, f)
		}
	}
	// The uses of the package's functions, looked up once: a walk meets
	// every identifier, and few are functions of the package.
	b.funcUses = make(map[*ast.Ident]*Func)
	b.funcPos = newPosSet(pass.Files)
	for id, obj := range pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok {
			if f := res.FuncObj(fn); f != nil {
				b.funcUses[id] = f
				b.funcPos.add(id.Pos())
			}
		}
	}
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Body != nil {
					f := res.byNode[d]
					b.cur, b.top = f, f
					b.walk(d.Body)
				}
			case *ast.GenDecl:
				if d.Tok == token.VAR {
					init := pkgInit
					if isTestFile(pass, file) {
						if testInit == nil {
							testInit = &Func{Name: "package initialization (tests)", Init: true, Test: true}
							testInit.Root = &Root{Kind: InitRoot, Func: testInit}
							res.Funcs = append(res.Funcs, testInit)
						}
						init = testInit
					}
					b.cur, b.top = init, init
					b.walk(d)
				}
			}
		}
	}
	b.fieldEdges()
	sort.SliceStable(res.Funcs, func(i, j int) bool { return cmpPos(res.Funcs[i], res.Funcs[j]) < 0 })
	b.methodWrites()
	b.oncePaths()
	b.locks(res.Sections)
	b.roots()
	b.repeats()
	b.cold()
	for _, w := range res.Writes {
		res.byVar[w.Var] = append(res.byVar[w.Var], w)
	}
	res.fresh = b.local
	return res, nil
}

// isTestFile reports whether file is a _test.go file.
func isTestFile(pass *analysis.Pass, file *ast.File) bool {
	tf := pass.Fset.File(file.FileStart)
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}

// walk visits n with the builder's current function, keeping the stack.
func (b *builder) walk(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			b.stack = b.stack[:len(b.stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			f := b.lit(n)
			// A literal assigned to a local variable runs when the
			// function calls the variable: an edge from the function.
			// One that is neither that, nor called in place, nor passed
			// to a call, nor started, is stored for unknown callers.
			if call, ok := b.parent().(*ast.CallExpr); ok {
				if call.Fun != n && !b.handled[n] && isHandlerSig(b.info.TypeOf(n)) {
					f.Root = &Root{Kind: Handler, Func: f}
				}
			} else if v := b.toLocal(n); v != nil {
				ctx, _ := b.where(n, nil)
				b.edge(f, n, ctx)
				b.localFuncs[v] = f
			} else if !b.handled[n] && f.Root == nil {
				f.Root = &Root{Kind: Unknown, Func: f}
			}
			saved := b.cur
			b.cur = f
			b.stack = append(b.stack, n)
			b.walk(n.Body)
			b.stack = b.stack[:len(b.stack)-1]
			b.cur = saved
			return false
		case *ast.CallExpr:
			b.call(n)
		case *ast.CompositeLit:
			b.compositeFields(n)
		case *ast.AssignStmt:
			b.assign(n)
		case *ast.IncDecStmt:
			b.store(n, n.X, false)
		case *ast.ExprStmt:
			if r := lockregions.Find(b.info, n, b.parent()); r != nil {
				r.Func = b.cur.Node
				b.res.Sections.Regions = append(b.res.Sections.Regions, r)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i < len(n.Values) {
					b.define(name, n.Values[i])
				}
			}
		case *ast.Ident:
			b.ident(n)
		}
		b.stack = append(b.stack, n)
		return true
	})
}

// lit returns the Func of a literal, creating it.
func (b *builder) lit(n *ast.FuncLit) *Func {
	if f := b.res.byNode[n]; f != nil {
		return f
	}
	b.top.literals++
	name := fmt.Sprintf("%s.func%d", b.top.Name, b.top.literals)
	if b.top.Node == nil {
		name = fmt.Sprintf("glob..func%d", b.top.literals)
	}
	f := &Func{Node: n, Parent: b.cur, Name: name, Test: b.top.Test}
	b.res.byNode[n] = f
	b.res.Funcs = append(b.res.Funcs, f)
	return f
}

// toLocal reports whether lit, being visited, is assigned to a local
// variable of the current function (f := func() {...}; var f = func...).
func (b *builder) toLocal(lit *ast.FuncLit) *types.Var {
	var lhs ast.Expr
	switch p := b.parent().(type) {
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == lit && len(p.Lhs) == len(p.Rhs) {
				lhs = p.Lhs[i]
			}
		}
	case *ast.ValueSpec:
		for i, r := range p.Values {
			if r == lit && i < len(p.Names) {
				lhs = p.Names[i]
			}
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok || b.cur.Node == nil {
		return nil
	}
	v, ok := b.info.ObjectOf(id).(*types.Var)
	if ok && !v.IsField() && v.Parent() != v.Pkg().Scope() && b.cur.Node.Pos() <= v.Pos() && v.Pos() < b.cur.Node.End() {
		return v
	}
	return nil
}

func (b *builder) varOf(id *ast.Ident) *types.Var {
	v, _ := b.info.Uses[id].(*types.Var)
	return v
}

// parent returns the node around the one being visited.
func (b *builder) parent() ast.Node {
	if len(b.stack) == 0 {
		return nil
	}
	return b.stack[len(b.stack)-1]
}

// context describes where the node being visited sits in its function.
type context struct {
	inLoop bool // in the body, condition or post statement of a loop
	dead   bool // under a constant-false condition
	// branch is the innermost branch around the node: the body or the
	// else of an if, a case or comm clause, a loop body; nil at the
	// function's top level.
	branch ast.Node
	// paced: the loop that repeats the node waits on a timer each
	// iteration (see [Call.Paced]).
	paced bool
}

// where computes the context of the node being visited (whose parent is
// the top of the stack) within the current function; perItem, when not
// nil, says whether a loop makes each iteration's object differ.
func (b *builder) where(n ast.Node, perItem func(loop ast.Node) bool) (ctx context, guardIfs []*ast.IfStmt) {
	child := n
	paceKnown := false // what repeats the node is known: ctx.paced holds
	for i := len(b.stack) - 1; i >= 0; i-- {
		s := b.stack[i]
		switch s := s.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return ctx, guardIfs
		case *ast.ForStmt:
			if child != s.Init && (perItem == nil || !perItem(s)) {
				ctx.inLoop = true
			}
			if child == s.Body && ctx.branch == nil {
				ctx.branch = child
			}
			if child == s.Body && !paceKnown {
				switch {
				case b.pacedBody(s.Body):
					ctx.paced, paceKnown = true, true
				case s.Cond == nil || s.Post == nil:
					paceKnown = true // for {}, for cond {}: runs as fast as its events come
				}
			}
		case *ast.RangeStmt:
			if child == s.Body && (perItem == nil || !perItem(s)) {
				ctx.inLoop = true
			}
			if child == s.Body && ctx.branch == nil {
				ctx.branch = child
			}
			if child == s.Body && !paceKnown {
				switch t := b.info.TypeOf(s.X); {
				case isTimeChan(t) || b.pacedBody(s.Body):
					ctx.paced, paceKnown = true, true
				case t == nil:
					paceKnown = true
				default:
					switch t.Underlying().(type) {
					case *types.Chan, *types.Signature:
						paceKnown = true // a channel of work, an iterator
					}
				}
			}
		case *ast.IfStmt:
			if tv, ok := b.info.Types[s.Cond]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
				v := constant.BoolVal(tv.Value)
				if (child == s.Body && !v) || (child == s.Else && v) {
					ctx.dead = true
				}
			}
			if child == s.Body || child == s.Else {
				guardIfs = append(guardIfs, s)
				if ctx.branch == nil {
					ctx.branch = child
				}
			}
		case *ast.CaseClause, *ast.CommClause:
			if ctx.branch == nil {
				ctx.branch = s
			}
			if cc, ok := s.(*ast.CommClause); ok && cc.Comm != nil && child != cc.Comm && !paceKnown {
				ctx.paced, paceKnown = b.timeRecv(cc.Comm), true
			}
		}
		child = s
	}
	return ctx, guardIfs
}

// isTimeChan reports whether t is a channel of time.Time: a ticker's or
// timer's C, time.After, time.Tick.
func isTimeChan(t types.Type) bool {
	if t == nil {
		return false // a type error
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && isNamed(ch.Elem(), "time", "Time")
}

// timeRecv reports whether stmt receives from a channel of time.Time
// (<-t.C, v := <-time.After(d), v, ok = <-c).
func (b *builder) timeRecv(stmt ast.Stmt) bool {
	var x ast.Expr
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	}
	u, ok := ast.Unparen(x).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && isTimeChan(b.info.TypeOf(u.X))
}

// pacedBody reports whether a loop body waits on a timer at its top
// level: time.Sleep (of a millisecond or more when constant), a receive
// from a channel of time.Time, or a select without default whose every
// case receives from one or leaves the loop.
func (b *builder) pacedBody(body *ast.BlockStmt) bool {
	for _, stmt := range body.List {
		if b.timeRecv(stmt) {
			return true
		}
		switch s := stmt.(type) {
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && len(call.Args) == 1 && code.IsCallTo(b.pass, call, "time.Sleep") {
				tv := b.info.Types[call.Args[0]]
				if tv.Value == nil {
					return true
				}
				if d, ok := constant.Int64Val(constant.ToInt(tv.Value)); !ok || d >= int64(time.Millisecond) {
					return true
				}
			}
		case *ast.SelectStmt:
			if b.selectPaced(s) {
				return true
			}
		}
	}
	return false
}

// selectPaced reports whether a select waits on a timer: no default,
// some case receives from a channel of time.Time, and every other case
// leaves the loop (case <-done: return).
func (b *builder) selectPaced(s *ast.SelectStmt) bool {
	timed := false
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		switch {
		case cc.Comm == nil:
			return false // default: it does not wait
		case b.timeRecv(cc.Comm):
			timed = true
		case !leaves(cc.Body):
			return false
		}
	}
	return timed
}

// leaves reports whether a clause body ends by leaving the loop around
// its select: a return, a labeled break, a goto.
func leaves(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch s := body[len(body)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.GOTO || s.Tok == token.BREAK && s.Label != nil
	}
	return false
}

// call records a call edge, a goroutine start, an atomic or mutex write,
// or a map write through delete or clear.
func (b *builder) call(call *ast.CallExpr) {
	if g, ok := b.parent().(*ast.GoStmt); ok && g.Call == call {
		b.start(g, call.Fun, GoStmt)
		return
	}
	if goroutines.IsGoMethod(b.info, call) && len(call.Args) == 1 {
		kind := WaitGroupGo
		if fn, ok := typeutil.Callee(b.info, call).(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() != "sync" {
			kind = ErrgroupGo
		}
		b.handled[ast.Unparen(call.Args[0])] = true
		b.start(call, call.Args[0], kind)
		return
	}
	var ctx *context // computed for edges only: most calls are not
	where := func() context {
		if ctx == nil {
			c, _ := b.where(call, nil)
			ctx = &c
		}
		return *ctx
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		b.edge(b.lit(lit), call, where())
	} else if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && len(b.localFuncs) > 0 && b.localFuncs[b.varOf(id)] != nil {
		b.edge(b.localFuncs[b.varOf(id)], call, where()) // f := func(){...}; f()
	} else if callee := typeutil.Callee(b.info, call); callee != nil {
		switch fn := callee.(type) {
		case *types.Func:
			if f := b.res.FuncObj(fn); f != nil && isStatic(fn) {
				ctx := where()
				c := b.edge(f, call, ctx)
				if c != nil {
					c.Recv = b.recvArg(call, fn)
					c.Fresh = c.Recv == FreshRecv && b.leafMethod(f, 0) // p := &T{}; p.setN(1): p's own memory
				}
				b.methodCall(call, fn, f, ctx.dead)
			} else if fn.Pkg() != nil {
				b.writeCall(call, fn)
			}
		case *types.Var:
			if b.funcField(fn) {
				b.fieldCalls = append(b.fieldCalls, fieldCall{b.cur, call, where(), fn.Origin()})
			}
		case *types.Builtin:
			if (fn.Name() == "delete" || fn.Name() == "clear") && len(call.Args) > 0 {
				b.store(call, call.Args[0], true)
			}
		}
	}
	// Literals passed as arguments run as callbacks of the call.
	for _, a := range call.Args {
		if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok && !isHandlerSig(b.info.TypeOf(lit)) {
			b.edge(b.lit(lit), lit, where())
		}
	}
}

// isStatic: a function, or a method of a concrete type (not an interface
// method).
func isStatic(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv == nil || !types.IsInterface(recv.Type())
}

func (b *builder) edge(callee *Func, n ast.Node, ctx context) *Call {
	if b.cur.Test && !callee.Test {
		return nil // the package's model is the same in its test variant
	}
	c := &Call{Caller: b.cur, Callee: callee, Node: n, InLoop: ctx.inLoop, Dead: ctx.dead, Branch: ctx.branch, Paced: ctx.paced}
	b.cur.Calls = append(b.cur.Calls, c)
	callee.Callers = append(callee.Callers, c)
	return c
}

// start records a goroutine start of fun.
func (b *builder) start(n ast.Node, fun ast.Expr, kind RootKind) {
	ctx, _ := b.where(n, nil)
	s := &Start{Starter: b.cur, Node: n, InLoop: ctx.inLoop, Kind: kind}
	switch f := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		b.handled[f] = true
		s.Started = b.lit(f)
	default:
		if fn, ok := typeutil.Callee(b.info, &ast.CallExpr{Fun: f}).(*types.Func); ok {
			s.Started = b.res.FuncObj(fn)
		}
		markHandled(b, f)
	}
	if !ctx.dead {
		b.cur.Starts = append(b.cur.Starts, s)
		if g := s.Started; g != nil && (g.Test || !b.cur.Test) {
			if g.Root == nil || g.Root.Kind > kind {
				g.Root = &Root{Kind: kind, Func: g}
			}
			g.Root.InLoop = g.Root.InLoop || s.InLoop
		}
	}
}

func markHandled(b *builder, e ast.Expr) {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		b.handled[x] = true
	case *ast.SelectorExpr:
		b.handled[x.Sel] = true
	case *ast.IndexExpr:
		markHandled(b, x.X)
	case *ast.IndexListExpr:
		markHandled(b, x.X)
	}
}

// funcField reports whether v is a field of func type declared in the
// package: every value it holds is stored by the package.
func (b *builder) funcField(v *types.Var) bool {
	if !v.IsField() || v.Pkg() != b.pass.Pkg {
		return false
	}
	_, ok := v.Type().Underlying().(*types.Signature)
	return ok
}

// compositeFields records the values a struct literal gives its fields
// of func type.
func (b *builder) compositeFields(lit *ast.CompositeLit) {
	t := b.info.TypeOf(lit)
	if t == nil {
		return // a type error
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, e := range lit.Elts {
		var v *types.Var
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				v, _ = b.info.Uses[id].(*types.Var)
			}
			e = kv.Value
		} else if i < st.NumFields() {
			v = st.Field(i)
		}
		if v != nil && b.funcField(v) {
			b.fieldValue(v, e)
		}
	}
}

// fieldValue records that the package stores value (nil: one it cannot
// see) in the func field v. Stores in tests are the tests' own: the
// package's model is the same in its test variant.
func (b *builder) fieldValue(v *types.Var, value ast.Expr) {
	if b.cur.Test {
		return
	}
	v = v.Origin()
	var f ast.Node // the literal, or the declaration of a function
	switch e := ast.Unparen(value).(type) {
	case *ast.FuncLit:
		f = e // its Func once walked: a literal's name is its place in the walk
	case *ast.Ident:
		if e.Name == "nil" && b.info.Types[e].IsNil() {
			return
		}
		if g := b.funcUses[e]; g != nil {
			f = g.Node
		}
	case *ast.SelectorExpr:
		if g := b.funcUses[e.Sel]; g != nil {
			f = g.Node
		}
	}
	if f == nil {
		b.fieldUnknown[v] = true
	} else if !slices.Contains(b.fieldFuncs[v], f) {
		b.fieldFuncs[v] = append(b.fieldFuncs[v], f)
	}
}

// maxFieldFuncs bounds the functions a call through a field may reach:
// beyond it the field is a table of callbacks, as unknown as an
// interface.
const maxFieldFuncs = 4

// fieldEdges makes each call through a func field of the package an
// edge to every function the package stores in that field, when those
// are all it stores and at most maxFieldFuncs
// (updateCommittedIndex: func(ci uint64) {...}; ...; rh.updateCommittedIndex(ci)).
// A literal stored in such an unexported field has no unknown callers:
// only the package calls the field.
func (b *builder) fieldEdges() {
	saved := b.cur
	called := make(map[*types.Var]bool)
	callers := make(map[*Func]bool)
	for _, fc := range b.fieldCalls {
		fs := b.fieldFuncs[fc.field]
		if b.fieldUnknown[fc.field] || len(fs) == 0 || len(fs) > maxFieldFuncs {
			continue
		}
		called[fc.field] = true
		callers[fc.caller] = true
		b.cur = fc.caller
		for _, n := range fs {
			if f := b.res.byNode[n]; f != nil {
				b.edge(f, fc.call, fc.ctx)
			}
		}
	}
	b.cur = saved
	for f := range callers { // its calls in source order again
		slices.SortStableFunc(f.Calls, func(x, y *Call) int { return int(x.Node.Pos() - y.Node.Pos()) })
	}
	for v := range called {
		if v.Exported() {
			continue
		}
		for _, n := range b.fieldFuncs[v] {
			if f := b.res.byNode[n]; f != nil && f.Root != nil && f.Root.Kind == Unknown {
				if _, ok := n.(*ast.FuncLit); ok {
					f.Root = nil
				}
			}
		}
	}
}

// ident records a package function used other than by a call or a
// goroutine start: unknown callers.
func (b *builder) ident(id *ast.Ident) {
	if !b.funcPos.has(id.Pos()) {
		return // the common case, without a lookup in a large map
	}
	f := b.funcUses[id]
	if f == nil || b.handled[id] || (b.cur.Test && !f.Test) {
		return
	}
	// In call position: f(...), x.f(...), f[T](...).
	var e ast.Node = id
	i := len(b.stack) - 1
	if i >= 0 {
		if sel, ok := b.stack[i].(*ast.SelectorExpr); ok && sel.Sel == id {
			e = sel
			i--
		}
	}
	for i >= 0 {
		switch p := b.stack[i].(type) {
		case *ast.IndexExpr, *ast.IndexListExpr, *ast.ParenExpr:
			e = p
			i--
			continue
		case *ast.CallExpr:
			if p.Fun == e {
				return
			}
		}
		break
	}
	b.valueUses[f] = true
}

// assign records stores, map and element writes, and the pointers a
// function constructs.
func (b *builder) assign(as *ast.AssignStmt) {
	if as.Tok == token.DEFINE {
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && len(as.Lhs) == len(as.Rhs) {
				b.define(id, as.Rhs[i])
			}
		}
		if id, ok := as.Lhs[0].(*ast.Ident); ok && len(as.Lhs) > 1 && len(as.Rhs) == 1 {
			b.define(id, as.Rhs[0]) // c, err := newConn()
		}
		return
	}
	if as.Tok == token.ASSIGN {
		for i, l := range as.Lhs {
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
				if v, ok := b.info.Uses[sel.Sel].(*types.Var); ok && b.funcField(v) {
					var rhs ast.Expr // nil: a value of a multi-value call
					if len(as.Lhs) == len(as.Rhs) {
						rhs = as.Rhs[i]
					}
					b.fieldValue(v, rhs)
				}
			}
		}
	}
	for i, l := range as.Lhs {
		w := b.store(as, l, false)
		if w != nil && len(as.Lhs) == len(as.Rhs) && as.Tok == token.ASSIGN {
			w.Const = isConst(b.info, as.Rhs[i])
		}
		if id, ok := l.(*ast.Ident); ok && as.Tok == token.ASSIGN && (len(as.Lhs) == len(as.Rhs) || i == 0) {
			b.assignLocal(id, as.Rhs[min(i, len(as.Rhs)-1)])
		}
	}
}

// assignLocal marks v = &T{...} (or new(T), or a constructor's result)
// for a variable of the function, a named result among them, when every
// assignment to it in the function is such a pointer and its address is
// never taken: var c *conn; ...; c = &conn{}.
func (b *builder) assignLocal(id *ast.Ident, rhs ast.Expr) {
	v, ok := b.info.Uses[id].(*types.Var)
	if !ok || b.local[v] || !b.ownLocal(v) || !isPointer(v.Type()) || !b.freshExpr(rhs, 0) {
		return
	}
	all := true
	ast.Inspect(b.cur.Node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if lid, ok := l.(*ast.Ident); ok && (b.info.Uses[lid] == v || b.info.Defs[lid] == v) {
					j := i
					if len(n.Lhs) != len(n.Rhs) {
						if i != 0 || len(n.Rhs) != 1 {
							all = false
							break
						}
						j = 0
					}
					if !b.freshExpr(n.Rhs[j], 0) {
						all = false
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if b.info.Defs[name] == v && i < len(n.Values) && !b.freshExpr(n.Values[i], 0) {
					all = false
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isIdentOf(b.info, n.X, v) {
				all = false
			}
		}
		return all
	})
	if all {
		b.local[v] = true
	}
}

// define marks v := &T{...}, v := new(T) and v := newT(), where newT
// is a constructor of the package (see constructs).
func (b *builder) define(id *ast.Ident, rhs ast.Expr) {
	v, ok := b.info.Defs[id].(*types.Var)
	if !ok || v == nil {
		return
	}
	if b.freshExpr(rhs, 0) {
		b.local[v] = true
	}
}

// freshExpr reports whether e yields a pointer that nothing else holds:
// &T{...}, new(T), or a call of a constructor of the package.
func (b *builder) freshExpr(e ast.Expr, depth int) bool {
	switch r := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		_, isLit := r.X.(*ast.CompositeLit)
		return isLit && r.Op == token.AND
	case *ast.CallExpr:
		switch fn := typeutil.Callee(b.info, r).(type) {
		case *types.Builtin:
			return fn.Name() == "new"
		case *types.Func:
			g := b.res.FuncObj(fn)
			return g != nil && isStatic(fn) && b.constructs(g, depth+1)
		}
	}
	return false
}

// constructs reports whether g is a constructor: a function of the
// package (or a method) without goroutines or literals whose every return
// gives, as its first result, nil or a pointer it constructs
// (&T{...}, new(T), another constructor's result, or a variable that
// holds one) and that it does not let go before returning it: the
// variable is used only to select its fields (c.n = 1, c.mu.Lock()), to
// call leaf methods on it (see leafMethod), and in the return. What the
// caller gets is its own, as with p := &T{} (memoized).
func (b *builder) constructs(g *Func, depth int) bool {
	if v, ok := b.ctor[g]; ok {
		return v
	}
	if b.ctor == nil {
		b.ctor = make(map[*Func]bool)
	}
	b.ctor[g] = false // a cycle constructs nothing known
	fd, _ := g.Node.(*ast.FuncDecl)
	if fd == nil || fd.Body == nil || depth > 4 || fd.Type.Results.NumFields() == 0 {
		return false
	}
	if t := b.info.TypeOf(fd.Type.Results.List[0].Type); t == nil || !isPointer(t) {
		return false
	}
	fresh := make(map[*types.Var]bool) // variables defined fresh
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			ok = false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for i, l := range n.Lhs {
					if i < len(n.Rhs) && (len(n.Lhs) == len(n.Rhs) || i == 0) {
						if v, isVar := b.info.Defs[identOf(l)].(*types.Var); isVar && v != nil && b.freshExpr(n.Rhs[i], depth) {
							fresh[v] = true
						}
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if v, isVar := b.info.Defs[name].(*types.Var); isVar && v != nil && i < len(n.Values) && b.freshExpr(n.Values[i], depth) {
					fresh[v] = true
				}
			}
		}
		return ok
	})
	if !ok {
		return false
	}
	// Each use of a returned fresh variable must select a field, call a
	// leaf method, or be returned; any other use lets it go.
	allowed := make(map[*ast.Ident]bool)
	returned := make(map[*types.Var]bool)
	returns := 0
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, isSel := ast.Unparen(n.Fun).(*ast.SelectorExpr); isSel {
				if id := identOf(sel.X); id != nil && fresh[b.varOf(id)] {
					if s, isMeth := b.info.Selections[sel]; isMeth && s.Kind() == types.MethodVal {
						if m := b.res.FuncObj(typeutil.StaticCallee(b.info, n)); m != nil && b.leafMethod(m, 0) {
							allowed[id] = true
						}
					}
				}
			}
		case *ast.SelectorExpr:
			if id := identOf(n.X); id != nil && fresh[b.varOf(id)] {
				if s, isField := b.info.Selections[n]; isField && s.Kind() == types.FieldVal {
					allowed[id] = true
				}
			}
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				ok = false
				return false
			}
			r := n.Results[0]
			if tv, known := b.info.Types[r]; known && tv.IsNil() {
				return true
			}
			returns++
			if id := identOf(r); id != nil && fresh[b.varOf(id)] {
				allowed[id] = true
				returned[b.varOf(id)] = true
				return true
			}
			if !b.freshExpr(r, depth) {
				ok = false
			}
		}
		return ok
	})
	if !ok || returns == 0 {
		return false
	}
	if !onlyAllowed(b.info, fd.Body, allowed, func(v *types.Var) bool { return returned[v] }) {
		return false
	}
	b.ctor[g] = true
	return true
}

// onlyAllowed reports whether every identifier in body that uses a
// variable of interest is in allowed.
func onlyAllowed(info *types.Info, body ast.Node, allowed map[*ast.Ident]bool, of func(*types.Var) bool) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if id, isIdent := n.(*ast.Ident); isIdent && !allowed[id] {
			if v, isVar := info.Uses[id].(*types.Var); isVar && of(v) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// recvArg says what receiver call, of method fn, passes: a pointer the
// function being walked constructs, its own receiver's memory, or
// another object.
func (b *builder) recvArg(call *ast.CallExpr, fn *types.Func) RecvArg {
	if recv := fn.Signature().Recv(); recv == nil || !isPointer(recv.Type()) {
		return OtherRecv
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return OtherRecv
	}
	s, ok := b.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return OtherRecv
	}
	if b.localPointer(sel.X) {
		return FreshRecv
	}
	if r := b.recv(); r != nil && (isIdentOf(b.info, sel.X, r) || b.valueRecvMem(sel.X, r)) {
		return OwnRecv
	}
	return OtherRecv
}

// leafMethod reports whether g is a method with a pointer receiver that
// touches nothing of the package but its receiver: the receiver is used
// only to select its fields or to call other leaf methods, and g starts
// no goroutine, holds no literal, and calls no other function of the
// package and no unknown code (an interface method or a func value).
// Called on a pointer its caller constructs, it writes no shared memory
// (memoized).
func (b *builder) leafMethod(g *Func, depth int) bool {
	if v, ok := b.leaf[g]; ok {
		return v
	}
	if b.leaf == nil {
		b.leaf = make(map[*Func]bool)
	}
	b.leaf[g] = false // a cycle is not a leaf
	r := recvVar(b.info, g)
	fd, _ := g.Node.(*ast.FuncDecl)
	if r == nil || fd == nil || fd.Body == nil || depth > 4 {
		return false
	}
	allowed := make(map[*ast.Ident]bool)
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			ok = false
		case *ast.SelectorExpr:
			if s, isField := b.info.Selections[n]; isField && s.Kind() == types.FieldVal && isIdentOf(b.info, n.X, r) {
				allowed[identOf(n.X)] = true
			}
		case *ast.CallExpr:
			if tv, known := b.info.Types[n.Fun]; known && tv.IsType() {
				return true // a conversion
			}
			switch fn := typeutil.Callee(b.info, n).(type) {
			case *types.Builtin:
			case *types.Func:
				if !isStatic(fn) {
					ok = false // unknown code
				} else if m := b.res.FuncObj(fn); m != nil {
					sel, isSel := ast.Unparen(n.Fun).(*ast.SelectorExpr)
					if !isSel || !isIdentOf(b.info, sel.X, r) || !b.leafMethod(m, depth+1) {
						ok = false
					} else {
						allowed[identOf(sel.X)] = true
					}
				}
			default:
				ok = false // a func value
			}
		}
		return ok
	})
	if !ok {
		return false
	}
	if !onlyAllowed(b.info, fd.Body, allowed, func(v *types.Var) bool { return v == r }) {
		return false
	}
	b.leaf[g] = true
	return true
}

func isConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && (tv.Value != nil || tv.IsNil())
}

// store records a write of lhs by node n (an assignment, inc/dec, or a
// delete/clear call when elems).
func (b *builder) store(n ast.Node, lhs ast.Expr, elems bool) *Write {
	lhs = ast.Unparen(lhs)
	kind := Store
	if ix, ok := lhs.(*ast.IndexExpr); ok && !elems {
		t := b.info.TypeOf(ix.X)
		if t == nil {
			return nil
		}
		switch u := t.Underlying().(type) {
		case *types.Map:
			kind = MapWrite
		case *types.Slice, *types.Array:
			kind = ElemWrite
		case *types.Pointer:
			if _, ok := u.Elem().Underlying().(*types.Array); !ok {
				return nil
			}
			kind = ElemWrite
		default:
			return nil
		}
		lhs = ast.Unparen(ix.X)
	} else if elems {
		kind = ElemWrite
		if t := b.info.TypeOf(lhs); t != nil {
			if _, ok := t.Underlying().(*types.Map); ok {
				kind = MapWrite
			}
		}
	}
	v, owner, base, index := b.target(lhs)
	if v == nil {
		return nil
	}
	return b.add(&Write{Var: v, Owner: owner, Kind: kind, Node: n, Base: base, Index: index})
}

// target resolves the variable an expression denotes: a field (with its
// owner struct, the object expression and the path of field indices
// from the object to the field), or a package variable. It returns nil
// for locals and for objects local to the function.
func (b *builder) target(e ast.Expr) (*types.Var, types.Type, ast.Expr, []int) {
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		sel, ok := b.info.Selections[x]
		if !ok {
			v, ok := b.info.Uses[x.Sel].(*types.Var)
			if ok && !v.IsField() {
				return v, nil, nil, nil // another package's variable
			}
			return nil, nil, nil, nil
		}
		if sel.Kind() != types.FieldVal || b.localObject(x.X) {
			return nil, nil, nil, nil
		}
		v := sel.Obj().(*types.Var)
		return v.Origin(), owner(sel.Recv(), sel.Index()), x.X, sel.Index()
	case *ast.Ident:
		v, ok := b.info.Uses[x].(*types.Var)
		if ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return v, nil, nil, nil
		}
	}
	return nil, nil, nil, nil
}

// owner returns the struct type that declares the field at the end of
// path, starting from recv.
func owner(t types.Type, path []int) types.Type {
	for i, x := range path {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		if i == len(path)-1 {
			return t
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || x >= st.NumFields() {
			return nil
		}
		t = st.Field(x).Type()
	}
	return nil
}

// localObject reports whether the object e denotes belongs to the
// current function alone: rooted at a struct or array variable of the
// function, or at a pointer it constructs. A variable of an enclosing
// function that a literal captures is shared.
func (b *builder) localObject(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel, ok := b.info.Selections[x]; ok && sel.Kind() == types.FieldVal {
				if _, isPtr := sel.Recv().Underlying().(*types.Pointer); isPtr {
					e = x.X
					return b.localPointer(e)
				}
				e = x.X
				continue
			}
			return false
		case *ast.IndexExpr:
			t := b.info.TypeOf(x.X)
			if t == nil {
				return false
			}
			if _, isArray := t.Underlying().(*types.Array); !isArray {
				return false // a slice's or map's elements are shared
			}
			e = x.X
		case *ast.Ident:
			v, ok := b.info.Uses[x].(*types.Var)
			if !ok || !b.ownLocal(v) {
				return false
			}
			if _, isPtr := v.Type().Underlying().(*types.Pointer); isPtr {
				return b.local[v]
			}
			return true
		default:
			return false
		}
	}
}

// localPointer reports whether the pointer expression e is a pointer the
// function constructs.
func (b *builder) localPointer(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := b.info.Uses[id].(*types.Var)
	return ok && b.ownLocal(v) && b.local[v]
}

// ownLocal reports whether v is declared in the current function's own
// body (not captured from an enclosing one), parameters excepted.
func (b *builder) ownLocal(v *types.Var) bool {
	n := b.cur.Node
	if n == nil || v.Pos() < n.Pos() || v.Pos() >= n.End() || v.IsField() {
		return false
	}
	var body *ast.BlockStmt
	switch f := n.(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil {
		return false
	}
	if v.Pos() < body.Pos() {
		// A named result is the function's own; a parameter or the
		// receiver is the caller's.
		res := funcType(n).Results
		return res != nil && res.Pos() <= v.Pos() && v.Pos() < res.End()
	}
	// Declared in a nested literal: not visible here anyway.
	return true
}

// funcType returns the type of a function declaration or literal.
func funcType(n ast.Node) *ast.FuncType {
	switch f := n.(type) {
	case *ast.FuncDecl:
		return f.Type
	case *ast.FuncLit:
		return f.Type
	}
	return nil
}

// atomicKinds maps the write methods and function prefixes of sync/atomic.
var atomicKinds = []struct {
	prefix string
	kind   Kind
}{
	{"Add", AtomicAdd}, {"Store", AtomicStore}, {"Swap", AtomicSwap},
	{"CompareAndSwap", AtomicCAS}, {"And", AtomicAndOr}, {"Or", AtomicAndOr},
}

var mutexKinds = map[string]Kind{
	"Lock": Lock, "TryLock": Lock, "Unlock": Unlock,
	"RLock": RLock, "TryRLock": RLock, "RUnlock": RUnlock,
}

// writeCall records an atomic or mutex write by a call of fn, a function
// of another package.
func (b *builder) writeCall(call *ast.CallExpr, fn *types.Func) {
	var kind Kind
	var obj ast.Expr // the atomic value or mutex expression
	var value ast.Expr
	switch path := fn.Pkg().Path(); {
	case path == "sync/atomic":
		for _, k := range atomicKinds {
			if strings.HasPrefix(fn.Name(), k.prefix) {
				kind = k.kind
				break
			}
		}
		if kind == 0 {
			return
		}
		if fn.Signature().Recv() != nil {
			var ok bool
			if obj, value, ok = methodOperands(call); !ok {
				return
			}
		} else {
			if len(call.Args) < 2 {
				return
			}
			u, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr)
			if !ok || u.Op != token.AND {
				if r := b.recv(); r != nil && b.addrRecv(call.Args[0], r, 0) && !b.deadHere(call) {
					b.cur.RecvWrites |= kind // atomic.AddInt64((*int64)(c), 1)
				}
				return
			}
			obj = u.X
			value = call.Args[len(call.Args)-1]
		}
	case path == "sync":
		kind = mutexKinds[fn.Name()]
		if kind == 0 {
			return
		}
		m := lockregions.MutexCall(b.info, call)
		if m == nil {
			return
		}
		sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if s, ok := b.info.Selections[sel]; ok && len(s.Index()) > 1 {
			// c.Lock() through an embedded mutex.
			if b.localObject(sel.X) {
				return
			}
			v := m.Var
			if v == nil {
				return
			}
			index := s.Index()[:len(s.Index())-1]
			b.add(&Write{Var: v.Origin(), Owner: owner(s.Recv(), index), Kind: kind, Node: call, Base: sel.X, Index: index})
			return
		}
		obj = sel.X
	default:
		// A write method of an atomic wrapper type of another package.
		if kind = wrapperCall(fn); kind == 0 {
			return
		}
		var ok bool
		if obj, value, ok = methodOperands(call); !ok {
			return
		}
	}
	w := &Write{Kind: kind, Node: call}
	obj = ast.Unparen(obj)
	if ix, ok := obj.(*ast.IndexExpr); ok {
		// counters[w].Add(1): the element is the atomic.
		w.Shard = ix
		w.Base = ix
		obj = ast.Unparen(ix.X)
		if t := b.info.TypeOf(obj); t != nil {
			if _, isMap := t.Underlying().(*types.Map); isMap {
				return
			}
		}
	}
	w.Var, w.Owner, w.Base, w.Index = b.targetKeepBase(obj, w.Base)
	if w.Var == nil {
		if r := b.recv(); r != nil && kind&Atomic != 0 && (b.addrRecv(obj, r, 0) || b.valueRecvMem(obj, r)) && !b.deadHere(call) {
			b.cur.RecvWrites |= kind // (*atomic.Int64)(c).Add(1)
		}
		return
	}
	if kind&(AtomicStore|AtomicSwap|AtomicCAS|AtomicAndOr) != 0 && value != nil {
		w.Const = isConst(b.info, value)
		// CompareAndSwap(nil, v) succeeds once per object, unless nil is
		// stored back (itself a constant store): lazy initialization.
		if kind == AtomicCAS && len(call.Args) >= 2 && b.info.Types[call.Args[len(call.Args)-2]].IsNil() {
			w.Const = true
		}
	}
	b.add(w)
}

// methodOperands returns the receiver of a method call x.m(args) and
// its last argument, the value written (nil without arguments).
func methodOperands(call *ast.CallExpr) (obj, value ast.Expr, ok bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	if len(call.Args) > 0 {
		value = call.Args[len(call.Args)-1]
	}
	return sel.X, value, true
}

func (b *builder) targetKeepBase(e, base ast.Expr) (*types.Var, types.Type, ast.Expr, []int) {
	v, o, bs, index := b.target(e)
	if base != nil {
		bs, index = base, nil
	}
	return v, o, bs, index
}

// add completes a write with its context and records it.
func (b *builder) add(w *Write) *Write {
	w.Func = b.cur
	if w.Shard == nil && w.Base != nil {
		w.Shard = shardOf(b.info, w.Base)
	}
	perItem := func(loop ast.Node) bool { return b.perItem(w, loop) }
	ctx, ifs := b.where(w.Node, perItem)
	w.InLoop, w.Dead, w.Branch, w.Paced = ctx.inLoop, ctx.dead, ctx.branch, ctx.paced
	for _, s := range ifs {
		if mentions(b.info, s.Cond, w.Var) {
			w.Guarded = true
		}
	}
	if !w.Guarded {
		var ifs []*ast.IfStmt
		w.Guarded, ifs = b.checkedBefore(w)
		if len(ifs) > 0 && w.Kind&(Atomic|Mutex) != 0 {
			if b.returnIfs == nil {
				b.returnIfs = make(map[*Write][]*ast.IfStmt)
			}
			b.returnIfs[w] = ifs
		}
	}
	if w.Kind == AtomicCAS {
		// if x.CompareAndSwap(old, new) {: the CAS guards itself.
	up:
		for i := len(b.stack) - 1; i >= 0; i-- {
			switch s := b.stack[i].(type) {
			case *ast.IfStmt:
				w.Guarded = s.Cond.Pos() <= w.Node.Pos() && w.Node.End() <= s.Cond.End()
				break up
			case ast.Stmt:
				break up
			}
		}
	}
	if r := b.recv(); r != nil && w.Base != nil && (isIdentOf(b.info, w.Base, r) || b.valueRecvMem(w.Base, r)) {
		w.Recv = true
		if w.Kind&Atomic != 0 && !w.Dead {
			b.cur.RecvWrites |= w.Kind & Atomic // r.n.Add(1)
		}
	}
	b.res.Writes = append(b.res.Writes, w)
	b.cur.Writes = append(b.cur.Writes, w)
	return w
}

// recv returns the pointer receiver of the function being walked, when
// it is a method declaration (not a literal inside one).
func (b *builder) recv() *types.Var {
	if b.cur != b.top {
		return nil
	}
	return recvVar(b.info, b.cur)
}

// recvVar returns the named pointer receiver of a method, or nil.
func recvVar(info *types.Info, f *Func) *types.Var {
	fd, ok := f.Node.(*ast.FuncDecl)
	if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
		return nil
	}
	v, ok := info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
	if !ok || v == nil {
		return nil
	}
	if _, isPtr := v.Type().Underlying().(*types.Pointer); !isPtr {
		return nil
	}
	return v
}

func isIdentOf(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// recvMem reports whether e denotes memory inside *r: *r, r.f, r.f.g
// through fields held by value, r.a[i] for an array field.
func (b *builder) recvMem(e ast.Expr, r *types.Var) bool {
	for depth := 0; depth < 8; depth++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.StarExpr:
			return isIdentOf(b.info, x.X, r)
		case *ast.SelectorExpr:
			sel, ok := b.info.Selections[x]
			if !ok || sel.Kind() != types.FieldVal || !valuePath(sel) {
				return false
			}
			if isIdentOf(b.info, x.X, r) {
				return true
			}
			if t := b.info.TypeOf(x.X); t == nil || isPointer(t) {
				return false
			}
			e = x.X
		case *ast.IndexExpr:
			t := b.info.TypeOf(x.X)
			if t == nil {
				return false
			}
			if _, isArray := t.Underlying().(*types.Array); !isArray {
				return false
			}
			e = x.X
		default:
			return false
		}
	}
	return false
}

// valueRecvMem reports whether e is a value (not a pointer to memory
// elsewhere) inside *r.
func (b *builder) valueRecvMem(e ast.Expr, r *types.Var) bool {
	t := b.info.TypeOf(e)
	return t != nil && !isPointer(t) && b.recvMem(e, r)
}

// valuePath reports whether a field selection reaches the field through
// embedded fields held by value only (no pointer but the operand's own).
func valuePath(sel *types.Selection) bool {
	t := sel.Recv()
	idx := sel.Index()
	for i, x := range idx {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			if i > 0 {
				return false
			}
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || x >= st.NumFields() {
			return false
		}
		t = st.Field(x).Type()
	}
	return true
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// addrRecv reports whether the pointer expression e points into *r: r,
// &r.f, a conversion of one ((*int64)(c), unsafe.Pointer(&r.n)), or a
// call of a method of the package that returns such a pointer to its
// own receiver (c.ptr()).
func (b *builder) addrRecv(e ast.Expr, r *types.Var, depth int) bool {
	if depth > 4 {
		return false
	}
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			break
		}
		if tv, ok := b.info.Types[call.Fun]; !ok || !tv.IsType() {
			break
		}
		e = call.Args[0] // a conversion
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return b.info.Uses[x] == r
	case *ast.UnaryExpr:
		return x.Op == token.AND && b.recvMem(x.X, r)
	case *ast.CallExpr:
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if !ok || len(x.Args) != 0 {
			return false
		}
		g := b.res.FuncObj(typeutil.StaticCallee(b.info, x))
		if g == nil || !(b.addrRecv(sel.X, r, depth+1) || b.recvMem(sel.X, r)) {
			return false
		}
		return b.returnsOwnRecv(g, depth+1)
	}
	return false
}

// returnsOwnRecv reports whether every return of method g returns a
// pointer into g's own receiver (memoized).
func (b *builder) returnsOwnRecv(g *Func, depth int) bool {
	if v, ok := b.returnsRecv[g]; ok {
		return v
	}
	if b.returnsRecv == nil {
		b.returnsRecv = make(map[*Func]bool)
	}
	b.returnsRecv[g] = false // a cycle returns nothing known
	r := recvVar(b.info, g)
	fd, _ := g.Node.(*ast.FuncDecl)
	if r == nil || fd == nil || fd.Body == nil || fd.Type.Results.NumFields() != 1 {
		return false
	}
	n, all := 0, true
	ast.Inspect(fd.Body, func(n2 ast.Node) bool {
		switch x := n2.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			n++
			all = all && len(x.Results) == 1 && b.addrRecv(x.Results[0], r, depth)
		}
		return all
	})
	b.returnsRecv[g] = n > 0 && all
	return b.returnsRecv[g]
}

// methodCall records a call x.f.m() of a method of the package with a
// pointer receiver, on a field held by value or a package variable: a
// write of f with m's receiver writes (filled in by methodWrites). A
// call on the function's own receiver memory is an edge of RecvWrites.
func (b *builder) methodCall(call *ast.CallExpr, fn *types.Func, f *Func, dead bool) {
	recv := fn.Signature().Recv()
	if recv == nil || !isPointer(recv.Type()) {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s, ok := b.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return // a promoted method: left out
	}
	x := ast.Unparen(sel.X)
	if r := b.recv(); r != nil && !dead && (isIdentOf(b.info, x, r) || b.valueRecvMem(x, r)) {
		b.recvCalls = append(b.recvCalls, recvCall{from: b.cur, to: f})
	}
	if t := b.info.TypeOf(x); t == nil || isPointer(t) {
		return // the receiver's memory is elsewhere
	}
	if _, isIdent := x.(*ast.Ident); !isIdent {
		if xs, ok := b.info.Selections[asSelector(x)]; !ok || xs.Kind() != types.FieldVal {
			return
		}
	}
	v, owner, base, index := b.target(x)
	if v == nil {
		return
	}
	w := b.add(&Write{Var: v, Owner: owner, Node: call, Base: base, Index: index, Method: true})
	b.pending = append(b.pending, recvCall{from: b.cur, to: f, w: w})
}

// deadHere reports whether n, being visited, sits under a constant-false
// condition.
func (b *builder) deadHere(n ast.Node) bool {
	ctx, _ := b.where(n, nil)
	return ctx.dead
}

func asSelector(e ast.Expr) *ast.SelectorExpr {
	s, _ := e.(*ast.SelectorExpr)
	return s
}

// methodWrites computes RecvWrites to a fixed point over the calls of
// methods on their receiver's memory, then gives each pending write of
// a field its method's kinds, dropping those whose method writes nothing
// atomically.
func (b *builder) methodWrites() {
	for changed := len(b.recvCalls) > 0; changed; {
		changed = false
		for _, c := range b.recvCalls {
			if k := c.from.RecvWrites | c.to.RecvWrites; k != c.from.RecvWrites {
				c.from.RecvWrites = k
				changed = true
			}
		}
	}
	drop := make(map[*Write]bool)
	for _, p := range b.pending {
		p.w.Kind = p.to.RecvWrites & Atomic
		if p.w.Kind == 0 {
			drop[p.w] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	keep := func(w *Write) bool { return drop[w] }
	b.res.Writes = slices.DeleteFunc(b.res.Writes, keep)
	for _, p := range b.pending {
		if drop[p.w] {
			p.from.Writes = slices.DeleteFunc(p.from.Writes, keep)
		}
	}
}

// checkedBefore reports whether an if statement before the write, in a
// block around it in its function, reads the written variable in its
// init or condition and returns in its body: the write runs only when
// the check failed (if v := c.v.Load(); v != nil { return v }). It also
// returns the ifs before the write that return.
func (b *builder) checkedBefore(w *Write) (bool, []*ast.IfStmt) {
	var returning []*ast.IfStmt
	child := ast.Node(nil)
	for i := len(b.stack) - 1; i >= 0; i-- {
		switch s := b.stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false, returning
		case *ast.BlockStmt:
			for _, st := range s.List {
				if child != nil && st.Pos() >= child.Pos() {
					break
				}
				ifs, ok := st.(*ast.IfStmt)
				if !ok || len(ifs.Body.List) == 0 {
					continue
				}
				if _, ret := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ret {
					continue
				}
				if ifReads(b.info, ifs, w.Var) {
					return true, nil
				}
				returning = append(returning, ifs)
			}
		}
		child = b.stack[i]
	}
	return false, returning
}

// oncePaths marks the atomic and mutex writes that run only until a flag
// is set: after an if that reads the flag and returns, in a function
// that stores a constant to the flag after that if (go-ethereum's EWMA
// tick: if a.init.Load() { ...; return }; a.mutex.Lock(); ...
// a.init.Store(true)). The slow path of a one-time initialization.
func (b *builder) oncePaths() {
	for w, ifs := range b.returnIfs {
		for _, s := range ifs {
			for _, set := range w.Func.Writes {
				if set.Const && !set.Dead && set.Pos() > s.End() && set.Var != w.Var && ifReads(b.info, s, set.Var) {
					w.OncePath = true
					break
				}
			}
		}
	}
	b.returnIfs = nil
}

// ifReads reports whether the init or condition of s reads v.
func ifReads(info *types.Info, s *ast.IfStmt, v *types.Var) bool {
	return mentions(info, s.Cond, v) || (s.Init != nil && mentionsNode(info, s.Init, v))
}

// shardOf returns the index expression of a slice or array at the root
// of base.
func shardOf(info *types.Info, base ast.Expr) *ast.IndexExpr {
	for {
		switch x := ast.Unparen(base).(type) {
		case *ast.IndexExpr:
			if t := info.TypeOf(x.X); t != nil {
				if _, isMap := t.Underlying().(*types.Map); isMap {
					return nil
				}
			}
			return x
		case *ast.SelectorExpr:
			base = x.X
		case *ast.StarExpr:
			base = x.X
		default:
			return nil
		}
	}
}

// perItem reports whether loop gives the write a different object on
// each iteration: the object expression uses a variable declared in the
// loop (its key, value or index variable, or one of its body).
func (b *builder) perItem(w *Write, loop ast.Node) bool {
	if w.Base == nil {
		return false
	}
	found := false
	ast.Inspect(w.Base, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if v, ok := b.info.Uses[id].(*types.Var); ok && !v.IsField() && loop.Pos() <= v.Pos() && v.Pos() < loop.End() {
				found = true
			}
		}
		return !found
	})
	return found
}

// mentions reports whether e uses v.
func mentions(info *types.Info, e ast.Expr, v *types.Var) bool { return mentionsNode(info, e, v) }

func mentionsNode(info *types.Info, e ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if u, ok := info.Uses[id].(*types.Var); ok && u.Origin() == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// isHandlerSig reports whether t is func(http.ResponseWriter, *http.Request).
func isHandlerSig(t types.Type) bool {
	sig, ok := types.Unalias(t).(*types.Signature)
	if !ok {
		return false
	}
	return isHTTPHandlerParams(sig)
}

func isHTTPHandlerParams(sig *types.Signature) bool {
	if sig.Params().Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	return isNamed(sig.Params().At(0).Type(), "net/http", "ResponseWriter") &&
		isNamed(derefType(sig.Params().At(1).Type()), "net/http", "Request")
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func isNamed(t types.Type, path, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}

// locks fills Write.Locked from the critical sections of the package.
func (b *builder) locks(regions *lockregions.Result) {
	// Sorted by position: the regions come in file order, and positions
	// of different files follow the order the files were parsed in.
	regs := slices.Clone(regions.Regions)
	if len(regs) == 0 {
		return
	}
	slices.SortFunc(regs, func(a, b *lockregions.Region) int { return int(a.Pos - b.Pos) })
	for _, w := range b.res.Writes {
		if w.Func.Node == nil {
			continue
		}
		pos := w.Pos()
		i := sort.Search(len(regs), func(i int) bool { return regs[i].Pos > pos })
		for j := i - 1; j >= 0 && regs[j].Pos >= w.Func.Node.Pos(); j-- {
			if regs[j].Contains(pos) && regs[j].End <= w.Func.Node.End() {
				w.Locked = append(w.Locked, regs[j].Mutex)
			}
		}
	}
}

// roots marks the entry points.
func (b *builder) roots() {
	for _, f := range b.res.Funcs {
		set := func(k RootKind) {
			if f.Root == nil || f.Root.Kind > k {
				inLoop := f.Root != nil && f.Root.InLoop
				f.Root = &Root{Kind: k, Func: f, InLoop: inLoop}
			}
		}
		fd, ok := f.Node.(*ast.FuncDecl)
		if !ok {
			continue
		}
		name := fd.Name.Name
		f.Reload = strings.Contains(strings.ToLower(name), "reload")
		switch {
		case fd.Recv == nil && name == "init":
			f.Init = true
			set(InitRoot)
		case fd.Recv == nil && name == "main" && b.pass.Pkg.Name() == "main":
			set(Main)
		}
		if f.Obj == nil {
			continue
		}
		sig := f.Obj.Signature()
		if sig.Recv() != nil && (name == "ServeHTTP" && isHTTPHandlerParams(sig) || b.grpcService(sig)) {
			set(Handler)
		}
		if sig.Recv() != nil && connSide(name, sig) != "" && isConnType(sig.Recv().Type()) {
			set(ConnIO)
		}
		if b.valueUses[f] {
			if isHTTPHandlerParams(sig) {
				set(Handler)
			}
			set(Unknown)
		}
		if f.Obj.Exported() && !f.Init {
			set(Exported)
		}
		if sig.Recv() != nil && len(f.Callers) == 0 {
			set(Unknown) // called through an interface, or not at all
		}
	}
}

// connSide returns "reader" for a method Read or ReadFrom whose first
// parameter is a []byte, "writer" for such a Write or WriteTo, and ""
// otherwise (ReadFrom(io.Reader) writes a connection).
func connSide(name string, sig *types.Signature) string {
	if sig == nil || sig.Params().Len() == 0 || !types.Identical(sig.Params().At(0).Type(), byteSlice) {
		return ""
	}
	switch name {
	case "Read", "ReadFrom":
		return "reader"
	case "Write", "WriteTo":
		return "writer"
	}
	return ""
}

var byteSlice = types.NewSlice(types.Typ[types.Byte])

// isConnType reports whether the method set of *T, for the receiver type
// T, has SetReadDeadline(time.Time) error and SetWriteDeadline(time.Time)
// error, and Read and Write or ReadFrom and WriteTo of a []byte, own or
// promoted: a full-duplex connection (net.Conn, net.PacketConn), which
// one goroutine reads while another writes. A reader of bytes alone
// (bytes.Buffer, a file) has no deadlines.
func isConnType(recv types.Type) bool {
	n, ok := types.Unalias(derefType(recv)).(*types.Named)
	if !ok {
		return false
	}
	ptr := types.NewPointer(n)
	method := func(name string) *types.Signature {
		obj, _, _ := types.LookupFieldOrMethod(ptr, true, n.Obj().Pkg(), name)
		if fn, ok := obj.(*types.Func); ok {
			return fn.Signature()
		}
		return nil
	}
	isErr := func(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }
	for _, name := range []string{"SetReadDeadline", "SetWriteDeadline"} {
		sig := method(name)
		if sig == nil || sig.Params().Len() != 1 || sig.Results().Len() != 1 ||
			!isNamed(sig.Params().At(0).Type(), "time", "Time") || !isErr(sig.Results().At(0).Type()) {
			return false
		}
	}
	return connSide("Read", method("Read")) != "" && connSide("Write", method("Write")) != "" ||
		connSide("ReadFrom", method("ReadFrom")) != "" && connSide("WriteTo", method("WriteTo")) != ""
}

// grpcService reports whether sig is an exported method of a type that
// embeds an Unimplemented...Server: a gRPC service implementation.
func (b *builder) grpcService(sig *types.Signature) bool {
	st, ok := derefType(sig.Recv().Type()).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Embedded() {
			if n, ok := types.Unalias(derefType(f.Type())).(*types.Named); ok {
				name := n.Obj().Name()
				if strings.HasPrefix(name, "Unimplemented") && strings.HasSuffix(name, "Server") {
					return true
				}
			}
		}
	}
	return false
}

// spread sets the flag that flag returns on every function that seed
// marks, or that a call in a loop calls, and on everything their calls
// reach (not through an inert or paced call); reached is run on each
// function marked, to mark more (the goroutines it starts) or note them.
func (b *builder) spread(flag func(*Func) *bool, seed, reached func(f *Func, mark func(*Func))) {
	var queue []*Func
	mark := func(f *Func) {
		if p := flag(f); !*p {
			*p = true
			queue = append(queue, f)
		}
	}
	for _, f := range b.res.Funcs {
		seed(f, mark)
		for _, c := range f.Calls {
			if c.InLoop && !c.Inert() && !c.Paced {
				mark(c.Callee)
			}
		}
	}
	for len(queue) > 0 {
		f := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, c := range f.Calls {
			if !c.Inert() && !c.Paced {
				mark(c.Callee)
			}
		}
		reached(f, mark)
	}
}

// repeats marks the functions that run over and over.
func (b *builder) repeats() {
	b.spread(func(f *Func) *bool { return &f.Repeats },
		func(f *Func, mark func(*Func)) {
			if f.Root != nil && f.Root.Kind.Goroutine() {
				mark(f)
			}
		},
		func(f *Func, _ func(*Func)) {
			for _, s := range f.Starts {
				if s.Started != nil && s.Started.Root != nil {
					s.Started.Root.InLoop = true
				}
			}
		})
	// Loops: the same, seeded by the loops, the handlers and the
	// goroutines started many times only.
	b.spread(func(f *Func) *bool { return &f.Loops },
		func(f *Func, mark func(*Func)) {
			if r := f.Root; r != nil && r.Kind == Handler {
				mark(f)
			}
			for _, s := range f.Starts {
				if s.InLoop && s.Started != nil {
					mark(s.Started)
				}
			}
		},
		func(f *Func, mark func(*Func)) {
			for _, s := range f.Starts {
				if s.Started != nil {
					mark(s.Started) // started by a function that loops
				}
			}
		})
	// RecvRepeats: the same, but a call on a fresh pointer passes no
	// repetition, and one on the caller's own receiver passes the
	// caller's RecvRepeats, not its Repeats.
	var recvQueue []*Func
	markRecv := func(f *Func) {
		if !f.RecvRepeats {
			f.RecvRepeats = true
			recvQueue = append(recvQueue, f)
		}
	}
	for _, f := range b.res.Funcs {
		if f.Root != nil && f.Root.Kind.Goroutine() {
			markRecv(f)
		}
		for _, c := range f.Calls {
			if c.Inert() || c.Recv == FreshRecv || c.Paced {
				continue
			}
			if c.InLoop || (c.Recv == OtherRecv && f.Repeats) {
				markRecv(c.Callee)
			}
		}
	}
	for len(recvQueue) > 0 {
		f := recvQueue[len(recvQueue)-1]
		recvQueue = recvQueue[:len(recvQueue)-1]
		for _, c := range f.Calls {
			if !c.Inert() && !c.Paced && c.Recv == OwnRecv {
				markRecv(c.Callee)
			}
		}
	}
}

// cold marks the functions that no root but init reaches, except through
// init or a reload.
func (b *builder) cold() {
	hot := make(map[*Func]bool)
	var queue []*Func
	for _, f := range b.res.Funcs {
		if f.Root != nil && f.Root.Kind != InitRoot && !f.Reload && !f.Init {
			hot[f] = true
			queue = append(queue, f)
		}
	}
	for len(queue) > 0 {
		f := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, c := range f.Calls {
			g := c.Callee
			if c.Inert() || hot[g] || g.Init || g.Reload {
				continue
			}
			hot[g] = true
			queue = append(queue, g)
		}
	}
	for _, f := range b.res.Funcs {
		f.Cold = !hot[f]
	}
}

// posSet is a set of positions in a package's files: a bit per byte of
// each file.
type posSet struct {
	files []posFile // by start
	last  int       // index of the file of the last lookup
}

type posFile struct {
	start, end token.Pos
	bits       []uint64
}

func newPosSet(files []*ast.File) *posSet {
	s := &posSet{files: make([]posFile, 0, len(files))}
	for _, f := range files {
		n := int(f.FileEnd-f.FileStart) + 1
		s.files = append(s.files, posFile{start: f.FileStart, end: f.FileEnd, bits: make([]uint64, (n+63)/64)})
	}
	slices.SortFunc(s.files, func(a, b posFile) int { return cmp.Compare(a.start, b.start) })
	return s
}

// file returns the file that holds pos, or nil.
func (s *posSet) file(pos token.Pos) *posFile {
	if s.last < len(s.files) {
		if f := &s.files[s.last]; f.start <= pos && pos <= f.end {
			return f
		}
	}
	i := sort.Search(len(s.files), func(i int) bool { return s.files[i].end >= pos })
	if i == len(s.files) || s.files[i].start > pos {
		return nil
	}
	s.last = i
	return &s.files[i]
}

func (s *posSet) add(pos token.Pos) {
	if f := s.file(pos); f != nil {
		off := int(pos - f.start)
		f.bits[off/64] |= 1 << (off % 64)
	}
}

func (s *posSet) has(pos token.Pos) bool {
	f := s.file(pos)
	if f == nil {
		return false
	}
	off := int(pos - f.start)
	return f.bits[off/64]&(1<<(off%64)) != 0
}
