package prealloc

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/passes/loops"
	"github.com/perflint/perflint/passes/report"
)

// report builds the message and, where it is safe, the fix. The size is
// written at the declaration when it can be computed there (make with a
// capacity or a size hint), else right before the first loop
// (slices.Grow, or make under go1.21 where that keeps behaviour). With
// none of these the finding is dropped.
func (c *checker) report(g *growth) {
	pass := c.pass
	file := report.FileOf(pass, g.terms[0].stmt.Pos())
	if file == nil {
		return
	}
	go121 := report.GoVersionAtLeast(pass, file, "go1.21")
	at := g.terms[0].outer.Start()
	// Later loops' counts are computed before the first one.
	for _, t := range g.terms[1:] {
		if !c.available(g, t, g.block, g.anchor, at) {
			return
		}
	}
	iterations := g.iterations()
	where := "a loop of " + iterations + " iterations"
	if len(g.terms) > 1 {
		where = fmt.Sprintf("%d loops of %s iterations", len(g.terms), iterations)
	}
	name := g.v.Name()
	src := c.lr.Source
	d := analysis.Diagnostic{Pos: g.terms[0].stmt.Pos(), End: g.terms[0].stmt.End()}
	var fix *analysis.SuggestedFix

	// At the declaration.
	if c.atDecl(g, go121) {
		total := g.total(true)
		typ := src(g.init.typ)
		var how, text string
		switch {
		case g.isMap:
			text = fmt.Sprintf("make(%s, %s)", typ, total)
			how = text
		case g.init.kind == someLit:
			k := len(g.init.elts)
			size := plus(fmt.Sprint(k), total)
			elts := string(c.span(g.init.elts[0].Pos(), g.init.elts[len(g.init.elts)-1].End()))
			text = fmt.Sprintf("append(make(%s, 0, %s), %s)", typ, size, elts)
			how = fmt.Sprintf("make(%s, 0, %s) and append its %d elements to it", typ, size, k)
			if k == 1 {
				how = fmt.Sprintf("make(%s, 0, %s) and append its element to it", typ, size)
			}
		case g.init.kind == someMake:
			k := src(g.init.k)
			text = fmt.Sprintf("make(%s, %s, %s)", typ, k, plus(k, total))
			how = text
		default:
			text = fmt.Sprintf("make(%s, 0, %s)", typ, total)
			how = text
		}
		if g.isMap {
			d.Message = fmt.Sprintf("map %s is filled in %s; give it a size hint with %s", name, where, how)
		} else {
			d.Message = fmt.Sprintf("slice %s grows by append in %s; preallocate with %s", name, where, how)
		}
		if c.namesOK(file, g.init.value.Pos(), text) {
			fix = &analysis.SuggestedFix{
				Message:   "Preallocate " + name,
				TextEdits: []analysis.TextEdit{{Pos: g.init.value.Pos(), End: g.init.value.End(), NewText: []byte(text)}},
			}
		}
		c.emit(g, d, fix)
		return
	}

	// Right before the first loop, with slices.Grow.
	if !g.isMap && go121 {
		total := g.total(true)
		if pkg, edits, ok := report.Import(pass.TypesInfo, file, "slices", at); ok && report.PackageAt(pass, file, at, pkg, "slices") {
			d.Message = fmt.Sprintf("slice %s grows by append in %s; preallocate with %s = slices.Grow(%s, %s) before the loop", name, where, name, name, total)
			if c.namesOK(file, at, total) {
				line := fmt.Sprintf("%s = %s.Grow(%s, %s)\n%s", name, pkg, name, total, report.Indent(pass.Fset, at))
				fix = &analysis.SuggestedFix{
					Message:   "Preallocate " + name + " before the loop",
					TextEdits: append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(line)}),
				}
			}
			c.emit(g, d, fix)
			return
		}
	}

	// Right before the first loop, with make: the variable holds no
	// element there, and a nil slice stays nil when the loop adds none.
	k := g.init.kind
	if (k != nilSlice && k != emptyLit && k != emptyMake) || g.init.typ == nil || !report.BuiltinAt(pass, file, at, "make") {
		return
	}
	total, ok := g.guardedTotal(go121)
	if !ok {
		return
	}
	typ := src(g.init.typ)
	mk := fmt.Sprintf("make(%s, 0, %s)", typ, total)
	if g.isMap {
		mk = fmt.Sprintf("make(%s, %s)", typ, total)
	}
	assign := name + " = " + mk
	guard := k == nilSlice || !g.nonNeg(go121)
	var how, text string
	indent := report.Indent(pass.Fset, at)
	if guard {
		how = fmt.Sprintf("if %s > 0 { %s }", total, assign)
		text = fmt.Sprintf("if %s > 0 {\n%s\t%s\n%s}\n%s", total, indent, assign, indent, indent)
	} else {
		how = assign
		text = assign + "\n" + indent
	}
	if g.isMap {
		d.Message = fmt.Sprintf("map %s is filled in %s; make it with a size hint before the loop: %s", name, where, how)
	} else if k == nilSlice {
		d.Message = fmt.Sprintf("slice %s grows by append in %s; preallocate before the loop with %s, which keeps it nil when nothing is added", name, where, how)
	} else {
		d.Message = fmt.Sprintf("slice %s grows by append in %s; preallocate before the loop with %s", name, where, how)
	}
	if c.namesOK(file, at, text) {
		fix = &analysis.SuggestedFix{
			Message:   "Preallocate " + name + " before the loop",
			TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
		}
		// The empty value made at the declaration is never used when
		// nothing mentions it before the loop: declare it instead.
		if e, ok := c.declOnly(g); ok && !guard {
			fix.TextEdits = append(fix.TextEdits, e)
		}
	}
	c.emit(g, d, fix)
}

