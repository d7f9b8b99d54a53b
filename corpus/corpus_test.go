// Package corpus ties every benchmark pair to its analyzer: each SlowX
// (or slowX) function in corpus/NAME gets a finding from analyzer NAME,
// and no FastX (or fastX) function gets any finding.
package corpus

import (
	"go/ast"
	"go/token"
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
	// findings[pkg][func] lists the analyzers that flagged func.
	findings := make(map[string]map[string][]string)
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			fn := enclosingFunc(act.Package, d.Pos)
			m := findings[act.Package.Name]
			if m == nil {
				m = make(map[string][]string)
				findings[act.Package.Name] = m
			}
			m[fn] = append(m[fn], act.Analyzer.Name)
		}
	}
	pairs := 0
	for _, pkg := range pkgs {
		if !byName[pkg.Name] {
			continue
		}
		for _, f := range pkg.Syntax {
			for _, decl := range f.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok {
					continue
				}
				name := fd.Name.Name
				got := findings[pkg.Name][name]
				// Slow/slow: unexported where the analyzer leaves exported
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
	}
	for _, a := range analyzers.All() {
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

// enclosingFunc names the top-level function or method around pos.
func enclosingFunc(pkg *packages.Package, pos token.Pos) string {
	for _, f := range pkg.Syntax {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd.Name.Name
			}
		}
	}
	return ""
}
