package loops_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/passes/loops"
)

// show reports what the loops pass computed for every loop, so that the
// fixture's // want comments spell out trip counts and exits.
var show = &analysis.Analyzer{
	Name:     "showloops",
	Doc:      "reports each loop's trip count, early exit and nesting",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, l := range pass.ResultOf[loops.Analyzer].(*loops.Result).Loops {
			count := "unknown"
			if l.Count != nil {
				count = l.Count.Expr
				if l.Count.NonNeg {
					count += " (nonneg)"
				}
			}
			depth := 0
			for p := l.Parent; p != nil; p = p.Parent {
				depth++
			}
			if l.Count != nil && l.Count.MayPanic {
				count += " (may panic)"
			}
			pass.Reportf(l.Stmt.Pos(), "count %s, early %v, continues %v, leaves first %v, depth %d; leaves %v, returns %d, panics %v",
				count, l.EarlyExit, l.Continues, l.LeavesFirst, depth, l.Leaves, len(l.Returns), l.Panics)
		}
		return nil, nil
	},
}

func TestLoops(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.Run(t, testdata, show, "loops")
}
