package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// perflint is the binary built once for every test here.
var perflint string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "perflint-test")
	if err != nil {
		panic(err)
	}
	perflint = filepath.Join(dir, "perflint")
	if out, err := exec.Command("go", "build", "-buildvcs=false", "-o", perflint, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const slowGo = `package fx

func Names(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}
`

// module writes a module example.com/fx with the given files into a
// fresh directory and returns it.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/fx\n\ngo 1.26\n"
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs name with args in dir and returns its combined output and
// exit code.
func run(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "panic:") || strings.Contains(out, "goroutine ") {
		t.Fatalf("%s %v crashed:\n%s", name, args, out)
	}
	return out, code
}

func TestExitCodes(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": slowGo, "clean/clean.go": "package clean\n\nfunc F() int { return 1 }\n"})

	out, code := run(t, dir, perflint, "./...")
	if code != 3 || !strings.Contains(out, "fx.go:6:3: slice out grows by append in a loop of len(xs) iterations") {
		t.Errorf("findings: exit %d, output:\n%s", code, out)
	}
	if out, code := run(t, dir, perflint, "./clean"); code != 0 || out != "" {
		t.Errorf("clean package: exit %d, output:\n%s", code, out)
	}
	if out, code := run(t, dir, perflint, "-prealloc=false", "./..."); code != 0 || out != "" {
		t.Errorf("-prealloc=false: exit %d, output:\n%s", code, out)
	}

	out, code = run(t, dir, perflint, "-json", "./...")
	var tree map[string]map[string][]struct{ Posn, Message string }
	if code != 0 || json.Unmarshal([]byte(out), &tree) != nil || len(tree["example.com/fx"]["prealloc"]) != 1 {
		t.Errorf("-json: exit %d, output:\n%s", code, out)
	}
}

func TestFix(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": slowGo})
	out, code := run(t, dir, perflint, "-fix", "-diff", "./...")
	if !strings.Contains(out, "+\tout = slices.Grow(out, len(xs))") {
		t.Errorf("-fix -diff: exit %d, output:\n%s", code, out)
	}
	run(t, dir, perflint, "-fix", "./...")
	got, _ := os.ReadFile(filepath.Join(dir, "fx.go"))
	if !strings.Contains(string(got), "out = slices.Grow(out, len(xs))") || !strings.Contains(string(got), `import "slices"`) {
		t.Errorf("-fix wrote:\n%s", got)
	}
	if out, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Errorf("fixed code does not build:\n%s", out)
	}
	if out, code := run(t, dir, perflint, "./..."); code != 0 {
		t.Errorf("fixed code still has findings:\n%s", out)
	}
}

func TestVetTool(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": slowGo})
	out, code := run(t, dir, "go", "vet", "-vettool="+perflint, "./...")
	if code == 0 || !strings.Contains(out, "fx.go:6:3: slice out grows by append") {
		t.Errorf("go vet -vettool: exit %d, output:\n%s", code, out)
	}
	out, _ = run(t, dir, "go", "fix", "-fixtool="+perflint, "-diff", "./...")
	if !strings.Contains(out, "+\tout = slices.Grow(out, len(xs))") {
		t.Errorf("go fix -fixtool -diff: output:\n%s", out)
	}
	run(t, dir, "go", "fix", "-fixtool="+perflint, "./...")
	if got, _ := os.ReadFile(filepath.Join(dir, "fx.go")); !strings.Contains(string(got), "slices.Grow") {
		t.Errorf("go fix -fixtool wrote:\n%s", got)
	}
}

func TestTestFiles(t *testing.T) {
	dir := module(t, map[string]string{
		"fx.go":      "package fx\n",
		"fx_test.go": strings.Replace(slowGo, "func Names", "func names", 1),
	})
	if out, code := run(t, dir, perflint, "./..."); code != 0 {
		t.Errorf("findings in _test.go reported by default: exit %d\n%s", code, out)
	}
	if out, code := run(t, dir, perflint, "-testfiles", "./..."); code != 3 || !strings.Contains(out, "fx_test.go:6:3") {
		t.Errorf("-testfiles: exit %d\n%s", code, out)
	}
}

