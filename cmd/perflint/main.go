// Command perflint finds performance anti-patterns in Go code.
//
// Usage:
//
//	perflint [flags] packages
//	go vet -vettool=$(which perflint) [flags] packages
//	go fix -fixtool=$(which perflint) packages
//
// perflint help lists the analyzers and flags; perflint help NAME prints
// one analyzer's documentation and measured cost; perflint version prints
// the version; perflint lsp is a language server for editors (see the
// README). It prints findings as file:line:col: message (analyzer) with
// a summary line, or in the format -format names (json, sarif, github,
// checkstyle), and exits 0 when there are none, 3 when there are
// findings, 1 on errors (with -json, 0 unless it fails) and 2 on a bad
// command line. -baseline FILE reports only findings that FILE, written
// by -write-baseline FILE, does not record.
//
// Findings in _test.go files are reported only with -testfiles. A
// perflint.toml file configures the packages below it (see
// internal/config); flags win over it.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/perflint/perflint/analyzers"
	"github.com/perflint/perflint/passes/report"
)

func main() {
	// Analysis allocates on top of the loaded syntax and types: a
	// slightly tighter GC holds peak memory within 1.25x of
	// type-checking alone for a few percent of time (see the README).
	// The command line sets its own for loading and for analysis (see
	// gcPhases). GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(80)
	}
	if len(os.Args) > 1 && os.Args[1] == "lsp" {
		os.Exit(runLSP(os.Args[2:]))
	}
	all := analyzers.All()
	args := os.Args[1:]
	switch {
	case len(args) > 0 && args[0] == "help":
		os.Exit(help(os.Stdout, all, args[1:]))
	case len(args) == 1 && args[0] == "version", len(args) == 1 && (args[0] == "-V" || args[0] == "--V"):
		printVersion(os.Stdout)
		return
	case len(args) == 1 && (args[0] == "-V=full" || args[0] == "--V=full"):
		if err := printFullVersion(os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if vetProtocol(args) {
		vetOverrides(all, args)
		// go vet -vettool and go fix -fixtool speak unitchecker's
		// protocol, and multichecker dispatches it (and help). Flags of
		// required passes are not registered by it; -testfiles reaches
		// the report pass.
		tests := report.Analyzer.Flags.Lookup("tests")
		flag.Var(tests.Value, "testfiles", "report findings in _test.go files too")
		hotFlags(flag.CommandLine)
		checkVetProfile(os.Args[1:])
		report.SetCheckFixes(slices.ContainsFunc(os.Args[1:], func(a string) bool {
			return a == "-fix" || a == "-json" || strings.HasPrefix(a, "-fix=") || strings.HasPrefix(a, "-json=")
		}))
		vetDependencies(os.Args[1:])
		multichecker.Main(all...)
		return
	}
	var o options
	enabled := registerFlags(flag.CommandLine, all, &o)
	flag.Usage = func() { fmt.Fprint(os.Stderr, usage) }
	flag.Parse()
	if err := checkFormat(&o); err != nil {
		fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
		os.Exit(2)
	}
	patterns := flag.Args()
	for _, p := range patterns {
		if strings.HasPrefix(p, "-") && len(p) > 1 {
			fmt.Fprintf(os.Stderr, "perflint: flag %s after the packages: flags go before them\n%s", p, usage)
			os.Exit(2)
		}
	}
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	checkFiles(patterns)
	on := enabled()
	overrides(flag.CommandLine, all, on)
	os.Exit(drive(analyzers.Roots(on), patterns, o))
}

// vetProtocol reports whether perflint runs under go vet or go fix (a
// .cfg file, -flags): multichecker and unitchecker handle those.
func vetProtocol(args []string) bool {
	for _, a := range args {
		if a == "-flags" || strings.HasSuffix(a, ".cfg") {
			return true
		}
	}
	return false
}

// checkFiles exits with a clear error when a .go file named on the
// command line does not exist: go list would otherwise take the name for
// a package path and suggest "go get nosuch.go". An import path whose
// last element ends in .go (github.com/nats-io/nats.go) is a package, as
// it is to go list.
func checkFiles(args []string) {
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") || !strings.HasSuffix(arg, ".go") {
			continue
		}
		if _, err := os.Stat(arg); err != nil && !importPath(arg) {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			os.Exit(1)
		}
	}
}

// importPath reports whether arg reads as an import path: its first
// element, before a slash, holds a dot and is not . or .. (a domain).
func importPath(arg string) bool {
	first, _, ok := strings.Cut(arg, "/")
	return ok && strings.Contains(first, ".") && first != "." && first != ".."
}
