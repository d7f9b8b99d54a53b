package needlesscopy_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/needlesscopy"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestNeedlesscopy(t *testing.T) {
	analysistest.Run(t, testdata, needlesscopy.Analyzer, "needlesscopy")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, needlesscopy.Analyzer, "needlesscopyfix")
}

func TestReceivers(t *testing.T) {
	analysistest.Run(t, testdata, needlesscopy.Analyzer, "needlesscopyrecv")
}

func TestPassedOn(t *testing.T) {
	analysistest.Run(t, testdata, needlesscopy.Analyzer, "needlesscopypass")
}

func TestRanges(t *testing.T) {
	analysistest.Run(t, testdata, needlesscopy.Analyzer, "needlesscopyrange")
}

func TestWriters(t *testing.T) {
	analysistest.Run(t, testdata, needlesscopy.Analyzer, "needlesscopywrite")
}

func TestWriterFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, needlesscopy.Analyzer, "needlesscopywritefix")
}
