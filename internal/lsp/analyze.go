package lsp

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sourcegraph/jsonrpc2"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perflint/perflint/internal/config"
	"github.com/perflint/perflint/internal/load"
	"github.com/perflint/perflint/passes/report"
)

// A snapshot is what one analysis reads: the open documents and the
// settings as they were when it started.
type snapshot struct {
	docs     map[string]document // file name -> document
	overlay  map[string][]byte   // file name -> text unlike the file's, for packages.Config
	settings *Settings
	enc      encoding
}

// snapshot copies the state an analysis reads. s.mu is held.
func (s *Server) snapshot() *snapshot {
	snap := &snapshot{
		docs:     make(map[string]document, len(s.docs)),
		overlay:  make(map[string][]byte, len(s.docs)),
		settings: s.settings,
		enc:      s.enc,
	}
	for name, doc := range s.docs {
		snap.docs[name] = *doc
		if disk, err := os.ReadFile(name); err != nil || string(disk) != doc.text {
			snap.overlay[name] = []byte(doc.text)
		}
	}
	return snap
}

// A fileResult is what one analysis found in one file.
type fileResult struct {
	name     string
	uri      string
	version  *int32 // of the open document analyzed
	text     string // the text analyzed: code actions apply to it only
	findings []*finding
}

// A finding is one diagnostic with its fix in protocol terms.
type finding struct {
	analyzer string
	diag     diagnostic
	fix      *codeAction // nil without a fix
}

// A jobResult is the outcome of one package directory's analysis.
type jobResult struct {
	files   map[string]*fileResult // every file of the package, with or without findings
	message string                 // why the package did not load, if it did not
}

// analyze loads the package in dir, with the snapshot's documents as an
// overlay, and runs the enabled analyzers on it.
func (s *Server) analyze(ctx context.Context, dir string, snap *snapshot) *jobResult {
	// The perflint.toml files are read again for each analysis, as a run
	// of perflint reads them: an edit to one, in the editor or not, counts
	// from the next analysis. It costs a read per directory up to the
	// root, which is nothing beside loading the package.
	config.Forget()
	analyzers, err := s.configure(ctx, snap.settings)
	if err != nil {
		s.showOnce(ctx, messageError, "perflint: settings: "+err.Error()+"; using the defaults")
		resetFlags(s.all)
		analyzers = s.all
	}
	// Fixes are offered to be applied: check them, against the buffers.
	report.SetCheckFixes(true)
	report.SetOverlay(snap.overlay)
	defer report.SetOverlay(nil)

	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.LoadSyntax | packages.NeedModule,
		Dir:     dir,
		Tests:   snap.settings.Tests,
		Overlay: snap.overlay,

		ParseFile: load.ParseFile,
	}
	pkgs, err := packages.Load(cfg, ".")
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		return &jobResult{message: fmt.Sprintf("perflint: cannot load the package in %s: %v", dir, err)}
	}
	if msg := loadFailure(dir, pkgs); msg != "" {
		return &jobResult{message: msg}
	}
	if _, err := config.Load(dir); err != nil {
		return configError(dir, pkgs, snap, err)
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return &jobResult{message: fmt.Sprintf("perflint: %s: %v", dir, err)}
	}
	res := &jobResult{files: make(map[string]*fileResult)}
	texts := make(map[string]*mapper)
	file := func(name string) (*fileResult, *mapper) {
		fr := res.files[name]
		if fr == nil {
			fr = &fileResult{name: name, uri: fileURI(name)}
			if doc, ok := snap.docs[name]; ok {
				fr.uri, fr.text = doc.uri, doc.text
				v := doc.version
				fr.version = &v
			} else if b, err := os.ReadFile(name); err == nil {
				fr.text = string(b)
			}
			res.files[name] = fr
			texts[name] = newMapper(fr.text)
		}
		return fr, texts[name]
	}
	variants := make(map[string]int) // file -> package variants compiling it
	for _, p := range pkgs {
		for _, name := range p.GoFiles {
			variants[name]++
			if filepath.Dir(name) == dir {
				file(name)
			}
		}
	}

	type key struct {
		name       string
		start, end int
		analyzer   string
		message    string
	}
	seen := make(map[key]*finding)
	offers := make(map[*finding]int)
	for _, act := range graph.Roots {
		if act.Err != nil {
			s.showOnce(ctx, messageError, fmt.Sprintf("perflint: %s: %v", act, act.Err))
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			posn := fset.Position(d.Pos)
			if posn.Filename == "" || filepath.Dir(posn.Filename) != dir {
				continue
			}
			fr, m := file(posn.Filename)
			start, ok := m.lineColumn(posn.Line, posn.Column)
			if !ok {
				continue
			}
			end := start
			if d.End.IsValid() {
				if e := fset.Position(d.End); e.Filename == posn.Filename {
					if off, ok := m.lineColumn(e.Line, e.Column); ok && off >= start {
						end = off
					}
				}
			}
			k := key{posn.Filename, start, end, act.Analyzer.Name, d.Message}
			f := seen[k]
			if f == nil {
				f = &finding{
					analyzer: act.Analyzer.Name,
					diag: diagnostic{
						Range:    lspRange{m.position(start, snap.enc), m.position(end, snap.enc)},
						Severity: severityWarning,
						Code:     act.Analyzer.Name,
						Source:   "perflint",
						Message:  d.Message,
					},
				}
				if act.Analyzer.URL != "" {
					f.diag.CodeDescription = &codeDescription{Href: act.Analyzer.URL}
				}
				seen[k] = f
				fr.findings = append(fr.findings, f)
			}
			// A fix is offered where every package variant that compiles
			// the file offers it, as perflint -fix applies it: a fix
			// checked in the package may not build in its test variant.
			if len(d.SuggestedFixes) > 0 {
				fix := s.quickFix(fset, &d, file, snap.enc)
				switch {
				case fix == nil:
				case offers[f] == 0:
					f.fix = fix
					offers[f] = 1
				case f.fix != nil && sameEdit(f.fix.Edit, fix.Edit):
					offers[f]++
				}
			}
		}
	}
	for _, fr := range res.files {
		for _, f := range fr.findings {
			if f.fix != nil && offers[f] < variants[fr.name] {
				f.fix = nil
			}
		}
		slices.SortStableFunc(fr.findings, func(a, b *finding) int {
			return cmp.Or(
				cmp.Compare(a.diag.Range.Start.Line, b.diag.Range.Start.Line),
				cmp.Compare(a.diag.Range.Start.Character, b.diag.Range.Start.Character),
				cmp.Compare(a.analyzer, b.analyzer),
			)
		})
	}
	return res
}

