package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"

	"golang.org/x/tools/go/analysis"
)

// The -json tree is the one go vet -json and x/tools' checker print: package
// ID, then analyzer name, then a list of diagnostics or an error. perflint
// fills it from its findings rather than from every action of the graph,
// so that a finding that a package and its test variant both report
// appears once, under the first variant that reports it (the package
// itself for a finding outside _test.go files), and the baseline applies.

type jsonTextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonSuggestedFix struct {
	Message string         `json:"message"`
	Edits   []jsonTextEdit `json:"edits"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

type jsonDiagnostic struct {
	Category       string             `json:"category,omitempty"`
	Posn           string             `json:"posn"`
	End            string             `json:"end"`
	Message        string             `json:"message"`
	SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated      `json:"related,omitempty"`
}

type jsonError struct {
	Err string `json:"error"`
}

func printJSON(w io.Writer, findings []finding, r *output) error {
	tree := make(map[string]map[string]any)
	add := func(id string) map[string]any {
		m := tree[id]
		if m == nil {
			m = make(map[string]any)
			tree[id] = m
		}
		return m
	}
	for act := range r.graph.All() {
		if act.Err != nil {
			add(act.Package.ID)[act.Analyzer.Name] = jsonError{act.Err.Error()}
		}
	}
	for i := range findings {
		f := &findings[i]
		m := add(f.pkg.ID)
		list, _ := m[f.analyzer.Name].([]jsonDiagnostic)
		m[f.analyzer.Name] = append(list, toJSON(f.pkg.Fset, f.diag))
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func toJSON(fset *token.FileSet, d analysis.Diagnostic) jsonDiagnostic {
	j := jsonDiagnostic{
		Category: d.Category,
		Posn:     fset.Position(d.Pos).String(),
		End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
		Message:  d.Message,
	}
	for _, fix := range d.SuggestedFixes {
		jf := jsonSuggestedFix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			start := fset.Position(e.Pos)
			jf.Edits = append(jf.Edits, jsonTextEdit{
				Filename: start.Filename,
				Start:    start.Offset,
				End:      fset.Position(e.End).Offset,
				New:      string(e.NewText),
			})
		}
		j.SuggestedFixes = append(j.SuggestedFixes, jf)
	}
	for _, rel := range d.Related {
		j.Related = append(j.Related, jsonRelated{
			Posn:    fset.Position(rel.Pos).String(),
			End:     fset.Position(cmp.Or(rel.End, rel.Pos)).String(),
			Message: rel.Message,
		})
	}
	return j
}
