package main

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/internal/config"
)

// configErrors loads the perflint.toml files that apply to the packages
// and prints each of their errors once, with files relative to dir,
// before any analysis: the analyses would otherwise fail one by one,
// each with the same error. It returns whether there were any.
func configErrors(w io.Writer, dir string, initial []*packages.Package) bool {
	seen := make(map[string]bool)
	for _, p := range initial {
		if len(p.GoFiles) == 0 {
			continue
		}
		_, err := config.Load(filepath.Dir(p.GoFiles[0]))
		if err == nil {
			continue
		}
		msg := err.Error()
		if ce := (*config.Error)(nil); errors.As(err, &ce) {
			rel := *ce
			rel.File = relativeFile(dir, ce.File)
			msg = rel.Error()
		}
		if !seen[msg] {
			seen[msg] = true
			fmt.Fprintln(w, msg)
		}
	}
	return len(seen) > 0
}

// dropUsedElsewhere drops the directives analyzer's reports of an ignore
// directive that silences nothing when another variant of its package
// used it: a package's test variant sees callers and findings that the
// package alone does not. A directive is unused only if every analysis
// of its file says so.
func dropUsedElsewhere(roots []*checker.Action, findings []finding) []finding {
	analyses := make(map[string]int) // file -> directives analyses of it
	for _, act := range roots {
		if act.Analyzer.Name == "directives" && act.Err == nil {
			for _, f := range act.Package.CompiledGoFiles {
				analyses[f]++
			}
		}
	}
	unused := func(f finding) bool {
		return f.analyzer.Name == "directives" && strings.Contains(f.diag.Message, " silences no finding")
	}
	reports := make(map[token.Position]int)
	for _, f := range findings {
		if unused(f) {
			reports[f.posn]++
		}
	}
	return slices.DeleteFunc(findings, func(f finding) bool {
		return unused(f) && reports[f.posn] < analyses[f.posn.Filename]
	})
}
