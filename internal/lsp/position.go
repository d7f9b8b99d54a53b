package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// An encoding is the unit a position's character counts, as negotiated
// in initialize: UTF-16 code units unless the client offers UTF-8.
type encoding string

const (
	utf16   encoding = "utf-16"
	utf8Enc encoding = "utf-8"
)

// negotiate picks UTF-8 where the client offers it: it is what Go's
// token positions count, so nothing needs converting.
func negotiate(offered []string) encoding {
	for _, e := range offered {
		if e == string(utf8Enc) {
			return utf8Enc
		}
	}
	return utf16
}

// A mapper converts between byte offsets in a file's text and protocol
// positions.
type mapper struct {
	text  string
	lines []int // byte offset of each line's start
}

func newMapper(text string) *mapper {
	m := &mapper{text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			m.lines = append(m.lines, i+1)
		}
	}
	return m
}

// position returns the position of the byte offset off.
func (m *mapper) position(off int, enc encoding) position {
	off = min(max(off, 0), len(m.text))
	line := sort.Search(len(m.lines), func(i int) bool { return m.lines[i] > off }) - 1
	start := m.lines[line]
	return position{Line: uint32(line), Character: uint32(units(m.text[start:off], enc))}
}

// offset returns the byte offset of p. A character past the end of its
// line means the line's end, as the specification says; a line past the
// end of the text is an error.
func (m *mapper) offset(p position, enc encoding) (int, error) {
	if int(p.Line) >= len(m.lines) {
		if int(p.Line) == len(m.lines) && p.Character == 0 {
			return len(m.text), nil
		}
		return 0, fmt.Errorf("line %d is past the end of the text (%d lines)", p.Line, len(m.lines))
	}
	start := m.lines[p.Line]
	end := len(m.text)
	if int(p.Line)+1 < len(m.lines) {
		end = m.lines[p.Line+1] - 1 // the newline
	}
	line := m.text[start:end]
	want := int(p.Character)
	if enc == utf8Enc {
		return start + min(want, len(line)), nil
	}
	n := 0
	for i, r := range line {
		if n >= want {
			return start + i, nil
		}
		n += utf16Units(r)
	}
	return end, nil
}

// lineColumn returns the byte offset of a token.Position's line and
// column (both from 1, the column in bytes).
func (m *mapper) lineColumn(line, col int) (int, bool) {
	if line < 1 || line > len(m.lines) {
		return 0, false
	}
	off := m.lines[line-1] + max(col, 1) - 1
	return off, off <= len(m.text)
}

// lineText returns line l (from 0) without its newline.
func (m *mapper) lineText(l int) string {
	if l < 0 || l >= len(m.lines) {
		return ""
	}
	start := m.lines[l]
	end := len(m.text)
	if l+1 < len(m.lines) {
		end = m.lines[l+1]
	}
	return strings.TrimRight(m.text[start:end], "\r\n")
}

func units(s string, enc encoding) int {
	if enc == utf8Enc {
		return len(s)
	}
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

// utf16Units is the number of UTF-16 code units that encode r: two for a
// surrogate pair. An invalid byte decodes as U+FFFD, one unit.
func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// fileURI returns the file URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p // file:///C:/dir
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// uriPath returns the path a file URI names.
func uriPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("%s: not a file URI", uri)
	}
	p := u.Path
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}
