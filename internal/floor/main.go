// Command floor is the performance floor perflint is measured against:
// the same driver running one analyzer that does nothing, so that it
// costs only loading and type-checking.
//
//	python3 ../shared/tools/perfpair.py -n 5 -C "$(go env GOROOT)/src" -- perflint std -- floor std
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

var nothing = &analysis.Analyzer{
	Name: "nothing",
	Doc:  "does nothing",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(nothing) }
