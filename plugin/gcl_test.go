package plugin_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perflint/perflint/internal/hotprog"
)

// TestGolangciLint builds golangci-lint with the perflint plugin from the
// module proxy (plugin/internal/gcl) and runs it on a fixture module with
// .golangci.example.yml. A cold build takes minutes, so it runs only with
// PERFLINT_GCL=1, which .ci/run sets.
func TestGolangciLint(t *testing.T) {
	if os.Getenv("PERFLINT_GCL") == "" {
		t.Skip("set PERFLINT_GCL=1 to build golangci-lint with the plugin and run it")
	}
	gcl := buildGCL(t)
	example, err := os.ReadFile("../.golangci.example.yml")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("example config", func(t *testing.T) {
		dir := fixture(t, string(example))
		issues := run(t, dir, gcl, "run", "--output.json.path=stdout", "./...")
		assertIssues(t, issues, map[string]string{
			"Names": "prealloc: slice out grows by append",
			"Join":  "stringconcat: string s grows by concatenation",
		})
	})

	t.Run("disable and options", func(t *testing.T) {
		cfg := strings.Replace(string(example), "disable: []", "disable: [stringconcat]", 1)
		cfg = strings.Replace(cfg, "filter: false", "filter: true", 1)
		dir := fixture(t, cfg)
		issues := run(t, dir, gcl, "run", "--output.json.path=stdout", "./...")
		assertIssues(t, issues, map[string]string{
			"Names":  "prealloc: slice out grows by append",
			"Filter": "prealloc: slice out grows by append",
		})
	})

	t.Run("fix from two analyzers in one file", func(t *testing.T) {
		dir := fixture(t, string(example))
		run(t, dir, gcl, "run", "--fix", "./...")
		got, _ := os.ReadFile(filepath.Join(dir, "fx.go"))
		for _, want := range []string{"out = slices.Grow(out, len(xs))", "var s strings.Builder", `import "slices"`, `import "strings"`} {
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("--fix: %q missing from:\n%s", want, got)
			}
		}
		cmd := exec.Command("go", "build", "./...")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("fixed code does not build: %v\n%s\n%s", err, out, got)
		}
	})

	t.Run("profile and hot", func(t *testing.T) {
		prof, err := hotprog.Profile(t.TempDir(), "1s")
		if err != nil {
			t.Fatal(err)
		}
		cfg := strings.Replace(string(example), `profile: ""`, "profile: "+prof, 1)
		cfg = strings.Replace(cfg, "hot: 0", "hot: 10", 1)
		dir := t.TempDir()
		if err := hotprog.Write(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		issues := run(t, dir, gcl, "run", "--output.json.path=stdout", "./...")
		if len(issues) != 1 || issues[0].FromLinter != "perflint" || !strings.Contains(issues[0].Text, "prealloc: slice out grows by append") || !strings.Contains(issues[0].Text, "% of CPU in this loop") {
			t.Errorf("profile and hot: want the hot prealloc finding alone, got %+v", issues)
		}
	})

	t.Run("two findings on one line", func(t *testing.T) {
		// golangci-lint keeps one issue per line unless
		// issues.uniq-by-line is false, as in the example config.
		for _, tc := range []struct {
			config string
			want   int
		}{
			{string(example), 2},
			{strings.Replace(string(example), "uniq-by-line: false", "uniq-by-line: true", 1), 1},
		} {
			dir := fixture(t, tc.config)
			if err := os.WriteFile(filepath.Join(dir, "line.go"), []byte(oneLineGo), 0o644); err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, is := range run(t, dir, gcl, "run", "--output.json.path=stdout", "./...") {
				if filepath.Base(is.Pos.Filename) == "line.go" {
					n++
				}
			}
			if n != tc.want {
				t.Errorf("%d issues on line.go's one line, want %d", n, tc.want)
			}
		}
	})

	t.Run("unknown setting", func(t *testing.T) {
		cfg := strings.Replace(string(example), "tests: false", "tests: false\n          bogus: 1", 1)
		dir := fixture(t, cfg)
		cmd := exec.Command(gcl, "run", "./...")
		cmd.Dir = dir
		cmd.Env = env(t)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), `unknown setting "bogus"`) {
			t.Errorf("unknown setting: err %v, output:\n%s", err, out)
		}
	})
}

