package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/report/internal/profiles"
)

// The -profile and -hot flags of this pass: the perflint command and go
// vet -vettool take them as -profile and -hot, the golangci-lint plugin
// as the profile and hot settings.
var (
	profileFlag string
	hotFlag     float64
)

func init() {
	Analyzer.Flags.StringVar(&profileFlag, "profile", "", "CPU profiles (comma-separated) that give each finding the share of CPU its code holds; off: none")
	Analyzer.Flags.Float64Var(&hotFlag, "hot", 0, "with -profile, report only findings whose code holds at least this percentage of CPU")
}

// Hot names the code whose CPU samples make a finding's share of the
// profile, and the corpus pair that measures what fixing it saves.
// [Reporter.Report] uses the innermost loop or function around the
// finding.
type Hot struct {
	// Code is the loops or functions where the finding's cost is paid.
	// A sample counts once when any frame of its stack falls on one of
	// their lines: their own time and that of everything they call.
	Code []ast.Node
	// Where says what Code is, after "of CPU in": "this loop", "this
	// function", "the functions that write them".
	Where string
	// Pair is the benchmark pair in corpus/ANALYZER that this finding
	// behaves as (Names for BenchmarkNames); "" when none measures it.
	// [Reporter.Report] takes the analyzer's first pair.
	Pair string
}

// prof is the profile loaded for the process: the flag value it was
// loaded for, and what the findings did with it.
var prof struct {
	sync.Mutex
	loaded  string
	idx     *profiles.Index
	err     error
	matched bool            // some analyzed file has samples
	shown   profiles.Set    // samples of the findings reported
	hidden  []HiddenFinding // findings below -hot
}

// HiddenFinding is a finding left out by -hot.
type HiddenFinding struct {
	Posn     token.Position
	Analyzer string
	Message  string
}

// LoadProfile reads the profiles that the -profile flag names, once per
// value of the flag, and returns the error that makes them unusable:
// a file that cannot be read, is not a CPU profile or holds no samples.
// Drivers call it before the analysis to stop at a bad profile; the
// analysis calls it too, and fails on every package with that error.
func LoadProfile() error {
	_, err := profile()
	return err
}

func profile() (*profiles.Index, error) {
	prof.Lock()
	defer prof.Unlock()
	if profileFlag == "" || profileFlag == "off" {
		return nil, nil
	}
	if prof.loaded != profileFlag {
		prof.loaded = profileFlag
		prof.idx, prof.err = profiles.Load(strings.Split(profileFlag, ","))
		prof.matched, prof.shown, prof.hidden = false, nil, nil
		if prof.idx != nil {
			prof.shown = prof.idx.NewSet()
		}
	}
	return prof.idx, prof.err
}

// ProfileInUse reports whether findings carry a hot share.
func ProfileInUse() bool {
	idx, _ := profile()
	return idx != nil
}

// ProfileMatched reports whether some file analyzed so far has samples
// in the profile: when none has, the profile is of other code.
func ProfileMatched() bool {
	prof.Lock()
	defer prof.Unlock()
	return prof.matched
}

// HotThreshold returns the -hot percentage.
func HotThreshold() float64 { return hotFlag }

// HotSummary returns the share of CPU that the reported findings hold
// together (each sample once) and the findings that -hot left out.
func HotSummary() (shown float64, hidden []HiddenFinding) {
	prof.Lock()
	defer prof.Unlock()
	if prof.idx == nil {
		return 0, nil
	}
	return percent(prof.idx.Value(prof.shown), prof.idx.Total), prof.hidden
}

// HotShare returns the percentage of CPU that a finding's message says
// its code holds, and false when the message has no hot share.
func HotShare(msg string) (float64, bool) {
	i := strings.LastIndex(msg, hotPrefix)
	if i < 0 {
		return 0, false
	}
	num, _, ok := strings.Cut(msg[i+len(hotPrefix):], "%")
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(num, 64)
	return v, err == nil
}

const hotPrefix = " (hot: "

// percent is v of total in percent, rounded to the tenth printed.
func percent(v, total int64) float64 {
	return math.Round(1000*float64(v)/float64(total)) / 10
}

// hotPackage is what the report pass knows of a package's code in the
// profile.
type hotPackage struct {
	idx   *profiles.Index
	pkg   profiles.Package
	files map[*token.File]*hotFile
}

type hotFile struct {
	match []*profiles.File
	decls []decl // top-level functions, in source order
}

