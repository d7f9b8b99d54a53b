package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const filterGo = `package fx

func Positives(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}
`

// TestConfig checks perflint.toml files: an option set at the root and
// inherited, an analyzer turned off below, a skip pattern, and flags that
// win over the files.
func TestConfig(t *testing.T) {
	dir := module(t, map[string]string{
		"perflint.toml":      "skip = [\"gen_*.go\"]\n\n[prealloc]\nfilter = true\n",
		"fx.go":              filterGo,
		"gen_fx.go":          strings.Replace(slowGo, "func Names", "func names", 1),
		"off/perflint.toml":  "analyzers = [\"inherit\", \"-prealloc\"]\n",
		"off/off.go":         strings.Replace(slowGo, "package fx", "package off", 1),
		"deep/down/down.go":  strings.Replace(filterGo, "package fx", "package down", 1),
		"deep/perflint.toml": "# a file that sets nothing inherits everything\n",
	})
	const (
		fx   = "./fx.go:7:4: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n"
		down = "deep/down/down.go:7:4: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n"
		off  = "off/off.go:6:3: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n"
	)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"./..."}, down + fx + "2 findings in 2 files: prealloc 2\n"},
		{[]string{"-prealloc.filter=false", "./..."}, ""},
		{[]string{"-prealloc", "./..."}, down + fx + off + "3 findings in 3 files: prealloc 3\n"},
		{[]string{"-prealloc=false", "./..."}, ""},
	} {
		out, code := run(t, dir, perflint, tc.args...)
		if out != tc.want || code != map[bool]int{true: 0, false: 3}[tc.want == ""] {
			t.Errorf("perflint %v: exit %d, output:\n%s\nwant:\n%s", tc.args, code, out, tc.want)
		}
	}

	// go vet runs perflint once per package, in its directory: the files
	// apply there too, and a change of a file is a change of the tool
	// for go vet's cache.
	out, _ := run(t, dir, "go", "vet", "-vettool="+perflint, "./...")
	if !strings.Contains(out, "fx.go:7:4: slice out grows") || strings.Contains(out, "off.go") || strings.Contains(out, "gen_fx.go") {
		t.Errorf("go vet -vettool:\n%s", out)
	}
	os.Remove(filepath.Join(dir, "off", "perflint.toml"))
	if out, _ := run(t, dir, "go", "vet", "-vettool="+perflint, "./..."); !strings.Contains(out, "off.go:6:3") {
		t.Errorf("go vet -vettool after removing off/perflint.toml:\n%s", out)
	}
}

// TestConfigErrors checks that a mistake in perflint.toml is printed
// once, with its file and line, and stops the run.
func TestConfigErrors(t *testing.T) {
	dir := module(t, map[string]string{
		"fx.go":             slowGo,
		"sub/perflint.toml": "analyzers = [\"all\"]\n\n[prealloc]\nfiltr = true\n",
		"sub/a/a.go":        "package a\n",
		"sub/b/b.go":        "package b\n",
	})
	want := "sub/perflint.toml:4: unknown option \"filtr\" of prealloc (known: filter)\n"
	if out, code := run(t, dir, perflint, "./..."); code != 1 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}
	out, code := run(t, dir, "go", "vet", "-vettool="+perflint, "./sub/a")
	if code != 1 || !strings.Contains(out, "a.go:1:1: ../perflint.toml:4: unknown option \"filtr\" of prealloc") {
		t.Errorf("go vet -vettool: exit %d, output:\n%s", code, out)
	}
}

// TestDirectives checks the directives analyzer's reports through the
// driver: a misspelt name, a directive that silences nothing, and none
// for a directive in a _test.go file whose findings are not reported.
func TestDirectives(t *testing.T) {
	dir := module(t, map[string]string{
		"fx.go": strings.Replace(slowGo, "\t\tout = append(out, x)\n", "\t\t//perflint:ignore preallocc few items\n\t\tout = append(out, x)\n", 1),
		"stale.go": `//perflint:file-ignore stringconcat built once

package fx

func Stale(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		//perflint:ignore prealloc few items
		out = append(out, x)
	}
	return out
}
`,
		"fx_test.go": "package fx\n\n//perflint:ignore prealloc nothing here\nvar _ = 1\n",
	})
	want := "./fx.go:6:3: unknown analyzer preallocc in perflint:ignore directive; want one of containerlist, directives, falsesharing, mutexmap, needlesscopy, prealloc, stringconcat (directives)\n" +
		"./fx.go:7:3: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n" +
		"./stale.go:1:1: perflint:file-ignore directive for stringconcat silences no finding in this file; remove it (directives)\n" +
		"./stale.go:8:3: perflint:ignore directive for prealloc silences no finding; remove it (directives)\n" +
		"4 findings in 2 files: directives 3, prealloc 1\n"
	for _, args := range [][]string{{"./..."}, {"-test", "./..."}} {
		if out, code := run(t, dir, perflint, args...); code != 3 || out != want {
			t.Errorf("perflint %v: exit %d, output:\n%s\nwant:\n%s", args, code, out, want)
		}
	}
	if out, _ := run(t, dir, perflint, "-directives=false", "./..."); strings.Contains(out, "(directives)") {
		t.Errorf("-directives=false:\n%s", out)
	}
	if out, _ := run(t, dir, perflint, "-testfiles", "./..."); !strings.Contains(out, "fx_test.go:3:1: perflint:ignore directive for prealloc silences no finding") {
		t.Errorf("-testfiles: the directive in fx_test.go is not reported:\n%s", out)
	}
}

