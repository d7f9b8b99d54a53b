package falsesharing

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/analyzers/internal/typesize"
	"github.com/perflint/perflint/passes/goroutines"
	"github.com/perflint/perflint/passes/lockregions"
	"github.com/perflint/perflint/passes/report"
)

//go:embed doc.go
var doc string

// Analyzer reports independently written atomic fields, mutexes and
// per-worker shards that share a cache line.
var Analyzer = &analysis.Analyzer{
	Name:             "falsesharing",
	Doc:              docs.Doc(doc, "falsesharing"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/falsesharing",
	Requires:         []*analysis.Analyzer{inspect.Analyzer, goroutines.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

var lineSize int64 = 64

func init() {
	Analyzer.Flags.Int64Var(&lineSize, "line", lineSize, "cache line size in bytes (64 on amd64; 128 on arm64 (Apple M-series) and ppc64)")
}

// padTo is the distance the fix puts between two fields: amd64 fetches
// cache lines in adjacent pairs, and arm64 and ppc64 have 128-byte
// lines, so 128 bytes is apart everywhere but s390x.
const padTo = 128

// atomicWrites are the methods of the sync/atomic types that write.
var atomicWrites = map[string]bool{
	"Add": true, "Store": true, "Swap": true, "CompareAndSwap": true, "Or": true, "And": true,
}

// mutexWrites are the sync.Mutex and RWMutex methods that write the lock word.
var mutexWrites = map[string]bool{
	"Lock": true, "Unlock": true, "RLock": true, "RUnlock": true, "TryLock": true, "TryRLock": true,
}

// write is one write of a hot field.
type write struct {
	field *types.Var
	fn    ast.Node // the innermost function the write is in
	cur   inspector.Cursor
	base  ast.Expr // the expression whose field is written: s in s.n
	// repeated is true for a write that runs over and over: an atomic
	// add (a counter, bumped per event), or any write inside a loop or
	// in a goroutine's body. A flag stored once at shutdown or a lock
	// taken on a configuration path does not keep a cache line moving.
	repeated bool
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	gr := pass.ResultOf[goroutines.Analyzer].(*goroutines.Result)
	if !match.Imports(pass.Pkg, "sync/atomic") && !match.Imports(pass.Pkg, "sync") {
		return nil, nil
	}
	hot := make(map[*types.Var]bool)
	var writes []write
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		if w, ok := hotWrite(pass, cur); ok {
			hot[w.field] = true
			if !local(pass, w) {
				writes = append(writes, w)
			}
		}
	}
	if len(writes) == 0 {
		return nil, nil
	}
	writers := make(map[*types.Var]map[ast.Node]bool)
	for _, w := range writes {
		if !w.repeated && !inLoopOrGoroutine(pass, gr, w.cur) {
			continue
		}
		if writers[w.field] == nil {
			writers[w.field] = make(map[ast.Node]bool)
		}
		writers[w.field][w.fn] = true
	}
	checkStructs(pass, rep, hot, writers)
	checkShards(pass, rep, gr, writes)
	return nil, nil
}

// hotWrite recognizes x.f.Add(1) on a sync/atomic type, atomic.AddInt64(&x.f, 1),
// and x.mu.Lock() on a mutex field.
func hotWrite(pass *analysis.Pass, cur inspector.Cursor) (write, bool) {
	call := cur.Node().(*ast.CallExpr)
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return write{}, false
	}
	var target ast.Expr // the field expression written
	repeated := strings.HasPrefix(fn.Name(), "Add")
	switch path := fn.Pkg().Path(); {
	case path == "sync/atomic" && fn.Signature().Recv() != nil:
		if !atomicWrites[fn.Name()] {
			return write{}, false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return write{}, false
		}
		target = sel.X
	case path == "sync/atomic":
		if !isAtomicWriteFunc(fn.Name()) || len(call.Args) == 0 {
			return write{}, false
		}
		u, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			return write{}, false
		}
		target = u.X
	case path == "sync":
		m := lockregions.MutexCall(pass.TypesInfo, call)
		if m == nil || !mutexWrites[m.Method] || !m.Var.IsField() {
			return write{}, false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return write{}, false
		}
		target = sel.X
	default:
		return write{}, false
	}
	sel, ok := ast.Unparen(target).(*ast.SelectorExpr)
	if !ok {
		// counters[id].Add(1): an array of atomics; a shard write.
		if ix, ok := ast.Unparen(target).(*ast.IndexExpr); ok {
			return write{fn: enclosingFunc(cur), cur: cur, base: ix, repeated: repeated}, true
		}
		return write{}, false
	}
	f, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	if !ok || !f.IsField() {
		return write{}, false
	}
	return write{field: f, fn: enclosingFunc(cur), cur: cur, base: sel.X, repeated: repeated}, true
}

