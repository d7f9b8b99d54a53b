package main_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestVetCacheOrder runs go vet -vettool=perflint on a package, then on
// a package it imports, and the other way round, each time on code new to
// the build cache: the imported package's finding is reported in both
// orders. (The go command caches a package's vet output under one key
// whether it vetted the package or only a package importing it; see
// vetdeps.go.) A package with tests of its own, whose test variant go vet
// vets, still has its finding reported once.
func TestVetCacheOrder(t *testing.T) {
	const (
		depFinding = "dep/dep.go:6:3: slice out grows by append"
		libFinding = "lib/lib.go:6:3: slice out grows by append"
	)
	for _, order := range [][]string{{"./root", "./dep"}, {"./dep", "./root"}, {"./root", "./..."}} {
		// A comment no earlier run has seen gives the packages new
		// cache keys (a fresh GOCACHE would rebuild far more).
		stamp := fmt.Sprintf("\n// %d\n", time.Now().UnixNano())
		dir := module(t, map[string]string{
			"dep/dep.go":      strings.Replace(slowGo, "package fx", "package dep", 1) + stamp,
			"lib/lib.go":      strings.Replace(slowGo, "package fx", "package lib", 1) + stamp,
			"lib/lib_test.go": "package lib\n\nimport \"testing\"\n\nfunc TestNames(t *testing.T) { Names(nil) }\n" + stamp,
			"root/root.go":    "package root\n\nimport (\n\t\"example.com/fx/dep\"\n\t\"example.com/fx/lib\"\n)\n\nfunc F() []int { return append(dep.Names(nil), lib.Names(nil)...) }\n" + stamp,
		})
		for _, pkg := range order {
			cmd := exec.Command("go", "vet", "-vettool="+perflint, pkg)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			want := map[string]int{depFinding: 1}
			if pkg == "./..." {
				want[libFinding] = 1
			}
			for finding, n := range want {
				if got := strings.Count(string(out), finding); err == nil || got != n {
					t.Errorf("go vet %s (order %s): %v, %q %d times, want %d:\n%s", pkg, strings.Join(order, " "), err, finding, got, n, out)
				}
			}
		}
	}
}
