package prealloc

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/passes/inspectors"
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
	Requires:         []*analysis.Analyzer{inspectors.Analyzer, loops.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

func init() {
	Analyzer.Flags.Bool("filter", false, "also report conditional appends (filtering), preallocating for the upper bound")
}

// minCount is the largest constant trip count not worth a report.
const minCount = 4

type checker struct {
	pass *analysis.Pass
	lr   *loops.Result
	rep  *report.Reporter
	done map[*types.Var]bool // one finding per variable

	filter bool // the filter option
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	c := &checker{pass: pass, lr: pass.ResultOf[loops.Analyzer].(*loops.Result), rep: rep, done: make(map[*types.Var]bool),
		filter: report.Option[bool](pass, "filter")}
	for _, l := range c.lr.Loops {
		if !c.countable(l) {
			continue
		}
		for _, stmt := range growths(l.Body.List, c.filter) {
			c.check(l, stmt)
		}
	}
	return nil, nil
}

// errorReturn reports whether r, in the function around the loop at
// cur, returns a non-nil error as its last result.
func errorReturn(pass *analysis.Pass, cur inspector.Cursor, r *ast.ReturnStmt) bool {
	if len(r.Results) == 0 {
		return false
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch fn := fn.Node().(type) {
		case *ast.FuncDecl:
			ft = fn.Type
		case *ast.FuncLit:
			ft = fn.Type
		}
		if ft.Results == nil || len(ft.Results.List) == 0 {
			return false
		}
		results := ft.Results.List
		if !match.Error(pass.TypesInfo.TypeOf(results[len(results)-1].Type)) {
			return false
		}
		last := r.Results[len(r.Results)-1]
		if len(r.Results) == 1 {
			if _, isCall := last.(*ast.CallExpr); isCall && ft.Results.NumFields() > 1 {
				return false // return f(): the call decides
			}
		}
		tv := pass.TypesInfo.Types[last]
		return !tv.IsNil()
	}
	return false
}

// countable reports whether every iteration of l that ends normally
// runs its whole body: a known count, no break or goto out of it, and
// (without -filter) no continue. Returns and panics leave the function:
// the slice is then dropped unless a return statement names it, which
// check rules out.
func (c *checker) countable(l *loops.Loop) bool {
	return l.Count != nil && !l.Leaves && (!l.Continues || c.filter)
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

// term is one loop nest that grows v: its outermost loop and the counts
// of the nest, outermost first; per, when not nil, is the number of
// elements one iteration adds (append(s, a, b) adds 2).
type term struct {
	outer  *loops.Loop
	stmt   *ast.AssignStmt
	counts []*loops.Count
	per    *loops.Count
}

func (t *term) all() []*loops.Count {
	if t.per == nil {
		return t.counts
	}
	return append(append([]*loops.Count(nil), t.counts...), t.per)
}

// growth is one variable grown in loops.
type growth struct {
	v      *types.Var
	isMap  bool
	terms  []*term // the first is the loop reported; later loops in a row add to it
	extra  int64   // elements appended one by one after the loops
	decl   ast.Stmt
	block  []ast.Stmt // the statements of the block that declares v
	anchor ast.Stmt   // the statement of block that holds the first loop
	init   *initial
}

// initial is v's initial value.
type initial struct {
	kind  initKind
	value ast.Expr // nil for var s []T
	typ   ast.Expr // the type as written: the literal's, make's, the var's
	elts  []ast.Expr
	k     ast.Expr // make([]T, k): its length, a constant
}

type initKind int

const (
	notEmpty  initKind = iota
	nilSlice           // var s []T, s := []T(nil)
	emptyLit           // s := []T{}, m := map[K]V{}
	emptyMake          // s := make([]T, 0), m := make(map[K]V)
	someLit            // s := []T{x, y}
	someMake           // s := make([]T, k), k constant
)

func (c *checker) check(l *loops.Loop, as *ast.AssignStmt) {
	pass := c.pass
	g := &growth{}
	t := &term{stmt: as, outer: l, counts: []*loops.Count{l.Count}}
	v, isMap, per, ok := c.growthOf(l, as)
	if !ok || c.done[v] {
		return
	}
	g.v, g.isMap, t.per = v, isMap, per
	if v.Parent() == nil || v.Parent() == pass.Pkg.Scope() || v.Pos() >= l.Stmt.Pos() {
		return // a field, a package variable, or declared in the loop
	}
	// Walk out through enclosing loops with known counts until the block
	// that declares v. A map hint multiplies only for its own loop: an
	// outer loop repeats the inner loop's keys.
	for {
		if c.findDecl(g, t.outer) {
			break
		}
		p := t.outer.Parent
		if g.isMap || p == nil || !c.countable(p) || !directChild(p, t.outer) || v.Pos() >= p.Stmt.Pos() {
			return
		}
		// The inner counts must be the same in every iteration of p:
		// nothing they read is declared in p or changed by its body, and
		// evaluating them before p cannot panic where p runs zero times.
		for _, cnt := range t.all() {
			if cnt.MayPanic {
				return
			}
			for _, u := range cnt.Uses {
				if p.Stmt.Pos() <= u.Pos() && u.Pos() < p.Stmt.End() {
					return
				}
			}
			if loops.Assigns(pass, p.Body, cnt.Uses) {
				return
			}
		}
		t.outer = p
		t.counts = append([]*loops.Count{p.Count}, t.counts...)
	}
	// Every loop of the nest: a return that names v would return it
	// early, with spare capacity; an error return or a panic drops it on
	// a path that is rarely taken. Any other return leaves the loop on
	// the normal path (the first reader that answers, say): the count is
	// then only a bound, and sizing for it allocates where the loop
	// appended nothing.
	for x := l; ; x = x.Parent {
		for _, r := range x.Returns {
			if mentions(pass, r, v) || !errorReturn(pass, l.Cursor, r) {
				return
			}
		}
		if x == t.outer {
			break
		}
	}
	if g.init = initOf(pass, c.lr, g.decl, v); g.init.kind == notEmpty {
		return
	}
	if writes(pass, t.outer.Stmt, v, as) { // written other than by the growth
		return
	}
	g.terms = []*term{t}
	if !c.onlyReadBetween(g) {
		return
	}
	if !c.tail(g) {
		return
	}
	for _, t := range g.terms {
		for _, cnt := range t.all() {
			for _, f := range cnt.Fields {
				if f.Pkg() != nil && f.Pkg().Path() == "testing" && f.Name() == "N" {
					return // a benchmark's b.N repeats the work it measures
				}
			}
		}
	}
	if trips := g.constTrips(); trips >= 0 && trips <= minCount {
		return // a few iterations, whatever each adds
	}
	c.done[v] = true
	c.report(g)
}

// growthOf recognizes s = append(s, ...) and m[k] = v, returning the
// variable grown and the number of elements an iteration adds (nil for
// one).
func (c *checker) growthOf(l *loops.Loop, as *ast.AssignStmt) (v *types.Var, isMap bool, per *loops.Count, ok bool) {
	pass := c.pass
	switch lhs := ast.Unparen(as.Lhs[0]).(type) {
	case *ast.Ident: // s = append(s, ...)
		v, ok := pass.TypesInfo.Uses[lhs].(*types.Var)
		if !ok {
			return nil, false, nil, false
		}
		n, per, ok := appendCount(pass, v, as.Rhs[0], l)
		if !ok {
			return nil, false, nil, false
		}
		if per == nil && n > 1 {
			per = &loops.Count{Expr: fmt.Sprint(n), Const: n, IsConst: true, NonNeg: true, Type: types.Typ[types.Int]}
		}
		return v, false, per, true
	case *ast.IndexExpr: // m[k] = v
		id, ok := ast.Unparen(lhs.X).(*ast.Ident)
		if !ok {
			return nil, false, nil, false
		}
		v, ok := pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return nil, false, nil, false
		}
		if _, isMap := v.Type().Underlying().(*types.Map); !isMap || !distinctKey(pass, l, lhs.Index) {
			return nil, false, nil, false
		}
		if groups(pass, l, v, as.Rhs[0]) {
			return nil, false, nil, false
		}
		return v, true, nil, true
	}
	return nil, false, nil, false
}

// appendCount recognizes append(v, ...) as e: it adds n elements, or
// per when it appends a slice of a known length (nil when in is nil).
func appendCount(pass *analysis.Pass, v *types.Var, e ast.Expr, in *loops.Loop) (n int64, per *loops.Count, ok bool) {
	call, isCall := ast.Unparen(e).(*ast.CallExpr)
	if !isCall || !code.IsCallTo(pass, call, "append") || len(call.Args) < 2 || pass.TypesInfo.Uses[match.Ident(call.Args[0])] != v {
		return 0, nil, false
	}
	if call.Ellipsis.IsValid() {
		if in == nil {
			return 0, nil, false
		}
		per = spreadCount(pass, in, call.Args[1])
		return 0, per, per != nil
	}
	return int64(len(call.Args) - 1), nil, true
}

// findDecl finds v's declaration in the block around l, or around the
// if statements and blocks that hold l, and records it in g.
func (c *checker) findDecl(g *growth, l *loops.Loop) bool {
	cur := l.Cursor
	if _, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		cur = cur.Parent()
	}
	for {
		for prev, ok := cur.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
			s, isStmt := prev.Node().(ast.Stmt)
			if !isStmt {
				return false
			}
			if s.Pos() <= g.v.Pos() && g.v.Pos() < s.End() {
				block, ok := cur.Parent().Node().(*ast.BlockStmt)
				if !ok {
					return false
				}
				g.decl, g.block, g.anchor = s, block.List, cur.Node().(ast.Stmt)
				return true
			}
		}
		// Out through a block or an if (its body or else), never out of
		// a loop (the caller walks those) or a function.
		p := cur.Parent()
		switch p.Node().(type) {
		case *ast.BlockStmt:
		default:
			return false
		}
		pp := p.Parent()
		switch n := pp.Node().(type) {
		case *ast.BlockStmt:
			cur = p // a plain block
		case *ast.IfStmt:
			cur = pp
			for {
				// else if: climb to the outermost if of the chain.
				if outer, ok := cur.Parent().Node().(*ast.IfStmt); ok && outer.Else == cur.Node() {
					cur = cur.Parent()
					continue
				}
				break
			}
			_ = n
		default:
			return false
		}
		if _, ok := cur.Parent().Node().(*ast.BlockStmt); !ok {
			return false
		}
	}
}