// inLoopOrGoroutine reports whether cur runs repeatedly: in a loop of its
// function, or in the body of a started goroutine.
func inLoopOrGoroutine(pass *analysis.Pass, gr *goroutines.Result, cur inspector.Cursor) bool {
	for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch enc.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
		return gr.Started(pass.TypesInfo, enc.Node())
	}
	return false
}

func isAtomicWriteFunc(name string) bool {
	for _, p := range []string{"Add", "Store", "Swap", "CompareAndSwap", "Or", "And"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func enclosingFunc(cur inspector.Cursor) ast.Node {
	for f := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		return f.Node()
	}
	return nil
}

// local reports whether the write goes to a value that only its own
// goroutine sees: a struct variable declared in the writing function, or
// one it is constructing (p := &T{...}, p := new(T)). Such writes are
// construction or single-goroutine use, not contention.
func local(pass *analysis.Pass, w write) bool {
	if w.field == nil {
		return false
	}
	root := w.base
	for {
		switch x := ast.Unparen(root).(type) {
		case *ast.SelectorExpr:
			root = x.X
			continue
		case *ast.Ident:
			v, ok := pass.TypesInfo.Uses[x].(*types.Var)
			if !ok || w.fn == nil || v.Pos() < w.fn.Pos() || v.Pos() >= w.fn.End() || v.Kind() != types.LocalVar {
				return false
			}
			if _, isPtr := v.Type().Underlying().(*types.Pointer); !isPtr {
				return true // a struct value of this function
			}
			return constructed(pass, w.fn, v)
		}
		return false
	}
}

// constructed reports whether pointer v is declared in fn from &T{...}
// or new(T).
func constructed(pass *analysis.Pass, fn ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if found || !ok || as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) {
			return !found
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && pass.TypesInfo.Defs[id] == v {
				switch r := ast.Unparen(as.Rhs[i]).(type) {
				case *ast.UnaryExpr:
					_, isLit := r.X.(*ast.CompositeLit)
					found = r.Op == token.AND && isLit
				case *ast.CallExpr:
					b, ok := typeutil.Callee(pass.TypesInfo, r).(*types.Builtin)
					found = ok && b.Name() == "new"
				}
			}
		}
		return !found
	})
	return found
}

// checkStructs reports pairs of hot fields of one struct within a line of
// each other that different functions write independently.
func checkStructs(pass *analysis.Pass, rep *report.Reporter, hot map[*types.Var]bool, writers map[*types.Var]map[ast.Node]bool) {
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		offsets, ok := typesize.Offsets(pass.TypesSizes, st)
		if !ok {
			continue // generic: never measured
		}
		for j := range st.NumFields() {
			fj := st.Field(j)
			if !hot[fj] && !isAtomicType(fj.Type()) && !isMutex(fj.Type()) {
				continue
			}
			// The nearest earlier hot field within a line, written
			// independently of fj.
			for i := j - 1; i >= 0; i-- {
				fi := st.Field(i)
				if offsets[j]-offsets[i] >= lineSize {
					break
				}
				if !hot[fi] && !isAtomicType(fi.Type()) && !isMutex(fi.Type()) {
					continue
				}
				if !independent(writers[fi], writers[fj]) {
					continue
				}
				reportPair(pass, rep, tn, st, fi, fj, offsets[i], offsets[j])
				break
			}
		}
	}
}

// independent reports whether some function writes a and not b, some
// function writes b and not a, and no function writes both. Fields that
// every writer updates together share their line by design; fields that
// some writer updates together (a lock's state words, a counter and the
// mutex that orders it) are one protocol, where padding costs memory on
// every value for a gain the package does not show.
func independent(a, b map[ast.Node]bool) bool {
	onlyA, onlyB := false, false
	for f := range a {
		if b[f] {
			return false
		}
		onlyA = true
	}
	for f := range b {
		onlyB = onlyB || !a[f]
	}
	return onlyA && onlyB
}

