package report_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/report"
)

// TestUses checks that Uses yields the kept uses in the order of a walk
// of the files, with cursors at the identifiers, and stops when asked.
func TestUses(t *testing.T) {
	const a = `package p

var m = map[string]int{}

func get(k string) int { return m[k] }
`
	const b = `package p

func put(k string, v int) { m[k] = v; _ = get(k) }
`
	fset := token.NewFileSet()
	var files []*ast.File
	// b is parsed first, so its positions come first: the walk's order,
	// not the positions', must decide.
	fb, err := parser.ParseFile(fset, "b.go", b, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	fa, err := parser.ParseFile(fset, "a.go", a, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, fa, fb)
	info := &types.Info{Uses: make(map[*ast.Ident]types.Object)}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, files, info); err != nil {
		t.Fatal(err)
	}
	in := inspectors.New(files)
	isVar := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		return ok && v.Name() == "m"
	}
	var got []string
	for cur, obj := range report.Uses(info, in, isVar) {
		id := cur.Node().(*ast.Ident)
		if info.Uses[id] != obj {
			t.Errorf("%s: cursor and object disagree", fset.Position(id.Pos()))
		}
		got = append(got, fset.Position(id.Pos()).String())
	}
	want := []string{"a.go:5:33", "b.go:3:29"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("uses of m = %v, want %v", got, want)
	}
	n := 0
	for range report.Uses(info, in, func(types.Object) bool { return true }) {
		if n++; n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("break after 2 uses: got %d", n)
	}
	for range report.Uses(info, in, func(types.Object) bool { return false }) {
		t.Error("a use nothing keeps was yielded")
	}
}
