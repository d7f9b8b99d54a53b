package report

import (
	"flag"
	"path/filepath"

	"golang.org/x/tools/go/analysis"
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
