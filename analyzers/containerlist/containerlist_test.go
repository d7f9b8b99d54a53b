package containerlist_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/containerlist"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestContainerlist(t *testing.T) {
	analysistest.Run(t, testdata, containerlist.Analyzer, "containerlist", "containerlistlru")
}
