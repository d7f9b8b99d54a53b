package directives

import (
	_ "embed"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/passes/report"
)

//go:embed doc.go
var doc string

// New returns the directives analyzer for a run of the analyzers checks,
// out of the analyzers named known: it requires checks, so that it runs
// on a package once they all have, and reports the directives that
// name none of known or that silenced none of their findings.
func New(known []string, checks []*analysis.Analyzer) *analysis.Analyzer {
	known = slices.Sorted(slices.Values(known))
	return &analysis.Analyzer{
		Name:             "directives",
		Doc:              docs.Doc(doc, "directives"),
		URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/directives",
		Requires:         append([]*analysis.Analyzer{report.Analyzer}, checks...),
		Run:              func(pass *analysis.Pass) (any, error) { return nil, run(pass, known) },
		RunDespiteErrors: true,
	}
}

func run(pass *analysis.Pass, known []string) error {
	if report.New(pass) == nil {
		return nil
	}
	res := pass.ResultOf[report.Analyzer].(*report.Result)
	for _, d := range res.Directives() {
		switch {
		case !slices.Contains(known, d.Name) && d.Name != pass.Analyzer.Name:
			pass.Report(analysis.Diagnostic{
				Pos:     d.Pos,
				Message: "unknown analyzer " + d.Name + " in " + d.Directive()[2:] + " directive; want one of " + strings.Join(known, ", "),
			})
		case d.Reason && !d.Used() && res.Ran(d.Name):
			where := ""
			if d.File {
				where = " in this file"
			}
			pass.Report(analysis.Diagnostic{
				Pos:     d.Pos,
				Message: d.Directive()[2:] + " directive for " + d.Name + " silences no finding" + where + "; remove it",
			})
		}
	}
	return nil
}
