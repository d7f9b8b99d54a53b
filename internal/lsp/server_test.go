package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/perflint/perflint/analyzers"
)

// A client drives a server over a pipe, as an editor does.
type client struct {
	t     *testing.T
	s     *Server
	conn  *jsonrpc2.Conn
	diags chan publishDiagnosticsParams
	msgs  chan showMessageParams
	regs  chan registrationParams
	dir   string        // a directory that outlives the server
	done  chan struct{} // closed when the server returns
	code  int           // its exit code
}

func newClient(t *testing.T) *client {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a, b := net.Pipe()
	c := &client{
		t:     t,
		s:     newServer(analyzers.All(), testLog{t}),
		diags: make(chan publishDiagnosticsParams, 100),
		msgs:  make(chan showMessageParams, 100),
		regs:  make(chan registrationParams, 10),
		done:  make(chan struct{}),
		dir:   t.TempDir(),
	}
	go func() {
		c.code = c.s.serve(ctx, a)
		close(c.done)
	}()
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(b, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			switch req.Method {
			case "textDocument/publishDiagnostics":
				var p publishDiagnosticsParams
				json.Unmarshal(*req.Params, &p)
				c.diags <- p
			case "window/showMessage":
				var p showMessageParams
				json.Unmarshal(*req.Params, &p)
				c.msgs <- p
			case "client/registerCapability":
				var p registrationParams
				json.Unmarshal(*req.Params, &p)
				c.regs <- p
			}
			return nil, nil
		}))
	t.Cleanup(func() {
		c.conn.Close()
		c.wait()
		cancel()
	})
	return c
}

// wait waits for the server to return and returns its exit code.
func (c *client) wait() int {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(time.Minute):
		c.t.Fatal("the server did not stop")
	}
	return c.code
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func (c *client) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatal(err)
	}
}

// initialize sends initialize and initialized.
func (c *client) initialize(options any, encodings ...string) *initializeResult {
	c.t.Helper()
	p := map[string]any{"processId": nil, "capabilities": map[string]any{}}
	if len(encodings) > 0 {
		p["capabilities"] = map[string]any{"general": map[string]any{"positionEncodings": encodings}}
	}
	if options != nil {
		p["initializationOptions"] = options
	}
	var res initializeResult
	if err := c.call("initialize", p, &res); err != nil {
		c.t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	return &res
}

// diagnostics waits for the next diagnostics of uri.
func (c *client) diagnostics(uri string) publishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri {
				return p
			}
		case m := <-c.msgs:
			c.t.Fatalf("waiting for diagnostics: message %q", m.Message)
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s", uri)
		}
	}
}

func (c *client) open(name, text string, version int32) string {
	uri := fileURI(name)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": textDocumentItem{URI: uri, LanguageID: "go", Version: version, Text: text}})
	return uri
}

