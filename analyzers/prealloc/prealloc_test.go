package prealloc_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/prealloc"
)

// testdata is the shared fixture tree (GOPATH layout) of all analyzers.
var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestPrealloc(t *testing.T) {
	analysistest.Run(t, testdata, prealloc.Analyzer, "prealloc")
}

func TestFilter(t *testing.T) {
	if err := prealloc.Analyzer.Flags.Set("filter", "true"); err != nil {
		t.Fatal(err)
	}
	defer prealloc.Analyzer.Flags.Set("filter", "false")
	analysistest.Run(t, testdata, prealloc.Analyzer, "preallocfilter")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, prealloc.Analyzer, "preallocfix")
}

// TestOldGo runs on a go1.20 module, which has neither slices nor max.
func TestOldGo(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, filepath.Join(testdata, "src", "preallocold"), prealloc.Analyzer, "./...")
}