func TestHelp(t *testing.T) {
	out, code := run(t, ".", perflint, "help")
	if code != 0 || !strings.Contains(out, "prealloc") || !strings.Contains(out, "stringconcat") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	out, code = run(t, ".", perflint, "help", "prealloc")
	if code != 0 || !strings.Contains(out, "slices.Grow") || !strings.Contains(out, "-prealloc.filter") {
		t.Errorf("help prealloc: exit %d\n%s", code, out)
	}
}

func TestBadInput(t *testing.T) {
	dir := module(t, map[string]string{
		"fx.go":              slowGo,
		"syntax/syntax.go":   "package syntax\n\nfunc F( {\n",
		"typeerr/typeerr.go": "package typeerr\n\nfunc F() int { return \"s\" }\n\nfunc G(xs []int) []int {\n\tvar out []int\n\tfor _, x := range xs {\n\t\tout = append(out, x)\n\t}\n\treturn out\n}\n",
		// Untyped operands where the writes model asks for types: a
		// range and a receive in a select around a call, a composite literal.
		"untyped/untyped.go": "package untyped\n\nfunc F() {\n\tfor range ticker {\n\t\tselect {\n\t\tcase <-timer:\n\t\t\tg()\n\t\t}\n\t}\n\t_ = T{f: nil}\n}\n\nfunc g() {}\n",
	})
	outside := t.TempDir()
	for _, tc := range []struct {
		name, dir string
		args      []string
		want      string
	}{
		{"no match", dir, []string{"example.com/fx/none/..."}, "matched no packages"},
		{"no directory", dir, []string{"./nosuch/..."}, "no such file or directory"},
		{"outside module", outside, []string{"./..."}, "does not contain main module"},
		{"missing file", dir, []string{"nosuch.go"}, "nosuch.go: no such file or directory"},
		{"syntax error", dir, []string{"./syntax"}, "syntax.go:3:9"},
		{"type error", dir, []string{"./typeerr"}, "typeerr.go:3:23"},
		{"untyped operands", dir, []string{"./untyped"}, "untyped.go:4:12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := run(t, tc.dir, perflint, tc.args...)
			if code != 1 || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, want 1 and %q in:\n%s", code, tc.want, out)
			}
			if strings.Contains(out, "analysis skipped") || strings.Contains(out, "slice out grows") || strings.Contains(out, "failed prerequisites") {
				t.Errorf("reported more than the package's errors:\n%s", out)
			}
		})
	}
}

// TestOddInput runs perflint over code that has tripped analyzers
// elsewhere: cgo, build tags, generics, generated files. It must not
// crash, and only the tagged file's finding appears, with its tag.
func TestOddInput(t *testing.T) {
	dir := module(t, map[string]string{
		"cgo/cgo.go": "package cgo\n\n// int twice(int x) { return 2 * x; }\nimport \"C\"\n\nfunc Twice(x int) int { return int(C.twice(C.int(x))) }\n",
		"generic/generic.go": `package generic

import "sync/atomic"

type box[T any] struct {
	a atomic.Int64
	b atomic.Int64
	v T
}

func (x *box[T]) incA() { x.a.Add(1) }
func (x *box[T]) incB() { x.b.Add(1) }

func sum[T any](xs []box[T], big [300]int64) int64 {
	var s int64
	for _, x := range xs {
		s += x.a.Load()
	}
	return s + big[0]
}
`,
		"gen/gen.go":    "// Code generated by hand. DO NOT EDIT.\n\n" + strings.Replace(slowGo, "package fx", "package gen", 1),
		"tagged/tag.go": "//go:build special\n\n" + strings.Replace(slowGo, "package fx", "package tagged", 1),
		"tagged/doc.go": "package tagged\n",
	})
	if out, code := run(t, dir, perflint, "./..."); code != 0 {
		t.Errorf("exit %d, want 0 (no findings without the tag):\n%s", code, out)
	}
	cmd := exec.Command(perflint, "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-tags=special")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 || !strings.Contains(string(out), "tag.go:8:3: slice out grows") {
		t.Errorf("GOFLAGS=-tags=special: %v\n%s", err, out)
	}
	if out, code := run(t, dir, perflint, "-tags=special", "./..."); code != 3 || !strings.Contains(out, "tag.go:8:3: slice out grows") {
		t.Errorf("-tags=special: exit %d\n%s", code, out)
	}
}

