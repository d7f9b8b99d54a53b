package inspectors_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/perflint/perflint/passes/inspectors"
)

// TestSameAsOneInspector checks that the per-file inspectors visit what
// one inspector of all the files visits, in the same order, and find
// each node by its position.
func TestSameAsOneInspector(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	for i, src := range []string{
		"package p\nfunc f(xs []int) { for _, x := range xs { _ = x } }\n",
		"package p\nvar v = 1\n",
		"package p\nfunc g() { go func() { for {} }() }\n",
	} {
		f, err := parser.ParseFile(fset, string(rune('a'+i))+".go", src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	set := inspectors.New(files)
	one := inspector.New(files)
	for _, types := range [][]ast.Node{nil, {(*ast.RangeStmt)(nil), (*ast.ForStmt)(nil)}, {(*ast.Ident)(nil)}} {
		got := slices.Collect(set.Nodes(types...))
		want := slices.Collect(one.PreorderSeq(types...))
		if !slices.Equal(got, want) {
			t.Errorf("Nodes(%T): %d nodes, want %d", types, len(got), len(want))
		}
	}
	for n := range set.Nodes((*ast.Ident)(nil)) {
		cur, ok := set.FindByPos(n.Pos(), n.End())
		if !ok || cur.Node() != n {
			t.Errorf("FindByPos(%s) = %v, %v", fset.Position(n.Pos()), cur, ok)
		}
	}
	if set.File(token.Pos(fset.Base()+10)) != nil {
		t.Errorf("File of a position past every file is not nil")
	}
}