// declOnly returns the edit that turns s := T{} (or make(T)) into
// var s T, when the declaration declares s alone and nothing uses s
// before the loop.
func (c *checker) declOnly(g *growth) (analysis.TextEdit, bool) {
	if g.init.kind != emptyLit && g.init.kind != emptyMake {
		return analysis.TextEdit{}, false
	}
	if g.anchor != loopStmt(g.terms[0].outer) {
		// The loop may not run (it stands in an if): the value made at
		// the declaration is what the other paths see.
		return analysis.TextEdit{}, false
	}
	switch d := g.decl.(type) {
	case *ast.AssignStmt:
		if len(d.Lhs) != 1 {
			return analysis.TextEdit{}, false
		}
	case *ast.DeclStmt:
		gd := d.Decl.(*ast.GenDecl)
		if len(gd.Specs) != 1 || len(gd.Specs[0].(*ast.ValueSpec).Names) != 1 {
			return analysis.TextEdit{}, false
		}
	default:
		return analysis.TextEdit{}, false
	}
	for _, s := range g.between(g.anchor) {
		if mentions(c.pass, s, g.v) {
			return analysis.TextEdit{}, false
		}
	}
	for _, n := range c.pathBefore(g) {
		if mentions(c.pass, n, g.v) {
			return analysis.TextEdit{}, false
		}
	}
	text := "var " + g.v.Name() + " " + c.lr.Source(g.init.typ)
	return analysis.TextEdit{Pos: g.decl.Pos(), End: g.decl.End(), NewText: []byte(text)}, true
}

func (c *checker) emit(g *growth, d analysis.Diagnostic, fix *analysis.SuggestedFix) {
	d.Message = oneLine(d.Message)
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	// The cost is paid in the loops that grow it.
	hot := report.Hot{Where: "this loop", Pair: "Names"}
	for _, t := range g.terms {
		hot.Code = append(hot.Code, t.outer.Stmt)
	}
	if len(hot.Code) > 1 {
		hot.Where = "these loops"
	}
	if g.isMap {
		hot.Pair = "Set"
	}
	c.rep.ReportHot(d, hot)
}

func (c *checker) span(pos, end token.Pos) string {
	return c.lr.Source(&ast.BadExpr{From: pos, To: end})
}

