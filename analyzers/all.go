// Package analyzers lists every perflint analyzer.
package analyzers

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/analyzers/containerlist"
	"github.com/perflint/perflint/analyzers/falsesharing"
	"github.com/perflint/perflint/analyzers/mutexmap"
	"github.com/perflint/perflint/analyzers/needlesscopy"
	"github.com/perflint/perflint/analyzers/prealloc"
	"github.com/perflint/perflint/analyzers/stringconcat"
)

// All returns perflint's analyzers, in the order perflint help lists them.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		falsesharing.Analyzer,
		mutexmap.Analyzer,
		prealloc.Analyzer,
		stringconcat.Analyzer,
		needlesscopy.Analyzer,
		containerlist.Analyzer,
	}
}

func init() {
	for _, a := range All() {
		guard(a)
	}
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