// fixture copies the fixture module to c.dir and returns the name and
// text of its labels.go.
func (c *client) fixture() (string, string) {
	t := c.t
	t.Helper()
	dir := c.dir
	for _, f := range []string{"go.mod", "labels.go"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fixture", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	name := filepath.Join(dir, "labels.go")
	b, _ := os.ReadFile(name)
	return name, string(b)
}

// apply applies edits, in enc, to text.
func apply(t *testing.T, text string, edits []textEdit, enc encoding) string {
	t.Helper()
	m := newMapper(text)
	type ed struct {
		start, end int
		text       string
	}
	var eds []ed
	for _, e := range edits {
		start, err1 := m.offset(e.Range.Start, enc)
		end, err2 := m.offset(e.Range.End, enc)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		eds = append(eds, ed{start, end, e.NewText})
	}
	slices.SortStableFunc(eds, func(a, b ed) int { return b.start - a.start })
	for _, e := range eds {
		text = text[:e.start] + e.text + text[e.end:]
	}
	return text
}

func TestInitialize(t *testing.T) {
	for _, tc := range []struct {
		offered []string
		want    string
	}{
		{nil, "utf-16"},
		{[]string{"utf-32", "utf-16"}, "utf-16"},
		{[]string{"utf-16", "utf-8"}, "utf-8"},
	} {
		c := newClient(t)
		res := c.initialize(nil, tc.offered...)
		if res.Capabilities.PositionEncoding != tc.want {
			t.Errorf("offered %v: positionEncoding %q, want %q", tc.offered, res.Capabilities.PositionEncoding, tc.want)
		}
		sync := res.Capabilities.TextDocumentSync
		if !sync.OpenClose || sync.Change != syncFull {
			t.Errorf("textDocumentSync = %+v", sync)
		}
		if !slices.Equal(res.Capabilities.CodeActionProvider.CodeActionKinds, []string{"quickfix"}) {
			t.Errorf("codeActionKinds = %v", res.Capabilities.CodeActionProvider.CodeActionKinds)
		}
		if res.ServerInfo.Name != "perflint" {
			t.Errorf("serverInfo = %+v", res.ServerInfo)
		}
	}
}

// TestDiagnostics opens the fixture, whose finding follows non-ASCII
// text on its line (two-byte, three-byte and four-byte runes), in both
// encodings.
func TestDiagnostics(t *testing.T) {
	for _, enc := range []encoding{utf16, utf8Enc} {
		t.Run(string(enc), func(t *testing.T) {
			c := newClient(t)
			c.initialize(nil, string(enc))
			name, text := c.fixture()
			uri := c.open(name, text, 1)
			p := c.diagnostics(uri)
			if len(p.Diagnostics) != 1 {
				t.Fatalf("diagnostics = %+v, want one", p.Diagnostics)
			}
			d := p.Diagnostics[0]
			line := "\t\t/* «größe» 🙂 */ "
			wantChar := uint32(len(line)) // utf-8: bytes
			if enc == utf16 {
				wantChar = 1 + 1 + 3 + 7 + 1 + 2 + 4 // tabs, "/* ", «größe», " ", 🙂 (a surrogate pair), " */ "
			}
			if d.Range.Start != (position{Line: 7, Character: wantChar}) {
				t.Errorf("start = %+v, want line 7 character %d", d.Range.Start, wantChar)
			}
			if d.Range.End.Line != 7 || d.Range.End.Character <= wantChar {
				t.Errorf("end = %+v", d.Range.End)
			}
			if d.Severity != severityWarning || d.Source != "perflint" || d.Code != "prealloc" ||
				d.CodeDescription == nil || d.CodeDescription.Href != "https://pkg.go.dev/github.com/perflint/perflint/analyzers/prealloc" {
				t.Errorf("diagnostic = %+v", d)
			}
			if p.Version == nil || *p.Version != 1 {
				t.Errorf("version = %v, want 1", p.Version)
			}
		})
	}
}

func codeActionsAt(t *testing.T, c *client, uri string, r lspRange, only ...string) []codeAction {
	t.Helper()
	var actions []codeAction
	p := map[string]any{
		"textDocument": textDocumentIdentifier{URI: uri},
		"range":        r,
		"context":      map[string]any{"diagnostics": []any{}, "only": only},
	}
	if err := c.call("textDocument/codeAction", p, &actions); err != nil {
		t.Fatal(err)
	}
	return actions
}

func TestCodeActions(t *testing.T) {
	for _, enc := range []encoding{utf16, utf8Enc} {
		t.Run(string(enc), func(t *testing.T) {
			c := newClient(t)
			c.initialize(nil, string(enc))
			name, text := c.fixture()
			uri := c.open(name, text, 1)
			d := c.diagnostics(uri).Diagnostics[0]

			// Elsewhere: nothing. Only refactorings: nothing.
			if a := codeActionsAt(t, c, uri, lspRange{}); len(a) != 0 {
				t.Errorf("actions on line 0: %+v", a)
			}
			if a := codeActionsAt(t, c, uri, d.Range, "refactor"); len(a) != 0 {
				t.Errorf("refactor actions: %+v", a)
			}

			cursor := lspRange{d.Range.Start, d.Range.Start}
			actions := codeActionsAt(t, c, uri, cursor, "quickfix")
			if len(actions) != 2 {
				t.Fatalf("actions = %+v, want the fix and the directive", actions)
			}
			fix, ignore := actions[0], actions[1]
			if fix.Title != "Preallocate out before the loop" || fix.Kind != "quickfix" || !fix.IsPreferred || len(fix.Diagnostics) != 1 {
				t.Errorf("fix = %+v", fix)
			}
			want, _ := os.ReadFile(filepath.Join("testdata", "fixture", "labels.go.fixed"))
			if got := apply(t, text, fix.Edit.Changes[uri], enc); got != string(want) {
				t.Errorf("with the fix:\n%s\nwant:\n%s", got, want)
			}
			silenced := apply(t, text, ignore.Edit.Changes[uri], enc)
			wantLine := "\t\t//perflint:ignore prealloc TODO: reason\n\t\t/* «größe» 🙂 */ out"
			if !strings.Contains(silenced, wantLine) {
				t.Errorf("with the directive:\n%s", silenced)
			}

			// The directive, unsaved then saved, silences the finding:
			// the analysis reads the buffer, not the file.
			c.notify("textDocument/didChange", map[string]any{
				"textDocument":   versionedTextDocumentIdentifier{URI: uri, Version: 2},
				"contentChanges": []any{map[string]any{"text": silenced}},
			})
			if a := codeActionsAt(t, c, uri, cursor); len(a) != 0 {
				t.Errorf("actions on a changed buffer: %+v", a)
			}
			c.notify("textDocument/didSave", map[string]any{"textDocument": textDocumentIdentifier{URI: uri}})
			if p := c.diagnostics(uri); len(p.Diagnostics) != 0 || *p.Version != 2 {
				t.Errorf("after the directive: %+v", p)
			}
		})
	}
}

// TestIgnoreJoins adds the analyzer to a directive already above the
// finding rather than writing a second one.
func TestIgnoreJoins(t *testing.T) {
	c := newClient(t)
	c.initialize(nil)
	name, text := c.fixture()
	text = strings.Replace(text, "\t\t/* «", "\t\t//perflint:ignore stringconcat no strings here\n\t\t/* «", 1)
	uri := c.open(name, text, 1)
	// The directive silences nothing, and the directives analyzer says
	// so on its line: the finding is prealloc's.
	var d diagnostic
	for _, d = range c.diagnostics(uri).Diagnostics {
		if d.Code == "prealloc" {
			break
		}
	}
	actions := codeActionsAt(t, c, uri, d.Range)
	if len(actions) != 2 || d.Code != "prealloc" {
		t.Fatalf("actions at %+v = %+v", d, actions)
	}
	got := apply(t, text, actions[1].Edit.Changes[uri], utf16)
	if !strings.Contains(got, "//perflint:ignore stringconcat,prealloc no strings here\n") {
		t.Errorf("with the directive:\n%s", got)
	}
}

// TestUnsavedEdits: a change alone does not analyze; the save that
// follows analyzes the buffer, whose text differs from the file's.
func TestUnsavedEdits(t *testing.T) {
	c := newClient(t)
	c.initialize(nil)
	name, text := c.fixture()
	uri := c.open(name, text, 1)
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v", p)
	}
	// The append moves to the start of its line.
	edited := strings.Replace(text, "/* «größe» 🙂 */ ", "", 1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   versionedTextDocumentIdentifier{URI: uri, Version: 2},
		"contentChanges": []any{map[string]any{"text": edited}},
	})
	c.notify("textDocument/didSave", map[string]any{"textDocument": textDocumentIdentifier{URI: uri}})
	p := c.diagnostics(uri)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start != (position{Line: 7, Character: 2}) {
		t.Errorf("diagnostics of the buffer = %+v", p.Diagnostics)
	}
	if disk, _ := os.ReadFile(name); string(disk) != text {
		t.Errorf("the file changed on disk")
	}
}