// between returns the statements of g's block after the declaration and
// before s, a statement of the block.
func (g *growth) between(s ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	in := false
	for _, x := range g.block {
		if x == s {
			break
		}
		if in {
			out = append(out, x)
		}
		if x == g.decl {
			in = true
		}
	}
	return out
}

// onlyReadBetween reports whether the statements between the declaration
// and the first loop leave v as it was: they may read it in a function
// literal (a deferred closure) or take its len, nothing else.
func (c *checker) onlyReadBetween(g *growth) bool {
	var nodes []ast.Node
	for _, s := range g.between(g.anchor) {
		nodes = append(nodes, s)
	}
	if g.anchor != loopStmt(g.terms[0].outer) {
		// The parts of the if statements and blocks around the loop that
		// run before it.
		nodes = append(nodes, c.pathBefore(g)...)
	}
	for _, n := range nodes {
		if !readsOnly(c.pass, n, g.v, g.isMap) {
			return false
		}
	}
	return true
}

func loopStmt(l *loops.Loop) ast.Stmt {
	if ls, ok := l.Cursor.Parent().Node().(*ast.LabeledStmt); ok {
		return ls
	}
	return l.Stmt
}

// pathBefore returns what runs between the anchor's start and the first
// loop: if initializers and conditions, earlier statements of the blocks.
func (c *checker) pathBefore(g *growth) []ast.Node {
	var out []ast.Node
	target := loopStmt(g.terms[0].outer)
	var walk func(n ast.Node) bool // reports whether n holds target
	walk = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			if n.Init != nil {
				out = append(out, n.Init)
			}
			out = append(out, n.Cond)
			if n.Body.Pos() <= target.Pos() && target.End() <= n.Body.End() {
				return walk(n.Body)
			}
			if n.Else != nil {
				return walk(n.Else)
			}
		case *ast.BlockStmt:
			for _, s := range n.List {
				if s == target {
					return true
				}
				if s.Pos() <= target.Pos() && target.End() <= s.End() {
					return walk(s)
				}
				out = append(out, s)
			}
		}
		return false
	}
	walk(g.anchor)
	return out
}

