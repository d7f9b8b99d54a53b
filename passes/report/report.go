// Package report is the helper that every perflint analyzer reports
// through. It decides, in one place, which findings a user sees:
//
//   - findings in generated files (// Code generated ... DO NOT EDIT.) are
//     never reported;
//   - findings in _test.go files are reported only with -tests
//     (the perflint command's -testfiles flag, the plugin's tests setting);
//   - a //perflint:ignore NAME reason directive on the line of a finding,
//     or on the line above it, silences the analyzer NAME there, and a
//     //perflint:file-ignore NAME reason directive anywhere in a file
//     silences it in the whole file. A directive without a reason is
//     itself reported, by the analyzer it names, so that every silenced
//     finding says why; the directives analyzer reports the others that
//     name no analyzer or silence nothing (see [Result.Directives]);
//   - the perflint.toml files above the package's directory turn
//     analyzers off there and skip files (see internal/config), and give
//     the analyzers' options ([Option]);
//   - findings in code under a constant condition that never holds
//     (if debug { with const debug = false) are not reported: that code
//     does not run;
//   - a suggested fix is offered only if the package still type-checks
//     with it applied and every builtin or standard-package name it
//     writes (len, max, slices, strings ...) means that builtin or package
//     there and in the package's test variant (see [SetCheckFixes]).
//
// It also tells analyzers whether the package has syntax or type errors:
// perflint analyzers run despite errors (so that the checker prints no
// "analysis skipped" line per analyzer) and stay silent on such packages.
package report

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/internal/config"
	"github.com/perflint/perflint/passes/inspectors"
)

// Analyzer computes a [*Result] for each package.
var Analyzer = &analysis.Analyzer{
	Name:             "perflintreport",
	Doc:              "filters perflint findings: generated files, test files, //perflint:ignore directives",
	Requires:         []*analysis.Analyzer{inspectors.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
}

// includeTests reports findings in _test.go files when true. It is the
// value behind the -tests flag of this pass, which the perflint command
// exposes as -testfiles and the golangci-lint plugin as the tests setting.
var includeTests bool

func init() {
	Analyzer.Flags.BoolVar(&includeTests, "tests", false, "report findings in _test.go files")
}

// Directive is the comment prefix that silences a finding, and
// FileDirective the one that silences an analyzer in a whole file.
const (
	Directive     = "//perflint:ignore"
	FileDirective = "//perflint:file-ignore"
)

// Result holds what the filter needs to know about each file of a package.
type Result struct {
	// Broken is true when the package has syntax or type errors: the
	// analyzers report nothing about such a package.
	Broken bool

	files      map[*token.File]*fileInfo
	noisy      []*Ignore // directives without a reason
	directives []*Ignore // every directive in a file whose findings are reported
	include    bool
	cgo        bool // some file imports "C"
	cfg        *config.Config
	cfgErr     error     // the perflint.toml files are wrong
	cfgOnce    sync.Once // the error is reported
	skipAll    bool      // every file is skipped
	ran        sync.Map  // names of the analyzers that ran (New returned a Reporter)

	importOnce sync.Once
	imports    map[string]*types.Package // every package pass.Pkg imports, directly or not
	testOnce   sync.Once
	tests      map[string]bool // package-level names of the _test.go files pass lacks

	in  *inspectors.Set
	hot *hotPackage // the package's code in the -profile; nil without one
}

type fileInfo struct {
	skip        bool                       // generated, a test file without -tests, or skipped by perflint.toml
	ignored     map[int]map[string]*Ignore // line -> analyzer name -> directive
	fileIgnored map[string]*Ignore         // analyzer name -> file-level directive
	dead        [][2]token.Pos             // code under a constant condition that never holds
}

// An Ignore is one analyzer name of a //perflint:ignore or
// //perflint:file-ignore directive.
type Ignore struct {
	Pos    token.Pos
	Name   string // the analyzer named
	File   bool   // a //perflint:file-ignore directive
	Reason bool   // the directive gives a reason
	used   atomic.Bool
}

// Used reports whether the directive silenced a finding.
func (d *Ignore) Used() bool { return d.used.Load() }

// Directive returns the directive's comment prefix.
func (d *Ignore) Directive() string {
	if d.File {
		return FileDirective
	}
	return Directive
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{
		files:   make(map[*token.File]*fileInfo),
		include: includeTests,
	}
	res.Broken = len(pass.TypeErrors) > 0 || hasSyntaxErrors(pass)
	if dir := packageDir(pass); dir != "" {
		// The first analyzer to ask reports an error (see New).
		res.cfg, res.cfgErr = config.Load(dir)
	}
	cfg := res.cfg
	res.skipAll = true
	res.in = pass.ResultOf[inspectors.Analyzer].(*inspectors.Set)
	var err error
	if res.hot, err = hotPackageOf(pass); err != nil {
		return nil, err
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		info := &fileInfo{
			skip: ast.IsGenerated(f) || (!res.include && strings.HasSuffix(tf.Name(), "_test.go")) ||
				cfg.Skip(pass.Fset.Position(f.Package).Filename),
		}
		res.skipAll = res.skipAll && info.skip
		for _, imp := range f.Imports {
			res.cgo = res.cgo || imp.Path.Value == `"C"`
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				file, names, reason, ok := parseDirective(c.Text)
				if !ok {
					continue
				}
				line := tf.Line(c.Pos())
				for _, n := range names {
					d := &Ignore{Pos: c.Pos(), Name: n, File: file, Reason: reason != ""}
					if !info.skip {
						res.directives = append(res.directives, d)
					}
					switch {
					case !d.Reason:
						res.noisy = append(res.noisy, d)
					case file:
						if info.fileIgnored == nil {
							info.fileIgnored = make(map[string]*Ignore)
						}
						info.fileIgnored[n] = d
					default:
						if info.ignored == nil {
							info.ignored = make(map[int]map[string]*Ignore)
						}
						if info.ignored[line] == nil {
							info.ignored[line] = make(map[string]*Ignore)
						}
						info.ignored[line][n] = d
					}
				}
			}
		}
		res.files[tf] = info
	}
	res.deadCode(pass)
	return res, nil
}

