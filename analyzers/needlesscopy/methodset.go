package needlesscopy

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
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

// scanMethodSets records, for the types whose method sets a receiver
// change could break, the value methods called on non-addressable
// receivers and the types whose values are converted to an interface
// (assigned, passed, returned, sent, put in a composite literal,
// compared, converted) or used as a type argument.
//
// Those types are the candidates, the package's named types with a
// value method whose receiver is large, and the struct types that embed
// one. The scan starts from the expressions of those types (the package's
// Types map) and looks at each one's parent, instead of walking every
// expression of the package to learn which ones become interfaces: a
// package has few candidates (nats-server's server package, one), and
// that walk was 0.06 s of CPU there.
func (c *checker) scanMethodSets() {
	if c.boxed != nil {
		return
	}
	c.boxed = make(map[*types.TypeName]bool)
	c.nonAddressable = make(map[*types.Func]bool)
	info := c.pass.TypesInfo
	want, names := c.candidates()
	if len(want) == 0 {
		return
	}
	for _, inst := range info.Instances {
		for t := range inst.TypeArgs.Types() {
			if n, ok := types.Unalias(t).(*types.Named); ok {
				c.boxed[n.Origin().Obj()] = true
			}
		}
	}
	for n := range c.in.Nodes((*ast.SelectorExpr)(nil)) {
		n := n.(*ast.SelectorExpr)
		if !names[n.Sel.Name] {
			continue
		}
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
	}
	for e, tv := range info.Types {
		if !tv.IsValue() {
			continue
		}
		n, ok := types.Unalias(tv.Type).(*types.Named)
		if !ok || !want[n.Origin().Obj()] || c.boxed[n.Origin().Obj()] {
			continue
		}
		if cur, ok := c.in.Cursor(e); ok && c.toInterface(cur) {
			c.boxed[n.Origin().Obj()] = true
		}
	}
}

// candidates returns the package's named types that have a value method
// whose receiver is large, with the struct types that embed them, and
// the names of those methods.
func (c *checker) candidates() (want map[*types.TypeName]bool, names map[string]bool) {
	want = make(map[*types.TypeName]bool)
	names = make(map[string]bool)
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		candidate := false
		for m := range named.Methods() {
			if recv := m.Signature().Recv(); recv != nil && !isPointer(recv.Type()) {
				if _, ok := c.large(recv.Type()); ok {
					candidate = true
					names[m.Name()] = true
				}
			}
		}
		if candidate {
			for _, e := range c.embedders(tn) {
				want[e] = true
			}
		}
	}
	return want, names
}

// toInterface reports whether the value of the expression at cur, of a
// type that is not an interface, is converted to an interface by its
// parent: an argument, the value assigned, declared, returned, sent, put
// in a composite literal or used as a map key, an operand of == or !=,
// or a conversion.
func (c *checker) toInterface(cur inspector.Cursor) bool {
	info := c.pass.TypesInfo
	e, ok := cur.Node().(ast.Expr)
	if !ok {
		return false
	}
	iface := func(t types.Type) bool { return t != nil && types.IsInterface(t) }
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.CallExpr:
		if p.Fun == e {
			return false
		}
		if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
			return len(p.Args) == 1 && iface(tv.Type)
		}
		t := info.TypeOf(p.Fun)
		if t == nil {
			return false
		}
		sig, ok := t.Underlying().(*types.Signature)
		if !ok {
			return false
		}
		params := sig.Params()
		switch i := slices.Index(p.Args, e); {
		case i < 0:
			return false
		case sig.Variadic() && i >= params.Len()-1:
			if p.Ellipsis.IsValid() {
				return false // f(xs...) passes the slice itself
			}
			s, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice)
			return ok && iface(s.Elem())
		case i < params.Len():
			return iface(params.At(i).Type())
		}
	case *ast.AssignStmt:
		i := slices.Index(p.Rhs, e)
		if i < 0 || len(p.Lhs) != len(p.Rhs) || (p.Tok != token.ASSIGN && p.Tok != token.DEFINE) {
			return false
		}
		if id, ok := p.Lhs[i].(*ast.Ident); ok && p.Tok == token.DEFINE && info.Defs[id] != nil {
			return false // a new variable has the value's type: nothing is boxed
		}
		return iface(info.TypeOf(p.Lhs[i]))
	case *ast.ValueSpec:
		return p.Type != nil && slices.Contains(p.Values, e) && iface(info.TypeOf(p.Type))
	case *ast.ReturnStmt:
		var sig *types.Signature
		for fn := range parent.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
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
		i := slices.Index(p.Results, e)
		return sig != nil && i >= 0 && sig.Results().Len() == len(p.Results) && iface(sig.Results().At(i).Type())
	case *ast.CompositeLit:
		if i := slices.Index(p.Elts, e); i >= 0 {
			return c.elementToInterface(p, i, nil, false)
		}
	case *ast.KeyValueExpr:
		if lit, ok := parent.Parent().Node().(*ast.CompositeLit); ok {
			return c.elementToInterface(lit, -1, p, e == p.Key)
		}
	case *ast.SendStmt:
		if p.Value == e {
			if ch, ok := types.Unalias(info.TypeOf(p.Chan)).Underlying().(*types.Chan); ok {
				return iface(ch.Elem())
			}
		}
	case *ast.BinaryExpr:
		if p.Op == token.EQL || p.Op == token.NEQ {
			other := p.X
			if p.X == e {
				other = p.Y
			}
			return iface(info.TypeOf(other))
		}
	case *ast.IndexExpr:
		if p.Index == e {
			if m, ok := types.Unalias(info.TypeOf(p.X)).Underlying().(*types.Map); ok {
				return iface(m.Key())
			}
		}
	}
	return false
}

// elementToInterface reports whether an element of composite literal
// lit becomes an interface: the i'th positional element, or the key (key
// true) or value of kv.
func (c *checker) elementToInterface(lit *ast.CompositeLit, i int, kv *ast.KeyValueExpr, key bool) bool {
	t := c.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	var target types.Type
	switch u := t.Underlying().(type) {
	case *types.Struct:
		switch {
		case kv == nil && i < u.NumFields():
			target = u.Field(i).Type()
		case kv != nil && !key:
			if id, ok := kv.Key.(*ast.Ident); ok {
				if f, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
					target = f.Type()
				}
			}
		}
	case *types.Slice:
		if !key {
			target = u.Elem()
		}
	case *types.Array:
		if !key {
			target = u.Elem()
		}
	case *types.Map:
		target = u.Elem()
		if key {
			target = u.Key()
		}
	}
	return target != nil && types.IsInterface(target)
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