// atDecl reports whether the size can be written at v's declaration: it
// makes an empty or short value, the first loop stands in the same block,
// and each count can be computed there with the values it has at its
// loop.
func (c *checker) atDecl(g *growth, go121 bool) bool {
	switch g.init.kind {
	case emptyLit, emptyMake, someLit, someMake:
	default:
		return false
	}
	if g.anchor != loopStmt(g.terms[0].outer) {
		return false // the loop may not run: size it there
	}
	file := report.FileOf(c.pass, g.decl.Pos())
	pos := g.init.value.Pos()
	if !report.BuiltinAt(c.pass, file, pos, "make") || (g.init.kind == someLit && !report.BuiltinAt(c.pass, file, pos, "append")) {
		return false
	}
	if g.needsMax() && g.constTotal() < 0 && (!go121 || !report.BuiltinAt(c.pass, file, pos, "max")) {
		return false
	}
	for _, t := range g.terms {
		if !c.available(g, t, g.block, g.decl, g.decl.Pos()) {
			return false
		}
	}
	return true
}

// available reports whether t's counts can be computed at pos, where
// from stands (a statement of block): every variable they read is
// declared before it, and the statements from there to t's loop can
// neither leave the function nor change what the counts read.
func (c *checker) available(g *growth, t *term, block []ast.Stmt, from ast.Stmt, pos token.Pos) bool {
	target := loopStmt(t.outer)
	var between []ast.Stmt
	in := false
	for _, s := range block {
		if s == target {
			break
		}
		if in || s == from {
			if s != g.decl {
				between = append(between, s)
			}
			in = true
		}
	}
	if target == loopStmt(g.terms[0].outer) && from != g.decl {
		between = nil // the first loop itself, sized right before it
	}
	for _, cnt := range t.all() {
		if cnt.MayPanic && len(between) > 0 {
			return false
		}
		global := len(cnt.Fields) > 0
		for _, u := range cnt.Uses {
			if u.Parent() == c.pass.Pkg.Scope() {
				global = true
				continue
			}
			if u.Pos() >= pos {
				return false
			}
		}
		for _, s := range between {
			if loops.Assigns(c.pass, s, cnt.Uses) || (global && calls(c.pass, s)) {
				return false
			}
		}
	}
	if from == g.decl {
		for _, s := range between {
			if leaves(c.pass, s) {
				return false
			}
		}
	}
	return true
}

// calls reports whether n calls a function (not a builtin or a
// conversion) that might change a field or a package variable.
func calls(pass *analysis.Pass, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			if tv, ok := pass.TypesInfo.Types[call.Fun]; ok && tv.IsType() {
				return true
			}
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if _, builtin := pass.TypesInfo.Uses[id].(*types.Builtin); builtin {
					return true
				}
			}
			found = true
		}
		return !found
	})
	return found
}

// leaves reports whether s can leave the function or jump: return,
// panic, goto, or a break or continue to a statement outside s.
func leaves(pass *analysis.Pass, s ast.Stmt) bool {
	found := false
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		ast.Inspect(n, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				found = true
			case *ast.CallExpr:
				found = code.IsCallTo(pass, n, "panic")
			case *ast.BranchStmt:
				found = n.Tok == token.GOTO || n.Label != nil || depth == 0
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != s {
					ast.Inspect(n, func(m ast.Node) bool {
						if m == n {
							return true
						}
						walk(m, depth+1)
						return false
					})
					return false
				}
				depth++
			}
			return !found
		})
	}
	walk(s, 0)
	return found
}

// iterations is the number of iterations of the loops, as the message
// states it.
func (g *growth) iterations() string {
	parts := make([]string, 0, len(g.terms))
	allConst, sum := true, int64(0)
	for _, t := range g.terms {
		e, k := product(t.counts, false, false)
		if k < 0 {
			allConst = false
		}
		sum += k
		parts = append(parts, e)
	}
	if allConst {
		return fmt.Sprint(sum)
	}
	if len(parts) > 1 {
		for i, p := range parts {
			if strings.Contains(p, "-") {
				parts[i] = "(" + p + ")"
			}
		}
	}
	return strings.Join(parts, "+")
}

