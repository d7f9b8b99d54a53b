package writes

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/perflint/perflint/passes/report"
)

// Goroutines of a fan-out: goroutines started in a loop, each given what
// its iteration holds. falsesharing asks whether each goroutine writes an
// object of its own, and whether each is given a worker's number;
// mutexmap whether the copies of a goroutine read one map or each their
// own.

// StartsOf returns the goroutine starts of f (memoized).
func (r *Result) StartsOf(f *Func) []*Start {
	r.startsOnce.Do(func() {
		r.starts = make(map[*Func][]*Start)
		for _, g := range r.Funcs {
			for _, s := range g.Starts {
				if s.Started != nil {
					r.starts[s.Started] = append(r.starts[s.Started], s)
				}
			}
		}
	})
	return r.starts[f]
}

// Owned reports whether v, a parameter or receiver of f or a variable f
// captures, holds an object of its own in every goroutine that runs f:
// goroutines started in a loop, each given the loop's element or a
// pointer its iteration constructs (go func(u *Upstream) {...}(u),
// go s.serve(c) after c := &conn{...}, or a literal capturing one), and
// the object passed down to f from there.
func (r *Result) Owned(f *Func, v *types.Var) bool { return r.owned(f, v, 0) }

func (r *Result) owned(f *Func, v *types.Var, depth int) bool {
	if depth > 5 || f == nil || f.Node == nil {
		return false
	}
	lit, isLit := f.Node.(*ast.FuncLit)
	if isLit && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
		// Captured: a literal started in a loop capturing the loop's
		// element, or the variable is the enclosing function's.
		if f.Root != nil && f.Root.Kind <= ErrgroupGo {
			return f.Root.InLoop && r.iterationVar(v, lit)
		}
		if f.Root != nil || f.Parent == nil {
			return false
		}
		return r.owned(f.Parent, v, depth+1)
	}
	idx := ParamIndex(r.info, f, v)
	isRecv := false
	if fd, ok := f.Node.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
		isRecv = r.info.Defs[fd.Recv.List[0].Names[0]] == v
	}
	if idx < 0 && !isRecv {
		return false
	}
	if f.Root != nil && f.Root.Kind > ErrgroupGo {
		return false // exported, a handler or a value: unknown callers
	}
	n := 0
	for _, st := range r.StartsOf(f) {
		g, ok := st.Node.(*ast.GoStmt)
		if !ok || isRecv || idx >= len(g.Call.Args) || !st.InLoop {
			return false
		}
		u := BaseVar(r.info, g.Call.Args[idx])
		if u == nil || !r.iterationVar(u, st.Node) {
			return false
		}
		n++
	}
	for _, cl := range f.Callers {
		if cl.Inert() {
			continue
		}
		call, ok := cl.Node.(*ast.CallExpr)
		if !ok {
			return false
		}
		var arg ast.Expr
		switch {
		case isRecv:
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return false
			}
			arg = sel.X
		case idx < len(call.Args):
			arg = call.Args[idx]
		default:
			return false
		}
		u := BaseVar(r.info, arg)
		if u == nil || !r.owned(cl.Caller, u, depth+1) {
			return false
		}
		n++
	}
	return n > 0
}

// iterationVar reports whether v holds what one iteration of a loop
// around n has of its own: a variable of the loop (LoopVarAround), or a
// variable its body declares with a pointer it constructs (c := &conn{},
// c := newConn()).
func (r *Result) iterationVar(v *types.Var, n ast.Node) bool {
	if r.LoopVarAround(v, n) {
		return true
	}
	if !r.fresh[v] {
		return false
	}
	found := false
	r.loopsAround(n, func(_ []*types.Var, body *ast.BlockStmt) bool {
		found = body.Pos() <= v.Pos() && v.Pos() < n.Pos()
		return !found
	})
	return found
}

// BaseVar returns the variable at the root of an object expression: u
// in u.stats.n.
func BaseVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[x]; !ok || sel.Kind() != types.FieldVal {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		default:
			return nil
		}
	}
}

