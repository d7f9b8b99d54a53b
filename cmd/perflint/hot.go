package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/passes/report"
)

// hotFlags registers the report pass's -profile and -hot flags on fs:
// multichecker registers no flag of a required pass.
func hotFlags(fs *flag.FlagSet) {
	for _, name := range []string{"profile", "hot"} {
		f := report.Analyzer.Flags.Lookup(name)
		fs.Var(f.Value, name, f.Usage)
	}
}

// useProfile loads the -profile, or without one the default.pgo files
// beside the main packages of initial, as go build -pgo=auto does. It
// reports false, having said why, when the profile cannot be used.
func useProfile(initial []*packages.Package) bool {
	explicit := report.Analyzer.Flags.Lookup("profile").Value.String()
	if explicit == "" {
		var pgo []string
		for _, p := range initial {
			if p.Name != "main" || len(p.GoFiles) == 0 {
				continue
			}
			f := filepath.Join(filepath.Dir(p.GoFiles[0]), "default.pgo")
			if _, err := os.Stat(f); err == nil && !slices.Contains(pgo, f) {
				pgo = append(pgo, f)
			}
		}
		if len(pgo) == 0 {
			return true
		}
		cwd, _ := os.Getwd()
		shown := make([]string, len(pgo))
		for i, f := range pgo {
			shown[i] = relPath(cwd, f)
		}
		report.Analyzer.Flags.Set("profile", strings.Join(pgo, ","))
		if err := report.LoadProfile(); err != nil {
			// Not asked for: go on without it.
			fmt.Fprintf(os.Stderr, "perflint: warning: not using %v (-profile=off ignores it)\n", err)
			report.Analyzer.Flags.Set("profile", "off")
			return true
		}
		fmt.Fprintf(os.Stderr, "perflint: ranking findings by the CPU profile %s (-profile=off ignores it)\n", strings.Join(shown, ", "))
		return true
	}
	if err := report.LoadProfile(); err != nil {
		fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
		return false
	}
	return true
}

func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return file
}

// sortHot puts the hottest findings first, in position order among
// equals.
func sortHot(findings []finding) {
	slices.SortStableFunc(findings, func(a, b finding) int {
		sa, _ := report.HotShare(a.diag.Message)
		sb, _ := report.HotShare(b.diag.Message)
		return cmp.Compare(sb, sa)
	})
}

// hotSummary is the last line of text output with a profile: how many
// findings there are, how many hold CPU and how much together (each
// sample once), and how many -hot left out. It warns when no analyzed
// file has samples in the profile.
func hotSummary(findings []finding) string {
	shown, hidden := report.HotSummary()
	slices.SortFunc(hidden, func(a, b report.HiddenFinding) int {
		return cmp.Or(cmp.Compare(a.Posn.String(), b.Posn.String()), cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	hidden = slices.Compact(hidden) // a package and its test variant
	hot := 0
	for i := range findings {
		if s, _ := report.HotShare(findings[i].diag.Message); s > 0 {
			hot++
		}
	}
	n := len(findings) + len(hidden)
	line := fmt.Sprintf("%s, %d hot (%.1f%% of CPU)", plural(n, "finding", "findings"), hot, shown)
	if len(hidden) > 0 {
		line += fmt.Sprintf("; %d below -hot=%g hidden", len(hidden), report.HotThreshold())
	}
	if !report.ProfileMatched() {
		line = "perflint: warning: no sample of the profile falls in the analyzed packages: is it a profile of this code?\n" + line
	}
	return line
}

// checkVetProfile stops a go vet -vettool run at a bad -profile with one
// line, before multichecker runs the analysis, which would only say that
// a prerequisite failed. go vet runs perflint on every dependency too,
// only for facts (VetxOnly), which perflint has none of: the profile is
// read only for the packages being vetted.
func checkVetProfile(args []string) {
	var value string
	found := false
	for i, a := range args {
		a = strings.TrimPrefix(a, "-")
		if v, ok := strings.CutPrefix(a, "-profile="); ok {
			value, found = v, true
		} else if v, ok := strings.CutPrefix(a, "profile="); ok {
			value, found = v, true
		} else if (a == "-profile" || a == "profile") && i+1 < len(args) {
			value, found = args[i+1], true
		}
	}
	if !found || len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return
	}
	var cfg struct{ VetxOnly bool }
	if data, err := os.ReadFile(args[len(args)-1]); err != nil || json.Unmarshal(data, &cfg) != nil || cfg.VetxOnly {
		return
	}
	report.Analyzer.Flags.Set("profile", value)
	if err := report.LoadProfile(); err != nil {
		fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
		os.Exit(1)
	}
}
