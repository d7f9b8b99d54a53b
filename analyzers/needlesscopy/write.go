package needlesscopy

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/passes/report"
)

// writeBytes reports w.Write([]byte(s)) where the conversion copies the
// string for nothing:
//
//   - s is fmt.Sprintf(...) (Sprint, Sprintln): fmt.Fprintf(w, ...)
//     formats into w with neither the string nor the copy;
//   - w's concrete type is known (its static type, or the one type every
//     assignment of a local interface variable gives it) and has a
//     WriteString of its own (the same type declares Write and
//     WriteString) and a Write the bytes escape through: w.WriteString(s),
//     or io.WriteString(w, s) for an interface variable;
//   - w is an interface with WriteString: w.WriteString(s);
//   - w is an interface whose dynamic type is unknown: io.WriteString(w,
//     s) avoids the copy when that type has WriteString.
//
// It stays silent on []byte(a + b) (the runtime concatenates straight
// into the bytes), on writers whose type has no WriteString (a net.Conn,
// a hash.Hash: io.WriteString would convert all the same), and on
// *bytes.Buffer, *strings.Builder and same-package writers whose Write
// only reads the bytes (the compiler then converts without a copy).
func (c *checker) writeBytes(cur inspector.Cursor, call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Write" || len(call.Args) != 1 {
		return
	}
	conv, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
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
	write := selection.Obj().(*types.Func)
	if !ioWriteSig(write.Signature()) {
		return
	}
	if c.writeStringFallback(cur) {
		return
	}
	if tv := c.pass.TypesInfo.Types[s]; tv.Value == nil {
		if b, ok := ast.Unparen(s).(*ast.BinaryExpr); ok && b.Op == token.ADD {
			return // []byte(a + b) concatenates into the bytes: no string to copy
		}
	}
	if sprintf, ok := ast.Unparen(s).(*ast.CallExpr); ok {
		if fn, ok := typeutil.Callee(c.pass.TypesInfo, sprintf).(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "fmt" {
			if to, ok := fprintOf[fn.Name()]; ok {
				c.sprintfWrite(call, sel, sprintf, to)
				return
			}
		}
	}
	recv := selection.Recv()
	w, arg := c.src(sel.X), c.src(s)
	concrete := recv
	if types.IsInterface(recv) {
		if t := c.localWriterType(cur, sel.X); t != nil {
			concrete = t
		}
	}
	var msg, text string
	var edits []analysis.TextEdit
	switch {
	case !types.IsInterface(concrete):
		if concrete != recv {
			// The Write that runs is the concrete type's.
			obj, _, _ := types.LookupFieldOrMethod(concrete, true, c.pass.Pkg, "Write")
			fn, ok := obj.(*types.Func)
			if !ok || !ioWriteSig(fn.Signature()) {
				return
			}
			write = fn
		}
		ws, ok := c.ownWriteString(concrete, write, c.addressable(sel.X) || isPointer(concrete))
		if !ok || c.noCopyWrite(write) {
			return
		}
		if !types.IsInterface(recv) {
			text = fmt.Sprintf("%s.WriteString(%s)", w, arg)
			msg = fmt.Sprintf("[]byte(%s) copies the string only to write it; use %s", arg, text)
			if !sameResults(ws.Signature(), write.Signature()) {
				text = ""
			}
			break
		}
		name, imp, ok := c.importName(call.Pos(), "io")
		msg = fmt.Sprintf("[]byte(%s) copies the string only to write it; use io.WriteString(%s, %s), which calls the WriteString of %s", arg, w, arg, c.typeString(concrete, call.Pos()))
		if ok {
			text, edits = fmt.Sprintf("%s.WriteString(%s, %s)", name, w, arg), imp
		}
	case hasWriteString(concrete):
		text = fmt.Sprintf("%s.WriteString(%s)", w, arg)
		msg = fmt.Sprintf("[]byte(%s) copies the string only to write it; use %s", arg, text)
		// The dynamic type's own methods run: no promotion to look at.
		if ws, _, _ := types.LookupFieldOrMethod(concrete, false, nil, "WriteString"); !sameResults(ws.(*types.Func).Signature(), write.Signature()) {
			text = ""
		}
	case noWriteString(concrete):
		return // a net.Conn, a hash.Hash: io.WriteString would copy too
	default:
		name, imp, ok := c.importName(call.Pos(), "io")
		msg = fmt.Sprintf("[]byte(%s) copies the string only to write it; use io.WriteString(%s, %s), which avoids the copy when the writer has a WriteString method", arg, w, arg)
		if ok {
			text, edits = fmt.Sprintf("%s.WriteString(%s, %s)", name, w, arg), imp
		}
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
	if text != "" && st == types.Typ[types.String] && !hasCall(sel.X) {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Write the string without copying it",
			TextEdits: append(edits, analysis.TextEdit{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}),
		}}
	}
	hot := report.Hot{Code: []ast.Node{call}, Where: "this call", Pair: "Write"}
	if types.IsInterface(recv) {
		hot.Pair = "WriteTo"
	}
	c.rep.ReportHot(d, hot)
}