// LoopVarExpr reports whether e is, or derives from, a variable declared
// by a loop statement around n.
func (r *Result) LoopVarExpr(e ast.Expr, n ast.Node) bool {
	found := false
	ast.Inspect(e, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && !found {
			if v, ok := r.info.Uses[id].(*types.Var); ok && r.LoopVarAround(v, n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// LoopVarAround reports whether v is the key, value or counter variable
// of a for or range statement that encloses n, or a variable of its body
// derived from one (partition := byte(i)): a variable each iteration has
// of its own (in files of Go 1.22 or later).
func (r *Result) LoopVarAround(v *types.Var, n ast.Node) bool {
	found := false
	r.loopsAround(n, func(loopVars []*types.Var, body *ast.BlockStmt) bool {
		if slices.Contains(loopVars, v) {
			found = true
			return false
		}
		if body.Pos() <= v.Pos() && v.Pos() < body.End() && len(loopVars) > 0 {
			if rhs := definition(r.info, body, v); rhs != nil {
				for _, lv := range loopVars {
					if mentions(r.info, rhs, lv) {
						found = true
						return false
					}
				}
			}
		}
		return true
	})
	return found && report.GoVersionAtLeast(r.pass, report.FileOf(r.pass, n.Pos()), "go1.22")
}

// loopsAround calls yield with the variables and the body of each for or
// range statement that encloses n, outermost first, until yield returns
// false.
func (r *Result) loopsAround(n ast.Node, yield func(loopVars []*types.Var, body *ast.BlockStmt) bool) {
	file := report.FileOf(r.pass, n.Pos())
	if file == nil {
		return
	}
	done := false
	ast.Inspect(file, func(m ast.Node) bool {
		if done || m == nil || m.Pos() > n.Pos() || m.End() < n.End() {
			return false
		}
		var defs []ast.Expr
		var body *ast.BlockStmt
		switch s := m.(type) {
		case *ast.RangeStmt:
			if s.Tok == token.DEFINE {
				defs = []ast.Expr{s.Key, s.Value}
			}
			body = s.Body
		case *ast.ForStmt:
			if as, ok := s.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				defs = as.Lhs
			}
			body = s.Body
		default:
			return true
		}
		var loopVars []*types.Var
		for _, d := range defs {
			if id, ok := d.(*ast.Ident); ok {
				if lv, ok := r.info.Defs[id].(*types.Var); ok && lv != nil {
					loopVars = append(loopVars, lv)
				}
			}
		}
		if body != nil && !yield(loopVars, body) {
			done = true
			return false
		}
		return true
	})
}

// definition returns the expression that v := expr defines v with in
// body, or nil.
func definition(info *types.Info, body *ast.BlockStmt, v *types.Var) ast.Expr {
	var out ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if out != nil || !ok {
			return out == nil
		}
		if as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
			for i, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.Defs[id] == v {
					out = as.Rhs[i]
				}
			}
		}
		return out == nil
	})
	return out
}

// ParamIndex returns the index of v among f's parameters, or -1.
func ParamIndex(info *types.Info, f *Func, v *types.Var) int {
	ft := funcType(f.Node)
	if ft == nil {
		return -1
	}
	i := 0
	for _, fld := range ft.Params.List {
		if len(fld.Names) == 0 {
			i++
			continue
		}
		for _, name := range fld.Names {
			if info.Defs[name] == v {
				return i
			}
			i++
		}
	}
	return -1
}

// Held returns the mutexes that every run of f holds: a Lock (not an
// RLock) whose critical section, in the caller's own body, holds each
// call of f, or that the caller itself holds at every run. An entry
// point (a goroutine, a handler, an exported function, an unknown
// caller) holds none, and neither does a function on a cycle of calls
// (memoized).
func (r *Result) Held(f *Func) []*types.Var {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.held(f)
}

func (r *Result) held(f *Func) []*types.Var {
	if r.heldOf == nil {
		r.heldOf = make(map[*Func][]*types.Var)
	}
	if h, ok := r.heldOf[f]; ok {
		return h
	}
	r.heldOf[f] = nil // a cycle holds nothing known
	if f.Root != nil || f.Node == nil {
		return nil
	}
	var common []*types.Var
	first := true
	for _, c := range f.Callers {
		if c.Inert() {
			continue
		}
		here := r.heldAt(c.Caller, c.Node.Pos())
		here = append(here, r.held(c.Caller)...)
		if first {
			common, first = here, false
		} else {
			common = slices.DeleteFunc(common, func(v *types.Var) bool { return !slices.Contains(here, v) })
		}
		if len(common) == 0 {
			return nil
		}
	}
	r.heldOf[f] = common
	return common
}

// heldAt returns the mutexes that f's own critical sections (Lock, not
// RLock) hold at pos.
func (r *Result) heldAt(f *Func, pos token.Pos) []*types.Var {
	var out []*types.Var
	for _, reg := range r.Sections.At(pos) {
		if !reg.Read && r.enclosing(reg) == f && !slices.Contains(out, reg.Mutex) {
			out = append(out, reg.Mutex)
		}
	}
	return out
}

// WriteHeld returns the mutexes held at every run of w: its function's
// own critical sections around it, and Held of its function.
func (r *Result) WriteHeld(w *Write) []*types.Var {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append(r.heldAt(w.Func, w.Pos()), r.held(w.Func)...)
}
