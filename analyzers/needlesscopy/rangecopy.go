package needlesscopy

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perflint/perflint/passes/report"
)

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
		if rs.Value != nil && !isBlank(rs.Value) && c.addressable(rs.X) {
			// Not addressable (a call result, a map index): the value is
			// a temporary already, and &x or x[:] would not compile.
			if n, ok := c.large(xt); ok && !c.elemCopy(cur, rs, elem) {
				// One finding per loop: indexing, when the element
				// finding advises it, also skips the array copy.
				c.arrayCopy(cur, rs, n)
			}
		}
	case *types.Pointer:
		if a, ok := t.Elem().Underlying().(*types.Array); ok {
			elem = a.Elem()
		}
	}
	c.elemCopy(cur, rs, elem)
}

// elemCopy reports, once per loop, a range value that copies a large
// element it only reads, and reports whether it did.
func (c *checker) elemCopy(cur inspector.Cursor, rs *ast.RangeStmt, elem types.Type) bool {
	if c.reported[rs] {
		return true
	}
	if elem == nil || rs.Tok != token.DEFINE || rs.Value == nil || isBlank(rs.Value) {
		return false
	}
	v, ok := c.pass.TypesInfo.Defs[rs.Value.(*ast.Ident)].(*types.Var)
	if !ok {
		return false
	}
	n, ok := c.large(elem)
	if !ok {
		return false
	}
	body, _ := cur.FindNode(rs.Body)
	if ok, passes := c.readOnly(body, v); !ok || !c.allOnlyRead(passes) {
		return false
	}
	typ := c.typeString(elem, rs.Pos())
	var msg string
	if c.reevaluated(rs.X) {
		// xs[i] would evaluate the call (or the map lookup) again on
		// every iteration: hoist it first.
		local := v.Name() + "s"
		msg = fmt.Sprintf("range value %s copies a %d-byte %s on every iteration and is only read; assign %s to a local and index that: %s := %s; for i := range %s { %s := &%s[i] ... }",
			v.Name(), n, typ, c.src(rs.X), local, c.src(rs.X), local, v.Name(), local)
	} else {
		msg = fmt.Sprintf("range value %s copies a %d-byte %s on every iteration and is only read; index instead: for i := range %s { %s := &%s[i] ... }",
			v.Name(), n, typ, c.src(rs.X), v.Name(), c.indexable(rs.X))
	}
	d := analysis.Diagnostic{Pos: rs.Value.Pos(), End: rs.Value.End(), Message: msg}
	if fix := c.indexFix(body, rs, v, elem); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.ReportHot(d, report.Hot{Code: []ast.Node{rs}, Where: "this loop", Pair: "Total"})
	if c.reported == nil {
		c.reported = make(map[*ast.RangeStmt]bool)
	}
	c.reported[rs] = true
	return true
}

// allOnlyRead reports whether every parameter in passes is only read.
func (c *checker) allOnlyRead(passes []paramRef) bool {
	for _, p := range passes {
		if !c.onlyRead(p) {
			return false
		}
	}
	return true
}

