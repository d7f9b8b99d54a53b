// Package lsp is perflint's language server: editors run it beside
// gopls, which cannot load analyzers of other modules.
//
// It speaks the Language Server Protocol over a stream (perflint lsp:
// stdio), with github.com/sourcegraph/jsonrpc2 for the JSON-RPC framing.
// On open and on save of a Go file it analyzes the file's package with
// golang.org/x/tools/go/analysis/checker, the editor's unsaved buffers
// as an overlay, and publishes the findings as warnings; code actions
// offer each finding's suggested fix (checked by the report pass before
// it is offered) and a //perflint:ignore directive.
//
// One analysis runs at a time. A save of a package whose analysis is in
// flight cancels its loading, or else discards its result, and the
// package is analyzed again; saves of one package while another runs
// coalesce into one analysis. Edits between saves only update the
// text: an analysis in flight publishes the findings of the text it
// read, with its version, and code actions are offered only while the
// text is the one analyzed.
//
// The perflint.toml files above a package apply to it as on the command
// line, read again for each analysis, and the editor's settings win over
// them as flags do (see [Settings]). A change to one, where the client
// reports it, has the open packages below it analyzed again.
//
// Only buffers whose text differs from the file on disk go into the
// overlay: go/packages type-checks every dependency from source when
// there is one, which on a large package takes ten times as long as
// loading them from the go command's export data.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"
	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/internal/config"
)

// Server is one language server session.
type Server struct {
	all     []*analysis.Analyzer
	version string
	logger  *log.Logger
	conn    *jsonrpc2.Conn

	wake chan struct{} // a package waits for analysis

	mu       sync.Mutex
	state    state
	enc      encoding
	root     string // the workspace root directory, if the client gave one
	settings *Settings
	docs     map[string]*document   // file name -> open document
	results  map[string]*fileResult // file name -> the findings last published
	dirs     map[string][]string    // package directory -> files published there
	pending  []string               // package directories to analyze, in order
	gen      map[string]int         // package directory -> analyses asked for
	running  string                 // the directory under analysis
	cancel   context.CancelFunc     // cancels the running analysis's loading
	shown    map[string]bool        // messages shown once
	watch    bool                   // the client watches files for the server
	exited   bool
	started  int          // analyses started, for tests
	hold     func(string) // if set, called before each analysis, for tests
}

type state int

const (
	uninitialized state = iota
	running
	shutDown
)

// A document is a file open in the editor.
type document struct {
	uri     string
	version int32
	text    string
}

// Serve runs a session on rwc until the client exits or closes the
// stream, and returns the exit code the protocol asks for: 0 after
// shutdown and exit, 1 otherwise. Log lines go to logw.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, all []*analysis.Analyzer, logw io.Writer) int {
	return newServer(all, logw).serve(ctx, rwc)
}

func newServer(all []*analysis.Analyzer, logw io.Writer) *Server {
	return &Server{
		all:      all,
		version:  version(),
		logger:   log.New(logw, "perflint lsp: ", 0),
		wake:     make(chan struct{}, 1),
		enc:      utf16,
		settings: &Settings{},
		docs:     make(map[string]*document),
		results:  make(map[string]*fileResult),
		dirs:     make(map[string][]string),
		gen:      make(map[string]int),
		shown:    make(map[string]bool),
	}
}

func (s *Server) serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream := jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{})
	h := jsonrpc2.HandlerWithError(s.handle).SuppressErrClosed()
	s.mu.Lock() // the handler waits for s.conn
	s.conn = jsonrpc2.NewConn(ctx, stream, h, jsonrpc2.SetLogger(s.logger))
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.worker(ctx)
	}()
	select {
	case <-s.conn.DisconnectNotify():
	case <-ctx.Done():
		s.conn.Close()
	}
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	ok := s.state == shutDown && s.exited
	s.mu.Unlock()
	cancel()
	<-done
	if ok {
		return 0
	}
	return 1
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return ""
}