// readsOnly reports whether n leaves v as it is: every use of v is an
// argument of len or lies in a function literal that does not write it.
// For a map (whose fix may make it again before the loop), no use at all.
func readsOnly(pass *analysis.Pass, n ast.Node, v *types.Var, isMap bool) bool {
	ok := true
	ast.Inspect(n, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if isMap {
				ok = !mentions(pass, n, v)
			} else {
				ok = !writes(pass, n, v, nil)
			}
			return false
		case *ast.CallExpr:
			if code.IsCallTo(pass, n, "len") && len(n.Args) == 1 && pass.TypesInfo.Uses[match.Ident(n.Args[0])] == v {
				return false
			}
		case *ast.ReturnStmt:
			// return s before the loop: the function ends there.
			for _, r := range n.Results {
				if pass.TypesInfo.Uses[match.Ident(r)] != v && !readsOnly(pass, r, v, isMap) {
					ok = false
				}
			}
			return false
		case *ast.Ident:
			if pass.TypesInfo.Uses[n] == v {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// tail checks what follows the first loop in the declaring block: loops
// in a row that grow v too add their counts, appends of single elements
// add to extra; any other growth of v makes the final size unknown.
func (c *checker) tail(g *growth) bool {
	pass := c.pass
	first := g.terms[0]
	after := false
	// What follows the first loop inside the if statements around it.
	if g.anchor != loopStmt(first.outer) {
		start := loopStmt(first.outer).End()
		bad := false
		ast.Inspect(g.anchor, func(n ast.Node) bool {
			if bad || n == nil {
				return false
			}
			if n.Pos() >= start {
				if ok, k := c.plainAppend(n, g.v); ok {
					g.extra += k
					return false
				}
				bad = grows(pass, n, g.v)
				return false
			}
			return true
		})
		if bad {
			return false
		}
	}
	for _, s := range g.block {
		if s == g.anchor {
			after = true
			continue
		}
		if !after {
			continue
		}
		if ok, k := c.plainAppend(s, g.v); ok {
			g.extra += k
			continue
		}
		if !grows(pass, s, g.v) {
			continue
		}
		if t := c.rowTerm(g, s); t != nil {
			g.terms = append(g.terms, t)
			continue
		}
		// Appends of single elements under an if or a switch: at most k.
		if ok, k := c.plainAppends(s, g.v); ok {
			g.extra += k
			continue
		}
		return false
	}
	return true
}

// plainAppend recognizes the statement v = append(v, a, b, ...), or
// m[k] = x for a map.
func (c *checker) plainAppend(n ast.Node, v *types.Var) (bool, int64) {
	as, ok := n.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false, 0
	}
	if ix, ok := ast.Unparen(as.Lhs[0]).(*ast.IndexExpr); ok && c.pass.TypesInfo.Uses[match.Ident(ix.X)] == v {
		_, isMap := v.Type().Underlying().(*types.Map)
		return isMap && !mentions(c.pass, as.Rhs[0], v), 1
	}
	if c.pass.TypesInfo.Uses[match.Ident(as.Lhs[0])] != v {
		return false, 0
	}
	k, _, ok := appendCount(c.pass, v, as.Rhs[0], nil)
	return ok, k
}

// plainAppends recognizes a statement whose every growth of v is a plain
// append outside any loop or function literal, returning their sum.
func (c *checker) plainAppends(s ast.Stmt, v *types.Var) (bool, int64) {
	ok, sum := true, int64(0)
	ast.Inspect(s, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			ok = !grows(c.pass, n, v)
			return false
		case *ast.AssignStmt:
			if yes, k := c.plainAppend(n, v); yes {
				sum += k
				return false
			}
			ok = !grows(c.pass, n, v)
			return false
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.pass.TypesInfo.Uses[match.Ident(n.X)] == v {
				ok = false
			}
		}
		return ok
	})
	return ok, sum
}

