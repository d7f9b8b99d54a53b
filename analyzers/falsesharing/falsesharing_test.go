package falsesharing_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/falsesharing"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestFalsesharing(t *testing.T) {
	analysistest.Run(t, testdata, falsesharing.Analyzer, "falsesharing", "falsesharingalias", "falsesharingwrap", "falsesharingfresh")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, falsesharing.Analyzer, "falsesharingfix", "falsesharingcpu", "falsesharingheld")
}

// TestFixAligned32 builds the fixed fixture for GOARCH=386 and checks,
// with 386 sizes, that every raw 64-bit integer the fixture passes to a
// sync/atomic function stays 8-byte aligned after the padding (32-bit
// platforms only align the first word of an allocation to 8 bytes).
func TestFixAligned32(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join(testdata, "src", "falsesharingfix", "fix.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := regexp.MustCompile("// want `[^`]*`").ReplaceAll(golden, nil)
	if err := os.WriteFile(filepath.Join(dir, "fix.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module fixed386\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOARCH=386", "GOFLAGS=-mod=mod")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("GOARCH=386 go build of the fixed fixture: %v\n%s", err, out)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "fix.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	sizes := types.SizesFor("gc", "386")
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Selections: make(map[*ast.SelectorExpr]*types.Selection), Uses: make(map[*ast.Ident]types.Object)}
	conf := types.Config{Importer: importer.Default(), Sizes: sizes}
	if _, err := conf.Check("fixed386", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	checked := 0
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !strings.HasSuffix(sel.Sel.Name, "64") {
			return true
		}
		u, ok := call.Args[0].(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			return true
		}
		fsel, ok := u.X.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		s := info.Selections[fsel]
		st := s.Recv().Underlying()
		if p, ok := st.(*types.Pointer); ok {
			st = p.Elem().Underlying()
		}
		fields := slices.Collect(st.(*types.Struct).Fields())
		off := sizes.Offsetsof(fields)[s.Index()[0]]
		if off%8 != 0 {
			t.Errorf("%s: %s at offset %d on 386: not 8-byte aligned", fset.Position(call.Pos()), fsel.Sel.Name, off)
		}
		checked++
		return true
	})
	if checked == 0 {
		t.Error("no raw 64-bit atomics in the fixture")
	}
}

// TestPlacements documents the alignment rule over sizes: a heap object
// starts at a multiple of gcd(size class, 64) modulo a 64-byte line.
func TestPlacements(t *testing.T) {
	for _, c := range []struct {
		size   int64
		o1, o2 int64
		want   falsesharing.Sharing
	}{
		{16, 0, 8, falsesharing.Always},     // class 16: 0, 16, 32, 48
		{24, 0, 16, falsesharing.Can},       // class 24: any multiple of 8
		{48, 0, 8, falsesharing.Always},     // class 48: 0, 16, 32, 48
		{48, 0, 16, falsesharing.Can},       // at 48: 48 and 64
		{64, 0, 56, falsesharing.Always},    // class 64: always 0
		{64, 56, 64, falsesharing.Never},    // (never reached: size 64)
		{96, 56, 64, falsesharing.Can},      // class 96: 0 or 32 (bbolt's TxStats)
		{128, 0, 64, falsesharing.Never},    // class 128: 0
		{328, 16, 64, falsesharing.Never},   // class 352: 0 or 32
		{328, 40, 64, falsesharing.Can},     // 40 and 64 share at 32
		{328, 0, 24, falsesharing.Always},   // within one 32-byte half
		{40000, 0, 56, falsesharing.Always}, // large: page-aligned
	} {
		if got := falsesharing.Share(c.size, c.o1, c.o2, 64); got != c.want {
			t.Errorf("size %d, offsets %d and %d: got %v, want %v", c.size, c.o1, c.o2, got, c.want)
		}
	}
}
