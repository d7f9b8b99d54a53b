package main

import (
	"cmp"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/internal/load"
	"github.com/perflint/perflint/passes/report"
)

// options are the driver's own flags; the analyzers' flags are
// registered beside them as -NAME and -NAME.flag.
type options struct {
	json, fix, diff bool
	test            triState
	tags            string
	cpuprofile      string
	format          string // see format.go
	baseline        string // see baseline.go
	writeBaseline   string
}

// triState is an analyzer's -NAME flag: unset, or set true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) String() string {
	switch *ts {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (ts *triState) Set(v string) error {
	switch v {
	case "true", "1", "t", "T", "TRUE", "True":
		*ts = setTrue
	case "false", "0", "f", "F", "FALSE", "False":
		*ts = setFalse
	default:
		return fmt.Errorf("invalid boolean %q", v)
	}
	return nil
}

func (ts *triState) IsBoolFlag() bool { return true }

// registerFlags registers the driver's flags and every analyzer's, and
// returns a function that tells, after parsing, which analyzers run.
func registerFlags(fs *flag.FlagSet, all []*analysis.Analyzer, o *options) func() []*analysis.Analyzer {
	fs.BoolVar(&o.json, "json", false, "print the analysis JSON tree that go vet -json prints")
	fs.StringVar(&o.format, "format", "", "output format: text (default), json (as -json), sarif, github or checkstyle")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record the current findings in this baseline file and report none")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes, then report the findings left")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of perflint itself to this file")
	fs.StringVar(&o.tags, "tags", "", "a comma-separated list of build tags, as go build takes")
	fs.Var(&o.test, "test", "load test packages (by default only with -testfiles or -fix)")
	tests := report.Analyzer.Flags.Lookup("tests")
	fs.Var(tests.Value, "testfiles", "report findings in _test.go files too (-test=false does not load them at all)")
	hotFlags(fs)
	enabled := make(map[*analysis.Analyzer]*triState, len(all))
	for _, a := range all {
		ts := new(triState)
		enabled[a] = ts
		fs.Var(ts, a.Name, "enable "+a.Name+" analysis")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	return func() []*analysis.Analyzer {
		var on, off bool
		for _, ts := range enabled {
			on = on || *ts == setTrue
			off = off || *ts == setFalse
		}
		var out []*analysis.Analyzer
		for _, a := range all {
			switch {
			case on && *enabled[a] == setTrue, !on && *enabled[a] != setFalse:
				out = append(out, a)
			}
		}
		return out
	}
}

// drive runs analyzers on the packages that patterns name and returns
// the exit code: 1 for errors, 3 for findings (with -fix: findings that
// no fix removed), 0 otherwise; with -fix -diff, 1 when there is a diff.
func drive(analyzers []*analysis.Analyzer, patterns []string, o options) int {
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	// Fixes are checked before they are offered only where somebody
	// applies them or reads them: plain text output costs nothing more.
	report.SetCheckFixes(o.fix || o.format == "json" || o.format == "sarif")

	// Test packages are loaded where their findings are wanted, and
	// for -fix, which applies a fix only where the package's test variant
	// offers it too (so that no fix breaks the tests' build); for plain
	// findings in non-test files they would double the work.
	testfiles := report.Analyzer.Flags.Lookup("tests").Value.String() == "true"
	cfg := &packages.Config{
		Mode:      packages.LoadSyntax | packages.NeedModule,
		Tests:     o.test == setTrue || (o.test == unset && (o.fix || testfiles)),
		ParseFile: load.ParseFile,
	}
	if o.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + o.tags}
	}
	loading := gcWhileLoading()
	initial, err := packages.Load(cfg, patterns...)
	loading.done()
	if err != nil {
		fmt.Fprintln(os.Stderr, loadError(err))
		return 1
	}
	exit := 0
	if len(initial) == 0 {
		fmt.Fprintln(os.Stderr, noPackages(patterns, cfg.BuildFlags))
		return 1
	}
	cwd, _ := os.Getwd()
	if configErrors(os.Stderr, cwd, initial) {
		return 1
	}
	if printErrors(os.Stderr, cwd, initial) {
		exit = 1
	}
	if !useProfile(initial) {
		return 1
	}
	graph, err := analyze(analyzers, initial)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	errs := io.Writer(os.Stderr)
	if o.format == "json" {
		errs = io.Discard // the JSON tree holds them
	}
	findings, failed := collect(graph, patterns, errs)
	findings = dropUsedElsewhere(graph.Roots, findings)
	if failed && o.format != "json" {
		exit = 1
	}
	if o.fix && o.format != "json" {
		left, diffs, err := applyFixes(initial, findings, o.diff)
		if err != nil {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			return 1
		}
		if o.diff {
			// As go fix -diff: the patch on stdout, exit 1 when it is
			// not empty.
			os.Stdout.WriteString(diffs)
			if diffs != "" {
				exit = max(exit, 1)
			}
			return exit
		}
		findings = left
	}
	findings = slices.CompactFunc(findings, sameFinding)
	if report.ProfileInUse() {
		sortHot(findings)
	}
	return finish(findings, initial, graph, analyzers, o, exit)
}

