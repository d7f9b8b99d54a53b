package report_test

import (
	"bufio"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/report"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

// loopAnalyzer reports every loop, with the default hot region of
// Reporter.Report: the loop itself.
var loopAnalyzer = &analysis.Analyzer{
	Name:     "hotloop",
	Doc:      "reports every loop",
	Requires: []*analysis.Analyzer{report.Analyzer, inspectors.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		rep := report.New(pass)
		in := pass.ResultOf[inspectors.Analyzer].(*inspectors.Set)
		for n := range in.Nodes((*ast.RangeStmt)(nil), (*ast.ForStmt)(nil)) {
			rep.Report(analysis.Diagnostic{Pos: n.Pos(), Message: "loop"})
		}
		return nil, nil
	},
}

// marks returns the line of each "mark:NAME" comment of the fixture.
func marks(t *testing.T, file string) map[string]int {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := make(map[string]int)
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if _, name, ok := strings.Cut(sc.Text(), "// mark:"); ok {
			out[name] = line
		}
	}
	return out
}

// fakeProfile builds CPU profiles as the Go runtime writes them.
type fakeProfile struct {
	p     *profile.Profile
	funcs map[string]*profile.Function
}

func newFakeProfile() *fakeProfile {
	return &fakeProfile{
		p: &profile.Profile{
			SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
			PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
			Period:     10_000_000,
		},
		funcs: make(map[string]*profile.Function),
	}
}

// line is one frame: a function (symbol name, file, first line) and the
// line in it.
func (fp *fakeProfile) line(name, file string, start, line int) profile.Line {
	fn := fp.funcs[name+"\x00"+file]
	if fn == nil {
		fn = &profile.Function{ID: uint64(len(fp.p.Function) + 1), Name: name, SystemName: name, Filename: file, StartLine: int64(start)}
		fp.funcs[name+"\x00"+file] = fn
		fp.p.Function = append(fp.p.Function, fn)
	}
	return profile.Line{Function: fn, Line: int64(line)}
}

// sample adds a sample; each location lists its lines innermost
// first, as inlining leaves them.
func (fp *fakeProfile) sample(locs ...[]profile.Line) {
	s := &profile.Sample{Value: []int64{1, 10_000_000}}
	for _, lines := range locs {
		loc := &profile.Location{ID: uint64(len(fp.p.Location) + 1), Address: uint64(0x1000 + len(fp.p.Location)), Line: lines}
		fp.p.Location = append(fp.p.Location, loc)
		s.Location = append(s.Location, loc)
	}
	fp.p.Sample = append(fp.p.Sample, s)
}

func (fp *fakeProfile) write(t *testing.T) string {
	name := filepath.Join(t.TempDir(), "cpu.pprof")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := fp.p.Write(f); err != nil {
		t.Fatal(err)
	}
	return name
}

// hotprofProfile is a profile of testdata/src/hotprof as the compiler
// names its functions, with its file called file and its lines shifted
// by shift (a profile of an older revision), with sum naming the
// method Sum (a profile taken before a rename). Of its 10 samples, 4
// fall in Sum's loop (one with two frames there: recursion), 3 in the
// nested closure's loop (one in add, inlined there), 2 in Map's loop and
// 1 in another package's file of the same name, on the same line as
// Sum's loop.
func hotprofProfile(t *testing.T, m map[string]int, file string, shift int, sum string) string {
	fp := newFakeProfile()
	l := func(name string, start, line string) profile.Line {
		return fp.line(name, file, m[start]+shift, m[line]+shift)
	}
	main := fp.line("main.main", "/src/cmd/x/main.go", 3, 9)
	for range 3 {
		fp.sample([]profile.Line{l("hotprof."+sum, "Sum", "sum")}, []profile.Line{main})
	}
	fp.sample([]profile.Line{l("hotprof."+sum, "Sum", "sum")}, []profile.Line{l("hotprof."+sum, "Sum", "sum")}, []profile.Line{main})
	outer := l("hotprof.Outer", "Outer", "callf")
	// f is inlined into Outer, which is how the compiler spells g then.
	for range 2 {
		fp.sample([]profile.Line{l("hotprof.Outer.Outer.func1.func2", "g", "nested")}, []profile.Line{outer}, []profile.Line{main})
	}
	fp.sample([]profile.Line{l("hotprof.add", "add", "add"), l("hotprof.Outer.Outer.func1.func2", "g", "nested")}, []profile.Line{outer}, []profile.Line{main})
	for range 2 {
		fp.sample([]profile.Line{l("hotprof.Map[go.shape.int]", "Map", "map")}, []profile.Line{main})
	}
	fp.sample([]profile.Line{fp.line("example.com/other.F", "/src/other/hot.go", m["Sum"]+shift, m["sum"]+shift)}, []profile.Line{main})
	return fp.write(t)
}

