package containerlist

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/report"
)

//go:embed doc.go
var doc string

// Analyzer reports container/list lists used only as a queue, stack or sequence.
var Analyzer = &analysis.Analyzer{
	Name:             "containerlist",
	Doc:              docs.Doc(doc, "containerlist"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/containerlist",
	Requires:         []*analysis.Analyzer{inspectors.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

// ops a list may see and still be a plain queue, stack or sequence.
var plainOps = map[string]bool{
	"PushBack": true, "PushFront": true, "Front": true, "Back": true,
	"Len": true, "Init": true, "Remove": true,
}

// list is one list variable or field and what the package does with it.
type list struct {
	v      *types.Var
	ops    map[string]bool
	ends   map[string]bool // "front", "back": where Remove takes from
	unsafe bool            // used in a way the analyzer does not follow
	funcs  []ast.Node      // the functions that use it
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil || !match.Imports(pass.Pkg, "container/list") {
		return nil, nil
	}
	in := pass.ResultOf[inspectors.Analyzer].(*inspectors.Set)

	lists := make(map[*types.Var]*list)
	for id, obj := range pass.TypesInfo.Defs {
		if v, ok := obj.(*types.Var); ok && id != nil && isList(v.Type()) && candidate(pass, v) {
			lists[v] = &list{v: v, ops: make(map[string]bool), ends: make(map[string]bool)}
		}
	}
	if len(lists) == 0 {
		return nil, nil
	}
	listVar := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		return ok && lists[v] != nil
	}
	for cur, obj := range report.Uses(pass.TypesInfo, in, listVar) {
		use(pass, lists[obj.(*types.Var)], cur)
	}
	handles(pass, in, lists)
	sorted := make([]*list, 0, len(lists))
	for _, l := range lists {
		sorted = append(sorted, l)
	}
	slices.SortFunc(sorted, func(a, b *list) int { return int(a.v.Pos() - b.v.Pos()) })
	for _, l := range sorted {
		if l.unsafe || len(l.ops) == 0 {
			continue
		}
		kind, advice := classify(l)
		what := "list"
		if l.v.IsField() {
			what = "field"
		}
		pair := "FIFO"
		if kind == "sequence" {
			pair = "Sum"
		}
		rep.ReportHot(analysis.Diagnostic{
			Pos: l.v.Pos(), End: l.v.Pos() + token.Pos(len(l.v.Name())),
			Message: fmt.Sprintf("%s %s is a container/list used only as a %s (%s), which allocates an element per push and chases a pointer per step; %s",
				what, l.v.Name(), kind, strings.Join(sortedKeys(l.ops), ", "), advice),
		}, report.Hot{Code: l.funcs, Where: "the functions that use it", Pair: pair})
	}
	return nil, nil
}

// candidate: a local variable, an unexported package variable, or a
// field that other packages cannot reach (unexported, or of an
// unexported type). Parameters and results come from elsewhere.
func candidate(pass *analysis.Pass, v *types.Var) bool {
	if v.IsField() {
		return !v.Exported() || !exportedStructField(pass, v)
	}
	if v.Parent() == pass.Pkg.Scope() {
		return !v.Exported()
	}
	return isLocal(pass, v)
}

// exportedStructField reports whether field v belongs to an exported
// named struct type of the package.
func exportedStructField(pass *analysis.Pass, v *types.Var) bool {
	for _, name := range pass.Pkg.Scope().Names() {
		tn, ok := pass.Pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for f := range st.Fields() {
				if f == v {
					return true
				}
			}
		}
	}
	return false
}

// isLocal reports whether v is a local variable declared in a function
// body (not a parameter or result).
func isLocal(pass *analysis.Pass, v *types.Var) bool {
	if v.IsField() || v.Parent() == nil || v.Parent() == pass.Pkg.Scope() || v.Kind() != types.LocalVar {
		return false
	}
	return true
}

// use records what the code at cur, an identifier of l (or the field
// selector of it), does with the list.
func use(pass *analysis.Pass, l *list, cur inspector.Cursor) {
	e := cur
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		e = cur.Parent() // x.f
	}
	switch e.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		sel := e.Parent()
		m := sel.Node().(*ast.SelectorExpr).Sel.Name
		if sel.ParentEdgeKind() != edge.CallExpr_Fun {
			l.unsafe = true // a method value
			return
		}
		call := sel.Parent()
		if !plainOps[m] {
			l.unsafe = true // MoveToFront, InsertBefore, PushBackList...: a real list
			return
		}
		l.ops[m] = true
		for fn := range call.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			if !slices.Contains(l.funcs, fn.Node()) {
				l.funcs = append(l.funcs, fn.Node())
			}
			break
		}
		switch m {
		case "PushBack", "PushFront":
			if call.ParentEdgeKind() != edge.ExprStmt_X {
				l.unsafe = true // the element handle is kept
			}
		case "Remove":
			end := takenFrom(pass, l, call.Node().(*ast.CallExpr).Args[0])
			if end == "" {
				l.unsafe = true // removal by handle from the middle
				return
			}
			l.ends[end] = true
		}
	case edge.AssignStmt_Lhs, edge.ValueSpec_Names:
		// l = list.New(), var l list.List: checked by the value assigned.
		if !assignedNew(pass, e) {
			l.unsafe = true
		}
	case edge.KeyValueExpr_Key:
		// T{l: list.New()}
		if !code.IsCallTo(pass, e.Parent().Node().(*ast.KeyValueExpr).Value, "container/list.New") {
			l.unsafe = true
		}
	default:
		l.unsafe = true // passed, returned, copied, compared...
	}
}