// total is the number of elements added, as Go source; with safe, a
// count that may be negative is written max(0, n).
func (g *growth) total(safe bool) string {
	if k := g.constTotal(); k >= 0 {
		return fmt.Sprint(k)
	}
	var parts []string
	parts = slices.Grow(parts, len(g.terms)+1)
	for _, t := range g.terms {
		e, _ := product(t.all(), safe, true)
		parts = append(parts, e)
	}
	if g.extra > 0 {
		parts = append(parts, fmt.Sprint(g.extra))
	}
	if len(parts) > 1 {
		for i, p := range parts {
			if strings.Contains(p, "-") && !strings.HasPrefix(p, "max(") {
				parts[i] = "(" + p + ")"
			}
		}
	}
	return strings.Join(parts, "+")
}

// guardedTotal is the total for a make under if total > 0, which is only
// right when the total is negative exactly when no element is added: no
// max is needed then, with one term and at most one count that may be
// negative.
func (g *growth) guardedTotal(go121 bool) (string, bool) {
	if g.nonNeg(go121) || g.constTotal() >= 0 {
		return g.total(go121), true
	}
	if len(g.terms) > 1 || g.extra > 0 {
		return "", false
	}
	neg := 0
	for _, c := range g.terms[0].all() {
		if !nonNeg(c) {
			neg++
		}
	}
	if neg > 1 {
		return "", false
	}
	return g.total(false), true
}

// needsMax reports whether some count may be negative.
func (g *growth) needsMax() bool {
	for _, t := range g.terms {
		for _, c := range t.all() {
			if !nonNeg(c) {
				return true
			}
		}
	}
	return false
}

// nonNeg reports whether the total written with go121's max is never
// negative.
func (g *growth) nonNeg(go121 bool) bool {
	return go121 || !g.needsMax()
}

func nonNeg(c *loops.Count) bool {
	return c.NonNeg && isInt(c.Type) || c.IsConst && c.Const >= 0
}

func isInt(t types.Type) bool {
	t = types.Unalias(t)
	return t == types.Typ[types.Int] || t == types.Typ[types.UntypedInt]
}

// plus writes a+b, dropping a zero.
func plus(a, b string) string {
	if a == "0" {
		return b
	}
	return a + "+" + b
}

// product multiplies counts into one expression. With safe, a count that
// may be negative (a loop that then runs zero times) is written
// max(0, n), since make and slices.Grow panic on a negative size. With
// conv, a count of another integer type than int is converted. konst is
// the product when every count is constant, else -1.
func product(counts []*loops.Count, safe, conv bool) (expr string, konst int64) {
	parts := make([]string, 0, len(counts))
	konst = 1
	for _, c := range counts {
		e := c.Expr
		neg := !c.NonNeg
		if conv && !c.IsConst && !isInt(c.Type) {
			e = "int(" + e + ")"
			neg = true // a conversion may wrap
		}
		switch {
		case safe && neg && !(c.IsConst && c.Const >= 0):
			e = "max(0, " + e + ")"
		case len(counts) > 1 && strings.ContainsAny(e, "+-"):
			e = "(" + e + ")"
		}
		parts = append(parts, e)
		if konst >= 0 && c.IsConst {
			konst *= max(0, c.Const)
		} else {
			konst = -1
		}
	}
	if konst >= 0 {
		return fmt.Sprint(konst), konst
	}
	return strings.Join(parts, "*"), -1
}

// namesOK reports whether the builtins that text calls mean the
// builtins at pos.
func (c *checker) namesOK(file *ast.File, pos token.Pos, text string) bool {
	for _, name := range []string{"max", "int", "make", "append", "len"} {
		if strings.Contains(text, name+"(") && !report.BuiltinAt(c.pass, file, pos, name) {
			return false
		}
	}
	return true
}

// oneLine writes a message on one line: a type spelled over several lines
// (a struct with fields) keeps its words.
func oneLine(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