// decl is a top-level function: where it is, its symbol name within the
// package ((*T).M) and the line of its func keyword.
type decl struct {
	pos, end token.Pos
	name     string
	line     int
	unsure   bool // init, _: the name does not identify it
}

// hotPackageOf matches pass's files to the profile; nil without one.
func hotPackageOf(pass *analysis.Pass) (*hotPackage, error) {
	idx, err := profile()
	if idx == nil {
		return nil, err
	}
	hp := &hotPackage{
		idx:   idx,
		pkg:   profiles.Package{Path: pass.Pkg.Path(), Main: pass.Pkg.Name() == "main"},
		files: make(map[*token.File]*hotFile),
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		hf := new(hotFile)
		src := profiles.Source{Name: tf.Name()}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				name, sure := symbol(fd)
				hf.decls = append(hf.decls, decl{fd.Pos(), fd.End(), name, tf.Line(fd.Pos()), !sure})
				src.Funcs = append(src.Funcs, name)
			}
		}
		if hf.match = idx.Match(src, hp.pkg); len(hf.match) > 0 {
			hp.files[tf] = hf
		}
	}
	if len(hp.files) > 0 {
		prof.Lock()
		prof.matched = true
		prof.Unlock()
	}
	return hp, nil
}

// symbol returns how the compiler names fd within its package: F,
// T.M, (*T).M; and false when the name does not identify fd.
func symbol(fd *ast.FuncDecl) (string, bool) {
	name := fd.Name.Name
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return name, name != "init" && name != "_"
	}
	t := fd.Recv.List[0].Type
	star := false
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			star, t = true, x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		}
		break
	}
	id, ok := t.(*ast.Ident)
	if !ok {
		return "", false
	}
	if star {
		return "(*" + id.Name + ")." + name, name != "_"
	}
	return id.Name + "." + name, name != "_"
}

// samples returns the samples on the lines of nodes.
func (hp *hotPackage) samples(fset *token.FileSet, nodes []ast.Node) profiles.Set {
	var spans []profiles.Span
	for _, n := range nodes {
		tf := fset.File(n.Pos())
		hf := hp.files[tf]
		if hf == nil {
			continue
		}
		sp := profiles.Span{Files: hf.match, Pkg: hp.pkg, From: tf.Line(n.Pos()), To: tf.Line(n.End())}
		for _, d := range hf.decls {
			if d.pos <= n.Pos() && n.Pos() < d.end {
				sp.Func, sp.FuncLine, sp.Unsure = d.name, d.line, d.unsure
				break
			}
		}
		spans = append(spans, sp)
	}
	return hp.idx.Samples(spans)
}

// annotate adds the hot share of h's code to d's message and reports
// whether d is at or above -hot; the findings below are kept for the
// summary.
func (r *Reporter) annotate(d *analysis.Diagnostic, h Hot) bool {
	hp := r.res.hot
	if len(h.Code) == 0 {
		if n := enclosing(r.res.in, d.Pos); n != nil {
			h.Code = []ast.Node{n}
			if h.Where == "" {
				h.Where = "this function"
				switch n.(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					h.Where = "this loop"
				}
			}
		}
	}
	if h.Where == "" {
		h.Where = "its code"
	}
	set := hp.samples(r.pass.Fset, h.Code)
	pct := percent(hp.idx.Value(set), hp.idx.Total)
	name := r.pass.Analyzer.Name
	d.Message += fmt.Sprintf("%s%.1f%% of CPU in %s", hotPrefix, pct, h.Where)
	if ratio := pairRatio[name+"/"+h.Pair]; ratio > 1 && pct > 0 {
		d.Message += fmt.Sprintf("; fixing it saves at most %.1f%% of CPU, if it behaves as corpus pair %s/%s at %.2fx", pct*(1-1/ratio), name, h.Pair, ratio)
	}
	d.Message += ")"
	prof.Lock()
	defer prof.Unlock()
	if pct < hotFlag {
		prof.hidden = append(prof.hidden, HiddenFinding{r.pass.Fset.Position(d.Pos), name, d.Message})
		return false
	}
	if len(prof.shown) == len(set) {
		prof.shown.Union(set)
	}
	return true
}

// enclosing returns the innermost loop or function around pos.
func enclosing(in *inspectors.Set, pos token.Pos) ast.Node {
	cur, ok := in.FindByPos(pos, pos)
	if !ok {
		return nil
	}
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}
