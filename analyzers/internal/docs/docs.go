// Package docs turns an analyzer's doc.go into its Doc string.
//
// Each analyzer embeds its own doc.go, whose package comment is the
// documentation (go doc, pkg.go.dev and perflint help print the same
// text), so the doc and the code cannot drift apart.
package docs

import (
	_ "embed"
	"encoding/json"
	"go/parser"
	"go/token"
	"strings"
)

// costsJSON holds each analyzer's headline cost, written by the corpus/costs
// command from a benchmark run of the corpus pairs (see docs/costs.md).
//
//go:embed costs.json
var costsJSON []byte

// Cost returns the measured cost of analyzer name's findings, or "" when
// its pairs have not been measured yet.
func Cost(name string) string {
	var costs map[string]string
	if err := json.Unmarshal(costsJSON, &costs); err != nil {
		panic("docs: costs.json: " + err.Error())
	}
	return costs[name]
}

// Doc returns the "# Analyzer NAME" section of the package comment in
// the Go source src, without its heading: a one-line summary, a blank
// line, then the text, ending with the measured cost. It panics if src has no such section, which the
// analyzer's own tests catch.
func Doc(src, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic("docs: doc.go of " + name + " has no package comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name + "\n"
	_, section, ok := strings.Cut(text, heading)
	if !ok {
		panic("docs: doc.go of " + name + " has no " + strings.TrimSpace(heading) + " heading")
	}
	if i := strings.Index(section, "\n# Analyzer "); i >= 0 {
		section = section[:i]
	}
	section = strings.TrimSpace(section)
	if cost := Cost(name); cost != "" {
		section += "\n\nMeasured: " + cost + "."
	}
	return section
}
