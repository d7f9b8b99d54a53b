package main

import (
	"fmt"
	"io"
	"strings"
)

// printGitHub prints each finding as a GitHub Actions workflow command,
// which the runner turns into an annotation on the file and line:
//
//	::warning file=pkg/fx.go,line=6,col=3,endLine=6,endColumn=23,title=prealloc::message
//
// Files are relative to the repository's root, as SARIF's are; columns
// count UTF-16 code units. Annotations support columns only within one
// line, so a finding that spans lines gives lines alone.
func printGitHub(w io.Writer, findings []finding, r *output) error {
	var b strings.Builder
	for i := range findings {
		f := &findings[i]
		file, _ := slashRel(r.srcRoot, f.posn.Filename)
		fmt.Fprintf(&b, "::warning file=%s,line=%d", ghProperty(file), f.posn.Line)
		end := f.posn
		if f.diag.End.IsValid() {
			end = f.pkg.Fset.Position(f.diag.End)
		}
		if end.Line == f.posn.Line {
			fmt.Fprintf(&b, ",col=%d", r.files.utf16Column(f.posn.Filename, f.posn.Offset, f.posn.Column))
			if f.diag.End.IsValid() {
				fmt.Fprintf(&b, ",endLine=%d,endColumn=%d", end.Line, r.files.utf16Column(end.Filename, end.Offset, end.Column))
			}
		} else {
			fmt.Fprintf(&b, ",endLine=%d", end.Line)
		}
		fmt.Fprintf(&b, ",title=%s::%s\n", ghProperty(f.analyzer.Name), ghData(f.diag.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message as the runner unescapes it.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value, in which ':'
// and ',' end the value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