func setFlag(t *testing.T, name, value string) {
	t.Helper()
	old := report.Analyzer.Flags.Lookup(name).Value.String()
	if err := report.Analyzer.Flags.Set(name, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { report.Analyzer.Flags.Set(name, old) })
}

// TestProfileMapping maps one profile, as different builds and
// checkouts name the files, onto the fixture's loops.
func TestProfileMapping(t *testing.T) {
	local := filepath.Join(testdata, "src", "hotprof", "hot.go")
	m := marks(t, local)
	for _, tc := range []struct {
		name  string
		file  string
		shift int
		sum   string
	}{
		{"same checkout", local, 0, "(*T).Sum"},
		{"trimpath", "hotprof/hot.go", 0, "(*T).Sum"},
		{"moved checkout", "/home/ci/work/src/hotprof/hot.go", 0, "(*T).Sum"},
		{"older revision", "/home/ci/work/src/hotprof/hot.go", -3, "(*T).Sum"},
		{"newer revision", "hotprof/hot.go", 5, "(*T).Sum"},
		{"renamed method", "hotprof/hot.go", 0, "(*T).Total"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setFlag(t, "profile", hotprofProfile(t, m, tc.file, tc.shift, tc.sum))
			analysistest.Run(t, testdata, loopAnalyzer, "hotprof")
			if !report.ProfileMatched() {
				t.Error("ProfileMatched() = false")
			}
		})
	}
}

// errors records what analysistest would report.
type errors []string

func (e *errors) Errorf(format string, args ...any) { *e = append(*e, fmt.Sprintf(format, args...)) }

func TestHotFilter(t *testing.T) {
	local := filepath.Join(testdata, "src", "hotprof", "hot.go")
	setFlag(t, "profile", hotprofProfile(t, marks(t, local), "hotprof/hot.go", 0, "(*T).Sum"))
	setFlag(t, "hot", "25")
	var errs errors
	results := analysistest.Run(&errs, testdata, loopAnalyzer, "hotprof")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			share, ok := report.HotShare(d.Message)
			got = append(got, fmt.Sprintf("%v %.1f", ok, share))
		}
	}
	if strings.Join(got, ", ") != "true 40.0, true 30.0" {
		t.Errorf("-hot=25 reported %v, want the loops of 40%% and 30%%", got)
	}
	shown, hidden := report.HotSummary()
	if shown != 70 || len(hidden) != 2 {
		t.Errorf("HotSummary() = %v, %d hidden; want 70, 2", shown, len(hidden))
	}
}

func TestProfileOfOtherCode(t *testing.T) {
	fp := newFakeProfile()
	fp.sample([]profile.Line{fp.line("example.com/other.F", "/src/other/hot.go", 1, 10)})
	setFlag(t, "profile", fp.write(t))
	var errs errors
	analysistest.Run(&errs, testdata, loopAnalyzer, "hotprof")
	if report.ProfileMatched() {
		t.Error("ProfileMatched() = true for a profile of another package")
	}
}

func TestBadProfiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	heap := newFakeProfile()
	heap.p.SampleType = []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}}
	heap.p.PeriodType = &profile.ValueType{Type: "space", Unit: "bytes"}
	heap.sample([]profile.Line{heap.line("example.com/other.F", "/src/other/hot.go", 1, 10)})
	for _, tc := range []struct{ file, want string }{
		{filepath.Join(dir, "nosuch.pprof"), "no such file"},
		{write("text.pprof", []byte("not a profile\n")), "not a pprof profile"},
		{write("pre.pgo", []byte("GO PREPROFILE V1\nfoo\nbar\n1 2\n")), "preprocessed PGO profile"},
		{heap.write(t), "not a CPU profile (it holds alloc_objects/count, alloc_space/bytes)"},
		{newFakeProfile().write(t), "has no samples"},
	} {
		setFlag(t, "profile", tc.file)
		err := report.LoadProfile()
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.file) {
			t.Errorf("LoadProfile(%s) = %v, want an error naming the file and saying %q", filepath.Base(tc.file), err, tc.want)
		}
	}
}