// rowTerm recognizes a loop s after the first that grows v once per
// iteration and nothing else, with a count known where the first loop's
// size is computed.
func (c *checker) rowTerm(g *growth, s ast.Stmt) *term {
	loopS := s
	if ls, ok := s.(*ast.LabeledStmt); ok {
		loopS = ls.Stmt
	}
	l := c.lr.Of(loopS)
	if l == nil || !c.countable(l) || l.Panics || len(l.Returns) > 0 {
		return nil
	}
	for _, as := range growths(l.Body.List, c.filter) {
		v, isMap, per, ok := c.growthOf(l, as)
		if !ok || v != g.v || isMap != g.isMap || writes(c.pass, l.Stmt, v, as) {
			continue
		}
		return &term{outer: l, stmt: as, counts: []*loops.Count{l.Count}, per: per}
	}
	return nil
}

// grows reports whether n may add to v: an assignment to v, &v, or for
// a map an assignment to one of its keys.
func grows(pass *analysis.Pass, n ast.Node, v *types.Var) bool {
	if writes(pass, n, v, nil) {
		return true
	}
	if _, isMap := v.Type().Underlying().(*types.Map); !isMap {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && !found {
			for _, l := range as.Lhs {
				if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok && pass.TypesInfo.Uses[match.Ident(ix.X)] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// initOf classifies v's initial value in its declaration.
func initOf(pass *analysis.Pass, lr *loops.Result, decl ast.Stmt, v *types.Var) *initial {
	none := &initial{kind: notEmpty}
	var value, typ ast.Expr
	switch d := decl.(type) {
	case *ast.DeclStmt:
		gd := d.Decl.(*ast.GenDecl)
		if gd.Tok != token.VAR {
			return none
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if pass.TypesInfo.Defs[name] != v {
					continue
				}
				typ = vs.Type
				if len(vs.Values) == 0 {
					if _, ok := v.Type().Underlying().(*types.Slice); ok && typ != nil {
						return &initial{kind: nilSlice, typ: typ}
					}
					return none // a nil map cannot be filled
				}
				if len(vs.Values) != len(vs.Names) {
					return none
				}
				value = vs.Values[i]
			}
		}
	case *ast.AssignStmt:
		if d.Tok != token.DEFINE || len(d.Lhs) != len(d.Rhs) {
			return none
		}
		for i, lhs := range d.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && pass.TypesInfo.Defs[id] == v {
				value = d.Rhs[i]
			}
		}
	}
	if value == nil {
		return none
	}
	_, isMap := v.Type().Underlying().(*types.Map)
	switch e := ast.Unparen(value).(type) {
	case *ast.CompositeLit:
		if e.Type == nil {
			return none
		}
		if len(e.Elts) == 0 {
			return &initial{kind: emptyLit, value: e, typ: e.Type}
		}
		if isMap {
			return none
		}
		for _, elt := range e.Elts {
			if _, keyed := elt.(*ast.KeyValueExpr); keyed {
				return none
			}
		}
		return &initial{kind: someLit, value: e, typ: e.Type, elts: e.Elts}
	case *ast.CallExpr:
		if code.IsCallTo(pass, e, "make") {
			if isMap && len(e.Args) == 1 {
				return &initial{kind: emptyMake, value: e, typ: e.Args[0]}
			}
			if !isMap && len(e.Args) == 2 {
				if isZero(pass, e.Args[1]) {
					return &initial{kind: emptyMake, value: e, typ: e.Args[0]}
				}
				if tv := pass.TypesInfo.Types[e.Args[1]]; tv.Value != nil {
					return &initial{kind: someMake, value: e, typ: e.Args[0], k: e.Args[1]}
				}
			}
			return none
		}
		// []T(nil)
		if tv, ok := pass.TypesInfo.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 && pass.TypesInfo.Types[e.Args[0]].IsNil() {
			return &initial{kind: nilSlice, value: e, typ: e.Fun}
		}
	}
	return none
}

// spreadCount is the count of append(s, es...) when es is the same
// before every iteration: a variable the loop does not declare or write.
func spreadCount(pass *analysis.Pass, l *loops.Loop, es ast.Expr) *loops.Count {
	id := match.Ident(es)
	if id == nil {
		return nil
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || (v.Pos() >= l.Stmt.Pos() && v.Pos() < l.Stmt.End()) || loops.Assigns(pass, l.Body, []*types.Var{v}) {
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

// writes reports whether n assigns v (not counting skip), takes its
// address, or calls a pointer method on it.
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
		case *ast.SelectorExpr:
			if id := match.Ident(n.X); id != nil && pass.TypesInfo.Uses[id] == v {
				if sel, ok := pass.TypesInfo.Selections[n]; ok && sel.Kind() == types.MethodVal {
					if sig, ok := sel.Obj().Type().(*types.Signature); ok && sig.Recv() != nil {
						if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
							found = true // v.M() with a pointer receiver takes &v
						}
					}
				}
			}
		}
		return !found
	})
	return found
}

