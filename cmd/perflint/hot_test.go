package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/perflint/perflint/internal/hotprog"
)

// TestProfile profiles a program that spends its time in a loop with a
// prealloc finding and almost none in one with a stringconcat finding,
// then lints a copy of it in another directory (the profile comes from
// a -trimpath build) with that profile.
func TestProfile(t *testing.T) {
	prof, err := hotprog.Profile(t.TempDir(), "1s")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := hotprog.Write(dir); err != nil {
		t.Fatal(err)
	}
	hot := regexp.MustCompile(`main.go:\d+:3: slice out grows by append .* \(hot: ([0-9.]+)% of CPU in this loop; fixing it saves at most ([0-9.]+)% of CPU, if it behaves as corpus pair prealloc/Names at [0-9.]+x\)`)
	check := func(how, out string) {
		t.Helper()
		m := hot.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("%s: no hot prealloc finding in:\n%s", how, out)
		}
		share, _ := strconv.ParseFloat(m[1], 64)
		saves, _ := strconv.ParseFloat(m[2], 64)
		if share < 10 || saves >= share {
			t.Errorf("%s: share %v, saves %v: want a share of at least 10 and a smaller saving\n%s", how, share, saves, out)
		}
		if strings.Contains(out, "stringconcat") {
			t.Errorf("%s: the cold stringconcat finding is reported:\n%s", how, out)
		}
	}

	out, code := run(t, dir, perflint, "-profile", prof, "-hot=10", "./...")
	check("perflint", out)
	if code != 3 || !regexp.MustCompile(`(?m)^2 findings, 1 hot \([0-9.]+% of CPU\); 1 below -hot=10 hidden$`).MatchString(out) {
		t.Errorf("perflint: exit %d, want 3 and a summary line:\n%s", code, out)
	}

	out, code = run(t, dir, "go", "vet", "-vettool="+perflint, "-profile="+prof, "-hot=10", "./...")
	check("go vet -vettool", out)
	if code == 0 {
		t.Errorf("go vet -vettool: exit 0\n%s", out)
	}

	// Without -hot, both, hottest first.
	out, _ = run(t, dir, perflint, "-profile", prof, "./...")
	if i, j := strings.Index(out, "prealloc"), strings.Index(out, "(hot: 0.0% of CPU in this loop) (stringconcat)"); i < 0 || j < i {
		t.Errorf("without -hot: want the hot finding, then the cold one:\n%s", out)
	}

	// default.pgo beside the main package, unless -profile=off.
	data, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "default.pgo"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = run(t, dir, perflint, "-hot=10", "./...")
	check("default.pgo", out)
	if !strings.Contains(out, "perflint: ranking findings by the CPU profile default.pgo (-profile=off ignores it)") {
		t.Errorf("default.pgo: not announced:\n%s", out)
	}
	if out, _ := run(t, dir, perflint, "-profile=off", "-hot=10", "./..."); strings.Contains(out, "hot:") || !strings.Contains(out, "stringconcat") {
		t.Errorf("-profile=off: still uses default.pgo:\n%s", out)
	}
}

func TestBadProfile(t *testing.T) {
	dir := module(t, map[string]string{"fx.go": slowGo, "bad.pprof": "not a profile\n"})
	for _, tc := range []struct{ file, want string }{
		{"nosuch.pprof", "perflint: open nosuch.pprof: no such file or directory\n"},
		{"bad.pprof", "perflint: profile bad.pprof: not a pprof profile"},
	} {
		out, code := run(t, dir, perflint, "-profile", tc.file, "./...")
		if code != 1 || !strings.HasPrefix(out, tc.want) || strings.Count(out, "\n") != 1 {
			t.Errorf("-profile %s: exit %d, want 1 and one line %q:\n%s", tc.file, code, tc.want, out)
		}
	}
	// A profile of other code: a warning.
	prof, err := hotprog.Profile(t.TempDir(), "200ms")
	if err != nil {
		t.Fatal(err)
	}
	out, code := run(t, dir, perflint, "-profile", prof, "./...")
	if code != 3 || !strings.Contains(out, "perflint: warning: no sample of the profile falls in the analyzed packages") {
		t.Errorf("profile of other code: exit %d, want 3 and a warning:\n%s", code, out)
	}
}
