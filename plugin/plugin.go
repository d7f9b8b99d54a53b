// Package plugin is perflint's golangci-lint v2 module plugin.
//
// Build a golangci-lint binary that includes it with golangci-lint custom
// and the .custom-gcl.yml at the root of this repository, then enable it
// as in .golangci.example.yml beside this file:
//
//	linters:
//	  enable: [perflint]
//	  settings:
//	    custom:
//	      perflint:
//	        type: module
//	        settings:
//	          disable: [mutexmap]
//	          needlesscopy:
//	            size: 512
//
// Settings: enable and disable (lists of analyzer names), tests (report
// findings in _test.go files), profile (CPU profiles, comma-separated,
// that rank findings by the share of CPU in their code) and hot (report
// only findings at or above this percentage of CPU), and one map per
// analyzer with its options,
// named as its command-line flags without the analyzer prefix. An
// unknown analyzer or option is an error that names it. perflint.toml
// files apply as with perflint itself; the settings win over them.
package plugin

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/analyzers"
	"github.com/perflint/perflint/internal/config"
	"github.com/perflint/perflint/passes/report"
)

func init() {
	register.Plugin("perflint", New)
}

type perflint struct {
	analyzers []*analysis.Analyzer
}

// New decodes the plugin settings, applies each analyzer's options and
// returns the plugin with the enabled analyzers.
func New(settings any) (register.LinterPlugin, error) {
	raw, err := register.DecodeSettings[map[string]any](settings)
	if err != nil {
		return nil, fmt.Errorf("perflint: %w", err)
	}
	all := analyzers.All()
	byName := make(map[string]*analysis.Analyzer, len(all))
	for _, a := range all {
		byName[a.Name] = a
	}
	names := func(key string) ([]string, error) {
		v, ok := raw[key]
		if !ok || v == nil {
			return nil, nil
		}
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("perflint: setting %s must be a list of analyzer names", key)
		}
		out := make([]string, 0, len(list))
		for _, x := range list {
			name := strings.ToLower(fmt.Sprint(x))
			if byName[name] == nil {
				return nil, fmt.Errorf("perflint: %s: unknown analyzer %q (known: %s)", key, name, config.AnalyzerNames(slices.Collect(maps.Values(byName))))
			}
			out = append(out, name)
		}
		return out, nil
	}
	enable, err := names("enable")
	if err != nil {
		return nil, err
	}
	disable, err := names("disable")
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		switch key {
		case "enable", "disable":
			continue
		case "tests", "profile", "hot":
			if err := report.Analyzer.Flags.Set(key, fmt.Sprint(raw[key])); err != nil {
				return nil, fmt.Errorf("perflint: %s: %v", key, err)
			}
			continue
		}
		a := byName[key]
		if a == nil {
			return nil, fmt.Errorf("perflint: unknown setting %q: not an analyzer (known: %s) nor enable, disable, tests, profile or hot", key, config.AnalyzerNames(slices.Collect(maps.Values(byName))))
		}
		opts, ok := raw[key].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("perflint: setting %s must be a map of its options", key)
		}
		for opt, v := range opts {
			f := a.Flags.Lookup(strings.ToLower(opt))
			if f == nil {
				return nil, fmt.Errorf("perflint: unknown option %q for analyzer %s (known: %s)", opt, key, config.OptionNames(a))
			}
			if err := f.Value.Set(fmt.Sprint(v)); err != nil {
				return nil, fmt.Errorf("perflint: %s.%s: %v", key, opt, err)
			}
			config.Override(a.Name, f.Name) // wins over perflint.toml files
		}
	}
	if err := report.LoadProfile(); err != nil {
		return nil, fmt.Errorf("perflint: %w", err)
	}
	p := &perflint{}
	for _, a := range all {
		on := (len(enable) == 0 || slices.Contains(enable, a.Name)) && !slices.Contains(disable, a.Name)
		if on {
			p.analyzers = append(p.analyzers, a)
		}
		if len(enable) > 0 || len(disable) > 0 {
			config.Force(a.Name, on) // the settings win over perflint.toml files
		}
	}
	p.analyzers = analyzers.Roots(p.analyzers)
	return p, nil
}

func (p *perflint) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode: every analyzer needs types.
func (p *perflint) GetLoadMode() string { return register.LoadModeTypesInfo }
