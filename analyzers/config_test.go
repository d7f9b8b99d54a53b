package analyzers_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers/prealloc"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "testdata"))

// TestConfigTree checks perflint.toml files in a tree of packages: an
// option set at the root and set back below, a skip pattern inherited,
// an analyzer turned off in one directory. Importing package analyzers
// registers the analyzers with the config package.
func TestConfigTree(t *testing.T) {
	analysistest.Run(t, testdata, prealloc.Analyzer, "configtree", "configtree/sub", "configtree/off")
}
