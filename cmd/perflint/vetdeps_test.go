package main_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestVetCacheOrder runs go vet -vettool=perflint on a package, then on
// the package it imports, and the other way round, each time on code new
// to the build cache: the imported package's finding is reported in both
// orders.
// (The go command caches a package's vet output under one key whether it
// vetted the package or only a package importing it; see vetdeps.go.)
func TestVetCacheOrder(t *testing.T) {
	const finding = "dep/dep.go:6:3: slice out grows by append"
	for _, order := range [][]string{{"./root", "./dep"}, {"./dep", "./root"}} {
		// A comment no earlier run has seen gives the packages new
		// cache keys (a fresh GOCACHE would rebuild far more).
		stamp := fmt.Sprintf("\n// %d\n", time.Now().UnixNano())
		dir := module(t, map[string]string{
			"dep/dep.go":   strings.Replace(slowGo, "package fx", "package dep", 1) + stamp,
			"root/root.go": "package root\n\nimport \"example.com/fx/dep\"\n\nfunc F() []int { return dep.Names(nil) }\n" + stamp,
		})
		for _, pkg := range order {
			cmd := exec.Command("go", "vet", "-vettool="+perflint, pkg)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			if err == nil || !strings.Contains(string(out), finding) {
				t.Errorf("go vet %s after %s: %v\n%s", pkg, strings.Join(order, " "), err, out)
			}
		}
	}
}