func reportPair(pass *analysis.Pass, rep *report.Reporter, tn *types.TypeName, st *types.Struct, fi, fj *types.Var, oi, oj int64) {
	kind := "fields"
	if isAtomicType(fi.Type()) && isAtomicType(fj.Type()) {
		kind = "atomic fields"
	}
	pad := padTo - (oj - oi)
	d := analysis.Diagnostic{
		Pos: fj.Pos(), End: fj.Pos() + token.Pos(len(fj.Name())),
		Message: fmt.Sprintf("%s %s (offset %d) and %s (offset %d) share a %d-byte cache line and are written independently; pad them apart (%d bytes per value)",
			kind, fi.Name(), oi, fj.Name(), oj, lineSize, pad),
	}
	if fix := padFix(pass, tn, fj, pad); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	rep.Report(d)
}

// padFix inserts padding before field f of type tn, where a new field
// breaks nothing: an unexported type, no unkeyed literal of it, and a
// package that neither imports unsafe nor encoding/binary (layouts that
// code may rely on). It uses cpu.CacheLinePad where the package already
// imports golang.org/x/sys/cpu, else 128 bytes.
func padFix(pass *analysis.Pass, tn *types.TypeName, f *types.Var, pad int64) *analysis.SuggestedFix {
	if tn.Exported() || match.Imports(pass.Pkg, "unsafe") || match.Imports(pass.Pkg, "encoding/binary") || hasUnkeyedLiteral(pass, tn) {
		return nil
	}
	field := fieldDecl(pass, f)
	if field == nil || len(field.Names) != 1 {
		return nil
	}
	text := fmt.Sprintf("_ [%d]byte // keeps %s off the cache line of the field above\n%s", pad, f.Name(), report.Indent(pass.Fset, field.Pos()))
	if name := importName(pass, f.Pos(), "golang.org/x/sys/cpu"); name != "" {
		text = fmt.Sprintf("_ %s.CacheLinePad\n%s", name, report.Indent(pass.Fset, field.Pos()))
	}
	at := field.Pos()
	if field.Doc != nil {
		at = field.Doc.Pos()
	}
	return &analysis.SuggestedFix{
		Message:   "Pad " + f.Name() + " onto a cache line of its own",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}
}

// fieldDecl finds the *ast.Field that declares f.
func fieldDecl(pass *analysis.Pass, f *types.Var) *ast.Field {
	file := report.FileOf(pass, f.Pos())
	if file == nil {
		return nil
	}
	var out *ast.Field
	ast.Inspect(file, func(n ast.Node) bool {
		if out != nil || n == nil || n.Pos() > f.Pos() || n.End() <= f.Pos() {
			return false
		}
		if fl, ok := n.(*ast.Field); ok {
			for _, name := range fl.Names {
				if name.Pos() == f.Pos() {
					out = fl
				}
			}
		}
		return out == nil
	})
	return out
}

// hasUnkeyedLiteral reports whether the package writes T{a, b} for tn,
// which a new field would break.
func hasUnkeyedLiteral(pass *analysis.Pass, tn *types.TypeName) bool {
	for e, tv := range pass.TypesInfo.Types {
		lit, ok := e.(*ast.CompositeLit)
		if !ok || len(lit.Elts) == 0 || !types.Identical(tv.Type, tn.Type()) {
			continue
		}
		if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); !keyed {
			return true
		}
	}
	return false
}

// checkShards reports writes to elem[i].f where the element is smaller
// than a line and i is a worker's number: a parameter of the function,
// or a variable captured by a goroutine.
func checkShards(pass *analysis.Pass, rep *report.Reporter, gr *goroutines.Result, writes []write) {
	seen := make(map[string]bool)
	for _, w := range writes {
		ix := shardIndex(w.base)
		if ix == nil {
			continue
		}
		xt := pass.TypesInfo.TypeOf(ix.X)
		if xt == nil {
			continue
		}
		var elem types.Type
		switch t := xt.Underlying().(type) {
		case *types.Slice:
			elem = t.Elem()
		case *types.Array:
			elem = t.Elem()
		case *types.Pointer:
			if a, ok := t.Elem().Underlying().(*types.Array); ok {
				elem = a.Elem()
			}
		}
		size, ok := typesize.Of(pass.TypesSizes, elem)
		if !ok || size == 0 || size >= lineSize || !workerIndex(pass, gr, w, ix.Index) {
			continue
		}
		x := types.ExprString(ix.X)
		if seen[x] {
			continue
		}
		seen[x] = true
		per := lineSize / size
		d := analysis.Diagnostic{
			Pos: ix.Pos(), End: ix.End(),
			Message: fmt.Sprintf("elements of %s are %d bytes, so %d neighbouring workers write one %d-byte cache line; pad the element type to %d bytes (%d bytes per element)",
				x, size, per, lineSize, padTo, padTo-size),
		}
		if fix := shardFix(pass, elem, size); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
		rep.Report(d)
	}
}

