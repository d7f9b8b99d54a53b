package main

import (
	"cmp"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// analyze runs analyzers on pkgs, a few packages at a time, and returns
// one graph of all their root actions.
//
// No perflint analyzer has facts, so each package's analysis needs only
// that package: analysing them one by one, GOMAXPROCS at a time, gives
// the same findings as one call for all of them. It keeps memory down:
// one call starts every package's actions at once, so that every
// package's inspector (its syntax flattened into an event list, a third
// of the live heap on std) is built before most are used, and all stay
// alive until the last package is done. Here, the checker drops a
// package's intermediate results as soon as that package is done.
// Larger packages go first, so that the last ones to finish are small.
//
// Each package's graph is then detached: a checker action keeps its
// pass, and a pass keeps the results of the actions it required, so a
// finished root action would hold its package's inspectors and models
// until the run ends, every package's at once.
func analyze(analyzers []*analysis.Analyzer, pkgs []*packages.Package) (*checker.Graph, error) {
	if err := analysis.Validate(analyzers); err != nil {
		return nil, err
	}
	order := make([]int, len(pkgs)) // indexes into pkgs, largest first
	for i := range order {
		order[i] = i
	}
	size := func(p *packages.Package) int {
		n := 0
		for _, f := range p.Syntax {
			n += int(f.End() - f.Pos())
		}
		return n
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size(pkgs[b]), size(pkgs[a])) })

	graphs := make([]*checker.Graph, len(pkgs))
	errs := make([]error, len(pkgs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(order)) {
		wg.Go(func() {
			for i := range next {
				g, err := checker.Analyze(analyzers, pkgs[i:i+1], nil)
				if err == nil {
					g = detach(g)
				}
				graphs[i], errs[i] = g, err
			}
		})
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()

	// The roots in the order one call gives them: by analyzer, then
	// package.
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	roots := make([]*checker.Action, 0, len(analyzers)*len(pkgs))
	for a := range analyzers {
		for _, g := range graphs {
			roots = append(roots, g.Roots[a])
		}
	}
	return &checker.Graph{Roots: roots}, nil
}

// detach returns a graph of copies of g's root actions, with what the
// driver reads of them (diagnostics, errors and results), and as their
// dependencies copies of the actions below them that failed, so that
// nothing keeps their passes.
func detach(g *checker.Graph) *checker.Graph {
	roots := make([]*checker.Action, len(g.Roots))
	for i, act := range g.Roots {
		roots[i] = &checker.Action{
			Analyzer:    act.Analyzer,
			Package:     act.Package,
			IsRoot:      true,
			Result:      act.Result,
			Err:         act.Err,
			Diagnostics: act.Diagnostics,
		}
	}
	for act := range g.All() {
		if !act.IsRoot && act.Err != nil {
			roots[0].Deps = append(roots[0].Deps, &checker.Action{
				Analyzer: act.Analyzer,
				Package:  act.Package,
				Err:      act.Err,
			})
		}
	}
	return &checker.Graph{Roots: roots}
}
