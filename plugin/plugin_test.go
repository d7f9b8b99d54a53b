package plugin

import (
	"strings"
	"testing"

	"github.com/perflint/perflint/analyzers/needlesscopy"
	"github.com/perflint/perflint/analyzers/prealloc"
	"github.com/perflint/perflint/passes/report"
)

func names(t *testing.T, settings any) []string {
	t.Helper()
	p, err := New(settings)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := p.BuildAnalyzers()
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	if p.GetLoadMode() != "typesinfo" {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	return out
}

func TestEnableDisable(t *testing.T) {
	if got := names(t, nil); len(got) != 7 {
		t.Errorf("no settings: %v, want all six analyzers and directives", got)
	}
	if got := names(t, map[string]any{"enable": []any{"prealloc", "stringconcat"}}); strings.Join(got, ",") != "prealloc,stringconcat" {
		t.Errorf("enable: %v", got)
	}
	if got := names(t, map[string]any{"disable": []any{"mutexmap"}}); len(got) != 6 || strings.Contains(strings.Join(got, ","), "mutexmap") {
		t.Errorf("disable: %v", got)
	}
}

func TestOptions(t *testing.T) {
	defer prealloc.Analyzer.Flags.Set("filter", "false")
	defer needlesscopy.Analyzer.Flags.Set("size", needlesscopy.Analyzer.Flags.Lookup("size").DefValue)
	names(t, map[string]any{"prealloc": map[string]any{"filter": true}, "needlesscopy": map[string]any{"size": 512}})
	if got := prealloc.Analyzer.Flags.Lookup("filter").Value.String(); got != "true" {
		t.Errorf("prealloc.filter = %s", got)
	}
	if got := needlesscopy.Analyzer.Flags.Lookup("size").Value.String(); got != "512" {
		t.Errorf("needlesscopy.size = %s", got)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		settings map[string]any
		want     string
	}{
		{map[string]any{"enable": []any{"nosuch"}}, `unknown analyzer "nosuch"`},
		{map[string]any{"disable": []any{"prealloc", "nope"}}, `unknown analyzer "nope"`},
		{map[string]any{"nosuch": map[string]any{}}, `unknown setting "nosuch"`},
		{map[string]any{"prealloc": map[string]any{"sizee": 3}}, `unknown option "sizee" for analyzer prealloc (known: filter)`},
		{map[string]any{"needlesscopy": map[string]any{"size": "big"}}, `needlesscopy.size`},
		{map[string]any{"enable": "prealloc"}, `must be a list`},
	} {
		_, err := New(tc.settings)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.settings, err, tc.want)
		}
	}
}

func TestTestsSetting(t *testing.T) {
	defer report.Analyzer.Flags.Set("tests", "false")
	names(t, map[string]any{"tests": true})
	if got := report.Analyzer.Flags.Lookup("tests").Value.String(); got != "true" {
		t.Errorf("tests = %s", got)
	}
}
