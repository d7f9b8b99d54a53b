// Package lockregions recognizes the critical sections of a package: the
// statements between mu.Lock() and mu.Unlock() (or the rest of the block
// after a deferred unlock), for sync.Mutex and sync.RWMutex, from the
// syntax alone (no SSA: see DEVELOPERS.md on the cost budget).
//
// It is not a pass of its own: the writes model (passes/writes), which
// walks every function body anyway, calls [Find] on each statement and
// gives the sections in its result, so that the package is walked once
// for both and the model does not wait for a walk before its own.
package lockregions

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Result lists the critical sections of a package in source order.
type Result struct {
	Regions []*Region
}

// Region is one critical section.
type Region struct {
	// Mutex is the variable or field locked (the embedded field for a
	// promoted c.Lock()).
	Mutex *types.Var
	// RW is true for a sync.RWMutex, Read for RLock.
	RW, Read bool
	// Expr is the locked expression as written: mu, c.mu, c.
	Expr string
	// Lock is the statement that locks.
	Lock *ast.ExprStmt
	// Func is the *ast.FuncDecl or *ast.FuncLit whose own body holds the
	// Lock statement.
	Func ast.Node
	// Deferred is true when a defer unlocks: the section runs to the end
	// of the block.
	Deferred bool
	// Pos and End delimit the statements inside the section.
	Pos, End token.Pos
}

// Contains reports whether pos lies inside the section.
func (r *Region) Contains(pos token.Pos) bool { return r.Pos <= pos && pos < r.End }

// At returns the sections that contain pos.
func (res *Result) At(pos token.Pos) []*Region {
	var out []*Region
	for _, r := range res.Regions {
		if r.Contains(pos) {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the critical section that stmt, a child of parent, opens
// (stmt is mu.Lock() or mu.RLock()), or nil. The section's Func is left
// for the caller, which knows the function it is walking.
func Find(info *types.Info, stmt *ast.ExprStmt, parent ast.Node) *Region {
	// Most statements are calls of other methods: the name is tested
	// before the types are looked up.
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Lock" && sel.Sel.Name != "RLock" {
		return nil
	}
	m := MutexCall(info, call)
	if m == nil || (m.Method != "Lock" && m.Method != "RLock") {
		return nil
	}
	r := &Region{Mutex: m.Var, RW: m.RW, Read: m.Method == "RLock", Expr: m.Expr, Lock: stmt, Pos: stmt.End()}
	unlock := "Unlock"
	if r.Read {
		unlock = "RUnlock"
	}
	// The statements after stmt in the list that holds it, and the end of
	// that list.
	var list []ast.Stmt
	switch p := parent.(type) {
	case *ast.BlockStmt:
		list, r.End = p.List, p.Rbrace
	case *ast.CaseClause:
		list, r.End = p.Body, p.End()
	case *ast.CommClause:
		list, r.End = p.Body, p.End()
	default:
		r.End = p.End()
	}
	after := false
	for _, next := range list {
		if !after {
			after = next == ast.Stmt(stmt)
			continue
		}
		var call ast.Expr
		switch s := next.(type) {
		case *ast.ExprStmt:
			call = s.X
		case *ast.DeferStmt:
			call = s.Call
		default:
			continue
		}
		if u := MutexCall(info, call); u != nil && u.Var == m.Var && u.Expr == m.Expr && u.Method == unlock {
			if _, isDefer := next.(*ast.DeferStmt); isDefer {
				r.Deferred = true
			} else {
				r.End = next.Pos()
			}
			break
		}
	}
	return r
}

// Call is a method call on a sync.Mutex or sync.RWMutex.
type Call struct {
	Var    *types.Var // the mutex variable or field
	Expr   string     // the receiver as written
	Method string     // Lock, Unlock, RLock, RUnlock, TryLock...
	RW     bool
}

// MutexCall recognizes mu.Lock(), c.mu.Unlock(), c.Lock() through an
// embedded mutex, and the like. It returns nil for anything else.
func MutexCall(info *types.Info, e ast.Expr) *Call {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.MethodVal {
		return nil
	}
	fn := selection.Obj().(*types.Func)
	rw, isMutex := mutexType(fn.Signature().Recv().Type())
	if !isMutex {
		return nil
	}
	c := &Call{Expr: types.ExprString(sel.X), Method: fn.Name(), RW: rw}
	if idx := selection.Index(); len(idx) > 1 {
		c.Var = embeddedField(selection.Recv(), idx[:len(idx)-1])
	} else {
		switch x := ast.Unparen(sel.X).(type) {
		case *ast.Ident:
			c.Var, _ = info.Uses[x].(*types.Var)
		case *ast.SelectorExpr:
			c.Var, _ = info.Uses[x.Sel].(*types.Var)
		case *ast.StarExpr:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				c.Var, _ = info.Uses[id].(*types.Var)
			}
		}
	}
	if c.Var == nil {
		return nil
	}
	return c
}

// embeddedField follows the field indices of a promoted method to the
// embedded mutex field.
func embeddedField(t types.Type, path []int) *types.Var {
	var f *types.Var
	for _, i := range path {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		f = st.Field(i)
		t = f.Type()
	}
	return f
}

func mutexType(t types.Type) (rw, ok bool) {
	if p, isPtr := t.(*types.Pointer); isPtr {
		t = p.Elem()
	}
	n, isNamed := types.Unalias(t).(*types.Named)
	if !isNamed || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
		return false, false
	}
	switch n.Obj().Name() {
	case "Mutex":
		return false, true
	case "RWMutex":
		return true, true
	}
	return false, false
}
