// Package analyzers lists every perflint analyzer.
package analyzers

import (
	"fmt"
	"runtime/debug"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/analyzers/containerlist"
	"github.com/perflint/perflint/analyzers/directives"
	"github.com/perflint/perflint/analyzers/falsesharing"
	"github.com/perflint/perflint/analyzers/mutexmap"
	"github.com/perflint/perflint/analyzers/needlesscopy"
	"github.com/perflint/perflint/analyzers/prealloc"
	"github.com/perflint/perflint/analyzers/stringconcat"
	"github.com/perflint/perflint/internal/config"
)

// All returns perflint's analyzers, in the order perflint help lists them:
// the checks, then directives, which requires them all.
func All() []*analysis.Analyzer {
	return append(checks(), all)
}

func checks() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		falsesharing.Analyzer,
		mutexmap.Analyzer,
		prealloc.Analyzer,
		stringconcat.Analyzer,
		needlesscopy.Analyzer,
		containerlist.Analyzer,
	}
}

// all is the directives analyzer of a run of every check.
var all = directives.New(names(), checks())

func names() []string {
	var out []string
	for _, a := range checks() {
		out = append(out, a.Name)
	}
	return append(out, "directives")
}

// Roots returns the analyzers a driver runs when on, a subset of All,
// are turned on: a directives analyzer among them waits for the checks
// among them only, so that the checks turned off do not run as its
// prerequisites.
func Roots(on []*analysis.Analyzer) []*analysis.Analyzer {
	i := slices.Index(on, all)
	if i < 0 || len(on) == len(All()) {
		return on
	}
	out := slices.Clone(on)
	out[i] = directives.New(names(), slices.Delete(slices.Clone(on), i, i+1))
	guard(out[i])
	return out
}

func init() {
	for _, a := range All() {
		guard(a)
	}
	config.Register(All()...)
}

// guard turns a panic in a's Run, or in a pass it requires, into an
// error of a's analysis of that package: a bug in perflint fails one
// package's analysis with a message that says where, and the run goes on.
func guard(a *analysis.Analyzer) {
	for _, r := range a.Requires {
		guard(r)
	}
	if a.Run == nil || guarded[a] {
		return
	}
	guarded[a] = true
	run := a.Run
	a.Run = func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("internal error in %s on %s (please report it): %v\n%s", a.Name, pass.Pkg.Path(), p, debug.Stack())
			}
		}()
		return run(pass)
	}
}

var guarded = make(map[*analysis.Analyzer]bool)
