package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A summary is what text mode prints on stderr after the findings.
type summary struct {
	findings  []finding // the findings printed
	baselined int       // findings the baseline hid
	stale     int       // baseline entries that match no finding
}

// print writes the summary: nothing when there is nothing to report, as
// go vet prints nothing on success; otherwise
//
//	12 findings in 7 files: prealloc 5, needlesscopy 4, stringconcat 3
//
// with the analyzers by count, and a line about baseline entries that
// match nothing, which rewriting the baseline drops.
func (s *summary) print(w io.Writer, baseline string) {
	if line := s.line(); line != "" {
		fmt.Fprintln(w, line)
	}
	if s.stale > 0 {
		verb := "match"
		if s.stale == 1 {
			verb = "matches"
		}
		fmt.Fprintf(w, "perflint: %s of %s %s no finding; rewrite it with -write-baseline=%s\n",
			plural(s.stale, "entry", "entries"), baseline, verb, baseline)
	}
}

// line returns the summary line of the findings, or "" when there are none.
func (s *summary) line() string {
	if len(s.findings) == 0 {
		return ""
	}
	files := make(map[string]bool)
	counts := make(map[string]int)
	for i := range s.findings {
		f := &s.findings[i]
		files[f.posn.Filename] = true
		counts[f.analyzer.Name]++
	}
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	var b strings.Builder
	fmt.Fprintf(&b, "%s in %s", plural(len(s.findings), "finding", "findings"), plural(len(files), "file", "files"))
	if s.baselined > 0 {
		fmt.Fprintf(&b, " (and %d in the baseline)", s.baselined)
	}
	b.WriteString(":")
	for i, name := range names {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %s %d", name, counts[name])
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
