package main_test

import (
	"strings"
	"testing"
)

// TestImportPathEndingInGo runs perflint on a package whose import path
// ends in .go, as github.com/nats-io/nats.go does: it is a package, not
// a missing file. A missing file named by a path stays an error.
func TestImportPathEndingInGo(t *testing.T) {
	dir := module(t, map[string]string{"lib.go/lib.go": slowGo})
	out, code := run(t, dir, perflint, "example.com/fx/lib.go")
	if code != 3 || !strings.Contains(out, "slice out grows") {
		t.Errorf("perflint example.com/fx/lib.go: exit %d, want 3 and the package's finding:\n%s", code, out)
	}
	for _, arg := range []string{"sub/nosuch.go", "./nosuch.go"} {
		out, code := run(t, dir, perflint, arg)
		if code != 1 || !strings.Contains(out, "no such file or directory") {
			t.Errorf("perflint %s: exit %d, want 1 and a missing file:\n%s", arg, code, out)
		}
	}
}
