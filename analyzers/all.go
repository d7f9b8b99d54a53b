// Package analyzers lists every perflint analyzer.
package analyzers

import (
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
