package main_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files of the output formats")

// gateModule writes testdata/gate.txtar's module into a fresh directory.
func gateModule(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/gate.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string]string)
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	gomod := files["go.mod"]
	dir := module(t, files)
	// module writes its own go.mod; the archive's names the module.
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFormats runs every format from a subdirectory of the module on the
// whole module, and compares what perflint prints and its exit code with
// testdata/golden/NAME.golden (the module's directory written $DIR).
// Text names files relative to the current directory (absolute above
// it); SARIF and github relative to the module's root wherever perflint
// runs; checkstyle as text does.
func TestFormats(t *testing.T) {
	dir := gateModule(t)
	sub := filepath.Join(dir, "sub")
	for _, tc := range []struct {
		format string
		exit   int
	}{
		{"text", 3},
		{"json", 0},
		{"sarif", 3},
		{"github", 3},
		{"checkstyle", 3},
	} {
		t.Run(tc.format, func(t *testing.T) {
			stdout, stderr, code := runSplit(t, sub, "-format="+tc.format, "example.com/gate/...")
			if code != tc.exit {
				t.Errorf("exit %d, want %d", code, tc.exit)
			}
			// Text goes to stderr, as go vet's does; the other formats
			// to stdout, for a file.
			out := stdout
			if tc.format == "text" {
				out, stdout, stderr = stderr, stderr, stdout
			}
			if stderr != "" {
				t.Errorf("unexpected output on the other stream:\n%s", stderr)
			}
			out = strings.ReplaceAll(out, dir, "$DIR")
			if tc.format == "sarif" {
				out = elideRuleDocs(t, out)
			}
			golden(t, filepath.Join("testdata", "golden", tc.format+".golden"), out)
		})
	}

	// -json is -format=json.
	out, _, _ := runSplit(t, sub, "-json", "example.com/gate/...")
	want, _ := os.ReadFile(filepath.Join("testdata", "golden", "json.golden"))
	if got := strings.ReplaceAll(out, dir, "$DIR"); got != string(want) {
		t.Errorf("-json differs from -format=json:\n%s", got)
	}
	if out, code := run(t, sub, perflint, "-json", "-format=sarif", "."); code != 2 || !strings.Contains(out, "-json and -format=sarif conflict") {
		t.Errorf("-json -format=sarif: exit %d\n%s", code, out)
	}
	if out, code := run(t, sub, perflint, "-format=xml", "."); code != 2 || !strings.Contains(out, `unknown -format "xml"`) {
		t.Errorf("-format=xml: exit %d\n%s", code, out)
	}
}

// TestFormatsClean checks that a package without findings prints nothing
// in text and github format (no summary either), an empty SARIF run and
// checkstyle document, and exits 0 in every format.
func TestFormatsClean(t *testing.T) {
	dir := module(t, map[string]string{"clean.go": "package fx\n\nfunc F() int { return 1 }\n"})
	for _, format := range []string{"text", "json", "sarif", "github", "checkstyle"} {
		out, stderr, code := runSplit(t, dir, "-format="+format, "./...")
		if code != 0 || stderr != "" {
			t.Errorf("-format=%s: exit %d\n%s%s", format, code, out, stderr)
		}
		var want string
		switch format {
		case "json":
			want = "{}\n"
		case "checkstyle":
			want = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"5.0\"></checkstyle>\n"
		case "sarif":
			if !strings.Contains(out, `"results": []`) {
				t.Errorf("-format=sarif: no empty results:\n%s", out)
			}
			continue
		}
		if out != want {
			t.Errorf("-format=%s: got\n%s\nwant\n%s", format, out, want)
		}
	}
}