// shardIndex returns the index expression at the root of base:
// shards[i] in shards[i].n or shards[i].
func shardIndex(base ast.Expr) *ast.IndexExpr {
	for {
		switch x := ast.Unparen(base).(type) {
		case *ast.IndexExpr:
			return x
		case *ast.SelectorExpr:
			base = x.X
		default:
			return nil
		}
	}
}

// workerIndex reports whether index is a worker's number: a parameter
// of the writing function, or a variable the function captures and that
// function runs as a goroutine. A loop counter of the writing function
// walks the elements in one goroutine: no sharing.
func workerIndex(pass *analysis.Pass, gr *goroutines.Result, w write, index ast.Expr) bool {
	id, ok := ast.Unparen(index).(*ast.Ident)
	if !ok || w.fn == nil {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	var params *ast.FieldList
	switch f := w.fn.(type) {
	case *ast.FuncDecl:
		params = f.Type.Params
	case *ast.FuncLit:
		params = f.Type.Params
		if (v.Pos() < f.Pos() || v.Pos() >= f.End()) && gr.Started(pass.TypesInfo, f) {
			return true // captured by a goroutine
		}
	}
	if params != nil && params.Pos() <= v.Pos() && v.Pos() < params.End() {
		return true
	}
	return false
}

// shardFix pads a named, unexported struct element type declared in
// this package to padTo bytes with a last blank field.
func shardFix(pass *analysis.Pass, elem types.Type, size int64) *analysis.SuggestedFix {
	named, ok := types.Unalias(elem).(*types.Named)
	if !ok || named.Obj().Pkg() != pass.Pkg || named.Obj().Exported() {
		return nil
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return nil
	}
	tn := named.Obj()
	if match.Imports(pass.Pkg, "unsafe") || match.Imports(pass.Pkg, "encoding/binary") || hasUnkeyedLiteral(pass, tn) {
		return nil
	}
	file := report.FileOf(pass, tn.Pos())
	var st *ast.StructType
	ast.Inspect(file, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.Name.Pos() == tn.Pos() {
			st, _ = ts.Type.(*ast.StructType)
		}
		return st == nil
	})
	if st == nil || st.Fields == nil || !st.Fields.Closing.IsValid() {
		return nil
	}
	at := st.Fields.Closing
	if pass.Fset.Position(at).Line == pass.Fset.Position(st.Fields.Opening).Line {
		return nil // a one-line struct: leave it
	}
	text := fmt.Sprintf("\t_ [%d]byte // one element per %d bytes: workers do not share cache lines\n%s", padTo-size, padTo, report.Indent(pass.Fset, st.Pos()))
	if name := importName(pass, tn.Pos(), "golang.org/x/sys/cpu"); name != "" {
		text = fmt.Sprintf("\t_ %s.CacheLinePad\n%s", name, report.Indent(pass.Fset, st.Pos()))
	}
	lineStart := at - token.Pos(pass.Fset.Position(at).Column-1)
	return &analysis.SuggestedFix{
		Message:   "Pad " + tn.Name() + " to a cache line",
		TextEdits: []analysis.TextEdit{{Pos: lineStart, End: at, NewText: []byte(text)}},
	}
}

// importName returns the name under which the file at pos imports path,
// or "".
func importName(pass *analysis.Pass, pos token.Pos, path string) string {
	if file := report.FileOf(pass, pos); file != nil {
		return report.ImportedAs(file, path)
	}
	return ""
}

func isAtomicType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync/atomic" {
		return false
	}
	return slices.Contains([]string{"Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Bool", "Pointer", "Value"}, n.Obj().Name())
}

func isMutex(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && (n.Obj().Name() == "Mutex" || n.Obj().Name() == "RWMutex")
}
