package lsp

import (
	"go/scanner"
	"go/token"
	"os"
	"strings"

	"github.com/perflint/perflint/passes/report"
)

// codeActions returns, for each finding whose range meets the requested
// range, its suggested fix and an action that silences it with a
// //perflint:ignore directive. Findings of a text that has changed
// since they were published have none: their offsets no longer hold.
func (s *Server) codeActions(p *codeActionParams) ([]codeAction, error) {
	out := []codeAction{}
	name, ok := goFile(p.TextDocument.URI)
	if !ok || !wantsQuickFix(p.Context.Only) {
		return out, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fr := s.results[name]
	if fr == nil || !s.current(name, fr.text) {
		return out, nil
	}
	for _, f := range fr.findings {
		if !meets(f.diag.Range, p.Range) {
			continue
		}
		if f.fix != nil && s.editsCurrent(f.fix.Edit) {
			a := *f.fix
			a.Diagnostics = []diagnostic{f.diag}
			out = append(out, a)
		}
		if a := ignoreAction(fr, f, s.enc); a != nil {
			out = append(out, *a)
		}
	}
	return out, nil
}

// current reports whether text is the text of the file now: the open
// document's, or else the file's on disk. s.mu is held.
func (s *Server) current(name, text string) bool {
	if doc := s.docs[name]; doc != nil {
		return doc.text == text
	}
	b, err := os.ReadFile(name)
	return err == nil && string(b) == text
}

// editsCurrent reports whether every file that e edits is as analyzed.
func (s *Server) editsCurrent(e *workspaceEdit) bool {
	for uri := range e.Changes {
		name, err := uriPath(uri)
		if err != nil {
			return false
		}
		fr := s.results[name]
		if fr == nil || !s.current(name, fr.text) {
			return false
		}
	}
	return true
}

// wantsQuickFix reports whether a request limited to the kinds in only
// takes quick fixes: a kind takes itself and the kinds below it.
func wantsQuickFix(only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == kindQuickFix || strings.HasPrefix(kindQuickFix, k+".") {
			return true
		}
	}
	return false
}

// meets reports whether two ranges share a position, ends included: a
// cursor (an empty range) at either end of a finding meets it.
func meets(a, b lspRange) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(p, q position) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Character < q.Character)
}

// ignoreAction returns the action that silences f with a
// //perflint:ignore directive on the line above it, with a TODO for the
// reason (a directive needs one), or adds f's analyzer to a directive
// already there. It returns nil where a comment line cannot go: inside
// a raw string or a block comment, for a finding about a directive, or
// for an error of the perflint.toml files, which no analyzer reports.
func ignoreAction(fr *fileResult, f *finding, enc encoding) *codeAction {
	if f.analyzer == "" {
		return nil
	}
	m := newMapper(fr.text)
	line := int(f.diag.Range.Start.Line)
	start, err := m.offset(f.diag.Range.Start, enc)
	if err != nil || strings.HasPrefix(fr.text[start:], report.Directive) {
		return nil
	}
	lineStart := m.lines[line]
	if spansLine(fr.text, lineStart) {
		return nil
	}
	var edit textEdit
	prev := m.lineText(line - 1)
	if i := strings.Index(prev, report.Directive); i >= 0 && strings.TrimSpace(prev[:i]) == "" {
		// //perflint:ignore a,b reason: add the name after b.
		rest := prev[i+len(report.Directive):]
		trimmed := strings.TrimLeft(rest, " \t")
		names, _, _ := strings.Cut(trimmed, " ")
		names, _, _ = strings.Cut(names, "\t")
		if names == "" {
			return nil
		}
		for _, n := range strings.Split(names, ",") {
			if n == f.analyzer {
				return nil
			}
		}
		col := i + len(report.Directive) + (len(rest) - len(trimmed)) + len(names)
		at := m.position(m.lines[line-1]+col, enc)
		edit = textEdit{Range: lspRange{at, at}, NewText: "," + f.analyzer}
	} else {
		text := m.lineText(line)
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		at := position{Line: uint32(line)}
		edit = textEdit{Range: lspRange{at, at}, NewText: indent + report.Directive + " " + f.analyzer + " TODO: reason\n"}
	}
	return &codeAction{
		Title:       "Silence " + f.analyzer + " here with //perflint:ignore",
		Kind:        kindQuickFix,
		Diagnostics: []diagnostic{f.diag},
		Edit:        &workspaceEdit{Changes: map[string][]textEdit{fr.uri: {edit}}},
	}
}

// spansLine reports whether a raw string or a block comment of src
// covers the byte offset off, the start of a line.
func spansLine(src string, off int) bool {
	fset := token.NewFileSet()
	tf := fset.AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(tf, []byte(src), nil, scanner.ScanComments)
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			return false
		}
		start := tf.Offset(pos)
		if start >= off {
			return false
		}
		if (tok == token.STRING || tok == token.COMMENT) && start+len(lit) > off {
			return true
		}
	}
}