// reevaluated reports whether indexing x would do again work the range
// does once: x holds a call or a map index.
func (c *checker) reevaluated(x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, ok := c.pass.TypesInfo.Types[n.Fun]; !ok || !tv.IsType() {
				found = true
			}
		case *ast.IndexExpr:
			if _, isMap := c.pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Map); isMap {
				found = true
			}
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// indexFix rewrites for k, v := range xs into for k := range xs { v :=
// &xs[k] ... } when reading through the pointer sees what the copy
// held: xs is a plain local variable (not a map, not a call) that the
// body neither writes nor passes on; v is not captured (by a closure, a
// go or defer statement) nor sliced, stored or returned whole (readOnly
// saw to that); and nothing in the body could write the element: no
// assignment through a pointer, index or field to memory of the
// element's type or of a part of it, and no call but builtins and
// standard-library functions given nothing that reaches such memory.
func (c *checker) indexFix(body inspector.Cursor, rs *ast.RangeStmt, v *types.Var, elem types.Type) *analysis.SuggestedFix {
	id, ok := rs.X.(*ast.Ident)
	if !ok {
		return nil
	}
	xs, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || xs.Parent() == c.pass.Pkg.Scope() || xs.IsField() {
		return nil
	}
	for cur := range body.Preorder((*ast.Ident)(nil)) {
		obj := c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)]
		if obj == v && c.captured(cur, body) {
			return nil
		}
		if obj != xs {
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
			if fn, ok := typeutil.Callee(c.pass.TypesInfo, cur.Parent().Node().(*ast.CallExpr)).(*types.Builtin); ok && fn.Name() == "len" {
				continue
			}
		}
		return nil
	}
	if c.mayWrite(body, elem) {
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

// captured reports whether the use of a variable at cur, under body,
// is inside a function literal or a go or defer statement: code that may
// run after the element has changed.
func (c *checker) captured(cur, body inspector.Cursor) bool {
	for p := cur.Parent(); p != body && p.Node() != nil; p = p.Parent() {
		switch p.Node().(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return true
		}
	}
	return false
}

// mayWrite reports whether code under body could write memory of type
// elem or of a part of it (a field, an array element, at any depth):
// an assignment whose target is not a plain variable or a map entry, a
// builtin that writes (copy, clear, append into such memory), a call of
// anything but a builtin, a conversion or a standard-library function or
// method, or a standard-library call given a value that reaches such
// memory (a pointer, a slice, an interface, a func...).
func (c *checker) mayWrite(body inspector.Cursor, elem types.Type) bool {
	parts := make(map[types.Type]bool)
	var collect func(t types.Type)
	collect = func(t types.Type) {
		for k := range parts {
			if types.Identical(k, t) {
				return
			}
		}
		parts[t] = true
		switch u := t.Underlying().(type) {
		case *types.Struct:
			for f := range u.Fields() {
				collect(f.Type())
			}
		case *types.Array:
			collect(u.Elem())
		}
	}
	collect(elem)
	isPart := func(t types.Type) bool {
		if t == nil {
			return true
		}
		for k := range parts {
			if types.Identical(k, t) {
				return true
			}
		}
		return false
	}
	reaches := func(t types.Type) bool { return c.reaches(t, isPart, make(map[types.Type]bool)) }
	info := c.pass.TypesInfo
	for cur := range body.Preorder((*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if c.plainTarget(lhs) {
					continue
				}
				if isPart(info.TypeOf(lhs)) {
					return true
				}
			}
		case *ast.IncDecStmt:
			if !c.plainTarget(n.X) && isPart(info.TypeOf(n.X)) {
				return true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isPart(info.TypeOf(n.X)) {
				return true // a pointer to such memory, kept or passed on
			}
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				continue // a conversion
			}
			switch fn := typeutil.Callee(info, n).(type) {
			case *types.Builtin:
				switch fn.Name() {
				case "copy", "clear", "append":
					if len(n.Args) > 0 && reaches(info.TypeOf(n.Args[0])) {
						return true
					}
				}
				continue
			case *types.Func:
				if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg || !stdPath(fn.Pkg().Path()) {
					return true
				}
				if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
					return true // dynamic: any implementation may run
				}
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
						recv := s.Recv()
						if _, ptr := fn.Signature().Recv().Type().(*types.Pointer); ptr && !isPointer(recv) {
							recv = types.NewPointer(recv) // &x taken for the call
						}
						if reaches(recv) {
							return true
						}
					}
				}
				for _, arg := range n.Args {
					if reaches(info.TypeOf(arg)) {
						return true
					}
				}
			default:
				return true // a func value, a closure: could do anything
			}
		}
	}
	return false
}

// plainTarget reports whether an assignment to e writes only a variable
// of its own or a map entry: an identifier, or fields and array
// elements of a variable reached without a pointer.
func (c *checker) plainTarget(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		sel, ok := c.pass.TypesInfo.Selections[e]
		return ok && sel.Kind() == types.FieldVal && !sel.Indirect() && c.plainTarget(e.X)
	case *ast.IndexExpr:
		switch c.pass.TypesInfo.TypeOf(e.X).Underlying().(type) {
		case *types.Map:
			return true
		case *types.Array:
			return c.plainTarget(e.X)
		}
	}
	return false
}

