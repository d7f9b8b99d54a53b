package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"golang.org/x/tools/go/packages"
)

// An edit is one text edit of a fix, in byte offsets of its file.
type edit struct {
	file       string
	start, end int
	text       string
}

// A fix is the first suggested fix of one finding, as every package
// variant that reported the finding offered it.
type fix struct {
	key      string
	edits    []edit
	offered  map[string]bool // IDs of the package variants that offer it
	findings []finding
}

// applyFixes applies the first suggested fix of each finding, or with
// diff returns the patch instead of writing it. A fix is applied only
// where every package variant that compiles the files it edits offers
// the same fix: a fix checked in a package may not type-check in its
// test variant (a _test.go file that declares max, say), which then
// drops it. Fixes whose edits overlap an applied fix's edits are left
// out. It returns the findings that no applied fix removed.
func applyFixes(initial []*packages.Package, findings []finding, diff bool) (left []finding, patch string, err error) {
	variants := make(map[string][]string) // file -> package IDs compiling it
	for _, p := range initial {
		for _, f := range p.CompiledGoFiles {
			variants[f] = append(variants[f], p.ID)
		}
	}

	byKey := make(map[string]*fix)
	var fixes []*fix
	var unfixed []finding
	for _, f := range findings {
		if len(f.diag.SuggestedFixes) == 0 {
			unfixed = append(unfixed, f)
			continue
		}
		edits, ok := offsets(&f)
		if !ok {
			unfixed = append(unfixed, f)
			continue
		}
		key := fmt.Sprintf("%s\x00%s\x00%s\x00%v", f.analyzer.Name, f.posn, f.diag.Message, edits)
		x := byKey[key]
		if x == nil {
			x = &fix{key: key, edits: edits, offered: make(map[string]bool)}
			byKey[key] = x
			fixes = append(fixes, x)
		}
		x.offered[f.pkg.ID] = true
		x.findings = append(x.findings, f)
	}

	// Accept fixes in order of position; a fix is all or nothing.
	accepted := make(map[string][]edit) // file -> edits
	for _, x := range fixes {
		if !everyVariant(x, variants) || conflicts(x.edits, accepted) {
			unfixed = append(unfixed, x.findings...)
			continue
		}
		for _, e := range x.edits {
			if !slices.Contains(accepted[e.file], e) {
				accepted[e.file] = append(accepted[e.file], e)
			}
		}
	}

	files := make([]string, 0, len(accepted))
	for f := range accepted {
		files = append(files, f)
	}
	slices.Sort(files)
	var out strings.Builder
	for _, file := range files {
		old, err := os.ReadFile(file)
		if err != nil {
			return nil, "", err
		}
		src, err := apply(old, accepted[file])
		if err != nil {
			return nil, "", fmt.Errorf("%s: %v", file, err)
		}
		if diff {
			d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
				A:        difflib.SplitLines(string(old)),
				B:        difflib.SplitLines(string(src)),
				FromFile: file + " (old)",
				ToFile:   file + " (new)",
				Context:  3,
			})
			if err != nil {
				return nil, "", err
			}
			out.WriteString(d)
			continue
		}
		if err := os.WriteFile(file, src, 0o644); err != nil {
			return nil, "", err
		}
	}
	slices.SortStableFunc(unfixed, compareFindings)
	return unfixed, out.String(), nil
}

// offsets returns the edits of f's first fix in byte offsets.
func offsets(f *finding) ([]edit, bool) {
	fset := f.pkg.Fset
	var out []edit
	out = slices.Grow(out, len(f.diag.SuggestedFixes[0].TextEdits))
	for _, e := range f.diag.SuggestedFixes[0].TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil {
			return nil, false
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		out = append(out, edit{tf.Name(), tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
	}
	return out, len(out) > 0
}

// everyVariant reports whether every package variant that compiles a
// file x edits offered x.
func everyVariant(x *fix, variants map[string][]string) bool {
	for _, e := range x.edits {
		for _, id := range variants[e.file] {
			if !x.offered[id] {
				return false
			}
		}
	}
	return true
}

// conflicts reports whether an edit of edits overlaps an accepted edit
// of its file other than an identical one (two fixes may add the same
// import). Insertions at one offset do not overlap.
func conflicts(edits []edit, accepted map[string][]edit) bool {
	for _, e := range edits {
		for _, a := range accepted[e.file] {
			if e != a && e.start < a.end && a.start < e.end {
				return true
			}
			if e != a && e.start == a.start && (e.start != e.end) != (a.start != a.end) {
				return true // an insertion at the start of a replacement
			}
		}
	}
	return false
}

// apply applies non-overlapping edits to src and formats the result.
func apply(src []byte, edits []edit) ([]byte, error) {
	slices.SortFunc(edits, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.text, b.text))
	})
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last || e.end > len(src) {
			return nil, fmt.Errorf("overlapping fixes")
		}
		b.Write(src[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.Write(src[last:])
	return format.Source(b.Bytes())
}
