package prealloc

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/passes/loops"
	"github.com/perflint/perflint/passes/report"
)

//go:embed doc.go
var doc string

// Analyzer reports slices and maps grown in a loop whose trip count is known.
var Analyzer = &analysis.Analyzer{
	Name:             "prealloc",
	Doc:              docs.Doc(doc, "prealloc"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/prealloc",
	Requires:         []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

var filter bool

func init() {
	Analyzer.Flags.BoolVar(&filter, "filter", false, "also report conditional appends (filtering), preallocating for the upper bound")
}

// minCount is the largest constant trip count not worth a report.
const minCount = 4

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	lr := pass.ResultOf[loops.Analyzer].(*loops.Result)
	for _, l := range lr.Loops {
		if l.Count == nil || l.EarlyExit || (l.Continues && !filter) {
			continue
		}
		for _, stmt := range growths(l.Body.List, filter) {
			check(pass, rep, l, stmt)
		}
	}
	return nil, nil
}

// growths returns the assignments run once per iteration of a loop with
// body list: the statements of the body, and with filter also those
// under if and switch (at most once per iteration), never those of an
// inner loop or a function literal.
func growths(list []ast.Stmt, filter bool) []*ast.AssignStmt {
	var out []*ast.AssignStmt
	for _, s := range list {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.ASSIGN && len(s.Lhs) == 1 && len(s.Rhs) == 1 {
				out = append(out, s)
			}
		case *ast.BlockStmt:
			out = append(out, growths(s.List, filter)...)
		case *ast.IfStmt:
			if filter {
				out = append(out, growths(s.Body.List, filter)...)
				if s.Else != nil {
					out = append(out, growths([]ast.Stmt{s.Else}, filter)...)
				}
			}
		case *ast.SwitchStmt, *ast.TypeSwitchStmt:
			if filter {
				var body *ast.BlockStmt
				if sw, ok := s.(*ast.SwitchStmt); ok {
					body = sw.Body
				} else {
					body = s.(*ast.TypeSwitchStmt).Body
				}
				for _, cc := range body.List {
					out = append(out, growths(cc.(*ast.CaseClause).Body, filter)...)
				}
			}
		}
	}
	return out
}

// growth is one variable grown in a chain of loops.
type growth struct {
	v      *types.Var
	stmt   *ast.AssignStmt
	isMap  bool
	outer  *loops.Loop // the outermost loop of the chain
	counts []*loops.Count
	decl   ast.Stmt // the statement declaring v, just before outer's block
	init   ast.Expr // v's initial value, nil for var v []T
	kind   initKind
}

type initKind int

const (
	notEmpty  initKind = iota
	nilSlice           // var s []T, s := []T(nil)
	emptyLit           // s := []T{}, m := map[K]V{}
	emptyMake          // s := make([]T, 0), m := make(map[K]V)
)