// fprintOf maps the fmt functions that build a string to the ones that
// write it.
var fprintOf = map[string]string{"Sprintf": "Fprintf", "Sprint": "Fprint", "Sprintln": "Fprintln"}

// sprintfWrite reports w.Write([]byte(fmt.Sprintf(...))): fmt.Fprintf
// formats into w directly.
func (c *checker) sprintfWrite(call *ast.CallExpr, sel *ast.SelectorExpr, sprintf *ast.CallExpr, to string) {
	fsel, ok := ast.Unparen(sprintf.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	w := c.src(sel.X)
	fmtName := c.src(fsel.X)
	msg := fmt.Sprintf("[]byte(%s.%s(...)) builds a string and copies it only to write it; use %s.%s(%s, ...)", fmtName, fsel.Sel.Name, fmtName, to, w)
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
	// The fix passes w as an io.Writer: its own method set must have
	// Write (not only &w's).
	recv := c.pass.TypesInfo.TypeOf(sel.X)
	if args, ok := c.between(sprintf.Lparen+1, sprintf.Rparen); ok && recv != nil && hasMethod(recv, "Write") {
		text := fmt.Sprintf("%s.%s(%s)", fmtName, to, w)
		if len(sprintf.Args) > 0 {
			text = fmt.Sprintf("%s.%s(%s, %s)", fmtName, to, w, args)
		}
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Format into the writer",
			TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}},
		}}
	}
	// No corpus pair measures this one.
	c.rep.ReportHot(d, report.Hot{Code: []ast.Node{call}, Where: "this call"})
}

// importName returns the name code at pos uses for the standard package
// path, and the edit that imports it when the file lacks it.
func (c *checker) importName(pos token.Pos, path string) (string, []analysis.TextEdit, bool) {
	file := report.FileOf(c.pass, pos)
	if file == nil {
		return "", nil, false
	}
	name, edits, ok := report.Import(c.pass.TypesInfo, file, path, pos)
	if !ok {
		return "", nil, false
	}
	// The name must denote the package at pos, not a local declared
	// under the import's name.
	if scope := c.pass.TypesInfo.Scopes[file]; scope != nil && len(edits) == 0 {
		if _, obj := scope.Innermost(pos).LookupParent(name, pos); obj != nil {
			if pn, ok := obj.(*types.PkgName); !ok || pn.Imported().Path() != path {
				return "", nil, false
			}
		}
	}
	return name, edits, true
}

// localWriterType returns the type every assignment gives the local
// interface variable x, when x is one that is never addressed: the
// concrete writer behind it, or a narrower interface.
func (c *checker) localWriterType(cur inspector.Cursor, x ast.Expr) types.Type {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.LocalVar {
		return nil
	}
	fn := cur
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = p
		if p.Node().Pos() <= v.Pos() && v.Pos() < p.Node().End() {
			break
		}
	}
	// typeOf sees through conversions to interfaces: io.Writer(h) holds h.
	typeOf := func(e ast.Expr) types.Type {
		for {
			call, ok := ast.Unparen(e).(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				break
			}
			tv, ok := c.pass.TypesInfo.Types[call.Fun]
			if !ok || !tv.IsType() || !types.IsInterface(tv.Type) {
				break
			}
			e = call.Args[0]
		}
		return c.pass.TypesInfo.TypeOf(e)
	}
	var got types.Type
	agree := func(t types.Type) bool {
		if t == nil {
			return false
		}
		if got == nil {
			got = t
		}
		return types.Identical(got, t)
	}
	for n := range fn.Preorder((*ast.Ident)(nil)) {
		nid := n.Node().(*ast.Ident)
		if c.pass.TypesInfo.Defs[nid] != v && c.pass.TypesInfo.Uses[nid] != v {
			continue
		}
		switch n.ParentEdgeKind() {
		case edge.AssignStmt_Lhs:
			as := n.Parent().Node().(*ast.AssignStmt)
			if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
				return nil
			}
			i := n.ParentEdgeIndex()
			var t types.Type
			if len(as.Rhs) == len(as.Lhs) {
				t = typeOf(as.Rhs[i])
			} else if tuple, ok := c.pass.TypesInfo.TypeOf(as.Rhs[0]).(*types.Tuple); ok && i < tuple.Len() {
				t = tuple.At(i).Type()
			}
			if !agree(t) {
				return nil
			}
		case edge.ValueSpec_Names:
			vs := n.Parent().Node().(*ast.ValueSpec)
			i := n.ParentEdgeIndex()
			if len(vs.Values) == 0 {
				continue // the zero value: nil
			}
			var t types.Type
			if len(vs.Values) == len(vs.Names) {
				t = typeOf(vs.Values[i])
			} else if tuple, ok := c.pass.TypesInfo.TypeOf(vs.Values[0]).(*types.Tuple); ok && i < tuple.Len() {
				t = tuple.At(i).Type()
			}
			if !agree(t) {
				return nil
			}
		case edge.UnaryExpr_X:
			if n.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
				return nil
			}
		case edge.RangeStmt_Key, edge.RangeStmt_Value, edge.TypeSwitchStmt_Assign:
			return nil
		}
	}
	if got == nil || types.Identical(got, v.Type()) {
		return nil
	}
	return got
}

