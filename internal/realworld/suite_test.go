package realworld_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite labels.json from this run, keeping the judgments already made")

// A Finding is one perflint finding on a module of the suite, with its
// judgment. The key is everything but Line, Label and Reason: the
// modules are pinned, and Line is there for the reader.
type Finding struct {
	Module   string `json:"module"`
	Analyzer string `json:"analyzer"`
	File     string `json:"file"` // relative to the module root
	Line     int    `json:"line"`
	Func     string `json:"func"` // enclosing declaration: f, (*T).m, type T
	Message  string `json:"message"`
	Label    string `json:"label"` // real, low, wrong or unjudged
	Reason   string `json:"reason,omitempty"`
}

func (f Finding) key() string {
	return strings.Join([]string{f.Module, f.Analyzer, f.File, f.Func, f.Message}, "\x00")
}

const labelsFile = "labels.json"

// TestRealModules runs perflint on every module this module requires,
// each in a copy of its module-cache directory built with its own
// go.mod: no panic, exit 0 or 3, findings exactly those of labels.json.
// Then it applies perflint -fix to the copy and checks that go build and
// go vet report nothing that the unfixed module does not report too.
//
// It takes many minutes, so it runs only with PERFLINT_REAL=1, which
// .ci/run sets. PERFLINT_REAL=raft,grpc runs only the modules whose path
// ends in one of those names. To accept a change in what perflint
// reports, run it with -update: labels.json is rewritten, findings that
// stay keep their labels, new ones are "unjudged". PERFLINT_REAL_NOFIX=1
// skips the -fix, build and vet step.
func TestRealModules(t *testing.T) {
	only := os.Getenv("PERFLINT_REAL")
	if only == "" {
		t.Skip("set PERFLINT_REAL=1 to lint the real modules of the suite")
	}
	perflint := buildPerflint(t)
	work := workDir(t)

	var got []Finding
	ran := map[string]bool{}
	for _, m := range requirements(t) {
		if only != "1" && !slices.Contains(strings.Split(only, ","), filepath.Base(trimMajor(m.Path))) {
			continue
		}
		ran[m.Path] = true
		t.Run(filepath.Base(trimMajor(m.Path)), func(t *testing.T) {
			src := download(t, m.Path)
			dir := filepath.Join(work, strings.ReplaceAll(m.Path, "/", "_")+"@"+m.Version)
			fresh(t, src, dir)
			findings, fixable := lint(t, perflint, m.Path, dir)
			got = append(got, findings...)
			if os.Getenv("PERFLINT_REAL_NOFIX") == "" {
				checkFixes(t, perflint, fixable, src, dir, filepath.Join(work, "pristine"))
			}
		})
	}

	want := readLabels(t)
	var wantRan []Finding
	for _, f := range want {
		if ran[f.Module] {
			wantRan = append(wantRan, f)
		}
	}
	merged, added, gone := merge(wantRan, got)
	if *update {
		for _, f := range want {
			if !ran[f.Module] {
				merged = append(merged, f)
			}
		}
		writeLabels(t, merged)
		t.Logf("%s rewritten: %d findings, %d new, %d gone", labelsFile, len(merged), len(added), len(gone))
	} else if len(added)+len(gone) > 0 {
		var b strings.Builder
		for _, f := range added {
			fmt.Fprintf(&b, "+ %s\n", line(f))
		}
		for _, f := range gone {
			fmt.Fprintf(&b, "- %s\n", line(f))
		}
		t.Errorf("perflint's findings on the real modules differ from %s (+ new, - gone); judge them and rerun with -update:\n%s", labelsFile, b.String())
	}
	summarize(t, merged)
}

// trimMajor drops a /vN major-version suffix: github.com/x/y/v2 is y.
func trimMajor(path string) string {
	if i := strings.LastIndex(path, "/v"); i > 0 && strings.Trim(path[i+2:], "0123456789") == "" {
		return path[:i]
	}
	return path
}

type module struct{ Path, Version string }

// requirements returns the modules go.mod requires.
func requirements(t *testing.T) []module {
	out := goCmd(t, ".", "mod", "edit", "-json")
	var mod struct{ Require []module }
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	return mod.Require
}

// download returns the module-cache directory of path at the version
// go.mod requires, checked against go.sum.
func download(t *testing.T, path string) string {
	out := goCmd(t, ".", "mod", "download", "-json", path)
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Error != "" || m.Dir == "" {
		t.Fatalf("go mod download %s: %v %s", path, err, m.Error)
	}
	return m.Dir
}

// workDir is where the modules are copied. It stays the same from run to
// run, so that the go command's build and vet caches serve the packages
// that a run does not change.
func workDir(t *testing.T) string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "perflint-realworld")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fresh makes dir a writable copy of the module-cache directory src,
// without the replace directives that point into its repository.
func fresh(t *testing.T, src, dir string) {
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	dropLocalReplaces(t, dir)
}

func buildPerflint(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "perflint")
	goCmd(t, "../..", "build", "-o", bin, "./cmd/perflint")
	return bin
}

