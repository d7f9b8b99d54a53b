// Command inspected is internal/floor plus an inspector: the same driver
// running one analyzer that requires golang.org/x/tools/go/analysis/passes/inspect
// and does nothing with it. The gap between it and the floor is what any
// inspector-based analyzer pays before it looks at a single node.
//
//	python3 ../shared/tools/perfpair.py -n 5 -- inspected -test=false ./... -- floor -test=false ./...
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

var nothing = &analysis.Analyzer{
	Name:     "nothing",
	Doc:      "builds the package's inspector and does nothing with it",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(nothing) }