func check(pass *analysis.Pass, rep *report.Reporter, l *loops.Loop, as *ast.AssignStmt) {
	g := &growth{stmt: as}
	var per *loops.Count // elements added per iteration, nil for one
	switch lhs := ast.Unparen(as.Lhs[0]).(type) {
	case *ast.Ident: // s = append(s, ...)
		v, ok := pass.TypesInfo.Uses[lhs].(*types.Var)
		if !ok {
			return
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok || !code.IsCallTo(pass, call, "append") || len(call.Args) < 2 || pass.TypesInfo.Uses[match.Ident(call.Args[0])] != v {
			return
		}
		g.v = v
		if call.Ellipsis.IsValid() {
			if per = spreadCount(pass, l, call.Args[1]); per == nil {
				return
			}
		} else if n := len(call.Args) - 1; n > 1 {
			per = &loops.Count{Expr: fmt.Sprint(n), Const: int64(n), IsConst: true, NonNeg: true, Type: types.Typ[types.Int]}
		}
	case *ast.IndexExpr: // m[k] = v
		id, ok := ast.Unparen(lhs.X).(*ast.Ident)
		if !ok {
			return
		}
		v, ok := pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return
		}
		if _, isMap := v.Type().Underlying().(*types.Map); !isMap || !distinctKey(pass, l, lhs.Index) {
			return
		}
		g.v, g.isMap = v, true
	default:
		return
	}
	if g.v.Parent() == nil || g.v.Parent() == pass.Pkg.Scope() || g.v.Pos() >= l.Stmt.Pos() {
		return // a field, a package variable, or declared in the loop
	}
	// Walk out through enclosing loops with known counts until the block
	// that declares v. A map hint multiplies only for its own loop: an
	// outer loop repeats the inner loop's keys.
	g.outer = l
	g.counts = []*loops.Count{l.Count}
	for {
		if g.decl = declBefore(g.outer, g.v); g.decl != nil {
			break
		}
		p := g.outer.Parent
		if g.isMap || p == nil || p.Count == nil || p.EarlyExit || (p.Continues && !filter) || !directChild(p, g.outer) || g.v.Pos() >= p.Stmt.Pos() {
			return
		}
		g.outer = p
		g.counts = append([]*loops.Count{p.Count}, g.counts...)
	}
	iterations, _ := product(g.counts, false)
	if per != nil {
		g.counts = append(g.counts, per)
	}
	if g.init, g.kind = initOf(pass, g.decl, g.v); g.kind == notEmpty {
		return
	}
	if writes(pass, g.outer.Stmt, g.v, as) { // written other than by the growth
		return
	}
	if _, konst := product(g.counts, false); konst >= 0 && konst <= minCount {
		return
	}
	report1(pass, rep, g, iterations)
}

// report1 builds the message and, where it is safe, the fix.
func report1(pass *analysis.Pass, rep *report.Reporter, g *growth, iterations string) {
	safe, _ := product(g.counts, true)
	qual := types.RelativeTo(pass.Pkg)
	typ := types.TypeString(g.v.Type(), qual)
	name := g.v.Name()
	atDecl := g.kind != nilSlice && availableAt(pass, g)
	var msg, how string
	if g.isMap {
		how = fmt.Sprintf("make(%s, %s)", typ, safe)
		msg = fmt.Sprintf("map %s is filled in a loop of %s iterations; give it a size hint with %s", name, iterations, how)
	} else if atDecl {
		how = fmt.Sprintf("make(%s, 0, %s)", typ, safe)
		msg = fmt.Sprintf("slice %s grows by append in a loop of %s iterations; preallocate with %s", name, iterations, how)
	} else {
		msg = fmt.Sprintf("slice %s grows by append in a loop of %s iterations; preallocate with %s = slices.Grow(%s, %s) before the loop", name, iterations, name, name, safe)
	}
	d := analysis.Diagnostic{Pos: g.stmt.Pos(), End: g.stmt.End(), Message: msg}
	if fix := g.fix(pass, typ, safe, atDecl); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	rep.Report(d)
}

func (g *growth) fix(pass *analysis.Pass, typ, safe string, atDecl bool) *analysis.SuggestedFix {
	file := report.FileOf(pass, g.stmt.Pos())
	if file == nil || !intCounts(g.counts) {
		return nil
	}
	needMax := strings.Contains(safe, "max(")
	if needMax && !report.GoVersionAtLeast(pass, file, "go1.21") {
		return nil
	}
	if atDecl {
		typeText := typ
		switch e := g.init.(type) {
		case *ast.CompositeLit:
			typeText = types.ExprString(e.Type)
		case *ast.CallExpr:
			typeText = types.ExprString(e.Args[0])
		}
		text := fmt.Sprintf("make(%s, 0, %s)", typeText, safe)
		if g.isMap {
			text = fmt.Sprintf("make(%s, %s)", typeText, safe)
		}
		return &analysis.SuggestedFix{
			Message:   "Preallocate " + g.v.Name(),
			TextEdits: []analysis.TextEdit{{Pos: g.init.Pos(), End: g.init.End(), NewText: []byte(text)}},
		}
	}
	if g.isMap || !report.GoVersionAtLeast(pass, file, "go1.21") {
		return nil
	}
	at := g.outer.Start()
	pkg, edits, ok := report.Import(pass.TypesInfo, file, "slices", at)
	if !ok {
		return nil
	}
	line := fmt.Sprintf("%s = %s.Grow(%s, %s)\n%s", g.v.Name(), pkg, g.v.Name(), safe, report.Indent(pass.Fset, at))
	return &analysis.SuggestedFix{
		Message:   "Preallocate " + g.v.Name() + " before the loop",
		TextEdits: append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(line)}),
	}
}

