package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/passes/report"
)

// A baseline records the findings of a codebase when it adopted perflint,
// so that a gate reports only new ones. A finding is recorded by analyzer,
// file (relative to the module's root, with forward slashes, so that the
// baseline works from any directory and in any checkout), enclosing
// declaration and message, and not by line or column: code added above a
// finding does not bring it back. Equal findings are counted, so a second
// finding equal to a recorded one is new.
type baseline struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

// baselineVersion is the version of the file format.
const baselineVersion = 1

type baselineEntry struct {
	Analyzer string `json:"analyzer"`
	File     string `json:"file"`
	// Decl is the top-level declaration that holds the finding: F for
	// a function, (T).M or (*T).M for a method, the name of a type,
	// variable or constant; a function literal belongs to the
	// declaration it appears in.
	Decl    string `json:"decl"`
	Message string `json:"message"`
	// Count is how many equal findings there are, when more than one.
	Count int `json:"count,omitempty"`
}

type baselineKey struct {
	analyzer, file, decl, message string
}

func (r *output) baselineKey(f *finding) baselineKey {
	file, _ := slashRel(r.modRoot, f.posn.Filename)
	return baselineKey{f.analyzer.Name, file, enclosingDecl(f.pkg, f.diag.Pos), f.diag.Message}
}

// newBaseline records findings, in a stable order.
func newBaseline(findings []finding, r *output) *baseline {
	counts := make(map[baselineKey]int)
	for i := range findings {
		f := &findings[i]
		counts[r.baselineKey(f)]++
	}
	b := &baseline{Version: baselineVersion, Findings: []baselineEntry{}}
	for k, n := range counts {
		e := baselineEntry{Analyzer: k.analyzer, File: k.file, Decl: k.decl, Message: k.message}
		if n > 1 {
			e.Count = n
		}
		b.Findings = append(b.Findings, e)
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return cmp.Or(
			cmp.Compare(x.File, y.File),
			cmp.Compare(x.Decl, y.Decl),
			cmp.Compare(x.Analyzer, y.Analyzer),
			cmp.Compare(x.Message, y.Message),
		)
	})
	return b
}

func writeBaseline(name string, b *baseline) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(data, '\n'), 0o644)
}

func readBaseline(name string) (*baseline, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s: %v", name, err)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d (write it again with -write-baseline)", name, b.Version, baselineVersion)
	}
	return &b, nil
}

// filter returns the findings that b does not record, how many it hid,
// and how many of b's entries for the files and analyzers of this run
// match no finding (fixed since, or changed so that they no longer match).
func (b *baseline) filter(findings []finding, initial []*packages.Package, r *output) (kept []finding, hidden, stale int) {
	left := make(map[baselineKey]int)
	for _, e := range b.Findings {
		left[baselineKey{e.Analyzer, e.File, e.Decl, e.Message}] += max(e.Count, 1)
	}
	for _, f := range findings {
		k := r.baselineKey(&f)
		if left[k] > 0 {
			left[k]--
			hidden++
			continue
		}
		kept = append(kept, f)
	}

	// An entry is stale only if this run could have reported it: its
	// analyzer ran and its file was analyzed (and, for a _test.go file,
	// reported on).
	ran := make(map[string]bool)
	for _, a := range r.analyzers {
		ran[a.Name] = true
	}
	testfiles := report.Analyzer.Flags.Lookup("tests").Value.String() == "true"
	files := make(map[string]bool)
	for _, p := range initial {
		for _, f := range p.CompiledGoFiles {
			if rel, ok := slashRel(r.modRoot, f); ok && (testfiles || !strings.HasSuffix(rel, "_test.go")) {
				files[rel] = true
			}
		}
	}
	for k, n := range left {
		if ran[k.analyzer] && files[k.file] {
			stale += n
		}
	}
	return kept, hidden, stale
}

// enclosingDecl names the top-level declaration of pkg that holds pos.
func enclosingDecl(pkg *packages.Package, pos token.Pos) string {
	for _, file := range pkg.Syntax {
		if pos < file.FileStart || pos > file.FileEnd {
			continue
		}
		i := sort.Search(len(file.Decls), func(i int) bool { return file.Decls[i].End() > pos })
		if i == len(file.Decls) || file.Decls[i].Pos() > pos {
			return ""
		}
		switch d := file.Decls[i].(type) {
		case *ast.FuncDecl:
			return report.DeclName(d)
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				if spec.Pos() > pos || pos > spec.End() {
					continue
				}
				switch s := spec.(type) {
				case *ast.TypeSpec:
					return s.Name.Name
				case *ast.ValueSpec:
					return s.Names[0].Name
				}
			}
		}
		return ""
	}
	return ""
}
