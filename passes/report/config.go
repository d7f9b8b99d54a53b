package report

import (
	"errors"
	"flag"
	"path/filepath"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/internal/config"
)

// Option returns the value of option name of pass's analyzer for pass's
// package: the command line's when it set the option, else the nearest
// perflint.toml's, else the flag's default. T is the type the option's
// flag holds (bool for a BoolVar, int64 for an Int64Var ...). The
// analyzer must require [Analyzer] and have a flag of that name.
func Option[T any](pass *analysis.Pass, name string) T {
	res := pass.ResultOf[Analyzer].(*Result)
	if v, ok := res.cfg.Option(pass.Analyzer.Name, name); ok {
		return v.(T)
	}
	return pass.Analyzer.Flags.Lookup(name).Value.(flag.Getter).Get().(T)
}

// reportConfigError reports the error of the perflint.toml files of
// pass's package, once per package, on its first file's package clause.
// It is a diagnostic, not an error of the analysis: go vet prints one
// error per package (an analyzer that requires pass's fails with "failed
// prerequisites"), but every diagnostic. perflint's own driver reports
// such errors before it analyzes anything.
func (res *Result) reportConfigError(pass *analysis.Pass) {
	res.cfgOnce.Do(func() {
		if len(pass.Files) == 0 {
			return
		}
		msg := res.cfgErr.Error()
		if ce := (*config.Error)(nil); errors.As(res.cfgErr, &ce) {
			rel := *ce
			if r, err := filepath.Rel(packageDir(pass), ce.File); err == nil {
				rel.File = r
			}
			msg = rel.Error()
		}
		pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Message: msg})
	})
}

// Directives returns the ignore directives of the package's files whose
// findings are reported, one per analyzer name, in the order of the
// files. An analyzer that requires every analyzer the directives may
// name reads, once those have run, which silenced a finding.
func (res *Result) Directives() []*Ignore { return res.directives }

// Ran reports whether analyzer name ran on the package: it was not off,
// the package had no errors and some of its files are reported.
func (res *Result) Ran(name string) bool {
	_, ok := res.ran.Load(name)
	return ok
}

// packageDir returns the directory of pass's package: that of its first
// file, as the file's //line directive names it (cgo's output lies in
// the build cache), or "" when it has no files.
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		if name := pass.Fset.Position(f.Package).Filename; name != "" {
			return filepath.Dir(name)
		}
	}
	return ""
}