// TestFormatErrors checks that a package that fails to type-check makes
// every format exit 1 (json too, as go vet -json does), the SARIF run
// unsuccessful.
func TestFormatErrors(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": slowGo, "bad/bad.go": "package bad\n\nfunc F() int { return \"s\" }\n"})
	for _, format := range []string{"text", "json", "sarif", "github", "checkstyle"} {
		out, stderr, code := runSplit(t, dir, "-format="+format, "./...")
		out += stderr
		if code != 1 {
			t.Errorf("-format=%s: exit %d, want 1\n%s", format, code, out)
		}
		if format == "sarif" && !strings.Contains(out, `"executionSuccessful": false`) {
			t.Errorf("-format=sarif: run not marked unsuccessful:\n%s", out)
		}
	}
}

// TestJSONOnce checks that a finding that a package and its test variant
// both report appears once in the -json tree, under the package, and that
// a finding in a _test.go file appears under the test variant.
func TestJSONOnce(t *testing.T) {
	dir := module(t, map[string]string{
		"fx.go":      slowGo,
		"fx_test.go": "package fx\n\nimport \"testing\"\n\nfunc TestNames(t *testing.T) {\n\tvar out []int\n\tfor i := range 10 {\n\t\tout = append(out, i)\n\t}\n\t_ = out\n}\n",
	})
	out, code := run(t, dir, perflint, "-json", "-testfiles", "./...")
	var tree map[string]map[string][]struct{ Posn string }
	if err := json.Unmarshal([]byte(out), &tree); code != 0 || err != nil {
		t.Fatalf("-json: exit %d, %v\n%s", code, err, out)
	}
	var got []string
	for id, m := range tree {
		for _, d := range m["prealloc"] {
			got = append(got, id+" "+filepath.Base(d.Posn))
		}
	}
	want := map[string]bool{"example.com/fx fx.go:6:3": true, "example.com/fx [example.com/fx.test] fx_test.go:8:3": true}
	if len(got) != len(want) || !want[got[0]] || !want[got[1]] {
		t.Errorf("findings in the -json tree: %q, want the keys of %v\n%s", got, want, out)
	}
}

// runSplit runs perflint with args in dir and returns its stdout, its
// stderr and its exit code. (run checks the combined output for a
// crash's "goroutine " lines, which SARIF's rule help may contain.)
func runSplit(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(perflint, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errb.String(), "panic:") {
		t.Fatalf("perflint %v crashed:\n%s", args, errb.String())
	}
	return out.String(), errb.String(), code
}

// golden compares got with the file name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", name, got)
	}
}

// ruleDoc matches the descriptions of a SARIF rule, which are its
// analyzer's doc.
var ruleDoc = regexp.MustCompile(`("(?:shortDescription|fullDescription|help)": \{\s*"text": )"(?:[^"\\]|\\.)*"`)

// elideRuleDocs replaces the descriptions of SARIF rules, which
// TestSARIFRules checks, so that the golden file does not change with
// every edit of a doc or new measurement of a cost.
func elideRuleDocs(t *testing.T, out string) string {
	t.Helper()
	if !json.Valid([]byte(out)) {
		t.Fatalf("SARIF output is not JSON:\n%s", out)
	}
	return ruleDoc.ReplaceAllString(out, `$1"(doc)"`)
}

// TestRepositoryRoot checks that SARIF and github name files from the
// root of the repository when the module lives in a subdirectory of it,
// as GitHub resolves them.
func TestRepositoryRoot(t *testing.T) {
	repo := t.TempDir()
	mod := filepath.Join(repo, "mod")
	for name, content := range map[string]string{
		".git/HEAD":  "ref: refs/heads/main\n",
		"mod/go.mod": "module example.com/fx\n\ngo 1.26\n",
		"mod/fx.go":  slowGo,
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(repo, name)), 0o755)
		write(t, filepath.Join(repo, name), content)
	}
	out, _, code := runSplit(t, mod, "-format=github", "./...")
	if code != 3 || !strings.HasPrefix(out, "::warning file=mod/fx.go,line=6,") {
		t.Errorf("-format=github: exit %d\n%s", code, out)
	}
	out, _, _ = runSplit(t, mod, "-format=sarif", "./...")
	if !strings.Contains(out, `"uri": "mod/fx.go"`) {
		t.Errorf("-format=sarif names the file otherwise:\n%s", out)
	}
}
