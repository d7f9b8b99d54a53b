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
	"sync"
)

// costsJSON holds each analyzer's measured cost, written by the
// corpus/costs command from a benchmark run of the corpus pairs (see
// docs/costs.md): a headline for perflint help and, for analyzers with a
// size threshold, the threshold the measurement chose.
//
//go:embed costs.json
var costsJSON []byte

type entry struct {
	Headline  string `json:"headline"`
	Threshold int64  `json:"threshold,omitempty"`
}

var costs = sync.OnceValue(func() map[string]entry {
	var m map[string]entry
	if err := json.Unmarshal(costsJSON, &m); err != nil {
		panic("docs: costs.json: " + err.Error())
	}
	return m
})

// Cost returns the measured cost of analyzer name's findings, or "" when
// its pairs have not been measured yet.
func Cost(name string) string { return costs()[name].Headline }

// Threshold returns the size threshold that the corpus measurement chose
// for analyzer name, or fallback when none was measured.
func Threshold(name string, fallback int64) int64 {
	if t := costs()[name].Threshold; t > 0 {
		return t
	}
	return fallback
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
	// The text is read where this repository is not (perflint help, SARIF
	// rules): its paths become links.
	section = strings.ReplaceAll(section, "docs/costs.md", CostsURL+"#"+name)
	section = strings.ReplaceAll(section, "corpus/"+name, Repo+"/tree/main/corpus/"+name)
	return section
}

// Repo is perflint's repository, and CostsURL its table of measured costs.
const (
	Repo     = "https://github.com/perflint/perflint"
	CostsURL = Repo + "/blob/main/docs/costs.md"
)
