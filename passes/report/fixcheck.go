package report

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// checkFixes is whether a suggested fix is checked before it is offered.
// It is on unless a driver says that nobody will apply or read the
// fixes (perflint's plain text output): a check type-checks the package
// again, which costs nothing when it is off.
var checkFixes = true

// SetCheckFixes turns the checking of suggested fixes on or off.
func SetCheckFixes(on bool) { checkFixes = on }

// overlay holds the unsaved text of files that a driver analyzes in
// place of their contents on disk (an editor's buffers), keyed by
// absolute file name as packages.Config.Overlay is.
var overlay map[string][]byte

// SetOverlay makes fix checking read the files in o from o rather than
// from disk. Pass the packages.Config.Overlay of the analyzed packages.
func SetOverlay(o map[string][]byte) { overlay = o }

// stdNames are the names that fixes write to mean a standard package:
// in the edited code each must still mean that package.
var stdNames = map[string]string{
	"bytes": "bytes", "fmt": "fmt", "io": "io", "maps": "maps", "slices": "slices",
	"strings": "strings", "sync": "sync", "atomic": "sync/atomic", "cpu": "golang.org/x/sys/cpu",
}

// fixSound reports whether the package still type-checks with d's first
// fix applied, and whether every name the fix writes that a builtin or a
// standard package owns (len, max, slices, strings, io ...) means that
// builtin or package there, here and in the package's test variant.
func (r *Reporter) fixSound(d *analysis.Diagnostic) bool {
	pass := r.pass
	if r.res.cgo {
		return false // the files the type checker sees are cgo's output
	}
	edits := make(map[*token.File][]analysis.TextEdit)
	for _, e := range d.SuggestedFixes[0].TextEdits {
		tf := pass.Fset.File(e.Pos)
		if tf == nil || (e.End.IsValid() && pass.Fset.File(e.End) != tf) {
			return false
		}
		edits[tf] = append(edits[tf], e)
	}

	files := slices.Clone(pass.Files)
	inserted := make(map[*token.File][][2]token.Pos) // new file -> ranges of inserted text
	for tf, es := range edits {
		i := slices.IndexFunc(files, func(f *ast.File) bool { return pass.Fset.File(f.FileStart) == tf })
		if i < 0 {
			return false
		}
		src, ok := overlay[tf.Name()]
		if !ok {
			var err error
			if src, err = pass.ReadFile(tf.Name()); err != nil {
				if src, err = os.ReadFile(tf.Name()); err != nil {
					return false
				}
			}
		}
		newSrc, ranges, ok := applyEdits(src, tf, es)
		if !ok {
			return false
		}
		f, err := parser.ParseFile(pass.Fset, tf.Name(), newSrc, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return false
		}
		nf := pass.Fset.File(f.FileStart)
		var rs [][2]token.Pos
		rs = slices.Grow(rs, len(ranges))
		for _, rg := range ranges {
			rs = append(rs, [2]token.Pos{nf.Pos(rg[0]), nf.Pos(rg[1])})
		}
		inserted[nf] = rs
		files[i] = f
	}

	info := &types.Info{Uses: make(map[*ast.Ident]types.Object)}
	failed := false
	conf := types.Config{
		Importer:  r.res.importer(pass),
		GoVersion: pass.Pkg.GoVersion(),
		Sizes:     pass.TypesSizes,
		Error:     func(error) { failed = true },
	}
	if _, err := conf.Check(pass.Pkg.Path(), pass.Fset, files, info); err != nil || failed {
		return false
	}
	for id, obj := range info.Uses {
		rs := inserted[pass.Fset.File(id.Pos())]
		if !slices.ContainsFunc(rs, func(rg [2]token.Pos) bool { return rg[0] <= id.Pos() && id.Pos() < rg[1] }) {
			continue
		}
		if path, ok := stdNames[id.Name]; ok {
			if pn, ok := obj.(*types.PkgName); !ok || pn.Imported().Path() != path {
				return false
			}
		} else if types.Universe.Lookup(id.Name) != nil && obj.Parent() != types.Universe {
			return false // len, max, ... that mean something else here
		} else if obj.Parent() != types.Universe {
			continue
		}
		if r.res.testDecls(pass)[id.Name] {
			return false // a _test.go file of the package redeclares it
		}
	}
	return true
}