// TestTypeErrors: a buffer that does not type-check clears the findings;
// fixing it brings them back.
func TestTypeErrors(t *testing.T) {
	c := newClient(t)
	c.initialize(nil)
	name, text := c.fixture()
	uri := c.open(name, text, 1)
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v", p)
	}
	for i, tc := range []struct {
		text string
		want int
	}{
		{strings.Replace(text, "return out", "return outt", 1), 0},
		{strings.Replace(text, "return out", "return out +", 1), 0}, // a syntax error
		{text, 1},
	} {
		v := int32(i + 2)
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   versionedTextDocumentIdentifier{URI: uri, Version: v},
			"contentChanges": []any{map[string]any{"text": tc.text}},
		})
		c.notify("textDocument/didSave", map[string]any{"textDocument": textDocumentIdentifier{URI: uri}})
		if p := c.diagnostics(uri); len(p.Diagnostics) != tc.want || *p.Version != v {
			t.Errorf("version %d: %+v, want %d diagnostics", v, p, tc.want)
		}
	}
}

// TestNoModule: a file outside any module gets one message, however
// often it is saved, and no diagnostics.
func TestNoModule(t *testing.T) {
	c := newClient(t)
	c.initialize(nil)
	dir := c.dir
	name := filepath.Join(dir, "x.go")
	text := "package x\n"
	os.WriteFile(name, []byte(text), 0o644)
	uri := c.open(name, text, 1)
	select {
	case m := <-c.msgs:
		if !strings.Contains(m.Message, "cannot load the package in "+dir) {
			t.Errorf("message = %q", m.Message)
		}
	case <-time.After(time.Minute):
		t.Fatal("no message")
	}
	for range 2 {
		c.notify("textDocument/didSave", map[string]any{"textDocument": textDocumentIdentifier{URI: uri}})
	}
	// A request answered after the saves were handled; then no message.
	codeActionsAt(t, c, uri, lspRange{})
	waitIdle(t, c.s)
	select {
	case m := <-c.msgs:
		t.Errorf("a second message: %q", m.Message)
	case d := <-c.diags:
		t.Errorf("diagnostics: %+v", d)
	default:
	}
}