// TestPackageErrors checks go vet's form of package errors: each once,
// files relative to the current directory, and exit 1 even when other
// packages have findings.
func TestPackageErrors(t *testing.T) {
	dir := module(t, map[string]string{
		"fx.go":              slowGo,
		"syntax/syntax.go":   "package syntax\n\nfunc F( {\n",
		"typeerr/typeerr.go": "package typeerr\n\nfunc F() int { return \"s\" }\n",
		"imp/imp.go":         "package imp\n\nimport \"example.com/nope\"\n\nvar _ = nope.X\n",
	})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"./syntax"}, "# example.com/fx/syntax\nsyntax/syntax.go:3:9: expected ')', found '{'\n"},
		{[]string{"-test", "./typeerr"}, "# example.com/fx/typeerr\ntypeerr/typeerr.go:3:23: cannot use \"s\" (untyped string constant) as int value in return statement\n"},
		{[]string{"./imp"}, "imp/imp.go:3:8: no required module provides package example.com/nope; to add it:\n\tgo get example.com/nope\n"},
		{[]string{".", "./typeerr"}, "# example.com/fx/typeerr\ntypeerr/typeerr.go:3:23: cannot use \"s\" (untyped string constant) as int value in return statement\n" +
			"./fx.go:6:3: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n" +
			"1 finding in 1 file: prealloc 1\n"},
	} {
		if out, code := run(t, dir, perflint, tc.args...); code != 1 || out != tc.want {
			t.Errorf("perflint %v: exit %d, output:\n%s\nwant:\n%s", tc.args, code, out, tc.want)
		}
	}
}

// TestCommandLine checks what a bad command line prints: a short usage,
// exit 2.
func TestCommandLine(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": slowGo})
	const usage = "usage: perflint [flags] [packages]\nRun 'perflint help' for the flags and analyzers.\n"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"./...", "-prealloc=false"}, "perflint: flag -prealloc=false after the packages: flags go before them\n" + usage},
		{[]string{"-bogus", "./..."}, "flag provided but not defined: -bogus\n" + usage},
		{[]string{"help", "nosuch"}, "perflint: unknown analyzer \"nosuch\"; perflint help lists them\n"},
	} {
		if out, code := run(t, dir, perflint, tc.args...); code != 2 || out != tc.want {
			t.Errorf("perflint %v: exit %d, output:\n%s\nwant:\n%s", tc.args, code, out, tc.want)
		}
	}
}

// TestOutsideModule checks that the go command's own message reaches the
// user, without a wrapper.
func TestOutsideModule(t *testing.T) {
	if out, code := run(t, t.TempDir(), perflint); code != 1 || out != "go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n" {
		t.Errorf("no module: exit %d, output:\n%s", code, out)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/new\n\ngo 1.999\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "n.go"), []byte("package n\n"), 0o644)
	cmd := exec.Command(perflint, "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	out, _ := cmd.CombinedOutput()
	if !regexp.MustCompile(`^go: go.mod requires go >= 1.999 \(running go \S+; GOTOOLCHAIN=local\)\n$`).Match(out) {
		t.Errorf("newer go.mod:\n%s", out)
	}
}

// TestVersion checks -V=full, the go command's key for perflint's
// results, and perflint version.
func TestVersion(t *testing.T) {
	out, code := run(t, ".", perflint, "-V=full")
	if code != 0 || !regexp.MustCompile(`^perflint version \S+( vcs\.\S+)* buildID=[0-9a-f]{64}\n$`).MatchString(out) {
		t.Errorf("-V=full: exit %d, output %q", code, out)
	}
	if strings.Contains(out, "comments-go-here") {
		t.Errorf("-V=full prints x/tools' placeholder: %q", out)
	}
	out, code = run(t, ".", perflint, "version")
	if code != 0 || !regexp.MustCompile(`^perflint \S+ \(.*built with go1\.\S+\)\n$`).MatchString(out) {
		t.Errorf("version: exit %d, output %q", code, out)
	}
}

// TestHelpText checks that perflint help is perflint's own text and that
// perflint help NAME links the cost table by URL.
func TestHelpText(t *testing.T) {
	out, _ := run(t, ".", perflint, "help")
	for _, bad := range []string{"Printf", "deprecated", "-V=full"} {
		if strings.Contains(out, bad) {
			t.Errorf("perflint help mentions %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{"perflint.toml", "//perflint:ignore", "directives", "-prealloc.filter", "exits 0", "perflint lsp"} {
		if !strings.Contains(out, want) {
			t.Errorf("perflint help lacks %q:\n%s", want, out)
		}
	}
	out, _ = run(t, ".", perflint, "help", "needlesscopy")
	if !strings.Contains(out, "https://github.com/perflint/perflint/blob/main/docs/costs.md#needlesscopy") ||
		regexp.MustCompile(`(^|[^/])docs/costs\.md`).MatchString(out) ||
		!strings.Contains(out, "[needlesscopy] table") {
		t.Errorf("perflint help needlesscopy:\n%s", out)
	}
}