// product multiplies counts into one expression. With safe, a count that
// may be negative (a loop that then runs zero times) is written
// max(0, n), since make and slices.Grow panic on a negative size. konst
// is the product when every count is constant, else -1.
func product(counts []*loops.Count, safe bool) (expr string, konst int64) {
	parts := make([]string, 0, len(counts))
	konst = 1
	for _, c := range counts {
		e := c.Expr
		switch {
		case safe && !c.NonNeg:
			e = "max(0, " + e + ")"
		case len(counts) > 1 && strings.ContainsAny(e, "+-"):
			e = "(" + e + ")"
		}
		parts = append(parts, e)
		if konst >= 0 && c.IsConst {
			konst *= c.Const
		} else {
			konst = -1
		}
	}
	if konst >= 0 {
		return fmt.Sprint(konst), konst
	}
	return strings.Join(parts, "*"), -1
}

// intCounts reports whether every count has type int, so that their
// product can be a size or a slices.Grow argument without conversions.
func intCounts(counts []*loops.Count) bool {
	for _, c := range counts {
		if c.IsConst {
			continue
		}
		if b, ok := c.Type.Underlying().(*types.Basic); !ok || (b.Kind() != types.Int && b.Kind() != types.UntypedInt) {
			return false
		}
	}
	return true
}

// availableAt reports whether the count can be computed at v's
// declaration: every variable it reads is declared before the
// declaration and not written between it and the loop.
func availableAt(pass *analysis.Pass, g *growth) bool {
	between := stmtsBetween(g.outer.Cursor, g.decl)
	for _, c := range g.counts {
		for _, u := range c.Uses {
			if u.Pos() >= g.decl.Pos() && u.Parent() != pass.Pkg.Scope() {
				return false
			}
			for _, s := range between {
				if writes(pass, s, u, nil) {
					return false
				}
			}
		}
	}
	return true
}

// declBefore returns the statement that declares v if it stands before l
// in l's own block, nothing between them mentioning v.
func declBefore(l *loops.Loop, v *types.Var) ast.Stmt {
	cur := l.Cursor
	if _, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		cur = cur.Parent()
	}
	for prev, ok := cur.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
		s, isStmt := prev.Node().(ast.Stmt)
		if !isStmt {
			return nil
		}
		if s.Pos() <= v.Pos() && v.Pos() < s.End() {
			return s
		}
		if mentions(s, v) {
			return nil
		}
	}
	return nil
}

func stmtsBetween(loop inspector.Cursor, decl ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	if _, ok := loop.Parent().Node().(*ast.LabeledStmt); ok {
		loop = loop.Parent()
	}
	for prev, ok := loop.PrevSibling(); ok && prev.Node() != decl; prev, ok = prev.PrevSibling() {
		if s, ok := prev.Node().(ast.Stmt); ok {
			out = append(out, s)
		}
	}
	return out
}