// handle answers one request or notification. The connection calls it
// for one message at a time, in the order they arrive.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.logger.Printf("internal error in %s (please report it): %v\n%s", req.Method, p, debug.Stack())
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("perflint: internal error: %v", p)}
		}
	}()
	s.mu.Lock()
	st := s.state
	s.mu.Unlock()
	switch {
	case req.Method == "exit":
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		conn.Close()
		return nil, nil
	case st == uninitialized && req.Method != "initialize":
		return nil, &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "perflint: the server is not initialized: send initialize first"}
	case st == shutDown:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "perflint: the server is shut down: only exit is accepted"}
	}

	switch req.Method {
	case "initialize":
		if st != uninitialized {
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "perflint: initialize was already sent"}
		}
		var p initializeParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		return s.initialize(ctx, &p), nil
	case "initialized":
		s.watchConfigFiles(ctx)
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.state = shutDown
		if s.cancel != nil {
			s.cancel()
		}
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenTextDocumentParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		s.didOpen(&p)
		return nil, nil
	case "textDocument/didChange":
		var p didChangeTextDocumentParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		return nil, s.didChange(&p)
	case "textDocument/didSave":
		var p didSaveTextDocumentParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		s.didSave(&p)
		return nil, nil
	case "textDocument/didClose":
		var p didCloseTextDocumentParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		s.didClose(&p)
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		var files []string
		for _, c := range p.Changes {
			if name, err := uriPath(c.URI); err == nil {
				files = append(files, name)
			}
		}
		s.configChanged(files...)
		return nil, nil
	case "workspace/didChangeConfiguration":
		var p didChangeConfigurationParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		s.didChangeConfiguration(ctx, &p)
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		return s.codeActions(&p)
	}
	if req.Notif {
		return nil, nil // $/cancelRequest, $/setTrace and the like
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "perflint: method not supported: " + req.Method}
}

// params decodes req's parameters into v.
func params(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: "perflint: " + req.Method + " needs params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: fmt.Sprintf("perflint: bad params of %s: %v", req.Method, err)}
	}
	return nil
}

func (s *Server) initialize(ctx context.Context, p *initializeParams) *initializeResult {
	st, err := parseSettings(p.InitializationOptions, s.all)
	s.mu.Lock()
	if p.Capabilities.General != nil {
		s.enc = negotiate(p.Capabilities.General.PositionEncodings)
	}
	s.watch = p.Capabilities.watchesFiles()
	if err == nil {
		s.settings = st
	}
	if root, err := uriPath(p.RootURI); err == nil {
		s.root = root
	}
	s.state = running
	enc := s.enc
	s.mu.Unlock()
	if err != nil {
		s.show(ctx, messageError, "perflint: initializationOptions: "+err.Error()+"; using the defaults")
	}
	return &initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding: string(enc),
			TextDocumentSync: textDocumentSyncOptions{OpenClose: true, Change: syncFull, Save: saveOptions{}},
			CodeActionProvider: codeActionOptions{
				CodeActionKinds: []string{kindQuickFix},
			},
		},
		ServerInfo: serverInfo{Name: "perflint", Version: s.version},
	}
}

// goFile returns the file name of a Go file's URI.
func goFile(uri string) (string, bool) {
	name, err := uriPath(uri)
	return name, err == nil && strings.HasSuffix(name, ".go")
}

func (s *Server) didOpen(p *didOpenTextDocumentParams) {
	name, ok := goFile(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	s.docs[name] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: p.TextDocument.Text}
	s.mu.Unlock()
	s.schedule(filepath.Dir(name))
}

func (s *Server) didChange(p *didChangeTextDocumentParams) error {
	name, ok := goFile(p.TextDocument.URI)
	if !ok {
		return nil
	}
	s.mu.Lock()
	doc := s.docs[name]
	if doc == nil {
		s.mu.Unlock()
		return fmt.Errorf("perflint: didChange of %s, which is not open", p.TextDocument.URI)
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			doc.text = c.Text
			continue
		}
		m := newMapper(doc.text)
		start, err1 := m.offset(c.Range.Start, s.enc)
		end, err2 := m.offset(c.Range.End, s.enc)
		if err1 != nil || err2 != nil || start > end {
			s.mu.Unlock()
			return fmt.Errorf("perflint: didChange of %s: range out of the text", p.TextDocument.URI)
		}
		doc.text = doc.text[:start] + c.Text + doc.text[end:]
	}
	doc.version = p.TextDocument.Version
	s.mu.Unlock()
	return nil
}

func (s *Server) didSave(p *didSaveTextDocumentParams) {
	name, ok := goFile(p.TextDocument.URI)
	if !ok {
		if name != "" {
			s.configChanged(name) // a client that sends saves of perflint.toml files
		}
		return
	}
	s.mu.Lock()
	if doc := s.docs[name]; doc != nil && p.Text != nil {
		doc.text = *p.Text
	}
	s.mu.Unlock()
	s.schedule(filepath.Dir(name))
}