// ownWriteString returns the WriteString method of t when it reaches
// the same Write the code calls: declared on the same type as write (a
// WriteString promoted from an embedded buffer would bypass t's own
// Write), with the signature WriteString(string) (int, error).
func (c *checker) ownWriteString(t types.Type, write *types.Func, addressable bool) (*types.Func, bool) {
	obj, _, _ := types.LookupFieldOrMethod(t, addressable, c.pass.Pkg, "WriteString")
	ws, ok := obj.(*types.Func)
	if !ok || !writeStringSig(ws.Signature()) {
		return nil, false
	}
	if recvBase(ws) != recvBase(write) || recvBase(ws) == nil {
		return nil, false
	}
	return ws, true
}

// noCopyWrite reports whether write is a Write the bytes do not escape
// through, so that the compiler converts without copying:
// (*bytes.Buffer).Write, (*strings.Builder).Write, or a Write of this
// package that only reads its argument (len, index, copy from it,
// append it).
func (c *checker) noCopyWrite(write *types.Func) bool {
	base := recvBase(write)
	if base == nil {
		return false
	}
	if base.Pkg() != nil {
		switch base.Pkg().Path() + "." + base.Name() {
		case "bytes.Buffer", "strings.Builder", "log/slog/internal/buffer.Buffer":
			return true
		}
	}
	if write.Pkg() != c.pass.Pkg {
		return false
	}
	body, ok := c.decl(write)
	if !ok {
		return false
	}
	p := write.Signature().Params().At(0)
	for cur := range body.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] != p {
			continue
		}
		switch cur.ParentEdgeKind() {
		case edge.IndexExpr_X:
			if k := cur.Parent().ParentEdgeKind(); k == edge.AssignStmt_Lhs || k == edge.IncDecStmt_X || k == edge.UnaryExpr_X {
				return false
			}
			continue
		case edge.CallExpr_Args:
			call := cur.Parent().Node().(*ast.CallExpr)
			if b, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Builtin); ok {
				switch b.Name() {
				case "len", "cap":
					continue
				case "copy":
					if cur.ParentEdgeIndex() == 1 {
						continue
					}
				case "append":
					if cur.ParentEdgeIndex() == 1 && call.Ellipsis.IsValid() {
						continue
					}
				}
			}
		}
		return false
	}
	return true
}

// recvBase returns the named type that declares method fn.
func recvBase(fn *types.Func) *types.TypeName {
	recv := fn.Signature().Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

// noWriteString reports whether interface t stands for writers that are
// known to lack WriteString: net.Conn and its like (the *net.TCPConn,
// *tls.Conn... behind them have none), hash.Hash and its like.
func noWriteString(t types.Type) bool {
	return (hasMethod(t, "SetDeadline") && hasMethod(t, "LocalAddr")) || (hasMethod(t, "Sum") && hasMethod(t, "BlockSize"))
}

func hasMethod(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// ioWriteSig: Write([]byte) (int, error).
func ioWriteSig(sig *types.Signature) bool {
	return sig.Params().Len() == 1 && isByteSlice(sig.Params().At(0).Type()) && intError(sig.Results())
}

// writeStringSig: WriteString(string) (int, error).
func writeStringSig(sig *types.Signature) bool {
	return sig.Params().Len() == 1 && types.Identical(sig.Params().At(0).Type(), types.Typ[types.String]) && intError(sig.Results())
}

func intError(r *types.Tuple) bool {
	return r.Len() == 2 && types.Identical(r.At(0).Type(), types.Typ[types.Int]) && types.Identical(r.At(1).Type(), types.Universe.Lookup("error").Type())
}

func sameResults(a, b *types.Signature) bool { return types.Identical(a.Results(), b.Results()) }

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

// hasWriteString reports whether t has WriteString(string) (int, error).
func hasWriteString(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, "WriteString")
	fn, ok := obj.(*types.Func)
	return ok && writeStringSig(fn.Signature())
}

func isByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
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
