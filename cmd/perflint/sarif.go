package main

import (
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the subset
// GitHub code scanning reads, as typed structs: the maintained Go library,
// github.com/owenrumney/go-sarif/v3, imports a JSON-schema validator that
// brings net/http and crypto/tls into the binary (5.7 MB for a program that
// only imports it), for a format of a dozen small structs.
//
// Files are named relative to %SRCROOT%, the root of the repository that
// holds the main module (see sourceRoot), which is what GitHub resolves
// relative paths against; files outside it (the standard library) by
// absolute file URIs. The absolute path of %SRCROOT% itself is left out, as
// CodeQL leaves it out, so that the log does not depend on where the
// checkout lives. Columns count UTF-16 code units, SARIF's default, which
// the log states in columnKind.

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifSrcRoot = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	ShortDescription     sarifMessage      `json:"shortDescription"`
	FullDescription      sarifMessage      `json:"fullDescription"`
	Help                 sarifMessage      `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
	Fixes     []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI         string        `json:"uri,omitempty"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

// A sarifRegion is a text region; a fix's deleted region also gives its
// byte offset and length, which say the same exactly. An end column
// equal to the start column on the same line is an insertion point.
type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
}

func printSARIF(w io.Writer, findings []finding, r *output) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "perflint",
			Version:        perflintVersion(),
			InformationURI: repoURL,
			Rules:          []sarifRule{},
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: !r.failed}},
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{
			sarifSrcRoot: {Description: &sarifMessage{"the root of the repository that holds the main module, or the module's root outside a repository"}},
		},
		ColumnKind: "utf16CodeUnits",
		Results:    []sarifResult{},
	}
	index := make(map[*analysis.Analyzer]int, len(r.analyzers))
	for i, a := range r.analyzers {
		index[a] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(a))
	}
	for i := range findings {
		f := &findings[i]
		fset := f.pkg.Fset
		end := f.posn
		if f.diag.End.IsValid() {
			end = fset.Position(f.diag.End)
		}
		res := sarifResult{
			RuleID:    f.analyzer.Name,
			RuleIndex: index[f.analyzer],
			Level:     "warning",
			Message:   sarifMessage{f.diag.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: r.sarifArtifact(f.posn.Filename),
				Region:           r.sarifRegion(f.posn, end, f.diag.End.IsValid()),
			}}},
		}
		for _, fix := range f.diag.SuggestedFixes {
			res.Fixes = append(res.Fixes, r.sarifFix(fset, fix))
		}
		run.Results = append(run.Results, res)
	}
	data, err := json.MarshalIndent(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// sarifRuleOf describes analyzer a from its Doc: the summary line, the
// first paragraph after it (why the pattern is slow), and the whole text,
// which ends with the measured cost.
func sarifRuleOf(a *analysis.Analyzer) sarifRule {
	summary, body, _ := strings.Cut(a.Doc, "\n")
	body = strings.TrimSpace(body)
	first, _, _ := strings.Cut(body, "\n\n")
	return sarifRule{
		ID:                   a.Name,
		ShortDescription:     sarifMessage{strings.TrimSpace(summary)},
		FullDescription:      sarifMessage{strings.Join(strings.Fields(first), " ")},
		Help:                 sarifMessage{a.Doc},
		HelpURI:              costsURL + "#" + a.Name,
		DefaultConfiguration: sarifRuleConfig{Level: "warning"},
		Properties:           sarifRuleProperty{Tags: []string{"performance"}},
	}
}

// sarifArtifact names file relative to %SRCROOT%, or by its absolute file
// URI when it lies outside.
func (r *output) sarifArtifact(file string) sarifArtifactLocation {
	if rel, ok := slashRel(r.srcRoot, file); ok {
		return sarifArtifactLocation{URI: (&url.URL{Path: rel}).EscapedPath(), URIBaseID: sarifSrcRoot}
	}
	p := filepath.ToSlash(file)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
}

// sarifRegion returns the region from start to end; without a known end,
// the region runs to the end of the start's line.
func (r *output) sarifRegion(start, end token.Position, hasEnd bool) sarifRegion {
	rg := sarifRegion{
		StartLine:   start.Line,
		StartColumn: r.files.utf16Column(start.Filename, start.Offset, start.Column),
	}
	if hasEnd {
		rg.EndLine = end.Line
		rg.EndColumn = r.files.utf16Column(end.Filename, end.Offset, end.Column)
	}
	return rg
}

// sarifFix turns a suggested fix into artifact changes, one per file in
// the order of its first edit.
func (r *output) sarifFix(fset *token.FileSet, fix analysis.SuggestedFix) sarifFix {
	out := sarifFix{Description: sarifMessage{fix.Message}}
	changes := make(map[string]int)
	for _, e := range fix.TextEdits {
		start := fset.Position(e.Pos)
		end := start
		if e.End.IsValid() {
			end = fset.Position(e.End)
		}
		i, ok := changes[start.Filename]
		if !ok {
			i = len(out.ArtifactChanges)
			changes[start.Filename] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: r.sarifArtifact(start.Filename)})
		}
		deleted := r.sarifRegion(start, end, true)
		offset, length := start.Offset, end.Offset-start.Offset
		deleted.ByteOffset, deleted.ByteLength = &offset, &length
		rep := sarifReplacement{DeletedRegion: deleted}
		if len(e.NewText) > 0 {
			rep.InsertedContent = &sarifMessage{string(e.NewText)}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}
