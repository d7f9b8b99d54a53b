// Package corpus ties every benchmark pair to its analyzer: each SlowX
// (or slowX) function in corpus/NAME gets a finding from analyzer NAME,
// and no FastX (or fastX) function gets any finding.
//
// A finding counts for a function when it lies in the function, or in
// the declaration of a type of the package that the function uses: the
// cache-line analyzers report at struct fields, and the function that
// uses the struct is the slow side.
package corpus

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/analyzers"
)

func TestPairsAreFlagged(t *testing.T) {
	cfg := &packages.Config{Mode: packages.LoadSyntax}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("corpus packages have errors")
	}
	graph, err := checker.Analyze(analyzers.All(), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	byName := make(map[string]bool)
	for _, a := range analyzers.All() {
		byName[a.Name] = true
	}
	// findings[pkg] lists each finding's position and analyzer.
	type finding struct {
		pos      token.Pos
		analyzer string
	}
	findings := make(map[*types.Package][]finding)
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			findings[act.Package.Types] = append(findings[act.Package.Types], finding{d.Pos, act.Analyzer.Name})
		}
	}
	pairs := 0
	for _, pkg := range pkgs {
		if !byName[pkg.Name] {
			continue
		}
		for _, fd := range funcs(pkg) {
			// The ranges a finding may lie in: the function and the
			// declarations of the package types it uses.
			ranges := []ast.Node{fd}
			for _, spec := range typesUsed(pkg, fd) {
				ranges = append(ranges, spec)
			}
			var got []string
			for _, f := range findings[pkg.Types] {
				for _, r := range ranges {
					if r.Pos() <= f.pos && f.pos < r.End() {
						got = append(got, f.analyzer)
					}
				}
			}
			name := fd.Name.Name
			// slowX, fastX: unexported where the analyzer leaves exported
			// signatures alone.
			switch {
			case strings.HasPrefix(name, "Slow") || strings.HasPrefix(name, "slow"):
				pairs++
				if !slices.Contains(got, pkg.Name) {
					t.Errorf("%s.%s: no finding from %s", pkg.Name, name, pkg.Name)
				}
			case strings.HasPrefix(name, "Fast") || strings.HasPrefix(name, "fast"):
				if len(got) > 0 {
					t.Errorf("%s.%s: flagged by %v; a fix must be clean", pkg.Name, name, got)
				}
			}
		}
	}
	for _, a := range analyzers.All() {
		if a.Name == "directives" {
			continue // checks perflint's own comments: nothing to measure
		}
		found := false
		for _, pkg := range pkgs {
			found = found || pkg.Name == a.Name
		}
		if !found {
			t.Errorf("analyzer %s has no corpus package corpus/%s", a.Name, a.Name)
		}
	}
	if pairs == 0 {
		t.Fatal("no Slow functions found in the corpus")
	}
}

func funcs(pkg *packages.Package) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, f := range pkg.Syntax {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok {
				out = append(out, fd)
			}
		}
	}
	return out
}

// typesUsed returns the type declarations of pkg whose names fd uses,
// its receiver's type included.
func typesUsed(pkg *packages.Package, fd *ast.FuncDecl) []*ast.TypeSpec {
	specs := make(map[types.Object]*ast.TypeSpec)
	for _, f := range pkg.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok {
				specs[pkg.TypesInfo.Defs[ts.Name]] = ts
			}
			return true
		})
	}
	seen := make(map[*ast.TypeSpec]bool)
	var out []*ast.TypeSpec
	ast.Inspect(fd, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := pkg.TypesInfo.Uses[id]
		if v, ok := obj.(*types.Var); ok {
			// A variable's type: s of type *stats uses stats.
			t := v.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := types.Unalias(t).(*types.Named); ok {
				obj = n.Obj()
			}
		}
		if ts := specs[obj]; ts != nil && !seen[ts] {
			seen[ts] = true
			out = append(out, ts)
		}
		return true
	})
	return out
}