// quickFix returns d's first suggested fix as a code action, or nil when
// an edit falls outside the text the analysis read.
func (s *Server) quickFix(fset *token.FileSet, d *analysis.Diagnostic, file func(string) (*fileResult, *mapper), enc encoding) *codeAction {
	fix := d.SuggestedFixes[0]
	edits := make(map[string][]textEdit)
	for _, e := range fix.TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil {
			return nil
		}
		fr, m := file(tf.Name())
		if tf.Size() != len(fr.text) {
			return nil // the file changed on disk since it was loaded
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if fset.File(end) != tf {
			return nil
		}
		edits[fr.uri] = append(edits[fr.uri], textEdit{
			Range:   lspRange{m.position(tf.Offset(e.Pos), enc), m.position(tf.Offset(end), enc)},
			NewText: string(e.NewText),
		})
	}
	return &codeAction{
		Title:       fix.Message,
		Kind:        kindQuickFix,
		IsPreferred: true,
		Edit:        &workspaceEdit{Changes: edits},
	}
}

func sameEdit(a, b *workspaceEdit) bool {
	if len(a.Changes) != len(b.Changes) {
		return false
	}
	for uri, es := range a.Changes {
		if !slices.Equal(es, b.Changes[uri]) {
			return false
		}
	}
	return true
}

// configError returns the result of the package in dir when its
// perflint.toml files are wrong: no findings, as perflint analyzes
// nothing then, and err, as perflint prints it, as an error on the
// package clause of each file of the package open in the editor, or of
// its first file when none is. (The report pass would report it on its
// first file only, on behalf of whichever analyzer asks first, once per
// package variant, and not in a package with type errors.)
func configError(dir string, pkgs []*packages.Package, snap *snapshot, err error) *jobResult {
	msg := err.Error()
	if ce := (*config.Error)(nil); errors.As(err, &ce) {
		rel := *ce
		if r, err := filepath.Rel(dir, ce.File); err == nil {
			rel.File = r
		}
		msg = rel.Error()
	}
	res := &jobResult{files: make(map[string]*fileResult)}
	type clause struct {
		fset *token.FileSet
		pos  token.Pos
	}
	var names []string
	clauses := make(map[string]clause)
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			name := p.Fset.Position(f.Package).Filename
			if _, ok := clauses[name]; ok || !f.Package.IsValid() || filepath.Dir(name) != dir {
				continue
			}
			clauses[name] = clause{p.Fset, f.Package}
			names = append(names, name)
		}
	}
	open := slices.ContainsFunc(names, func(name string) bool { _, ok := snap.docs[name]; return ok })
	for i, name := range names {
		fr := &fileResult{name: name, uri: fileURI(name)}
		if doc, ok := snap.docs[name]; ok {
			fr.uri, fr.text = doc.uri, doc.text
			v := doc.version
			fr.version = &v
		} else if b, err := os.ReadFile(name); err == nil {
			fr.text = string(b)
		}
		res.files[name] = fr
		if _, ok := snap.docs[name]; !ok && (open || i > 0) {
			continue
		}
		c := clauses[name]
		posn := c.fset.Position(c.pos)
		m := newMapper(fr.text)
		start, ok := m.lineColumn(posn.Line, posn.Column)
		if !ok {
			continue
		}
		end := min(start+len("package"), len(fr.text))
		fr.findings = append(fr.findings, &finding{diag: diagnostic{
			Range:    lspRange{m.position(start, snap.enc), m.position(end, snap.enc)},
			Severity: severityError,
			Source:   "perflint",
			Message:  msg,
		}})
	}
	return res
}