// TestFixLeftOver checks what -fix leaves: a finding whose fix would
// not compile in the package's test variant (an in-package _test.go file
// declares slices at package level) keeps its place in the file, is
// printed, and makes the exit code 3; -fix -diff exits 1 when it prints
// a patch and 0 when it has none, as go fix -diff does.
func TestFixLeftOver(t *testing.T) {
	dir := module(t, map[string]string{
		"fx.go":      slowGo,
		"fx_test.go": "package fx\n\nvar slices = 1\n",
	})
	out, code := run(t, dir, perflint, "-fix", "./...")
	if code != 3 || !strings.Contains(out, "fx.go:6:3: slice out grows by append") {
		t.Errorf("-fix with an unsound fix: exit %d, want 3 and the finding:\n%s", code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "fx.go")); string(got) != slowGo {
		t.Errorf("-fix applied a fix that breaks the test variant:\n%s", got)
	}
	if out, code := run(t, dir, "go", "vet", "./..."); code != 0 {
		t.Errorf("go vet after -fix:\n%s", out)
	}
	if out, code := run(t, dir, perflint, "-fix", "-diff", "./..."); code != 0 || out != "" {
		t.Errorf("-fix -diff with nothing to fix: exit %d\n%s", code, out)
	}

	dir = module(t, map[string]string{"fx.go": slowGo})
	if out, code := run(t, dir, perflint, "-fix", "-diff", "./..."); code != 1 || !strings.Contains(out, "slices.Grow") {
		t.Errorf("-fix -diff with a fix: exit %d, want 1\n%s", code, out)
	}
	if out, code := run(t, dir, perflint, "-fix", "./..."); code != 0 || out != "" {
		t.Errorf("-fix that fixes everything: exit %d, want 0\n%s", code, out)
	}
}

// TestDeadCode checks that code under a constant condition that never
// holds has no findings.
func TestDeadCode(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": `package fx

const debug = false

func Names(xs []int) []int {
	if debug {
		var out []int
		for _, x := range xs {
			out = append(out, x)
		}
		return out
	}
	return xs
}
`})
	if out, code := run(t, dir, perflint, "./..."); code != 0 {
		t.Errorf("finding in dead code: exit %d\n%s", code, out)
	}
}

// TestFixIndirectImport checks a fix that imports a package the file's
// package reaches only indirectly (sort uses slices): export data holds an
// incomplete slices then, which the fix check must not take for the whole.
func TestFixIndirectImport(t *testing.T) {
	src := strings.Replace(slowGo, "package fx\n", "package fx\n\nimport \"sort\"\n\nvar _ = sort.Ints\n", 1)
	dir := module(t, map[string]string{"fx.go": src})
	if out, code := run(t, dir, perflint, "-fix", "./..."); code != 0 {
		t.Errorf("-fix: exit %d, want 0 (the fix applied)\n%s", code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "fx.go")); !strings.Contains(string(got), "slices.Grow") {
		t.Errorf("-fix wrote:\n%s", got)
	}
}

// TestTextOutput checks go vet's form of a finding: the file relative to
// the current directory, and the analyzer's name after the message (the
// name //perflint:ignore takes).
func TestTextOutput(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": slowGo, "sub/sub.go": strings.Replace(slowGo, "package fx", "package sub", 1)})
	out, code := run(t, dir, perflint, "./...")
	want := "./fx.go:6:3: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n" +
		"sub/sub.go:6:3: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n" +
		"2 findings in 2 files: prealloc 2\n"
	if code != 3 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}
	out, _ = run(t, filepath.Join(dir, "sub"), perflint, ".")
	if !strings.HasPrefix(out, "./sub.go:6:3: ") {
		t.Errorf("from a subdirectory:\n%s", out)
	}
}
