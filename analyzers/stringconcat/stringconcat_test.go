package stringconcat_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/stringconcat"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestStringconcat(t *testing.T) {
	analysistest.Run(t, testdata, stringconcat.Analyzer, "stringconcat")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, stringconcat.Analyzer, "stringconcatfix")
}