// env is the environment of every command run on a module: its own
// go.mod, whatever this module's settings are, and no toolchain switch.
func env() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
}

func goCmd(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	out, err := command(dir, "go", args...)
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func command(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return append(stdout.Bytes(), stderr.Bytes()...), err
	}
	return stdout.Bytes(), nil
}

// lint runs perflint -json on every package of the module in dir and
// returns its findings, each once, and the packages with suggested fixes.
func lint(t *testing.T, perflint, modpath, dir string) (findings []Finding, fixable []string) {
	// -profile=off: go-ethereum keeps a default.pgo beside its main
	// packages, and the shares it adds to messages are not what the
	// labels judge.
	cmd := exec.Command(perflint, "-json", "-profile=off", "./...")
	cmd.Dir = dir
	cmd.Env = env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if strings.Contains(stderr.String(), "panic:") || strings.Contains(stdout.String(), "panic:") {
		t.Fatalf("perflint crashed on %s:\n%s", modpath, stderr.String())
	}
	if err != nil {
		t.Fatalf("perflint -json on %s: %v\n%s", modpath, err, stderr.String())
	}
	// package -> analyzer -> diagnostics, or {"error": ...}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &tree); err != nil {
		t.Fatalf("perflint -json on %s: %v", modpath, err)
	}
	seen := map[string]bool{}
	var out []Finding
	files := map[string]*ast.File{}
	fset := token.NewFileSet()
	for pkg, byAnalyzer := range tree {
		for analyzer, raw := range byAnalyzer {
			var diags []struct {
				Posn, Message  string
				SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				var e struct{ Error string }
				json.Unmarshal(raw, &e)
				t.Errorf("%s: %s failed: %s", pkg, analyzer, e.Error)
				continue
			}
			for _, d := range diags {
				if len(d.SuggestedFixes) > 0 && !slices.Contains(fixable, pkg) {
					fixable = append(fixable, pkg)
				}
				file, line := splitPosn(d.Posn)
				rel, err := filepath.Rel(dir, file)
				if err != nil || strings.HasPrefix(rel, "..") {
					t.Errorf("finding outside the module: %s", d.Posn)
					continue
				}
				f := Finding{
					Module:   modpath,
					Analyzer: analyzer,
					File:     filepath.ToSlash(rel),
					Line:     line,
					Func:     enclosing(t, fset, files, file, line),
					Message:  d.Message,
					Label:    "unjudged",
				}
				k := f.key() + fmt.Sprint(line)
				if !seen[k] {
					seen[k] = true
					out = append(out, f)
				}
			}
		}
	}
	t.Logf("%s: %d findings, fixes in %d packages", modpath, len(out), len(fixable))
	sort.Strings(fixable)
	return out, fixable
}

func splitPosn(posn string) (string, int) {
	// file:line:col
	parts := strings.Split(posn, ":")
	if len(parts) < 3 {
		return posn, 0
	}
	var line int
	fmt.Sscan(parts[len(parts)-2], &line)
	return strings.Join(parts[:len(parts)-2], ":"), line
}

// enclosing names the top-level declaration holding line of file: a
// function, a method as (*T).m or T.m, or a type as "type T".
func enclosing(t *testing.T, fset *token.FileSet, files map[string]*ast.File, file string, line int) string {
	f, ok := files[file]
	if !ok {
		var err error
		f, err = parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Errorf("parse %s: %v", file, err)
		}
		files[file] = f
	}
	if f == nil {
		return ""
	}
	for _, d := range f.Decls {
		if fset.Position(d.Pos()).Line > line || fset.Position(d.End()).Line < line {
			continue
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) == 0 {
				return d.Name.Name
			}
			recv := d.Recv.List[0].Type
			star := ""
			if s, ok := recv.(*ast.StarExpr); ok {
				star, recv = "*", s.X
			}
			switch r := recv.(type) {
			case *ast.IndexExpr:
				recv = r.X
			case *ast.IndexListExpr:
				recv = r.X
			}
			name := "?"
			if id, ok := recv.(*ast.Ident); ok {
				name = id.Name
			}
			if star != "" {
				return "(*" + name + ")." + d.Name.Name
			}
			return name + "." + d.Name.Name
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if fset.Position(s.Pos()).Line > line || fset.Position(s.End()).Line < line {
					continue
				}
				switch s := s.(type) {
				case *ast.TypeSpec:
					return "type " + s.Name.Name
				case *ast.ValueSpec:
					return "var " + s.Names[0].Name
				}
			}
		}
	}
	return ""
}

