package main

import (
	"encoding/xml"
	"fmt"
	"io"
)

// Checkstyle's XML, which Jenkins, GitLab, reviewdog and most CI report
// viewers read: a file element per file, an error element per finding.
// Files are named as the text output names them, relative to the current
// directory; columns are go vet's byte columns.
type checkstyle struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func printCheckstyle(w io.Writer, findings []finding, r *output) error {
	// The format's version, not perflint's: 5.0 is what checkstyle and
	// golangci-lint write.
	doc := checkstyle{Version: "5.0"}
	for i := range findings {
		f := &findings[i]
		name := f.posn.Filename
		if rel, ok := slashRel(r.cwd, name); ok {
			name = rel
		}
		if n := len(doc.Files); n == 0 || doc.Files[n-1].Name != name {
			doc.Files = append(doc.Files, checkstyleFile{Name: name})
		}
		file := &doc.Files[len(doc.Files)-1]
		file.Errors = append(file.Errors, checkstyleError{
			Line:     f.posn.Line,
			Column:   f.posn.Column,
			Severity: "warning",
			Message:  f.diag.Message,
			Source:   "perflint." + f.analyzer.Name,
		})
	}
	data, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s%s\n", xml.Header, data)
	return err
}
