package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/internal/config"
)

// repoURL is perflint's repository, and costsURL its table of measured
// costs (analyzers/internal/docs links the same).
const (
	repoURL  = "https://github.com/perflint/perflint"
	costsURL = repoURL + "/blob/main/docs/costs.md"
)

// usage is what a bad command line prints, as go vet's is, short.
const usage = "usage: perflint [flags] [packages]\nRun 'perflint help' for the flags and analyzers.\n"

// help prints perflint's help, or with a name that analyzer's
// documentation, and returns the exit code.
func help(w io.Writer, all []*analysis.Analyzer, args []string) int {
	fs := flag.NewFlagSet("perflint", flag.ContinueOnError)
	registerFlags(fs, all, new(options))
	if len(args) == 0 {
		io.WriteString(w, helpText)
		tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
		for _, a := range all {
			summary, _, _ := strings.Cut(a.Doc, "\n")
			fmt.Fprintf(tw, "\t%s\t%s\n", a.Name, summary)
		}
		tw.Flush()
		fmt.Fprintf(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fmt.Fprintf(w, "\nperflint help NAME prints an analyzer's documentation, its options and its\nmeasured cost (%s).\n", costsURL)
		return 0
	}
	if len(args) > 1 {
		fmt.Fprintf(os.Stderr, "perflint: help takes one analyzer name\n")
		return 2
	}
	for _, a := range all {
		if a.Name != args[0] {
			continue
		}
		fmt.Fprintf(w, "%s: %s\n", a.Name, a.Doc)
		var opts []*flag.Flag
		a.Flags.VisitAll(func(f *flag.Flag) { opts = append(opts, f) })
		if len(opts) > 0 {
			fmt.Fprintf(w, "\nFlags (in %s, the keys of a [%s] table):\n", config.FileName, a.Name)
			for _, f := range opts {
				ff := fs.Lookup(a.Name + "." + f.Name)
				name, use := flag.UnquoteUsage(ff)
				if name != "" {
					name = " " + name
				}
				if f.DefValue != "" && f.DefValue != "false" {
					use += " (default " + f.DefValue + ")"
				}
				fmt.Fprintf(w, "  -%s.%s%s\n    \t%s\n", a.Name, f.Name, name, use)
			}
		}
		return 0
	}
	fmt.Fprintf(os.Stderr, "perflint: unknown analyzer %q; perflint help lists them\n", args[0])
	return 2
}

const helpText = `perflint finds performance anti-patterns in Go code and shows, with
benchmarks, what each one costs.

Usage:

	perflint [flags] [packages]       lint the packages (default .)
	perflint help [analyzer]          this text, or one analyzer's documentation
	perflint version                  print perflint's version
	perflint lsp                      a language server for editors, beside gopls
	go vet -vettool=$(which perflint) [flags] [packages]
	go fix -fixtool=$(which perflint) [-diff] [packages]

perflint prints findings as file:line:col: message (analyzer) and exits 0
when there are none, 3 when there are findings, 1 on errors (a package
that does not build, a bad perflint.toml) and 2 on a bad command line.

Findings in _test.go files are reported only with -testfiles. A
//perflint:ignore NAME reason comment silences analyzer NAME on its line
and the next; //perflint:file-ignore NAME reason in its whole file.

A perflint.toml file configures the packages in its directory and below:
which analyzers run, files to skip and the analyzers' options. Flags win
over it. See ` + repoURL + `#config-file.

perflint lsp speaks the Language Server Protocol on stdin and stdout: it
publishes the findings of a Go file's package when the file is opened or
saved, with quick fixes, under the same perflint.toml files; the editor's
settings win over them as flags do. See ` + repoURL + `#editors-perflint-lsp.

Analyzers:

`

// version returns perflint's module version and the VCS revision it
// was built from, as far as the build recorded them.
func version() (vers string, details []string) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)", nil
	}
	vers = info.Main.Version
	if vers == "" {
		vers = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev != "" {
		d := "revision " + rev
		if when != "" {
			d += " " + when
		}
		if modified {
			d += " modified"
		}
		details = append(details, d)
	}
	return vers, append(details, "built with "+info.GoVersion)
}

// printVersion prints perflint version's line.
func printVersion(w io.Writer) {
	vers, details := version()
	fmt.Fprintf(w, "perflint %s (%s)\n", vers, strings.Join(details, ", "))
}

// printFullVersion prints the line the go command asks a vet tool for
// with -V=full, the key of its cache of the tool's results: "perflint
// version VERSION ... buildID=HASH". cmd/go takes the whole line as the
// key for a release version, and the last field for a version that
// contains "devel" (as "(devel)" does); the hash ends it either way. It
// hashes the executable, so that a rebuilt perflint never reuses its
// predecessor's results, and the perflint.toml files of the module go
// runs in (see configFiles), which are no input of a package that cmd/go
// knows.
func printFullVersion(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	for _, file := range configFiles() {
		if data, err := os.ReadFile(file); err == nil {
			fmt.Fprintf(h, "%s\x00%d\x00", file, len(data))
			h.Write(data)
		}
	}
	vers, _ := version()
	var line strings.Builder
	line.WriteString("perflint version " + vers)
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				line.WriteString(" " + s.Key + "=" + s.Value)
			}
		}
	}
	_, err = fmt.Fprintf(w, "%s buildID=%02x\n", line.String(), h.Sum(nil))
	return err
}

// configFiles returns the perflint.toml files that may apply to the
// packages of the module around the current directory: those in and
// above its root, and those below it, in directories that hold packages
// (not testdata, nor names starting with . or _).
func configFiles() []string {
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	root := cwd
	for d := cwd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			root = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	var files []string
	for d := filepath.Dir(root); ; d = filepath.Dir(d) {
		files = append(files, filepath.Join(d, config.FileName))
		if filepath.Dir(d) == d {
			break
		}
	}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (n == "testdata" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == config.FileName {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// vetOverrides tells the config package which analyzers and options the
// flags among args set, under go vet and go fix, where multichecker
// parses the flags: the flags win over perflint.toml files there too.
func vetOverrides(all []*analysis.Analyzer, args []string) {
	fs := flag.NewFlagSet("perflint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	enabled := registerFlags(fs, all, new(options))
	var known []string
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && fs.Lookup(name) != nil {
			known = append(known, a)
		}
	}
	// multichecker parses the same flags into the same values again.
	fs.Parse(known)
	overrides(fs, all, enabled())
}

// overrides tells the config package what the parsed flags of fs set:
// options set win over the files; when any -NAME flag was given, the
// analyzers enabled (out of all) run everywhere and the others nowhere.
func overrides(fs *flag.FlagSet, all []*analysis.Analyzer, enabled []*analysis.Analyzer) {
	byName := make(map[string]bool)
	for _, a := range all {
		byName[a.Name] = true
	}
	forced := false
	fs.Visit(func(f *flag.Flag) {
		if a, opt, ok := strings.Cut(f.Name, "."); ok && byName[a] {
			config.Override(a, opt)
		} else if byName[f.Name] {
			forced = true
		}
	})
	if !forced {
		return
	}
	on := make(map[*analysis.Analyzer]bool, len(enabled))
	for _, a := range enabled {
		on[a] = true
	}
	for _, a := range all {
		config.Force(a.Name, on[a])
	}
}
