package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// evens is a second file of the fixture package, whose conditional
// append prealloc reports only with its filter option.
const evens = `package fixture

// Evens returns the even numbers of xs.
func Evens(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x%2 == 0 {
			out = append(out, x)
		}
	}
	return out
}
`

// TestConfigFile checks that the server applies the perflint.toml files
// as perflint does, that the settings win over them as flags do and go
// back to them when dropped, and that a changed file is read again.
func TestConfigFile(t *testing.T) {
	c := newClient(t)
	c.call("initialize", map[string]any{
		"processId": nil,
		"capabilities": map[string]any{"workspace": map[string]any{
			"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
		}},
	}, nil)
	c.notify("initialized", map[string]any{})
	select {
	case r := <-c.regs:
		b, _ := json.Marshal(r)
		if !strings.Contains(string(b), `"method":"workspace/didChangeWatchedFiles"`) || !strings.Contains(string(b), `"globPattern":"**/perflint.toml"`) {
			t.Errorf("registration = %s", b)
		}
	case <-time.After(time.Minute):
		t.Fatal("no registration for perflint.toml changes")
	}

	name, text := c.fixture()
	toml := filepath.Join(c.dir, "perflint.toml")
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(toml, "analyzers = [\"all\", \"-prealloc\"]\n\n[prealloc]\nfilter = true\n")
	evensName := filepath.Join(c.dir, "evens.go")
	write(evensName, evens)
	evensURI := fileURI(evensName)
	uri := c.open(name, text, 1)
	count := func(what string, u string, want int) publishDiagnosticsParams {
		t.Helper()
		p := c.diagnostics(u)
		if len(p.Diagnostics) != want {
			t.Errorf("%s: %s has %d diagnostics, want %d: %+v", what, filepath.Base(u), len(p.Diagnostics), want, p.Diagnostics)
		}
		return p
	}
	settings := func(st map[string]any) {
		c.notify("workspace/didChangeConfiguration", map[string]any{"settings": st})
	}
	count("prealloc off in perflint.toml", uri, 0)

	// Settings win over the file; the file's options still apply.
	settings(map[string]any{"enable": []string{"prealloc"}})
	count("prealloc enabled in the settings, filter on in the file", evensURI, 1)
	count("prealloc enabled in the settings", uri, 1)
	settings(map[string]any{"enable": []string{"prealloc"}, "prealloc": map[string]any{"filter": false}})
	count("filter off in the settings", evensURI, 0)
	count("filter off in the settings", uri, 1)
	settings(map[string]any{"disable": []string{"mutexmap"}})
	count("prealloc not disabled in the settings", uri, 1)
	// Settings that no longer say: the file decides again.
	settings(map[string]any{})
	count("settings dropped", uri, 0)

	// The file changes: a watched-file notification, then a save of the
	// file in the editor, has the package analyzed again.
	write(toml, "analyzers = [\"all\"]\n")
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": fileURI(toml), "type": 2}}})
	count("prealloc on in the changed file", uri, 1)
	write(toml, "[prealloc]\nfilter = true\n")
	c.notify("textDocument/didSave", map[string]any{"textDocument": textDocumentIdentifier{URI: fileURI(toml)}})
	count("filter on in the saved file", evensURI, 1)
	count("filter on in the saved file", uri, 1)
	// A change elsewhere concerns no open package.
	waitIdle(t, c.s)
	c.s.mu.Lock()
	started := c.s.started
	c.s.mu.Unlock()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": fileURI(filepath.Join(c.dir, "sub", "perflint.toml")), "type": 1}}})
	codeActionsAt(t, c, uri, lspRange{}) // answered after the notification was handled
	waitIdle(t, c.s)
	c.s.mu.Lock()
	if c.s.started != started {
		t.Errorf("a perflint.toml in a directory without open files started %d analyses", c.s.started-started)
	}
	c.s.mu.Unlock()

	// A mistake in the file: one error on the package clause of the open
	// file, whatever the variants of the package (tests loads its test
	// variant); the findings of the other file clear.
	write(filepath.Join(c.dir, "labels_test.go"), "package fixture\n\nimport \"testing\"\n\nfunc TestLabels(t *testing.T) { Labels(nil) }\n")
	write(toml, "[prealloc]\nfiltr = true\n")
	settings(map[string]any{"tests": true})
	count("a bad perflint.toml", evensURI, 0)
	p := count("a bad perflint.toml", uri, 1)
	if len(p.Diagnostics) == 1 {
		d := p.Diagnostics[0]
		want := `perflint.toml:2: unknown option "filtr" of prealloc (known: filter)`
		if d.Message != want || d.Severity != severityError || d.Source != "perflint" || d.Code != "" {
			t.Errorf("diagnostic = %+v, want an error %q", d, want)
		}
		if r := d.Range; r.Start != (position{Line: 1}) || r.End != (position{Line: 1, Character: 7}) {
			t.Errorf("range = %+v, want the package clause's keyword on line 1", r)
		}
		if a := codeActionsAt(t, c, uri, d.Range); len(a) != 0 {
			t.Errorf("actions on the error: %+v", a)
		}
	}
	write(toml, "[prealloc]\nfilter = true\n")
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": fileURI(toml), "type": 2}}})
	count("the file fixed", evensURI, 1)
	count("the file fixed", uri, 1)
	waitIdle(t, c.s)
	select {
	case m := <-c.msgs:
		t.Errorf("message: %q", m.Message)
	default:
	}
}

// TestConfigSetting: the editor cannot name a config file.
func TestConfigSetting(t *testing.T) {
	_, err := parseSettings(json.RawMessage(`{"config": "ci/perflint.toml"}`), nil)
	if err == nil || !strings.Contains(err.Error(), `unknown setting "config"`) {
		t.Errorf("config setting: %v, want an unknown setting", err)
	}
}
