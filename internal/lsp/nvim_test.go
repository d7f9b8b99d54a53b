package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovim drives perflint lsp from Neovim's built-in client, headless:
// testdata/nvim/quickfix.lua opens the fixture, waits for the finding,
// applies the quick fix through vim.lsp.buf.code_action and writes the
// buffer. It runs with PERFLINT_NVIM=1 (CI installs Debian's neovim).
func TestNeovim(t *testing.T) {
	if os.Getenv("PERFLINT_NVIM") != "1" {
		t.Skip("set PERFLINT_NVIM=1 to drive the server from Neovim")
	}
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Fatalf("PERFLINT_NVIM=1 but no nvim on PATH: %v", err)
	}
	out, _ := exec.Command(nvim, "--version").Output()
	version, _, _ := strings.Cut(string(out), "\n")
	t.Logf("%s", version)

	bin := filepath.Join(t.TempDir(), "perflint")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/perflint").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Neovim 0.7 speaks UTF-16 unless told otherwise; the second run
	// offers UTF-8 as LSP 3.17 clients do.
	for _, enc := range []string{"utf-16", "utf-8"} {
		t.Run(enc, func(t *testing.T) { neovimQuickFix(t, nvim, bin, enc) })
	}
}

func neovimQuickFix(t *testing.T, nvim, bin, enc string) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "fixture")
	os.Mkdir(dir, 0o755)
	for _, f := range []string{"go.mod", "labels.go"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fixture", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "nvim", "quickfix.lua"))
	resultFile := filepath.Join(tmp, "result.json")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "PERFLINT="+bin, "FILE="+filepath.Join(dir, "labels.go"), "RESULT="+resultFile, "ENCODING="+enc)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	runErr := cmd.Run()
	t.Logf("nvim ran %v", time.Since(start).Round(time.Millisecond))
	raw, err := os.ReadFile(resultFile)
	if err != nil {
		t.Fatalf("nvim: %v, no result: %v\n%s", runErr, err, stderr.String())
	}
	var res struct {
		Error      string
		Diagnostic struct {
			Lnum, Col             int
			Severity              int
			Source, Code, Message string
			Href                  string
		}
		Titles  []string
		Cleared bool
		Stopped bool
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	t.Logf("result: %s", raw)
	if res.Error != "" || runErr != nil {
		t.Fatalf("nvim: %v: %s\n%s", runErr, res.Error, stderr.String())
	}

	// The finding follows «größe» 🙂 on its line: Neovim converts the
	// server's UTF-16 character to the byte column of "out".
	text, _ := os.ReadFile(filepath.Join("testdata", "fixture", "labels.go"))
	line := strings.Split(string(text), "\n")[7]
	d := res.Diagnostic
	if d.Lnum != 7 || d.Col != strings.Index(line, "out = append") {
		t.Errorf("diagnostic at line %d byte %d, want 7 and %d", d.Lnum, d.Col, strings.Index(line, "out = append"))
	}
	if d.Severity != 2 || d.Source != "perflint" || d.Code != "prealloc" || !strings.Contains(d.Message, "slice out grows") ||
		d.Href != "https://pkg.go.dev/github.com/perflint/perflint/analyzers/prealloc" {
		t.Errorf("diagnostic = %+v", d)
	}
	want := []string{"Preallocate out before the loop", "Silence prealloc here with //perflint:ignore"}
	if strings.Join(res.Titles, "\n") != strings.Join(want, "\n") {
		t.Errorf("code actions %q, want %q", res.Titles, want)
	}
	if !res.Cleared || !res.Stopped {
		t.Errorf("cleared after the fix: %v; server stopped: %v", res.Cleared, res.Stopped)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "labels.go"))
	fixed, _ := os.ReadFile(filepath.Join("testdata", "fixture", "labels.go.fixed"))
	if !bytes.Equal(got, fixed) {
		t.Errorf("the file on disk:\n%s\nwant:\n%s", got, fixed)
	}
}