// initOf classifies v's initial value in its declaration.
func initOf(pass *analysis.Pass, decl ast.Stmt, v *types.Var) (ast.Expr, initKind) {
	var value ast.Expr
	switch d := decl.(type) {
	case *ast.DeclStmt:
		gd := d.Decl.(*ast.GenDecl)
		if gd.Tok != token.VAR || len(gd.Specs) != 1 {
			return nil, notEmpty
		}
		vs := gd.Specs[0].(*ast.ValueSpec)
		if len(vs.Names) != 1 {
			return nil, notEmpty
		}
		if len(vs.Values) == 0 {
			if _, ok := v.Type().Underlying().(*types.Slice); ok {
				return nil, nilSlice
			}
			return nil, notEmpty // a nil map cannot be filled
		}
		value = vs.Values[0]
	case *ast.AssignStmt:
		if d.Tok != token.DEFINE || len(d.Lhs) != 1 || len(d.Rhs) != 1 {
			return nil, notEmpty
		}
		value = d.Rhs[0]
	default:
		return nil, notEmpty
	}
	switch e := ast.Unparen(value).(type) {
	case *ast.CompositeLit:
		if len(e.Elts) == 0 && e.Type != nil {
			return e, emptyLit
		}
	case *ast.CallExpr:
		if code.IsCallTo(pass, e, "make") {
			_, isMap := v.Type().Underlying().(*types.Map)
			if isMap && len(e.Args) == 1 {
				return e, emptyMake
			}
			if !isMap && len(e.Args) == 2 && isZero(pass, e.Args[1]) {
				return e, emptyMake
			}
			return nil, notEmpty
		}
		// []T(nil)
		if tv, ok := pass.TypesInfo.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 && pass.TypesInfo.Types[e.Args[0]].IsNil() {
			return e, nilSlice
		}
	}
	return nil, notEmpty
}

// spreadCount is the count of append(s, es...) when es is the same
// before every iteration: a variable the loop does not declare or write.
func spreadCount(pass *analysis.Pass, l *loops.Loop, es ast.Expr) *loops.Count {
	id := match.Ident(es)
	if id == nil {
		return nil
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || (v.Pos() >= l.Stmt.Pos() && v.Pos() < l.Stmt.End()) || writes(pass, l.Body, v, nil) {
		return nil
	}
	if _, ok := v.Type().Underlying().(*types.Slice); !ok {
		return nil
	}
	return &loops.Count{Expr: "len(" + id.Name + ")", NonNeg: true, Type: types.Typ[types.Int], Uses: []*types.Var{v}}
}

// distinctKey reports whether key differs in every iteration of l: the
// range key, the range value, or a for loop's counter.
func distinctKey(pass *analysis.Pass, l *loops.Loop, key ast.Expr) bool {
	id := match.Ident(key)
	if id == nil {
		return false
	}
	obj := pass.TypesInfo.Uses[id]
	switch s := l.Stmt.(type) {
	case *ast.RangeStmt:
		if s.Tok != token.DEFINE {
			return false
		}
		if s.Key != nil && pass.TypesInfo.Defs[match.Ident(s.Key)] == obj {
			return true
		}
		// The values of a map repeat (m2[v] = k inverts it); those of a
		// slice are taken as distinct, as a set built from a list.
		_, overMap := pass.TypesInfo.TypeOf(s.X).Underlying().(*types.Map)
		return !overMap && s.Value != nil && pass.TypesInfo.Defs[match.Ident(s.Value)] == obj
	case *ast.ForStmt:
		init := s.Init.(*ast.AssignStmt) // a counted for loop has one
		return pass.TypesInfo.Defs[match.Ident(init.Lhs[0])] == obj
	}
	return false
}

// writes reports whether n assigns v (not counting skip) or takes its
// address.
func writes(pass *analysis.Pass, n ast.Node, v *types.Var, skip ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found || (skip != nil && n == skip) {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id := match.Ident(l); id != nil && pass.TypesInfo.ObjectOf(id) == v {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if id := match.Ident(n.X); n.Op == token.AND && id != nil && pass.TypesInfo.Uses[id] == v {
				found = true
			}
		case *ast.IncDecStmt:
			if id := match.Ident(n.X); id != nil && pass.TypesInfo.Uses[id] == v {
				found = true
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id := match.Ident(e); id != nil && pass.TypesInfo.Uses[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func mentions(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Pos() != v.Pos() && id.Name == v.Name() {
			found = true // by name: a shadowing declaration also blocks the fix
		}
		return !found
	})
	return found
}

func directChild(p, l *loops.Loop) bool {
	for _, s := range p.Body.List {
		if s == l.Stmt {
			return true
		}
		if ls, ok := s.(*ast.LabeledStmt); ok && ls.Stmt == l.Stmt {
			return true
		}
	}
	return false
}

func isZero(pass *analysis.Pass, e ast.Expr) bool {
	tv := pass.TypesInfo.Types[e]
	return tv.Value != nil && tv.Value.String() == "0"
}