// applyEdits applies es, in offsets of tf, to src, and returns the new
// text and the byte ranges of the inserted text in it.
func applyEdits(src []byte, tf *token.File, es []analysis.TextEdit) ([]byte, [][2]int, bool) {
	type ed struct {
		start, end int
		text       []byte
	}
	var eds []ed
	eds = slices.Grow(eds, len(es))
	for _, e := range es {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		eds = append(eds, ed{tf.Offset(e.Pos), tf.Offset(end), e.NewText})
	}
	slices.SortStableFunc(eds, func(a, b ed) int { return a.start - b.start })
	var out []byte
	var ranges [][2]int
	last := 0
	ranges = slices.Grow(ranges, len(eds))
	for _, e := range eds {
		if e.start < last || e.end > len(src) || e.start > e.end {
			return nil, nil, false
		}
		out = append(out, src[last:e.start]...)
		ranges = append(ranges, [2]int{len(out), len(out) + len(e.text)})
		out = append(out, e.text...)
		last = e.end
	}
	return append(out, src[last:]...), ranges, true
}

// importer returns an importer of the packages pass's package imports,
// directly or not, as the checker loaded them; a package outside that
// graph (a standard package a fix imports anew) comes from export data.
func (res *Result) importer(pass *analysis.Pass) types.Importer {
	res.importOnce.Do(func() {
		res.imports = make(map[string]*types.Package)
		var walk func(*types.Package)
		walk = func(p *types.Package) {
			for _, q := range p.Imports() {
				// Export data holds only the parts of an indirect
				// dependency that its importers use, in a package that is
				// not complete: such a package is imported again whole.
				if _, ok := res.imports[q.Path()]; !ok && q.Complete() && q.Name() != "" {
					res.imports[q.Path()] = q
					walk(q)
				}
			}
		}
		walk(pass.Pkg)
	})
	return importerFunc(func(path string) (*types.Package, error) {
		if p, ok := res.imports[path]; ok {
			return p, nil
		}
		return fallbackImport(path)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

var (
	fallbackMu  sync.Mutex
	fallbackImp types.Importer
)

func fallbackImport(path string) (*types.Package, error) {
	fallbackMu.Lock()
	defer fallbackMu.Unlock()
	if fallbackImp == nil {
		fallbackImp = importer.ForCompiler(token.NewFileSet(), "gc", nil)
	}
	return fallbackImp.Import(path)
}

// testDecls returns the package-level names that the package's in-package
// _test.go files declare or import, when pass does not include them
// (the package without its tests): there a fix must not write a name that
// those files give another meaning in the test variant.
func (res *Result) testDecls(pass *analysis.Pass) map[string]bool {
	res.testOnce.Do(func() {
		res.tests = make(map[string]bool)
		if len(pass.Files) == 0 {
			return
		}
		for _, f := range pass.Files {
			if strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
				return // the test variant: the type check saw them
			}
		}
		dir := filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name())
		names, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		fset := token.NewFileSet()
		for _, name := range names {
			var src any
			if text, ok := overlay[name]; ok {
				src = text
			}
			f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
			if err != nil || f.Name.Name != pass.Pkg.Name() {
				continue
			}
			for _, decl := range f.Decls {
				switch decl := decl.(type) {
				case *ast.FuncDecl:
					if decl.Recv == nil {
						res.tests[decl.Name.Name] = true
					}
				case *ast.GenDecl:
					for _, s := range decl.Specs {
						switch s := s.(type) {
						case *ast.ValueSpec:
							for _, n := range s.Names {
								res.tests[n.Name] = true
							}
						case *ast.TypeSpec:
							res.tests[s.Name.Name] = true
						}
					}
				}
			}
		}
	})
	return res.tests
}