// assignedNew reports whether the assignment at e stores list.New() or
// nothing (a declaration).
func assignedNew(pass *analysis.Pass, e inspector.Cursor) bool {
	switch p := e.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		return code.IsCallTo(pass, p.Rhs[e.ParentEdgeIndex()], "container/list.New")
	case *ast.ValueSpec:
		return len(p.Values) == 0 || (len(p.Values) == len(p.Names) && code.IsCallTo(pass, p.Values[e.ParentEdgeIndex()], "container/list.New"))
	}
	return false
}

// takenFrom reports which end of l the element arg was just taken from:
// l.Front() or l.Back() directly, or a local variable only ever
// assigned from one of them. "" otherwise.
func takenFrom(pass *analysis.Pass, l *list, arg ast.Expr) string {
	arg = ast.Unparen(arg)
	if call, ok := arg.(*ast.CallExpr); ok {
		return endOf(pass, l, call)
	}
	id, ok := arg.(*ast.Ident)
	if !ok {
		return ""
	}
	ev, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return ""
	}
	// Every assignment of ev, within its scope, must take from one end.
	scope := ev.Parent()
	file := report.FileOf(pass, ev.Pos())
	if scope == nil || file == nil {
		return ""
	}
	end := ""
	ok = true
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || !ok || n.End() < scope.Pos() || n.Pos() > scope.End() {
			return false
		}
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign {
			return true
		}
		for i, lhs := range as.Lhs {
			lid, isIdent := lhs.(*ast.Ident)
			if !isIdent || pass.TypesInfo.ObjectOf(lid) != ev {
				continue
			}
			call, isCall := ast.Unparen(as.Rhs[min(i, len(as.Rhs)-1)]).(*ast.CallExpr)
			got := ""
			if isCall && len(as.Rhs) == len(as.Lhs) {
				got = endOf(pass, l, call)
			}
			if got == "" || (end != "" && got != end) {
				ok = false
			}
			end = got
		}
		return ok
	})
	if !ok {
		return ""
	}
	return end
}

// endOf returns "front" for l.Front(), "back" for l.Back(), else "".
func endOf(pass *analysis.Pass, l *list, call *ast.CallExpr) string {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !refersTo(pass, sel.X, l.v) {
		return ""
	}
	switch sel.Sel.Name {
	case "Front":
		return "front"
	case "Back":
		return "back"
	}
	return ""
}

// refersTo reports whether e is v or x.v.
func refersTo(pass *analysis.Pass, e ast.Expr, v *types.Var) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return pass.TypesInfo.Uses[e] == v
	case *ast.SelectorExpr:
		return pass.TypesInfo.Uses[e.Sel] == v
	}
	return false
}

