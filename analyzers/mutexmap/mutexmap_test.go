package mutexmap_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/mutexmap"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestMutexmap(t *testing.T) {
	analysistest.Run(t, testdata, mutexmap.Analyzer, "mutexmap", "mutexmapreads")
}