// buildGCL builds plugin/internal/gcl with a version that hashes
// perflint's sources, so that golangci-lint's cache never serves results
// of an older build.
func buildGCL(t *testing.T) string {
	t.Helper()
	h := sha256.New()
	filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == "testdata" || d.Name() == ".git") {
			return fs.SkipDir
		}
		if strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "go.mod") {
			b, _ := os.ReadFile(path)
			h.Write([]byte(path))
			h.Write(b)
		}
		return nil
	})
	version := hex.EncodeToString(h.Sum(nil))[:12]
	bin := filepath.Join(t.TempDir(), "gcl")
	cmd := exec.Command("go", "build", "-buildvcs=false", "-o", bin, "-ldflags", "-X main.version="+version, ".")
	cmd.Dir = filepath.Join("internal", "gcl")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building golangci-lint with the plugin: %v\n%s", err, out)
	}
	return bin
}

const fixtureGo = `package fx

func Names(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func Quiet(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x) //nolint:perflint // measured: fine here
	}
	return out
}

func Ignored(xs []int) []int {
	var out []int
	for _, x := range xs {
		//perflint:ignore prealloc measured: fine here
		out = append(out, x)
	}
	return out
}

func Filter(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x > 0 {
			out = append(out, x)
		}
	}
	return out
}
`

// oneLineGo has a prealloc and a stringconcat finding on one line.
const oneLineGo = `package fx

func OneLine(xs []int, parts []string) ([]int, string) {
	var out []int
	s := ""
	for i, x := range xs { out = append(out, x); s += parts[i] }
	return out, s
}
`

func fixture(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":        "module example.com/fx\n\ngo 1.26\n",
		"fx.go":         fixtureGo,
		".golangci.yml": config,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func env(t *testing.T) []string {
	return append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
}

type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
	}
}

// run runs golangci-lint and returns the issues of its JSON output (when
// asked for JSON).
func run(t *testing.T, dir, gcl string, args ...string) []issue {
	t.Helper()
	cmd := exec.Command(gcl, args...)
	cmd.Dir = dir
	cmd.Env = env(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("golangci-lint %v: %v\n%s%s", args, err, stdout.String(), stderr.String())
	}
	var out struct{ Issues []issue }
	if strings.Contains(strings.Join(args, " "), "json") {
		// The JSON object comes first; a text summary may follow it.
		if err := json.NewDecoder(&stdout).Decode(&out); err != nil {
			t.Fatalf("golangci-lint JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
		}
	}
	return out.Issues
}

// funcAt names the fixture function a line belongs to.
func funcAt(line int) string {
	name := ""
	for i, l := range strings.Split(fixtureGo, "\n") {
		if i+1 > line {
			break
		}
		if rest, ok := strings.CutPrefix(l, "func "); ok {
			name = rest[:strings.Index(rest, "(")]
		}
	}
	return name
}

func assertIssues(t *testing.T, issues []issue, want map[string]string) {
	t.Helper()
	got := make(map[string]string)
	for _, is := range issues {
		if is.FromLinter != "perflint" {
			t.Errorf("issue from %q, want perflint: %s", is.FromLinter, is.Text)
		}
		got[funcAt(is.Pos.Line)] = is.Text
	}
	for fn, text := range want {
		if !strings.HasPrefix(got[fn], text) {
			t.Errorf("%s: got %q, want a message starting %q", fn, got[fn], text)
		}
	}
	for fn, text := range got {
		if _, ok := want[fn]; !ok {
			t.Errorf("%s: unexpected issue %q", fn, text)
		}
	}
}
