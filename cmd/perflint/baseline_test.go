package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const baselineGo = `package fx

func Names(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}

type T struct{ xs []int }

func (t *T) Copy() []int {
	var out []int
	for _, x := range t.xs {
		out = append(out, x)
	}
	return out
}

func (t T) Later() func() []int {
	return func() []int {
		var out []int
		for _, x := range t.xs {
			out = append(out, x)
		}
		return out
	}
}
`

const baselineSub = `package sub

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`

// TestBaseline adopts perflint on a module with a baseline, then edits
// the code as its users would.
func TestBaseline(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": baselineGo, "sub/sub.go": baselineSub})
	sub := filepath.Join(dir, "sub")

	// Writing the baseline reports nothing and exits 0; its entries name
	// files from the module's root, methods (T).M and (*T).M, and a
	// closure by the method it is in.
	if out, code := run(t, dir, perflint, "-write-baseline=perflint-baseline.json", "./..."); code != 0 || out != "" {
		t.Fatalf("-write-baseline: exit %d\n%s", code, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "perflint-baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "golden", "baseline.golden"), string(data))
	// The same baseline from a subdirectory, in the same order.
	if out, code := run(t, sub, perflint, "-write-baseline=../again.json", "example.com/fx/..."); code != 0 || out != "" {
		t.Fatalf("-write-baseline from sub: exit %d\n%s", code, out)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "again.json")); string(again) != string(data) {
		t.Errorf("baseline written from a subdirectory differs:\n%s", again)
	}

	gate := func(t *testing.T, wd string, wantCode int, want string, args ...string) {
		t.Helper()
		out, code := run(t, wd, perflint, args...)
		if code != wantCode || out != want {
			t.Errorf("perflint %v: exit %d, output:\n%s\nwant exit %d, output:\n%s", args, code, out, wantCode, want)
		}
	}
	gate(t, dir, 0, "", "-baseline=perflint-baseline.json", "./...")
	gate(t, sub, 0, "", "-baseline=../perflint-baseline.json", "./...")
	gate(t, sub, 0, "", "-baseline=../perflint-baseline.json", "-format=github", "example.com/fx/...")

	// Code added above the findings moves them; they stay in the baseline.
	moved := strings.Replace(baselineGo, "func Names", "// Count counts.\nfunc Count(xs []int) int {\n\treturn len(xs)\n}\n\nfunc Names", 1)
	write(t, filepath.Join(dir, "fx.go"), moved)
	gate(t, dir, 0, "", "-baseline=perflint-baseline.json", "./...")

	// A second finding equal to a recorded one, in the same function
	// (a closure counts as the function it is in), is new.
	twice := strings.Replace(moved, "\treturn out\n}\n\ntype T", "\t_ = func() []int {\n\t\tvar out []int\n\t\tfor _, x := range xs {\n\t\t\tout = append(out, x)\n\t\t}\n\t\treturn out\n\t}\n\treturn out\n}\n\ntype T", 1)
	write(t, filepath.Join(dir, "fx.go"), twice)
	gate(t, dir, 3, "./fx.go:16:4: slice out grows by append in a loop of len(xs) iterations; preallocate with out = slices.Grow(out, len(xs)) before the loop (prealloc)\n"+
		"1 finding in 1 file (and 4 in the baseline): prealloc 1\n",
		"-baseline=perflint-baseline.json", "./...")

	// A fixed finding leaves an entry that matches nothing: perflint says
	// so, and exits 0. Entries of packages not analyzed are not counted.
	write(t, filepath.Join(dir, "fx.go"), moved)
	write(t, filepath.Join(sub, "sub.go"), "package sub\n")
	gate(t, dir, 0, "perflint: 1 entry of perflint-baseline.json matches no finding; rewrite it with -write-baseline=perflint-baseline.json\n",
		"-baseline=perflint-baseline.json", "./...")
	gate(t, dir, 0, "", "-baseline=perflint-baseline.json", ".")

	// A broken baseline is an error.
	write(t, filepath.Join(dir, "bad.json"), `{"version": 1, "findings": [{"analyser": "prealloc"}]}`)
	if out, code := run(t, dir, perflint, "-baseline=bad.json", "./..."); code != 1 || !strings.Contains(out, `unknown field "analyser"`) {
		t.Errorf("bad baseline: exit %d\n%s", code, out)
	}
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
