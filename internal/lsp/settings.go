package lsp

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/analyzers"
	"github.com/perflint/perflint/internal/config"
	"github.com/perflint/perflint/passes/report"
)

// Settings are what the editor sets, in initializationOptions and in
// workspace/didChangeConfiguration (there also under a "perflint" key,
// as clients that keep one settings object for every server send them).
// They have the golangci-lint plugin's shape:
//
//	{"disable": ["mutexmap"], "tests": false, "needlesscopy": {"size": 512}}
//
// enable and disable list analyzer names, tests reports findings in
// _test.go files, and a map per analyzer sets its options, named as its
// command-line flags without the analyzer prefix. profile (CPU profiles,
// comma-separated, relative to the workspace root) and hot set
// profile-guided mode: the server says when this build cannot use them.
//
// The perflint.toml files above each package apply as on the command
// line, and the settings win over them as flags do: an option set here
// replaces the files' value, and enable or disable, when either is set,
// decides which analyzers run everywhere. There is no setting that names
// a config file: the editor reads the files that CI and the command line
// read.
type Settings struct {
	Enable, Disable []string
	Tests           bool
	Options         map[string]map[string]string // analyzer -> option -> value
	Profile         string
	Hot             string
}

// parseSettings decodes raw; null or an empty object is the defaults.
// An unknown analyzer, option or setting is an error that names it.
func parseSettings(raw json.RawMessage, all []*analysis.Analyzer) (*Settings, error) {
	st := &Settings{Options: make(map[string]map[string]string)}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return st, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("settings must be an object: %v", err)
	}
	if inner, ok := m["perflint"]; ok && len(m) == 1 {
		m = nil
		if err := json.Unmarshal(inner, &m); err != nil {
			return nil, fmt.Errorf("settings.perflint must be an object: %v", err)
		}
	}
	byName := make(map[string]*analysis.Analyzer, len(all))
	for _, a := range all {
		byName[a.Name] = a
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		v := m[key]
		var err error
		switch key {
		case "enable":
			st.Enable, err = analyzerNames(key, v, byName)
		case "disable":
			st.Disable, err = analyzerNames(key, v, byName)
		case "tests":
			if err = json.Unmarshal(v, &st.Tests); err != nil {
				err = fmt.Errorf("setting tests must be true or false")
			}
		case "profile":
			if err = json.Unmarshal(v, &st.Profile); err != nil {
				err = fmt.Errorf("setting profile must be a file name")
			}
		case "config":
			err = fmt.Errorf("unknown setting %q: perflint reads the %s files above each package, as on the command line", key, config.FileName)
		case "hot":
			st.Hot, err = scalar(v)
			if err != nil {
				err = fmt.Errorf("setting hot must be a percentage")
			}
		default:
			a := byName[strings.ToLower(key)]
			if a == nil {
				return nil, fmt.Errorf("unknown setting %q: not an analyzer (known: %s) nor enable, disable, tests, profile or hot", key, config.AnalyzerNames(all))
			}
			st.Options[a.Name], err = analyzerOptions(a, v)
		}
		if err != nil {
			return nil, err
		}
	}
	return st, nil
}

func analyzerNames(key string, v json.RawMessage, byName map[string]*analysis.Analyzer) ([]string, error) {
	var names []string
	if err := json.Unmarshal(v, &names); err != nil {
		return nil, fmt.Errorf("setting %s must be a list of analyzer names", key)
	}
	for i, n := range names {
		names[i] = strings.ToLower(n)
		if byName[names[i]] == nil {
			all := make([]*analysis.Analyzer, 0, len(byName))
			for _, a := range byName {
				all = append(all, a)
			}
			return nil, fmt.Errorf("setting %s: unknown analyzer %q (known: %s)", key, n, config.AnalyzerNames(all))
		}
	}
	return names, nil
}

func analyzerOptions(a *analysis.Analyzer, v json.RawMessage) (map[string]string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		return nil, fmt.Errorf("setting %s must be an object of its options", a.Name)
	}
	out := make(map[string]string, len(m))
	for opt, raw := range m {
		f := a.Flags.Lookup(strings.ToLower(opt))
		if f == nil {
			return nil, fmt.Errorf("unknown option %q for analyzer %s (known: %s)", opt, a.Name, config.OptionNames(a))
		}
		s, err := scalar(raw)
		if err != nil {
			return nil, fmt.Errorf("option %s.%s must be a number, a string or true or false", a.Name, opt)
		}
		// The value is checked when it is set, by the analysis worker:
		// flags are global and only the worker touches them.
		out[f.Name] = s
	}
	return out, nil
}

// scalar returns a JSON number, string or boolean as flag.Value.Set takes it.
func scalar(raw json.RawMessage) (string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	switch v := v.(type) {
	case string:
		return v, nil
	case bool, float64:
		return string(bytes.TrimSpace(raw)), nil
	}
	return "", fmt.Errorf("not a scalar")
}

// apply sets the analyzers' flags and the report pass's tests flag from
// st, over their defaults, and returns the analyzers to run, as
// [analyzers.Roots] returns them for the enabled ones. As the command
// line's flags do, the options st sets win over the perflint.toml files,
// and enable or disable, when either is set, turns each analyzer on or
// off everywhere; without them the files decide.
func (st *Settings) apply(all []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	if err := report.Analyzer.Flags.Set("tests", fmt.Sprint(st.Tests)); err != nil {
		return nil, err
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		for name, v := range st.Options[a.Name] {
			if err := a.Flags.Set(name, v); err != nil {
				return nil, fmt.Errorf("option %s.%s: invalid value %q: %v", a.Name, name, v, err)
			}
			config.Override(a.Name, name)
		}
		on := (len(st.Enable) == 0 || slices.Contains(st.Enable, a.Name)) && !slices.Contains(st.Disable, a.Name)
		if on {
			out = append(out, a)
		}
		if len(st.Enable) > 0 || len(st.Disable) > 0 {
			config.Force(a.Name, on)
		}
	}
	return analyzers.Roots(out), nil
}

// resetFlags sets every flag of the analyzers and of the report pass to
// its default, and undoes the overrides of the perflint.toml files, so
// that an option or switch the editor no longer sets goes back to the
// files' value or the default.
func resetFlags(all []*analysis.Analyzer) {
	reset := func(f *flag.Flag) { f.Value.Set(f.DefValue) }
	for _, a := range all {
		a.Flags.VisitAll(reset)
	}
	report.Analyzer.Flags.VisitAll(reset)
	config.ResetOverrides()
}
