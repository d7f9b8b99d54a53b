package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

var (
	alpha = &analysis.Analyzer{Name: "alpha", Doc: "alpha"}
	beta  = &analysis.Analyzer{Name: "beta", Doc: "beta"}
)

func init() {
	alpha.Flags.Int64("size", 1024, "a size")
	alpha.Flags.Bool("exported", false, "a switch")
	Register(alpha, beta)
}

// tree writes files into a fresh directory and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
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

func mustLoad(t *testing.T, dir string) *Config {
	t.Helper()
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestInheritance(t *testing.T) {
	dir := tree(t, map[string]string{
		"perflint.toml":           "analyzers = [\"all\", \"-beta\"]\nskip = [\"gen\"]\n\n[alpha]\nsize = 512\nexported = true\n",
		"a/perflint.toml":         "[alpha]\nsize = 64\n",
		"a/b/perflint.toml":       "analyzers = [\"inherit\", \"beta\", \"-alpha\"]\nskip = [\"inherit\", \"*.pb.go\"]\n",
		"c/perflint.toml":         "analyzers = [\"beta\"]\nskip = []\n",
		"a/b/deeper/placeholder":  "",
		"nofile/also/placeholder": "",
	})
	for _, tc := range []struct {
		dir          string
		alpha, beta  bool
		size         any
		exported     any
		skip, noskip []string
	}{
		{".", true, false, int64(512), true, []string{"gen/x.go", "a/gen/x.go"}, []string{"x.go", "x.pb.go"}},
		{"nofile/also", true, false, int64(512), true, []string{"gen/x.go"}, nil},
		{"a", true, false, int64(64), true, []string{"gen/x.go"}, nil},
		{"a/b/deeper", false, true, int64(64), true, []string{"gen/x.go", "a/b/x.pb.go", "a/b/deeper/y.pb.go"}, []string{"x.pb.go", "a/x.pb.go"}},
		{"c", true, true, int64(512), true, nil, []string{"c/gen/x.go"}},
	} {
		c := mustLoad(t, filepath.Join(dir, tc.dir))
		if c.Enabled("alpha") != tc.alpha || c.Enabled("beta") != tc.beta {
			t.Errorf("%s: alpha %v beta %v, want %v %v", tc.dir, c.Enabled("alpha"), c.Enabled("beta"), tc.alpha, tc.beta)
		}
		if v, _ := c.Option("alpha", "size"); v != tc.size {
			t.Errorf("%s: alpha.size = %v, want %v", tc.dir, v, tc.size)
		}
		if v, _ := c.Option("alpha", "exported"); v != tc.exported {
			t.Errorf("%s: alpha.exported = %v, want %v", tc.dir, v, tc.exported)
		}
		for _, f := range tc.skip {
			if !c.Skip(filepath.Join(dir, f)) {
				t.Errorf("%s: %s not skipped", tc.dir, f)
			}
		}
		for _, f := range tc.noskip {
			if c.Skip(filepath.Join(dir, f)) {
				t.Errorf("%s: %s skipped", tc.dir, f)
			}
		}
	}
	if c := mustLoad(t, filepath.Join(dir, "a/b/deeper")); len(c.Files) != 3 {
		t.Errorf("files merged: %v", c.Files)
	}
}

func TestNoFile(t *testing.T) {
	c := mustLoad(t, t.TempDir())
	if !c.Enabled("alpha") || !c.Enabled("beta") || c.Skip("/x/y.go") {
		t.Errorf("no file: %+v", c)
	}
	if _, ok := c.Option("alpha", "size"); ok {
		t.Errorf("no file gives an option value")
	}
}

func TestSkipPatterns(t *testing.T) {
	for _, tc := range []struct {
		glob, rel string
		want      bool
	}{
		{"testdata", "testdata/x.go", true},
		{"testdata", "a/testdata/b/x.go", true},
		{"*.pb.go", "a/b/x.pb.go", true},
		{"*.pb.go", "a/b/x.go", false},
		{"internal/gen", "internal/gen/x.go", true},
		{"internal/gen", "a/internal/gen/x.go", false},
		{"/internal/*", "internal/gen/x.go", true},
		{"a/*.go", "a/x.go", true},
		{"a/*.go", "a/b/x.go", false},
	} {
		if got := matchPath(tc.glob, tc.rel); got != tc.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", tc.glob, tc.rel, got, tc.want)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		file, want string
	}{
		{"bogus = 1\n", `perflint.toml:1: unknown key "bogus": want analyzers, skip or an analyzer's table (alpha, beta)`},
		{"analyzers = [\"all\"]\n\n[alfa]\nsize = 1\n", `perflint.toml:3: unknown key "alfa"`},
		{"analyzers = [\"all\",\n  \"-gamma\"]\n", `perflint.toml:1: unknown analyzer "-gamma" in analyzers (known: alpha, beta)`},
		{"[alpha]\nsize = 1\nsise = 2\n", `perflint.toml:3: unknown option "sise" of alpha (known: exported, size)`},
		{"[alpha]\nsize = \"big\"\n", `perflint.toml:2: alpha.size: invalid value "big": want an integer`},
		{"[alpha]\nexported = [1]\n", `perflint.toml:2: alpha.exported: want a boolean, not an array`},
		{"alpha = 3\n", `perflint.toml:1: alpha must be a table of its options, as [alpha]`},
		{"analyzers = \"all\"\n", `perflint.toml:1: analyzers must be a list of strings`},
		{"skip = [\"[\"]\n", `perflint.toml:1: bad skip pattern "["`},
		{"analyzers = [\n", `perflint.toml:1: toml: unexpected EOF`},
	} {
		dir := tree(t, map[string]string{"perflint.toml": tc.file, "sub/x": ""})
		_, err := Load(filepath.Join(dir, "sub"))
		if err == nil {
			t.Errorf("%q: no error", tc.file)
			continue
		}
		got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%q:\ngot  %s\nwant %s", tc.file, got, tc.want)
		}
	}
}