// waitIdle waits until the server has no analysis in flight or waiting.
func waitIdle(t *testing.T, s *Server) {
	t.Helper()
	for range 600 {
		s.mu.Lock()
		idle := s.running == "" && len(s.pending) == 0
		s.mu.Unlock()
		if idle {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the server stays busy")
}

func TestSettings(t *testing.T) {
	c := newClient(t)
	c.initialize(map[string]any{"disable": []string{"prealloc"}})
	name, text := c.fixture()
	uri := c.open(name, text, 1)
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("prealloc disabled: %+v", p)
	}
	// Namespaced, as clients send one object for every server.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"perflint": map[string]any{"enable": []string{"prealloc"}}}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 {
		t.Errorf("prealloc enabled: %+v", p)
	}
	for _, bad := range []map[string]any{
		{"enable": []string{"nosuch"}},
		{"prealloc": map[string]any{"nosuch": 1}},
		{"nosuch": true},
	} {
		c.notify("workspace/didChangeConfiguration", map[string]any{"settings": bad})
		select {
		case m := <-c.msgs:
			if m.Type != messageError || !strings.Contains(m.Message, "nosuch") {
				t.Errorf("message = %+v", m)
			}
		case <-time.After(time.Minute):
			t.Fatalf("no message for %v", bad)
		}
	}
	// A bad value is found when it is set: one message, the defaults.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"needlesscopy": map[string]any{"size": "big"}}})
	select {
	case m := <-c.msgs:
		if !strings.Contains(m.Message, `needlesscopy.size: invalid value "big"`) {
			t.Errorf("message = %+v", m)
		}
	case <-time.After(time.Minute):
		t.Fatal("no message for a bad size")
	}
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 {
		t.Errorf("with the defaults: %+v", p)
	}
	// A profile that does not exist: a message that names the setting,
	// whether this build has profile-guided mode or not.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"profile": "nosuch.pprof"}})
	select {
	case m := <-c.msgs:
		if !strings.Contains(m.Message, "profile") {
			t.Errorf("message = %+v", m)
		}
	case <-time.After(time.Minute):
		t.Fatal("no message for a profile")
	}
}

// TestSupersede: saves that arrive while an analysis runs do not each
// start one, and the diagnostics published are those of the last text.
func TestSupersede(t *testing.T) {
	c := newClient(t)
	// The first analysis waits until every save has arrived.
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	c.s.mu.Lock()
	c.s.hold = func(string) { once.Do(func() { close(entered); <-release }) }
	c.s.mu.Unlock()
	c.initialize(nil)
	name, text := c.fixture()
	uri := c.open(name, text, 1)
	// The saves come while the first analysis runs, not before it starts
	// (they would then add up to it).
	select {
	case <-entered:
	case <-time.After(time.Minute):
		t.Fatal("no analysis started")
	}
	const saves = 20
	for v := int32(2); v < 2+saves; v++ {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   versionedTextDocumentIdentifier{URI: uri, Version: v},
			"contentChanges": []any{map[string]any{"text": text}},
		})
		c.notify("textDocument/didSave", map[string]any{"textDocument": textDocumentIdentifier{URI: uri}})
	}
	codeActionsAt(t, c, uri, lspRange{}) // the notifications are handled
	close(release)
	waitIdle(t, c.s)
	// The server is idle once it has written its last publication; the
	// client's reader may still be passing it on: wait for the version
	// wanted, or for the reader to go quiet.
	var last publishDiagnosticsParams
	for done := false; !done; {
		select {
		case p := <-c.diags:
			last = p
			done = p.Version != nil && *p.Version == 1+saves
		case <-time.After(5 * time.Second):
			done = true
		}
	}
	for quiet := false; !quiet; { // and nothing comes after it
		select {
		case p := <-c.diags:
			last = p
		case <-time.After(200 * time.Millisecond):
			quiet = true
		}
	}
	if last.Version == nil || *last.Version != 1+saves || len(last.Diagnostics) != 1 {
		t.Errorf("last diagnostics = %+v, want version %d", last, 1+saves)
	}
	c.s.mu.Lock()
	started := c.s.started
	c.s.mu.Unlock()
	if started != 2 {
		t.Errorf("%d analyses for one open and %d saves during it, want 2: the first, superseded, and one more", started, saves)
	}
}