func (s *Server) didClose(p *didCloseTextDocumentParams) {
	name, ok := goFile(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	doc := s.docs[name]
	delete(s.docs, name)
	s.mu.Unlock()
	// Closed without saving: the findings should be those of the file
	// on disk again.
	if disk, err := os.ReadFile(name); doc != nil && (err != nil || string(disk) != doc.text) {
		s.schedule(filepath.Dir(name))
	}
}

func (s *Server) didChangeConfiguration(ctx context.Context, p *didChangeConfigurationParams) {
	st, err := parseSettings(p.Settings, s.all)
	if err != nil {
		s.show(ctx, messageError, "perflint: settings: "+err.Error()+"; keeping the previous settings")
		return
	}
	s.mu.Lock()
	s.settings = st
	dirs := make([]string, 0, len(s.docs))
	for name := range s.docs {
		dirs = append(dirs, filepath.Dir(name))
	}
	s.mu.Unlock()
	slices.Sort(dirs)
	for _, dir := range slices.Compact(dirs) {
		s.schedule(dir)
	}
}

// watchConfigFiles asks the client, where it can, to tell the server
// when a perflint.toml file changes: an analysis reads the files again,
// and this one starts one for each open package they apply to.
func (s *Server) watchConfigFiles(ctx context.Context) {
	s.mu.Lock()
	watch := s.watch
	s.mu.Unlock()
	if !watch {
		return
	}
	// Not Call: the connection handles the reply after this message.
	_, err := s.conn.DispatchCall(ctx, "client/registerCapability", &registrationParams{Registrations: []registration{{
		ID:              "perflint.toml",
		Method:          "workspace/didChangeWatchedFiles",
		RegisterOptions: &didChangeWatchedFilesRegistrationOptions{Watchers: []fileSystemWatcher{{GlobPattern: "**/" + config.FileName}}},
	}}})
	if err != nil {
		s.logger.Printf("registering for changes of %s files: %v", config.FileName, err)
	}
}

// configChanged analyzes again the open packages that a change of the
// named files may concern: those in the directory of a perflint.toml
// among them or below it.
func (s *Server) configChanged(files ...string) {
	var roots []string
	for _, f := range files {
		if filepath.Base(f) == config.FileName {
			roots = append(roots, filepath.Dir(f))
		}
	}
	if len(roots) == 0 {
		return
	}
	s.mu.Lock()
	var dirs []string
	for name := range s.docs {
		dir := filepath.Dir(name)
		for _, r := range roots {
			if rel, err := filepath.Rel(r, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				dirs = append(dirs, dir)
				break
			}
		}
	}
	s.mu.Unlock()
	slices.Sort(dirs)
	for _, dir := range slices.Compact(dirs) {
		s.schedule(dir)
	}
}

// schedule asks for an analysis of the package in dir. If one is in
// flight, it is superseded: its loading is cancelled and its result
// dropped.
func (s *Server) schedule(dir string) {
	s.mu.Lock()
	s.gen[dir]++
	if s.running == dir && s.cancel != nil {
		s.cancel()
	}
	if !slices.Contains(s.pending, dir) {
		s.pending = append(s.pending, dir)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// worker analyzes the packages that wait, one at a time.
func (s *Server) worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		for ctx.Err() == nil {
			s.mu.Lock()
			if len(s.pending) == 0 || s.state == shutDown {
				s.mu.Unlock()
				break
			}
			dir := s.pending[0]
			s.pending = s.pending[1:]
			gen := s.gen[dir]
			s.started++
			jobCtx, cancel := context.WithCancel(ctx)
			s.running, s.cancel = dir, cancel
			snap := s.snapshot()
			hold := s.hold
			s.mu.Unlock()

			if hold != nil {
				hold(dir)
			}
			res := s.analyze(jobCtx, dir, snap)

			s.mu.Lock()
			current := s.gen[dir] == gen && s.state != shutDown && jobCtx.Err() == nil
			cancel()
			s.running, s.cancel = "", nil
			s.mu.Unlock()
			if current {
				s.publish(ctx, dir, snap, res)
			}
		}
	}
}

// show sends a window/showMessage.
func (s *Server) show(ctx context.Context, typ int, msg string) {
	s.logger.Print(msg)
	s.conn.Notify(ctx, "window/showMessage", &showMessageParams{Type: typ, Message: msg})
}

// showOnce sends msg once in the session.
func (s *Server) showOnce(ctx context.Context, typ int, msg string) {
	s.mu.Lock()
	seen := s.shown[msg]
	s.shown[msg] = true
	s.mu.Unlock()
	if !seen {
		s.show(ctx, typ, msg)
	}
}
