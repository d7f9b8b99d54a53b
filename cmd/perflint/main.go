// Command perflint finds performance anti-patterns in Go code.
//
// Usage:
//
//	perflint [flags] packages
//	go vet -vettool=$(which perflint) [flags] packages
//	go fix -fixtool=$(which perflint) packages
//
// perflint help lists the analyzers; perflint help NAME prints one
// analyzer's documentation and measured cost. It prints findings as
// file:line:col: message (analyzer) with a summary line, or in the
// format -format names (json, sarif, github, checkstyle), and exits 0
// when there are none, 3 when there are findings and 1 on errors (with
// -json, 0 unless it fails). -baseline FILE reports only findings that
// FILE, written by -write-baseline FILE, does not record.
//
// Findings in _test.go files are reported only with -testfiles. The
// -tags flag is ignored by this driver: pass build tags through GOFLAGS,
// as in GOFLAGS=-tags=integration perflint ./...
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
	// The checker keeps every package's results, inspectors included,
	// until the end: a slightly tighter GC holds peak memory within 1.25x
	// of type-checking alone for a few percent of time (measured on std;
	// see the README). GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(80)
	}
	all := analyzers.All()
	if vetProtocol(os.Args[1:]) {
		// go vet -vettool and go fix -fixtool speak unitchecker's
		// protocol, and multichecker dispatches it (and help). Flags of
		// required passes are not registered by it; -testfiles reaches
		// the report pass.
		tests := report.Analyzer.Flags.Lookup("tests")
		flag.Var(tests.Value, "testfiles", "report findings in _test.go files too")
		report.SetCheckFixes(slices.ContainsFunc(os.Args[1:], func(a string) bool {
			return a == "-fix" || a == "-json" || strings.HasPrefix(a, "-fix=") || strings.HasPrefix(a, "-json=")
		}))
		vetDependencies(os.Args[1:])
		multichecker.Main(all...)
		return
	}
	var o options
	enabled := registerFlags(flag.CommandLine, all, &o)
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: perflint [flags] [packages]\n\nperflint help lists the analyzers and flags.\n")
	}
	flag.Parse()
	if err := checkFormat(&o); err != nil {
		fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
		os.Exit(2)
	}
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	checkFiles(patterns)
	os.Exit(drive(enabled(), patterns, o))
}

// vetProtocol reports whether perflint runs under go vet or go fix (a
// .cfg file, -V=full, -flags) or is asked for help: multichecker and
// unitchecker handle those.
func vetProtocol(args []string) bool {
	if len(args) > 0 && args[0] == "help" {
		return true
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-V") || a == "-flags" || strings.HasSuffix(a, ".cfg") {
			return true
		}
	}
	return false
}

// checkFiles exits with a clear error when a .go file named on the
// command line does not exist: go list would otherwise take the name for
// a package path and suggest "go get nosuch.go".
func checkFiles(args []string) {
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") || !strings.HasSuffix(arg, ".go") {
			continue
		}
		if _, err := os.Stat(arg); err != nil {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			os.Exit(1)
		}
	}
}