// deadCode records, in each file's info, the ranges that run only under
// a constant condition that is false (if debug { with const debug =
// false), or in the else branch of one that is true.
func (res *Result) deadCode(pass *analysis.Pass) {
	for n := range res.in.Nodes((*ast.IfStmt)(nil)) {
		is := n.(*ast.IfStmt)
		tv, ok := pass.TypesInfo.Types[is.Cond]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool {
			continue
		}
		rg := [2]token.Pos{is.Body.Pos(), is.Body.End()}
		if constant.BoolVal(tv.Value) {
			if is.Else == nil {
				continue
			}
			rg = [2]token.Pos{is.Else.Pos(), is.Else.End()}
		}
		if info := res.files[pass.Fset.File(is.Pos())]; info != nil {
			info.dead = append(info.dead, rg)
		}
	}
}

// Dead reports whether pos lies in code that runs only under a constant
// condition that never holds.
func (res *Result) Dead(pos token.Pos) bool {
	for _, info := range res.files {
		for _, rg := range info.dead {
			if rg[0] <= pos && pos < rg[1] {
				return true
			}
		}
	}
	return false
}

// hasSyntaxErrors reports whether the parser left Bad nodes in the syntax
// trees: go/packages records parse errors on the package, not in
// pass.TypeErrors, and the parser marks what it could not read this way.
func hasSyntaxErrors(pass *analysis.Pass) bool {
	in := pass.ResultOf[inspectors.Analyzer].(*inspectors.Set)
	for range in.Nodes((*ast.BadExpr)(nil), (*ast.BadStmt)(nil), (*ast.BadDecl)(nil)) {
		return true
	}
	return false
}

// parseDirective parses "//perflint:ignore name[,name] reason" and
// "//perflint:file-ignore name[,name] reason".
func parseDirective(text string) (file bool, names []string, reason string, ok bool) {
	rest, ok := strings.CutPrefix(text, Directive)
	if !ok {
		rest, file = strings.CutPrefix(text, FileDirective)
	}
	if !ok && !file || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return false, nil, "", false
	}
	// A trailing // comment is not a reason (and lets tests put a want
	// expectation on the directive's line).
	rest, _, _ = strings.Cut(rest, "//")
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return false, nil, "", false
	}
	return file, strings.Split(fields[0], ","), strings.Join(fields[1:], " "), true
}

// Reporter reports the findings of one analyzer on one package.
type Reporter struct {
	pass *analysis.Pass
	res  *Result
}

// New returns the reporter for pass, whose analyzer must require
// [Analyzer]. It reports, on behalf of pass's analyzer, every ignore
// directive that names it without giving a reason. It returns nil when
// the package has errors, when perflint.toml turns the analyzer off in
// the package's directory or skips all its files: callers return early
// then.
func New(pass *analysis.Pass) *Reporter {
	res := pass.ResultOf[Analyzer].(*Result)
	name := pass.Analyzer.Name
	if res.cfgErr != nil && !res.Broken {
		res.reportConfigError(pass)
		return nil
	}
	if res.Broken || res.cfgErr != nil || res.skipAll || !res.cfg.Enabled(name) {
		return nil
	}
	res.ran.Store(name, true)
	r := &Reporter{pass, res}
	for _, d := range res.noisy {
		if d.Name == name && !r.skipFile(d.Pos) {
			pass.Report(analysis.Diagnostic{
				Pos:     d.Pos,
				Message: d.Directive()[2:] + " directive for " + name + " needs a reason after the analyzer name",
			})
		}
	}
	return r
}

func (r *Reporter) skipFile(pos token.Pos) bool {
	info := r.res.files[r.pass.Fset.File(pos)]
	return info == nil || info.skip
}

// Report reports d unless a file rule or an ignore directive silences it.
// With a profile, it adds the share of CPU of the innermost loop or
// function around d (see [Reporter.ReportHot]).
func (r *Reporter) Report(d analysis.Diagnostic) {
	r.ReportHot(d, Hot{Pair: firstPair[r.pass.Analyzer.Name]})
}

// ReportHot is Report for a finding whose cost is paid in h's code: with
// a profile, d's message ends with the share of CPU that code holds, and
// d is left out when the share is below -hot.
func (r *Reporter) ReportHot(d analysis.Diagnostic, h Hot) {
	tf := r.pass.Fset.File(d.Pos)
	info := r.res.files[tf]
	if info == nil || info.skip {
		return
	}
	line := tf.Line(d.Pos)
	name := r.pass.Analyzer.Name
	if ig := cmp.Or(info.ignored[line][name], info.ignored[line-1][name], info.fileIgnored[name]); ig != nil {
		ig.used.Store(true)
		return
	}
	for _, rg := range info.dead {
		if rg[0] <= d.Pos && d.Pos < rg[1] {
			return
		}
	}
	if r.res.hot != nil && !r.annotate(&d, h) {
		return
	}
	if checkFixes && len(d.SuggestedFixes) > 0 && !r.fixSound(&d) {
		// The finding stands; its fix would not compile, or would change
		// what a name means.
		d.SuggestedFixes = nil
	}
	r.pass.Report(d)
}

// Reportf is Report with a formatted message and no fix.
func (r *Reporter) Reportf(rng analysis.Range, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: rng.Pos(), End: rng.End(), Message: fmt.Sprintf(format, args...)})
}
