package plugin

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/internal/hotprog"
	"github.com/perflint/perflint/passes/report"
)

// TestProfileSettings runs the analyzers the plugin builds, with the
// profile and hot settings, on a program profiled for a second: the hot
// prealloc finding is reported with its share, the cold stringconcat one
// is not.
func TestProfileSettings(t *testing.T) {
	defer report.Analyzer.Flags.Set("profile", "")
	defer report.Analyzer.Flags.Set("hot", "0")
	prof, err := hotprog.Profile(t.TempDir(), "1s")
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(map[string]any{"enable": []any{"prealloc", "stringconcat"}, "profile": prof, "hot": 10})
	if err != nil {
		t.Fatal(err)
	}
	as, _ := p.BuildAnalyzers()
	dir := t.TempDir()
	if err := hotprog.Write(dir); err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax, Dir: dir}, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the program: %v", err)
	}
	graph, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			got = append(got, act.Analyzer.Name+": "+d.Message)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "prealloc: slice out grows by append") {
		t.Fatalf("with profile and hot: 10, got %q, want the prealloc finding alone", got)
	}
	if share, ok := report.HotShare(got[0]); !ok || share < 10 {
		t.Errorf("share %v in %q, want at least 10", share, got[0])
	}
}

func TestBadProfileSetting(t *testing.T) {
	defer report.Analyzer.Flags.Set("profile", "")
	_, err := New(map[string]any{"profile": "nosuch.pprof"})
	if err == nil || !strings.Contains(err.Error(), "nosuch.pprof") {
		t.Errorf("profile: nosuch.pprof: error %v", err)
	}
	if _, err := New(map[string]any{"hot": "lots"}); err == nil || !strings.Contains(err.Error(), "hot") {
		t.Errorf("hot: lots: error %v", err)
	}
}