// loadFailure returns the message to show when the package in dir did
// not load: go list could not list it (no module, a go.mod that needs a
// newer Go, no Go files). Syntax and type errors are gopls' to show:
// the analyzers are silent on such a package, and its findings clear.
func loadFailure(dir string, pkgs []*packages.Package) string {
	if len(pkgs) == 0 {
		// go/packages says nothing more outside a module: ask go list.
		cmd := exec.Command("go", "list", ".")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		msg, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		if err == nil || msg == "" {
			msg = "no Go package"
		}
		return "perflint: cannot load the package in " + dir + ": " + msg
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			if e.Kind == packages.ListError && len(p.Syntax) == 0 {
				return "perflint: cannot load the package in " + dir + ": " + strings.TrimSpace(e.Msg)
			}
		}
	}
	return ""
}

// configure sets the analyzers' flags for one analysis and returns the
// analyzers that run. Flags start from their defaults; the perflint.toml
// files found from the package's directory come next (the report pass
// applies them), and the editor's settings win over them, as
// command-line flags do.
//
// profile and hot are the report pass's flags of the same names where
// this build has them (profile-guided mode), as the command line's
// -profile and -hot are.
func (s *Server) configure(ctx context.Context, st *Settings) ([]*analysis.Analyzer, error) {
	resetFlags(s.all)
	for _, opt := range [...]struct{ name, value string }{{"profile", st.Profile}, {"hot", st.Hot}} {
		if opt.value == "" {
			continue
		}
		f := report.Analyzer.Flags.Lookup(opt.name)
		if f == nil {
			s.showOnce(ctx, messageWarning, "perflint: this perflint has no profile-guided mode: the "+opt.name+" setting is ignored")
			continue
		}
		v := opt.value
		if opt.name == "profile" {
			v = s.absFiles(v)
		}
		if err := f.Value.Set(v); err != nil {
			return nil, fmt.Errorf("setting %s: invalid value %q: %v", opt.name, opt.value, err)
		}
	}
	// A profile that cannot be used is the setting's error, as the
	// command line stops at it; else the report pass would fail, and
	// every analyzer with it, with an error that names neither.
	if err := report.LoadProfile(); err != nil {
		return nil, fmt.Errorf("setting profile: %v", err)
	}
	return st.apply(s.all)
}

// absFiles makes each of a comma-separated list of file names absolute,
// relative to the workspace root the client gave in initialize.
func (s *Server) absFiles(list string) string {
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	names := strings.Split(list, ",")
	for i, n := range names {
		if n != "off" && !filepath.IsAbs(n) && root != "" {
			names[i] = filepath.Join(root, n)
		}
	}
	return strings.Join(names, ",")
}

// publish sends the findings of one analysis, and clears those of files
// of dir that it no longer reports on.
func (s *Server) publish(ctx context.Context, dir string, snap *snapshot, res *jobResult) {
	if res == nil {
		return
	}
	if res.message != "" {
		s.showOnce(ctx, messageWarning, res.message)
	}
	s.mu.Lock()
	var send []*publishDiagnosticsParams
	names := make([]string, 0, len(res.files))
	for name := range res.files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fr := res.files[name]
		old := s.results[name]
		// Open files hear of every analysis, findings or none; others
		// when they have findings or had some.
		if _, open := snap.docs[name]; open || len(fr.findings) > 0 || (old != nil && len(old.findings) > 0) {
			send = append(send, fr.params())
		}
		s.results[name] = fr
	}
	// Files published before that this analysis did not see (deleted,
	// or the package did not load): clear them.
	for _, name := range s.dirs[dir] {
		if _, ok := res.files[name]; ok {
			continue
		}
		if old := s.results[name]; old != nil {
			delete(s.results, name)
			if len(old.findings) > 0 {
				send = append(send, &publishDiagnosticsParams{URI: old.uri, Diagnostics: []diagnostic{}})
			}
		}
	}
	s.dirs[dir] = names
	s.mu.Unlock()
	for _, p := range send {
		if err := s.conn.Notify(ctx, "textDocument/publishDiagnostics", p); err != nil {
			if !errors.Is(err, jsonrpc2.ErrClosed) {
				s.logger.Print(err)
			}
			return
		}
	}
}

func (fr *fileResult) params() *publishDiagnosticsParams {
	p := &publishDiagnosticsParams{URI: fr.uri, Version: fr.version, Diagnostics: make([]diagnostic, 0, len(fr.findings))}
	for _, f := range fr.findings {
		p.Diagnostics = append(p.Diagnostics, f.diag)
	}
	return p
}