// mentions reports whether n uses v.
func mentions(pass *analysis.Pass, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == v {
			found = true
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

// constTotal is the number of elements added when every count is a
// constant, else -1.
func (g *growth) constTotal() int64 {
	total := g.extra
	for _, t := range g.terms {
		p := int64(1)
		for _, c := range t.all() {
			if !c.IsConst {
				return -1
			}
			p *= max(0, c.Const)
		}
		total += p
	}
	return total
}

// groups reports whether the value stored in map v derives from what v
// already holds (m[k] = append(m[k], x), or through a variable the body
// sets from v): the code expects keys to repeat, so the count is only a
// bound.
func groups(pass *analysis.Pass, l *loops.Loop, v *types.Var, value ast.Expr) bool {
	derived := map[types.Object]bool{v: true}
	ast.Inspect(l.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, lhs := range as.Lhs {
			if id := match.Ident(lhs); id != nil && mentions(pass, as.Rhs[i], v) {
				if obj := pass.TypesInfo.ObjectOf(id); obj != nil {
					derived[obj] = true
				}
			}
		}
		return true
	})
	found := false
	ast.Inspect(value, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && derived[pass.TypesInfo.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// constTrips is the number of iterations of the loops when every count
// is a constant, else -1.
func (g *growth) constTrips() int64 {
	total := int64(0)
	for _, t := range g.terms {
		p := int64(1)
		for _, c := range t.counts {
			if !c.IsConst {
				return -1
			}
			p *= max(0, c.Const)
		}
		total += p
	}
	return total
}