// A finding is one diagnostic of one root action, with the package
// variant that reported it.
type finding struct {
	pkg      *packages.Package
	analyzer *analysis.Analyzer
	diag     analysis.Diagnostic
	posn     token.Position
}

// collect returns the findings of the graph's root actions, sorted by
// position (a package and its test variant report the same finding
// twice: sameFinding tells them), and whether any analysis failed.
// Vendored packages are reported only when a pattern names them: "std"
// and "all" take in copies of other modules their users do not edit.
func collect(graph *checker.Graph, patterns []string, errs io.Writer) (out []finding, failed bool) {
	for _, act := range graph.Roots {
		if p := act.Package.PkgPath; (strings.HasPrefix(p, "vendor/") || strings.Contains(p, "/vendor/")) && !slices.Contains(patterns, p) {
			continue
		}
		if act.Err != nil {
			fmt.Fprintf(errs, "perflint: %s: %v\n", act, act.Err)
			failed = true
			continue
		}
		for _, d := range act.Diagnostics {
			out = append(out, finding{act.Package, act.Analyzer, d, act.Package.Fset.Position(d.Pos)})
		}
	}
	slices.SortStableFunc(out, compareFindings)
	return out, failed
}

// compareFindings orders findings by position, then analyzer and
// message, so that equal findings of two package variants are adjacent.
func compareFindings(a, b finding) int {
	return cmp.Or(
		cmp.Compare(a.posn.Filename, b.posn.Filename),
		cmp.Compare(a.posn.Line, b.posn.Line),
		cmp.Compare(a.posn.Column, b.posn.Column),
		cmp.Compare(a.analyzer.Name, b.analyzer.Name),
		cmp.Compare(a.diag.Message, b.diag.Message),
	)
}

func sameFinding(a, b finding) bool {
	return a.posn == b.posn && a.analyzer == b.analyzer && a.diag.Message == b.diag.Message
}

// relative spells posn with its file relative to dir, as go vet does,
// where the file is below dir.
func relative(dir string, posn token.Position) string {
	posn.Filename = relativeFile(dir, posn.Filename)
	return posn.String()
}

// relativeFile returns file relative to dir where it lies below dir.
func relativeFile(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && dir != "" && !strings.HasPrefix(rel, "..") {
		if !strings.Contains(rel, string(filepath.Separator)) {
			rel = "." + string(filepath.Separator) + rel
		}
		return rel
	}
	return file
}

// gcPhases sets the garbage collector for the two phases of a run.
//
// Loading builds the heap that analysis then reads: syntax and types,
// most of which stay until the end. While it grows the collector runs
// less often than by default (GOGC 130); when it is done, one
// collection drops what the loader no longer holds, and analysis runs at
// Go's default, GOGC 100. Without that collection, analysis allocated on
// top of the loader's garbage, and on a large package (nats-server's
// server) peaked at 1.28x the memory of loading alone; with it, the
// loader's garbage is reused and the collections skipped while loading
// pay for the one made at its end. At GOGC 80 in analysis, a collection
// started near the end of that package's analysis, with heavy mark
// assists: slower and no smaller (see the README for the figures).
// GOGC, when set, wins.
type gcPhases struct{ set bool }

func gcWhileLoading() gcPhases {
	if os.Getenv("GOGC") != "" {
		return gcPhases{}
	}
	debug.SetGCPercent(130)
	return gcPhases{set: true}
}

func (p gcPhases) done() {
	if p.set {
		runtime.GC()
		debug.SetGCPercent(100)
	}
}
