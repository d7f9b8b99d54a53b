package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/perflint/perflint/analyzers"
	"github.com/perflint/perflint/passes/report"
)

// analyzeGate loads testdata/gate.txtar's module in a fresh directory and
// returns its findings as the driver collects them.
func analyzeGate(t *testing.T) ([]finding, *output) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/gate.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	report.SetCheckFixes(true)
	cfg := &packages.Config{Dir: dir, Mode: packages.LoadSyntax | packages.NeedModule}
	initial, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze(analyzers.All(), initial, nil)
	if err != nil {
		t.Fatal(err)
	}
	findings, failed := collect(graph, []string{"./..."}, io.Discard)
	if failed || len(findings) == 0 {
		t.Fatalf("gate module: failed %v, %d findings", failed, len(findings))
	}
	modRoot := moduleRoot(initial, dir)
	return slices.CompactFunc(findings, sameFinding), &output{
		graph:     graph,
		analyzers: analyzers.All(),
		cwd:       dir,
		modRoot:   modRoot,
		srcRoot:   sourceRoot(modRoot),
		files:     newFileCache(),
	}
}

// TestSARIF checks perflint's SARIF against the SARIF 2.1.0 JSON schema
// (testdata/sarif-schema-2.1.0.json, OASIS's errata01 schema, as the
// module github.com/owenrumney/go-sarif/v3 v3.3.1 carries it in
// pkg/report/v210/sarif/schema.go), and checks that it round-trips
// through perflint's types: decoding it with unknown fields refused and
// encoding it again gives the same bytes.
func TestSARIF(t *testing.T) {
	findings, r := analyzeGate(t)
	var out bytes.Buffer
	if err := printSARIF(&out, findings, r); err != nil {
		t.Fatal(err)
	}

	var schema, doc map[string]any
	data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	v := validator{root: schema}
	v.validate(schema, doc, "")
	for _, e := range v.errs {
		t.Error(e)
	}
	// The validator is not vacuous: a run without its tool, or a result
	// with a level SARIF does not have, fails it.
	run0 := doc["runs"].([]any)[0].(map[string]any)
	result0 := run0["results"].([]any)[0].(map[string]any)
	result0["level"] = "severe"
	delete(run0, "tool")
	bad := validator{root: schema}
	bad.validate(schema, doc, "")
	if len(bad.errs) != 2 {
		t.Errorf("broken SARIF: %d errors, want 2: %q", len(bad.errs), bad.errs)
	}

	dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
	dec.DisallowUnknownFields()
	var log sarifLog
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("decoding perflint's SARIF: %v", err)
	}
	again, _ := json.MarshalIndent(log, "", "  ")
	if string(append(again, '\n')) != out.String() {
		t.Errorf("SARIF does not round-trip:\n%s\nagain:\n%s", out.String(), again)
	}

	// Every result names its rule by ID and index, and has a fix where
	// the finding has one.
	run := log.Runs[0]
	for i, res := range run.Results {
		if rule := run.Tool.Driver.Rules[res.RuleIndex]; rule.ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d is rule %s, ruleId %s", i, res.RuleIndex, rule.ID, res.RuleID)
		}
		if len(res.Fixes) != len(findings[i].diag.SuggestedFixes) {
			t.Errorf("result %d: %d fixes, finding has %d", i, len(res.Fixes), len(findings[i].diag.SuggestedFixes))
		}
	}
}

// TestSARIFRules checks that each rule describes its analyzer from its
// Doc and links its section of the cost table.
func TestSARIFRules(t *testing.T) {
	for _, a := range analyzers.All() {
		rule := sarifRuleOf(a)
		summary, _, _ := strings.Cut(a.Doc, "\n")
		if rule.ID != a.Name || rule.ShortDescription.Text != summary || rule.Help.Text != a.Doc ||
			rule.FullDescription.Text == "" || !strings.Contains(a.Doc, strings.Fields(rule.FullDescription.Text)[0]) ||
			rule.HelpURI != "https://github.com/perflint/perflint/blob/main/docs/costs.md#"+a.Name {
			t.Errorf("rule of %s: %+v", a.Name, rule)
		}
	}
}

