package needlesscopy

import (
	"go/ast"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/passes/inspectors"
)

// TestMethodSetScan checks the scan that starts from the candidates'
// expressions against a walk of every expression of the package (the
// scan's first form), on standard packages, with every value method a
// candidate: the types boxed and the methods called on non-addressable
// receivers must be the same.
func TestMethodSetScan(t *testing.T) {
	if testing.Short() {
		t.Skip("loads standard packages")
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax}
	pkgs, err := packages.Load(cfg, "net/http", "go/types", "encoding/json", "text/template", "go/ast", "time", "image", "math/big", "crypto/tls",
		"net/netip", "reflect", "go/constant", "go/token", "archive/tar", "database/sql", "image/color", "crypto/x509", "regexp/syntax")
	if err != nil {
		t.Fatal(err)
	}
	compared, nboxed := 0, 0
	for _, pkg := range pkgs {
		if len(pkg.Errors) > 0 {
			t.Fatalf("%s: %v", pkg.PkgPath, pkg.Errors)
		}
		pass := &analysis.Pass{Pkg: pkg.Types, TypesInfo: pkg.TypesInfo, TypesSizes: pkg.TypesSizes, Files: pkg.Syntax, Fset: pkg.Fset}
		c := &checker{pass: pass, in: inspectors.New(pkg.Syntax), minSize: 1}
		c.scanMethodSets()
		want, names := c.candidates()
		boxed, nonAddressable := c.walkMethodSets()
		for tn := range want {
			if c.boxed[tn] != boxed[tn] {
				t.Errorf("%s: %s boxed: scan %v, walk %v", pkg.PkgPath, tn.Name(), c.boxed[tn], boxed[tn])
			}
			compared++
			if boxed[tn] {
				nboxed++
			}
		}
		for fn := range nonAddressable {
			if names[fn.Name()] && !c.nonAddressable[fn] {
				t.Errorf("%s: %s is called on a non-addressable receiver, the scan missed it", pkg.PkgPath, fn.FullName())
			}
		}
		for fn := range c.nonAddressable {
			if !nonAddressable[fn] {
				t.Errorf("%s: the scan has %s called on a non-addressable receiver, the walk does not", pkg.PkgPath, fn.FullName())
			}
		}
	}
	if compared < 100 || nboxed < 20 || compared-nboxed < 20 {
		t.Errorf("%d candidate types compared, %d of them boxed: too few of one or the other", compared, nboxed)
	}
	t.Logf("%d candidate types compared, %d of them boxed", compared, nboxed)
}

// walkMethodSets is the scan's first form, kept as the test's reference:
// it walks every expression of the package and records every named type
// converted to an interface, and every value method called on a
// non-addressable receiver.
func (c *checker) walkMethodSets() (boxed map[*types.TypeName]bool, nonAddressable map[*types.Func]bool) {
	boxed = make(map[*types.TypeName]bool)
	nonAddressable = make(map[*types.Func]bool)
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
			boxed[n.Origin().Obj()] = true
		}
	}
	for _, inst := range info.Instances {
		for t := range inst.TypeArgs.Types() {
			if n, ok := types.Unalias(t).(*types.Named); ok {
				boxed[n.Origin().Obj()] = true
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
				nonAddressable[fn] = true
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
	return boxed, nonAddressable
}