// checkFixes applies perflint -fix to the packages of the module in dir
// that have fixes, then builds and vets the whole module. A build or vet
// error counts only if the unfixed module (copied again into pristine)
// does not have it too: some modules do not pass go vet as it is today.
func checkFixes(t *testing.T, perflint string, pkgs []string, src, dir, pristine string) {
	if len(pkgs) == 0 {
		return
	}
	before := snapshot(t, dir)
	out, err := command(dir, perflint, append([]string{"-fix"}, pkgs...)...)
	if strings.Contains(string(out), "panic:") {
		t.Fatalf("perflint -fix crashed:\n%s", out)
	}
	if code := exitCode(err); code != 0 && code != 3 {
		t.Errorf("perflint -fix: exit %d\n%s", code, out)
	}
	changed := changedFiles(t, dir, before)
	t.Logf("perflint -fix changed %d files", len(changed))
	if len(changed) == 0 {
		return
	}
	var failed []string
	for _, step := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		out, err := command(dir, "go", step...)
		if err == nil {
			continue
		}
		fresh(t, src, pristine)
		base, _ := command(pristine, "go", step...)
		known := map[string]bool{}
		for _, l := range strings.Split(strings.ReplaceAll(string(base), pristine, dir), "\n") {
			known[l] = true
		}
		for _, l := range strings.Split(string(out), "\n") {
			// go prints "go: downloading m v" when a test-only
			// dependency first reaches the module cache: progress, not
			// an error.
			if l != "" && !known[l] && !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "go: downloading ") {
				failed = append(failed, "go "+step[0]+": "+l)
			}
		}
	}
	if len(failed) > 0 {
		var diff bytes.Buffer
		for _, f := range changed {
			d, _ := exec.Command("diff", "-u", filepath.Join(src, f), filepath.Join(dir, f)).Output()
			diff.Write(d)
		}
		t.Errorf("after perflint -fix, the module no longer builds or vets:\n%s\n\nthe fixes:\n%s", strings.Join(failed, "\n"), diff.String())
	}
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// snapshot records the modification time of every .go file under dir.
func snapshot(t *testing.T, dir string) map[string]int64 {
	m := map[string]int64{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			if info, err := d.Info(); err == nil {
				m[p] = info.ModTime().UnixNano()
			}
		}
		return nil
	})
	return m
}

func changedFiles(t *testing.T, dir string, before map[string]int64) []string {
	var out []string
	for p, mt := range snapshot(t, dir) {
		if before[p] != mt {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

func readLabels(t *testing.T) []Finding {
	data, err := os.ReadFile(labelsFile)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var fs []Finding
	if err := json.Unmarshal(data, &fs); err != nil {
		t.Fatalf("%s: %v", labelsFile, err)
	}
	return fs
}

// writeLabels writes one finding a line, sorted, so that a change in
// what perflint reports is a readable diff.
func writeLabels(t *testing.T, fs []Finding) {
	sortFindings(fs)
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, f := range fs {
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false) // messages hold <, > and &
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
		b.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
		if i < len(fs)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	if err := os.WriteFile(labelsFile, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		return a.Message < b.Message
	})
}

// merge matches this run's findings with the labelled ones by key (as a
// multiset: one function may hold two equal findings). It returns this
// run's findings carrying the labels of their matches, and the findings
// added and gone.
func merge(want, got []Finding) (merged, added, gone []Finding) {
	byKey := map[string][]Finding{}
	for _, f := range want {
		byKey[f.key()] = append(byKey[f.key()], f)
	}
	for _, f := range got {
		if olds := byKey[f.key()]; len(olds) > 0 {
			// Prefer the labelled finding on the same line.
			i := slices.IndexFunc(olds, func(o Finding) bool { return o.Line == f.Line })
			if i < 0 {
				i = 0
			}
			f.Label, f.Reason = olds[i].Label, olds[i].Reason
			byKey[f.key()] = slices.Delete(olds, i, i+1)
		} else {
			added = append(added, f)
		}
		merged = append(merged, f)
	}
	for _, olds := range byKey {
		gone = append(gone, olds...)
	}
	sortFindings(added)
	sortFindings(gone)
	return merged, added, gone
}

func line(f Finding) string {
	return fmt.Sprintf("%s %s/%s:%d (%s): %s [%s]", f.Analyzer, f.Module, f.File, f.Line, f.Func, f.Message, f.Label)
}

// summarize logs the table of labels per analyzer.
func summarize(t *testing.T, fs []Finding) {
	type row struct{ n, real, low, wrong, unjudged int }
	rows := map[string]*row{}
	var names []string
	for _, f := range fs {
		r := rows[f.Analyzer]
		if r == nil {
			r = &row{}
			rows[f.Analyzer] = r
			names = append(names, f.Analyzer)
		}
		r.n++
		switch f.Label {
		case "real":
			r.real++
		case "low":
			r.low++
		case "wrong":
			r.wrong++
		default:
			r.unjudged++
		}
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s %8s %5s %5s %5s %8s\n", "analyzer", "findings", "real", "low", "wrong", "unjudged")
	for _, n := range names {
		r := rows[n]
		fmt.Fprintf(&b, "%-14s %8d %5d %5d %5d %8d\n", n, r.n, r.real, r.low, r.wrong, r.unjudged)
	}
	t.Logf("labels:\n%s", b.String())
}
