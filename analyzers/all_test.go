package analyzers

import (
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestGuard checks that a panic in an analyzer becomes an error of its
// analysis of the package that names the analyzer and the package.
func TestGuard(t *testing.T) {
	a := &analysis.Analyzer{Name: "boom", Run: func(*analysis.Pass) (any, error) { panic("oops") }}
	guard(a)
	_, err := a.Run(&analysis.Pass{Pkg: types.NewPackage("example.com/p", "p")})
	if err == nil || !strings.Contains(err.Error(), "internal error in boom on example.com/p") || !strings.Contains(err.Error(), "oops") {
		t.Errorf("guarded panic: err = %v", err)
	}
}