// TestUTF16Columns checks SARIF's columns where a line holds non-ASCII
// text before a finding: two tabs and "/* é😀 */ " are 15 bytes and 12
// UTF-16 code units.
func TestUTF16Columns(t *testing.T) {
	findings, r := analyzeGate(t)
	for _, f := range findings {
		if filepath.Base(f.posn.Filename) != "names.go" {
			continue
		}
		if f.posn.Column != 16 {
			t.Fatalf("byte column %d, want 16", f.posn.Column)
		}
		if got := r.files.utf16Column(f.posn.Filename, f.posn.Offset, f.posn.Column); got != 13 {
			t.Errorf("UTF-16 column %d, want 13", got)
		}
		return
	}
	t.Fatal("no finding in names.go")
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := ghProperty("a,b:c%d\r\n"), "a%2Cb%3Ac%25d%0D%0A"; got != want {
		t.Errorf("ghProperty: %q, want %q", got, want)
	}
	if got, want := ghData("a,b:c%d\r\n"), "a,b:c%25d%0D%0A"; got != want {
		t.Errorf("ghData: %q, want %q", got, want)
	}
}

// A validator checks a JSON document against the draft-04 keywords that
// the SARIF schema uses ($ref, type, enum, required, properties,
// additionalProperties, items, minItems, uniqueItems, minimum, maximum,
// pattern, anyOf, oneOf; format and default are annotations here).
type validator struct {
	root map[string]any
	errs []string
}

func (v *validator) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, cmp.Or(path, "/")+": "+fmt.Sprintf(format, args...))
}

// valid reports whether doc satisfies schema, without recording errors.
func (v *validator) valid(schema map[string]any, doc any, path string) bool {
	w := validator{root: v.root}
	w.validate(schema, doc, path)
	return len(w.errs) == 0
}

func (v *validator) validate(schema map[string]any, doc any, path string) {
	if ref, ok := schema["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		def, _ := v.root["definitions"].(map[string]any)[name].(map[string]any)
		if !ok || def == nil {
			v.errorf(path, "unresolved $ref %s", ref)
			return
		}
		v.validate(def, doc, path)
	}
	if t, ok := schema["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(doc, t) }) {
			v.errorf(path, "%v is not of type %v", doc, types)
			return
		}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(doc) }) {
		v.errorf(path, "%v is not one of %v", doc, enum)
	}
	if anyOf, ok := schema["anyOf"].([]any); ok && !slices.ContainsFunc(anyOf, func(s any) bool { return v.valid(s.(map[string]any), doc, path) }) {
		v.errorf(path, "matches none of anyOf")
	}
	if oneOf, ok := schema["oneOf"].([]any); ok {
		n := 0
		for _, s := range oneOf {
			if v.valid(s.(map[string]any), doc, path) {
				n++
			}
		}
		if n != 1 {
			v.errorf(path, "matches %d of oneOf, want 1", n)
		}
	}
	switch doc := doc.(type) {
	case map[string]any:
		for _, r := range asSlice(schema["required"]) {
			if _, ok := doc[r.(string)]; !ok {
				v.errorf(path, "required property %q missing", r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, val := range doc {
			if s, ok := props[k].(map[string]any); ok {
				v.validate(s, val, path+"/"+k)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					v.errorf(path, "property %q not allowed", k)
				}
			case map[string]any:
				v.validate(ap, val, path+"/"+k)
			}
		}
	case []any:
		if m, ok := schema["minItems"].(float64); ok && float64(len(doc)) < m {
			v.errorf(path, "%d items, want at least %v", len(doc), m)
		}
		if u, _ := schema["uniqueItems"].(bool); u {
			seen := make(map[string]bool)
			for _, x := range doc {
				b, _ := json.Marshal(x)
				if seen[string(b)] {
					v.errorf(path, "item %s repeats", b)
				}
				seen[string(b)] = true
			}
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, x := range doc {
				v.validate(items, x, fmt.Sprintf("%s/%d", path, i))
			}
		}
	case float64:
		if m, ok := schema["minimum"].(float64); ok && doc < m {
			v.errorf(path, "%v is less than the minimum %v", doc, m)
		}
		if m, ok := schema["maximum"].(float64); ok && doc > m {
			v.errorf(path, "%v is more than the maximum %v", doc, m)
		}
	case string:
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(doc) {
			v.errorf(path, "%q does not match %s", doc, p)
		}
	}
}

func asSlice(x any) []any {
	s, _ := x.([]any)
	return s
}

func hasType(doc any, t string) bool {
	switch doc := doc.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case float64:
		return t == "number" || t == "integer" && doc == math.Trunc(doc)
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	}
	return false
}
