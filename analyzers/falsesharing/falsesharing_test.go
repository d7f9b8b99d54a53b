package falsesharing_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/falsesharing"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestFalsesharing(t *testing.T) {
	analysistest.Run(t, testdata, falsesharing.Analyzer, "falsesharing")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, falsesharing.Analyzer, "falsesharingfix", "falsesharingcpu")
}