// reaches reports whether a value of type t can lead to memory for
// which part is true: through a pointer, a slice, a map, a channel, an
// interface, a func or an unsafe.Pointer.
func (c *checker) reaches(t types.Type, part func(types.Type) bool, seen map[types.Type]bool) bool {
	if t == nil {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Pointer:
		return part(u.Elem()) || c.reaches(u.Elem(), part, seen)
	case *types.Slice:
		return part(u.Elem()) || c.reaches(u.Elem(), part, seen)
	case *types.Array:
		return c.reaches(u.Elem(), part, seen)
	case *types.Map:
		return c.reaches(u.Key(), part, seen) || c.reaches(u.Elem(), part, seen)
	case *types.Chan:
		return part(u.Elem()) || c.reaches(u.Elem(), part, seen)
	case *types.Struct:
		for f := range u.Fields() {
			if c.reaches(f.Type(), part, seen) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for v := range u.Variables() {
			if c.reaches(v.Type(), part, seen) {
				return true
			}
		}
		return false
	}
	return true // interface, func, type parameter
}

// stdPath reports whether path is a standard-library package: its
// first element is one of the standard library's top-level names.
func stdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return stdRoots[first] && path != "unsafe"
}

var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "bytes": true, "cmp": true, "compress": true, "container": true,
	"context": true, "crypto": true, "database": true, "debug": true, "embed": true, "encoding": true,
	"errors": true, "expvar": true, "flag": true, "fmt": true, "go": true, "hash": true, "html": true,
	"image": true, "index": true, "io": true, "iter": true, "log": true, "maps": true, "math": true,
	"mime": true, "net": true, "os": true, "path": true, "reflect": true, "regexp": true,
	"runtime": true, "slices": true, "sort": true, "strconv": true, "strings": true, "sync": true,
	"syscall": true, "text": true, "time": true, "unicode": true, "unique": true, "weak": true,
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

// arrayCopy reports a range over an addressable array value, which
// copies the array before the first iteration.
func (c *checker) arrayCopy(cur inspector.Cursor, rs *ast.RangeStmt, n int64) {
	x := c.src(rs.X)
	d := analysis.Diagnostic{
		Pos: rs.X.Pos(), End: rs.X.End(),
		Message: fmt.Sprintf("range over array %s copies all %d bytes of it before the loop; range over &%s or %s[:]", x, n, c.indexable(rs.X), c.indexable(rs.X)),
	}
	if id, ok := rs.X.(*ast.Ident); ok {
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && !v.IsField() && v.Parent() != c.pass.Pkg.Scope() {
			body, _ := cur.FindNode(rs.Body)
			if !c.mentioned(body, v) && !c.escapes(cur, v) {
				d.SuggestedFixes = []analysis.SuggestedFix{{
					Message:   "Range over &" + x,
					TextEdits: []analysis.TextEdit{{Pos: rs.X.Pos(), End: rs.X.Pos(), NewText: []byte("&")}},
				}}
			}
		}
	}
	c.rep.ReportHot(d, report.Hot{Code: []ast.Node{rs}, Where: "this loop", Pair: "ArraySum"})
}

// escapes reports whether local array v may be written by code the
// loop calls: its address is taken, it is sliced, a pointer method is
// called on it or on a part of it, or a closure captures it, anywhere
// in the enclosing function.
func (c *checker) escapes(cur inspector.Cursor, v *types.Var) bool {
	// The function that declares v: its code is all that can reach v.
	fn := cur
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = p
		if p.Node().Pos() <= v.Pos() && v.Pos() < p.Node().End() {
			break
		}
	}
	for id := range fn.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] != v {
			continue
		}
		if c.captured(id, fn) {
			return true
		}
		path := id
		for {
			switch path.ParentEdgeKind() {
			case edge.ParenExpr_X, edge.IndexExpr_X:
				path = path.Parent()
				continue
			case edge.SelectorExpr_X:
				sel := c.pass.TypesInfo.Selections[path.Parent().Node().(*ast.SelectorExpr)]
				if sel != nil && sel.Kind() == types.FieldVal {
					path = path.Parent()
					continue
				}
				if sel != nil && sel.Kind() == types.MethodVal {
					if _, ptr := sel.Obj().(*types.Func).Signature().Recv().Type().(*types.Pointer); ptr {
						return true
					}
				}
			case edge.UnaryExpr_X:
				if path.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
					return true
				}
			case edge.SliceExpr_X:
				return true
			}
			break
		}
	}
	return false
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
