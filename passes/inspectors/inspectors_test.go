package inspectors_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/perflint/perflint/passes/inspectors"
)

// TestSameAsOneInspector checks that the inspectors of groups of files
// visit what one inspector of all the files visits, in the same order,
// and find each node by its position, in one group and in one group per
// file.
func TestSameAsOneInspector(t *testing.T) {
	for _, n := range []int{*inspectors.GroupEvents, 1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			defer func(old int) { *inspectors.GroupEvents = old }(*inspectors.GroupEvents)
			*inspectors.GroupEvents = n
			testSameAsOneInspector(t)
		})
	}
}

func testSameAsOneInspector(t *testing.T) {
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
	for i, f := range files {
		if cur, ok := set.File(f.Package); !ok || cur.Node() != f {
			t.Errorf("File(%s) is not the cursor of file %d", fset.Position(f.Package), i)
		}
	}
	if _, ok := set.File(token.Pos(fset.Base() + 10)); ok {
		t.Errorf("File of a position past every file is not nil")
	}
}
