package directives_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/analyzers"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

// TestDirectives runs the directives analyzer of a run of every
// analyzer (analyzers.All ends with it).
func TestDirectives(t *testing.T) {
	all := analyzers.All()
	analysistest.Run(t, testdata, all[len(all)-1], "directives", "directivesoff")
}