func TestFlagsWin(t *testing.T) {
	dir := tree(t, map[string]string{"perflint.toml": "analyzers = [\"-beta\"]\n\n[alpha]\nsize = 512\nexported = true\n"})
	c := mustLoad(t, dir)
	Override("alpha", "size")
	Force("beta", true)
	defer ResetOverrides()
	if _, ok := c.Option("alpha", "size"); ok {
		t.Errorf("alpha.size set by flag, but the file's value wins")
	}
	if v, _ := c.Option("alpha", "exported"); v != true {
		t.Errorf("alpha.exported = %v, want the file's true", v)
	}
	if !c.Enabled("beta") {
		t.Errorf("beta forced on by flag, but the file's -beta wins")
	}
}

// TestResetOverrides: a driver whose settings drop an option or an
// analyzer switch goes back to the files' values.
func TestResetOverrides(t *testing.T) {
	dir := tree(t, map[string]string{"perflint.toml": "analyzers = [\"-beta\"]\n\n[alpha]\nsize = 512\n"})
	c := mustLoad(t, dir)
	Override("alpha", "size")
	Force("beta", true)
	Force("alpha", false)
	ResetOverrides()
	if v, ok := c.Option("alpha", "size"); !ok || v != int64(512) {
		t.Errorf("alpha.size after ResetOverrides = %v, %v; want the file's 512", v, ok)
	}
	if c.Enabled("beta") || !c.Enabled("alpha") {
		t.Errorf("after ResetOverrides: beta on %v, alpha on %v; want the file's off and on", c.Enabled("beta"), c.Enabled("alpha"))
	}
}

// BenchmarkLoadAfterForget is what a long-running driver pays per
// analysis to read the files again: a Load, from an empty cache, of a
// directory four levels below a perflint.toml in a temporary directory.
func BenchmarkLoadAfterForget(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("analyzers = [\"all\", \"-beta\"]\n\n[alpha]\nsize = 512\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	deep := filepath.Join(dir, "a", "b", "c", "d")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Forget()
		if _, err := Load(deep); err != nil {
			b.Fatal(err)
		}
	}
}