// handles follows the element handles each list hands out (Front,
// Back, PushBack, PushFront, InsertBefore, InsertAfter, and Next and Prev
// of those) through local variables, and marks a list unsafe when one
// of its handles is kept anywhere else: stored in a map, a field, a
// slice, passed to a function, returned. Each list is decided on its
// own: an LRU that keeps its handles in a map says nothing about a FIFO
// elsewhere in the package.
func handles(pass *analysis.Pass, in *inspectors.Set, lists map[*types.Var]*list) {
	info := pass.TypesInfo
	origins := make(map[*types.Var]map[*list]bool) // local element variables
	var originOf func(e ast.Expr) map[*list]bool
	originOf = func(e ast.Expr) map[*list]bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if len(origins) == 0 {
				return nil
			}
			if v, ok := info.Uses[e].(*types.Var); ok {
				return origins[v]
			}
		case *ast.CallExpr:
			sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			switch sel.Sel.Name {
			case "Next", "Prev":
				if isElement(info.TypeOf(sel.X)) {
					return originOf(sel.X)
				}
			case "Front", "Back", "PushBack", "PushFront", "InsertBefore", "InsertAfter":
				if l := listOf(pass, lists, sel.X); l != nil {
					return map[*list]bool{l: true}
				}
			}
		}
		return nil
	}
	// Local element variables: what each may hold, to a fixed point.
	assign := func(lhs []ast.Expr, rhs []ast.Expr) bool {
		changed := false
		if len(lhs) != len(rhs) {
			return false
		}
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			from := originOf(rhs[i]) // first: most right-hand sides have none
			if len(from) == 0 {
				continue
			}
			v, ok := info.ObjectOf(id).(*types.Var)
			if !ok || !isElement(v.Type()) || !isLocal(pass, v) {
				continue
			}
			for o := range from {
				if origins[v] == nil {
					origins[v] = make(map[*list]bool)
				}
				if !origins[v][o] {
					origins[v][o] = true
					changed = true
				}
			}
		}
		return changed
	}
	for changed := true; changed; {
		changed = false
		for cur := range in.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.AssignStmt:
				changed = assign(n.Lhs, n.Rhs) || changed
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				changed = assign(lhs, n.Values) || changed
			}
		}
	}
	// Every handle that leaves the local variables makes its lists
	// unsafe. Only a local element variable or a call that returns an
	// element of a known list has an origin.
	escape := func(cur inspector.Cursor) {
		e := cur.Node().(ast.Expr)
		if !isElement(info.TypeOf(e)) {
			return
		}
		from := originOf(e)
		if len(from) == 0 || elementUse(pass, cur) {
			return
		}
		for l := range from {
			l.unsafe = true
		}
	}
	hasOrigin := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		return ok && origins[v] != nil
	}
	if len(origins) > 0 {
		for cur := range report.Uses(info, in, hasOrigin) {
			escape(cur)
		}
	}
	for cur := range in.Preorder((*ast.CallExpr)(nil)) {
		sel, ok := ast.Unparen(cur.Node().(*ast.CallExpr).Fun).(*ast.SelectorExpr)
		if ok && elementMethods[sel.Sel.Name] {
			escape(cur)
		}
	}
}

// elementMethods are the methods of List and Element whose results
// originOf follows.
var elementMethods = map[string]bool{
	"Next": true, "Prev": true, "Front": true, "Back": true,
	"PushBack": true, "PushFront": true, "InsertBefore": true, "InsertAfter": true,
}

// listOf returns the list that e (a variable or a field) denotes.
func listOf(pass *analysis.Pass, lists map[*types.Var]*list, e ast.Expr) *list {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := pass.TypesInfo.Uses[e].(*types.Var); ok {
			return lists[v]
		}
	case *ast.SelectorExpr:
		if v, ok := pass.TypesInfo.Uses[e.Sel].(*types.Var); ok {
			return lists[v]
		}
	}
	return nil
}

// elementUse reports whether the use of a handle at cur keeps it local:
// e.Value, e.Next(), e.Prev() (whose results are followed on their own),
// a comparison, an assignment to local element variables, a discarded
// result, or an argument of a list method (that list's uses decide).
func elementUse(pass *analysis.Pass, cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	switch cur.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		switch cur.Parent().Node().(*ast.SelectorExpr).Sel.Name {
		case "Value", "Next", "Prev":
			return true
		}
	case edge.BinaryExpr_X, edge.BinaryExpr_Y, edge.ExprStmt_X:
		return true
	case edge.AssignStmt_Lhs, edge.ValueSpec_Names:
		return true
	case edge.AssignStmt_Rhs, edge.ValueSpec_Values:
		var lhs []ast.Expr
		switch p := cur.Parent().Node().(type) {
		case *ast.AssignStmt:
			lhs = p.Lhs
		case *ast.ValueSpec:
			for _, id := range p.Names {
				lhs = append(lhs, id)
			}
		}
		for _, l := range lhs {
			id := match.Ident(l)
			if id == nil {
				return false
			}
			if id.Name == "_" {
				continue
			}
			if v, ok := pass.TypesInfo.ObjectOf(id).(*types.Var); !ok || !isLocal(pass, v) {
				return false
			}
		}
		return true
	case edge.CallExpr_Args:
		call := cur.Parent().Node().(*ast.CallExpr)
		sel, ok := call.Fun.(*ast.SelectorExpr)
		return ok && isList(pass.TypesInfo.TypeOf(sel.X))
	}
	return false
}

func classify(l *list) (kind, advice string) {
	pushBack, pushFront := l.ops["PushBack"], l.ops["PushFront"]
	front, back := l.ends["front"], l.ends["back"]
	switch {
	case !front && !back:
		return "sequence", "use a slice"
	case front && back:
		return "deque", "use a slice-backed ring buffer"
	case (pushBack && front) || (pushFront && back):
		if pushBack && pushFront {
			return "deque", "use a slice-backed ring buffer"
		}
		return "queue", "use a slice-backed ring buffer"
	default:
		return "stack", "use a slice: append to push, s[len(s)-1] to pop"
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func isNamed(t types.Type, name string) bool { return match.Named(t, "container/list", name) }

// isList: list.List or *list.List.
func isList(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return isNamed(t, "List")
}

func isElement(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && isNamed(p.Elem(), "Element")
}
