package main

import (
	"github.com/perflint/perflint/passes/report"

	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// formats are the values -format takes; text is the default.
var formats = []string{"text", "json", "sarif", "github", "checkstyle"}

// checkFormat settles -format against -json, which stays as go vet
// spells it: -json is -format=json.
func checkFormat(o *options) error {
	if o.json {
		if o.format != "" && o.format != "json" {
			return fmt.Errorf("-json and -format=%s conflict", o.format)
		}
		o.format = "json"
	}
	if o.format == "" {
		o.format = "text"
	}
	if !slices.Contains(formats, o.format) {
		return fmt.Errorf("unknown -format %q (want %s)", o.format, strings.Join(formats, ", "))
	}
	return nil
}

// An output is what the printers need to know about one perflint run besides
// its findings.
type output struct {
	graph     *checker.Graph
	analyzers []*analysis.Analyzer // the analyzers that ran: SARIF's rules
	cwd       string               // text and checkstyle name files relative to it
	modRoot   string               // baselines name files relative to it
	srcRoot   string               // SARIF and github name files relative to it
	failed    bool                 // a package failed to load or an analysis failed
	files     *fileCache
}

// finish applies the baseline flags to the findings, prints what is left
// in o.format with a summary, and returns the exit code: with -json, exit
// stays as it came (go vet -json exits 0 on findings); in every other
// format findings make it 3 unless errors made it 1.
func finish(findings []finding, initial []*packages.Package, graph *checker.Graph, analyzers []*analysis.Analyzer, o options, exit int) int {
	cwd, _ := os.Getwd()
	modRoot := moduleRoot(initial, cwd)
	r := &output{
		graph:     graph,
		analyzers: analyzers,
		cwd:       cwd,
		modRoot:   modRoot,
		srcRoot:   sourceRoot(modRoot),
		failed:    exit != 0,
		files:     newFileCache(),
	}
	if o.writeBaseline != "" {
		if err := writeBaseline(o.writeBaseline, newBaseline(findings, r)); err != nil {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			return 1
		}
		return exit
	}
	var sum summary
	if o.baseline != "" {
		b, err := readBaseline(o.baseline)
		if err != nil {
			fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
			return 1
		}
		findings, sum.baselined, sum.stale = b.filter(findings, initial, r)
	}
	sum.findings = findings
	if err := printFindings(os.Stdout, os.Stderr, o.format, findings, r); err != nil {
		fmt.Fprintf(os.Stderr, "perflint: %v\n", err)
		return 1
	}
	if o.format == "text" {
		sum.print(os.Stderr, o.baseline)
		if report.ProfileInUse() {
			fmt.Fprintln(os.Stderr, hotSummary(findings))
		}
	}
	if len(findings) > 0 && exit == 0 && o.format != "json" {
		exit = 3
	}
	return exit
}

// printFindings writes findings in format: text to stderr, as go vet does, and
// the machine formats to stdout, for redirecting to a file.
func printFindings(stdout, stderr io.Writer, format string, findings []finding, r *output) error {
	switch format {
	case "json":
		return printJSON(stdout, findings, r)
	case "sarif":
		return printSARIF(stdout, findings, r)
	case "github":
		return printGitHub(stdout, findings, r)
	case "checkstyle":
		return printCheckstyle(stdout, findings, r)
	}
	for i := range findings {
		f := &findings[i]
		fmt.Fprintf(stderr, "%s: %s (%s)\n", relative(r.cwd, f.posn), f.diag.Message, f.analyzer.Name)
	}
	return nil
}

// moduleRoot returns the directory of the main module of the initial
// packages, or with a go.work the deepest directory that holds all its
// main modules; cwd when no package belongs to a main module (std).
func moduleRoot(initial []*packages.Package, cwd string) string {
	root := ""
	for _, p := range initial {
		if p.Module == nil || !p.Module.Main || p.Module.Dir == "" {
			continue
		}
		dir := filepath.Clean(p.Module.Dir)
		for root != "" && !within(root, dir) {
			parent := filepath.Dir(root)
			if parent == root {
				break
			}
			root = parent
		}
		if root == "" {
			root = dir
		}
	}
	if root == "" {
		return cwd
	}
	return root
}

// sourceRoot returns the root of the repository that holds dir: the
// nearest directory at or above it with a .git entry (a directory, or a
// file in a worktree or submodule); dir itself when there is none. SARIF
// consumers such as GitHub code scanning resolve file paths against the
// repository's root, which differs from the module's when the module
// lives in a subdirectory.
func sourceRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// within reports whether path is dir or below it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// slashRel returns file relative to dir with forward slashes, and true,
// when file is below dir; otherwise file unchanged and false.
func slashRel(dir, file string) (string, bool) {
	if dir == "" || !within(dir, file) {
		return file, false
	}
	rel, _ := filepath.Rel(dir, file)
	return filepath.ToSlash(rel), true
}

// perflintVersion returns perflint's module version from the build
// information: "(devel)" for a binary built inside its own checkout.
func perflintVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// A fileCache holds the source files whose lines columns are counted in.
type fileCache struct {
	files map[string][]byte
}

func newFileCache() *fileCache { return &fileCache{files: make(map[string][]byte)} }

// utf16Column returns the 1-based column of the byte offset of a
// position in UTF-16 code units, which SARIF counts in by default and
// GitHub's annotations too; the byte column, which go vet prints, when
// the file cannot be read or the position lies past its end (a //line
// directive moves positions to another file).
func (c *fileCache) utf16Column(filename string, offset, column int) int {
	src, ok := c.files[filename]
	if !ok {
		src, _ = os.ReadFile(filename)
		c.files[filename] = src
	}
	start := offset - (column - 1)
	if start < 0 || offset > len(src) || column < 1 {
		return column
	}
	line := src[start:offset]
	if !utf8.Valid(line) {
		return column
	}
	n := 0
	for _, r := range string(line) {
		n += utf16.RuneLen(r)
	}
	return n + 1
}
