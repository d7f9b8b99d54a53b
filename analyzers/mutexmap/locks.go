package mutexmap

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/passes/lockregions"
)

// lockSets tells which mutexes a function of the package locks, directly
// or through the functions and methods of the package it calls
// statically (to a fixed point). Interface and func-value calls are
// unknown and lock nothing.
type lockSets struct {
	byFunc map[*types.Func]map[*types.Var]bool
}

// calls reports whether the static callee of call, a function of the
// package, locks mu (Lock or RLock) directly or through its callees.
func (l *lockSets) calls(pass *analysis.Pass, call *ast.CallExpr, mu *types.Var) bool {
	if l.byFunc == nil {
		l.compute(pass)
	}
	fn, ok := calleeFunc(pass, call)
	if !ok {
		return false
	}
	return l.byFunc[fn.Origin()][mu]
}

func (l *lockSets) compute(pass *analysis.Pass) {
	l.byFunc = make(map[*types.Func]map[*types.Var]bool)
	callees := make(map[*types.Func][]*types.Func)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			set := make(map[*types.Var]bool)
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.GoStmt:
					return false // another goroutine's locks
				case *ast.CallExpr:
					if m := lockregions.MutexCall(pass.TypesInfo, n); m != nil {
						if m.Method == "Lock" || m.Method == "RLock" || m.Method == "TryLock" || m.Method == "TryRLock" {
							set[m.Var] = true
						}
						return true
					}
					if g, ok := calleeFunc(pass, n); ok && g.Pkg() == pass.Pkg {
						callees[fn] = append(callees[fn], g.Origin())
					}
				}
				return true
			})
			l.byFunc[fn] = set
		}
	}
	for changed := true; changed; {
		changed = false
		for fn, cs := range callees {
			set := l.byFunc[fn]
			for _, g := range cs {
				for v := range l.byFunc[g] {
					if !set[v] {
						set[v] = true
						changed = true
					}
				}
			}
		}
	}
}
