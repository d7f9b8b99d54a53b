package needlesscopy

import (
	"go/ast"
	"go/token"
	"go/types"
)

// receiverFixed reports whether value method fn cannot take a pointer
// receiver: some call of it has a receiver that is not addressable (a
// type assertion, a map index, a call result: x.m() would not compile),
// or a value of its type, or of a struct type embedding it, becomes an
// interface or a type argument somewhere in the package (the value's
// method set would lose m).
func (c *checker) receiverFixed(fn *types.Func) bool {
	c.scanMethodSets()
	if c.nonAddressable[fn] {
		return true
	}
	named, ok := types.Unalias(fn.Signature().Recv().Type()).(*types.Named)
	if !ok {
		return true
	}
	for _, tn := range c.embedders(named.Origin().Obj()) {
		if c.boxed[tn] {
			return true
		}
	}
	return false
}

// embedders returns tn and the package's named struct types that embed
// it by value, directly or through one another.
func (c *checker) embedders(tn *types.TypeName) []*types.TypeName {
	set := []*types.TypeName{tn}
	in := map[*types.TypeName]bool{tn: true}
	scope := c.pass.Pkg.Scope()
	for changed := true; changed; {
		changed = false
		for _, name := range scope.Names() {
			outer, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || in[outer] {
				continue
			}
			st, ok := outer.Type().Underlying().(*types.Struct)
			if !ok {
				continue
			}
			for f := range st.Fields() {
				if !f.Embedded() {
					continue
				}
				if n, ok := types.Unalias(f.Type()).(*types.Named); ok && in[n.Origin().Obj()] {
					set = append(set, outer)
					in[outer] = true
					changed = true
					break
				}
			}
		}
	}
	return set
}

// scanMethodSets walks the package once and records the value methods
// called on non-addressable receivers and the named types whose values
// are converted to an interface (assigned, passed, returned, sent, put in
// a composite literal, compared, converted) or used as a type argument.
func (c *checker) scanMethodSets() {
	if c.boxed != nil {
		return
	}
	c.boxed = make(map[*types.TypeName]bool)
	c.nonAddressable = make(map[*types.Func]bool)
	info := c.pass.TypesInfo
	mark := func(e ast.Expr, target types.Type) {
		if e == nil || target == nil || !types.IsInterface(target) {
			return
		}
		t := info.TypeOf(e)
		if t == nil || types.IsInterface(t) {
			return
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			c.boxed[n.Origin().Obj()] = true
		}
	}
	for _, inst := range info.Instances {
		for t := range inst.TypeArgs.Types() {
			if n, ok := types.Unalias(t).(*types.Named); ok {
				c.boxed[n.Origin().Obj()] = true
			}
		}
	}
	for cur := range c.in.Preorder((*ast.SelectorExpr)(nil), (*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.ReturnStmt)(nil), (*ast.CompositeLit)(nil), (*ast.SendStmt)(nil), (*ast.BinaryExpr)(nil), (*ast.IndexExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.SelectorExpr:
			sel, ok := info.Selections[n]
			if !ok || sel.Kind() != types.MethodVal || sel.Indirect() || isPointer(sel.Recv()) {
				continue
			}
			fn := sel.Obj().(*types.Func)
			if recv := fn.Signature().Recv(); recv == nil || isPointer(recv.Type()) {
				continue
			}
			if !c.addressable(n.X) {
				c.nonAddressable[fn] = true
			}
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				if len(n.Args) == 1 {
					mark(n.Args[0], tv.Type)
				}
				continue
			}
			sig, ok := types.Unalias(info.TypeOf(n.Fun)).Underlying().(*types.Signature)
			if !ok {
				continue
			}
			params := sig.Params()
			for i, arg := range n.Args {
				switch {
				case sig.Variadic() && i >= params.Len()-1:
					last := params.At(params.Len() - 1).Type()
					if n.Ellipsis.IsValid() {
						mark(arg, last)
					} else if s, ok := last.Underlying().(*types.Slice); ok {
						mark(arg, s.Elem())
					}
				case i < params.Len():
					mark(arg, params.At(i).Type())
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && n.Tok == token.DEFINE && info.Defs[id] != nil {
						continue // a new variable has the value's type: nothing is boxed
					}
					mark(n.Rhs[i], info.TypeOf(l))
				}
			}
		case *ast.ValueSpec:
			if n.Type != nil {
				for _, v := range n.Values {
					mark(v, info.TypeOf(n.Type))
				}
			}
		case *ast.ReturnStmt:
			var sig *types.Signature
			for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
				switch f := fn.Node().(type) {
				case *ast.FuncDecl:
					if obj, ok := info.Defs[f.Name].(*types.Func); ok {
						sig = obj.Signature()
					}
				case *ast.FuncLit:
					sig, _ = info.TypeOf(f).(*types.Signature)
				}
				break
			}
			if sig != nil && sig.Results().Len() == len(n.Results) {
				for i, r := range n.Results {
					mark(r, sig.Results().At(i).Type())
				}
			}
		case *ast.CompositeLit:
			t := info.TypeOf(n)
			if t == nil {
				continue
			}
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			switch u := t.Underlying().(type) {
			case *types.Struct:
				for i, elt := range n.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							if f, ok := info.Uses[id].(*types.Var); ok {
								mark(kv.Value, f.Type())
							}
						}
					} else if i < u.NumFields() {
						mark(elt, u.Field(i).Type())
					}
				}
			case *types.Slice, *types.Array, *types.Map:
				var key, elem types.Type
				switch u := u.(type) {
				case *types.Slice:
					elem = u.Elem()
				case *types.Array:
					elem = u.Elem()
				case *types.Map:
					key, elem = u.Key(), u.Elem()
				}
				for _, elt := range n.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						if key != nil {
							mark(kv.Key, key)
						}
						mark(kv.Value, elem)
					} else {
						mark(elt, elem)
					}
				}
			}
		case *ast.SendStmt:
			if ch, ok := types.Unalias(info.TypeOf(n.Chan)).Underlying().(*types.Chan); ok {
				mark(n.Value, ch.Elem())
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				mark(n.X, info.TypeOf(n.Y))
				mark(n.Y, info.TypeOf(n.X))
			}
		case *ast.IndexExpr:
			if m, ok := types.Unalias(info.TypeOf(n.X)).Underlying().(*types.Map); ok {
				mark(n.Index, m.Key())
			}
		}
	}
}

// addressable reports whether e denotes an addressable value: a
// variable, a pointer indirection, a slice element, a field or element
// of an addressable struct or array.
func (c *checker) addressable(e ast.Expr) bool {
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := info.Uses[e].(*types.Var)
		return ok
	case *ast.StarExpr:
		return true
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		if !ok {
			_, isVar := info.Uses[e.Sel].(*types.Var) // pkg.Var
			return isVar
		}
		if sel.Kind() != types.FieldVal {
			return false
		}
		return sel.Indirect() || c.addressable(e.X)
	case *ast.IndexExpr:
		t := info.TypeOf(e.X)
		if t == nil {
			return false
		}
		switch u := t.Underlying().(type) {
		case *types.Slice:
			return true
		case *types.Pointer:
			_, isArray := u.Elem().Underlying().(*types.Array)
			return isArray
		case *types.Array:
			return c.addressable(e.X)
		}
	}
	return false
}