func TestLifecycle(t *testing.T) {
	c := newClient(t)
	var jerr *jsonrpc2.Error
	err := c.call("textDocument/codeAction", map[string]any{}, nil)
	if !errors.As(err, &jerr) || jerr.Code != codeServerNotInitialized {
		t.Errorf("before initialize: %v", err)
	}
	c.initialize(nil)
	for _, tc := range []struct {
		method string
		params any
		code   int64
	}{
		{"initialize", map[string]any{}, jsonrpc2.CodeInvalidRequest},
		{"textDocument/hover", map[string]any{}, jsonrpc2.CodeMethodNotFound},
		{"textDocument/codeAction", []int{1}, jsonrpc2.CodeInvalidParams},
		{"textDocument/codeAction", nil, jsonrpc2.CodeInvalidParams},
	} {
		err := c.call(tc.method, tc.params, nil)
		if !errors.As(err, &jerr) || jerr.Code != tc.code {
			t.Errorf("%s %v: %v, want code %d", tc.method, tc.params, err, tc.code)
		}
	}
	// Notifications with bad params, for files not open or not Go: no
	// answer, no crash.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///nosuch.go"}})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "untitled:1"}})
	c.notify("textDocument/didOpen", 42)
	if a := codeActionsAt(t, c, "file:///nosuch.go", lspRange{}); len(a) != 0 {
		t.Errorf("actions: %v", a)
	}
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	err = c.call("textDocument/codeAction", map[string]any{}, nil)
	if !errors.As(err, &jerr) || jerr.Code != jsonrpc2.CodeInvalidRequest {
		t.Errorf("after shutdown: %v", err)
	}
	c.notify("exit", nil)
	if code := c.wait(); code != 0 {
		t.Errorf("exit code %d after shutdown, want 0", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newClient(t)
	c.initialize(nil)
	c.notify("exit", nil)
	if code := c.wait(); code != 1 {
		t.Errorf("exit code %d without shutdown, want 1", code)
	}
}

// TestGarbage: bytes that are not the protocol end the session, with
// exit code 1, and do not crash the server.
func TestGarbage(t *testing.T) {
	a, b := net.Pipe()
	exit := make(chan int, 1)
	go func() { exit <- newServer(analyzers.All(), io.Discard).serve(context.Background(), a) }()
	b.Write([]byte("Content-Length: 5\r\n\r\n{]]]}"))
	select {
	case code := <-exit:
		if code != 1 {
			t.Errorf("exit code %d", code)
		}
	case <-time.After(time.Minute):
		t.Fatal("no exit")
	}
	b.Close()
}

func TestPositions(t *testing.T) {
	text := "a«b🙂c\n\nx"
	m := newMapper(text)
	for _, tc := range []struct {
		off       int
		u16, u8   position
		roundTrip bool
	}{
		{0, position{0, 0}, position{0, 0}, true},
		{1, position{0, 1}, position{0, 1}, true},
		{3, position{0, 2}, position{0, 3}, true},   // after «
		{8, position{0, 5}, position{0, 8}, true},   // after 🙂
		{9, position{0, 6}, position{0, 9}, true},   // the newline
		{11, position{2, 0}, position{2, 0}, true},  // x
		{12, position{2, 1}, position{2, 1}, true},  // the end
		{99, position{2, 1}, position{2, 1}, false}, // past the end
	} {
		if got := m.position(tc.off, utf16); got != tc.u16 {
			t.Errorf("utf-16 position(%d) = %v, want %v", tc.off, got, tc.u16)
		}
		if got := m.position(tc.off, utf8Enc); got != tc.u8 {
			t.Errorf("utf-8 position(%d) = %v, want %v", tc.off, got, tc.u8)
		}
		if !tc.roundTrip {
			continue
		}
		for _, enc := range []encoding{utf16, utf8Enc} {
			p := m.position(tc.off, enc)
			if off, err := m.offset(p, enc); err != nil || off != tc.off {
				t.Errorf("%s offset(%v) = %d, %v; want %d", enc, p, off, err, tc.off)
			}
		}
	}
	if off, _ := m.offset(position{0, 99}, utf16); off != 9 {
		t.Errorf("a character past the line's end: %d, want its end 9", off)
	}
	if _, err := m.offset(position{5, 0}, utf16); err == nil {
		t.Errorf("a line past the end: no error")
	}
	for _, name := range []string{"/tmp/a b/c.go", "/tmp/ü/#x.go"} {
		if got, err := uriPath(fileURI(name)); err != nil || got != name {
			t.Errorf("uriPath(fileURI(%q)) = %q, %v", name, got, err)
		}
	}
}
