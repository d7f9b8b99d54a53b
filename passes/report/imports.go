package report

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Import returns the name by which code at pos in file refers to the
// standard package path, and the edit that adds the import when the file
// lacks it. ok is false when that name means something else at pos.
//
// Every analyzer adds imports through this function, so two fixes that
// add the same import make byte-identical edits, which drivers merge
// instead of rejecting as a conflict.
func Import(info *types.Info, file *ast.File, path string, pos token.Pos) (name string, edits []analysis.TextEdit, ok bool) {
	if name := ImportedAs(info, file, path); name != "" {
		return name, nil, true
	}
	name = path[strings.LastIndex(path, "/")+1:]
	if scope := info.Scopes[file]; scope != nil {
		if _, obj := scope.Innermost(pos).LookupParent(name, pos); obj != nil {
			return "", nil, false
		}
	}
	quoted := strconv.Quote(path)
	for _, decl := range file.Decls {
		gd, isGen := decl.(*ast.GenDecl)
		if !isGen || gd.Tok != token.IMPORT {
			break
		}
		if !gd.Lparen.IsValid() {
			continue
		}
		// Keep the first group sorted: insert before the first path that
		// sorts after this one, else after the group's last spec.
		for _, s := range gd.Specs {
			spec := s.(*ast.ImportSpec)
			if spec.Path.Value > quoted {
				at := spec.Pos()
				return name, []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(quoted + "\n\t")}}, true
			}
			if next := spec.End(); s == gd.Specs[len(gd.Specs)-1] {
				return name, []analysis.TextEdit{{Pos: next, End: next, NewText: []byte("\n\t" + quoted)}}, true
			}
		}
	}
	at, sep := file.Name.End(), "\n\n"
	if len(file.Imports) > 0 {
		sep = "\n"
		last := file.Imports[len(file.Imports)-1]
		at = last.End()
		for _, decl := range file.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.IMPORT && gd.Pos() <= last.Pos() && last.Pos() < gd.End() {
				at = gd.End()
			}
		}
	}
	return name, []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(sep + "import " + quoted)}}, true
}

// ImportedAs returns the name under which file imports path, or "" when
// it does not (or only for effect, or with a dot). An import without a
// name goes by the package's own name, which the path's last element
// need not be (github.com/ethereum/go-ethereum is ethereum, .../v2 is
// not v2).
func ImportedAs(info *types.Info, file *ast.File, path string) string {
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path {
			if spec.Name == nil {
				if pn := info.PkgNameOf(spec); pn != nil {
					return pn.Name()
				}
				return ""
			}
			if spec.Name.Name != "_" && spec.Name.Name != "." {
				return spec.Name.Name
			}
		}
	}
	return ""
}

// FileOf returns the file of pass that contains pos.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// GoVersionAtLeast reports whether the file containing pos is compiled
// at Go version v or later (for fixes that use max, min, slices...).
func GoVersionAtLeast(pass *analysis.Pass, file *ast.File, v string) bool {
	fv := pass.TypesInfo.FileVersions[file]
	if fv == "" {
		fv = pass.Pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}

// Indent returns the tabs that indent the line of pos in gofmt'd code.
func Indent(fset *token.FileSet, pos token.Pos) string {
	return strings.Repeat("\t", max(0, fset.Position(pos).Column-1))
}

// LineEnd returns the position of the newline that ends pos's line, so
// that a statement inserted there follows any comment on the line.
func LineEnd(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	if tf == nil {
		return pos
	}
	line := tf.Line(pos)
	if line >= tf.LineCount() {
		return token.Pos(tf.Base() + tf.Size())
	}
	return tf.LineStart(line+1) - 1
}

// BuiltinAt reports whether name means the builtin at pos in file.
func BuiltinAt(pass *analysis.Pass, file *ast.File, pos token.Pos, name string) bool {
	scope := pass.TypesInfo.Scopes[file]
	if scope == nil {
		return false
	}
	_, obj := scope.Innermost(pos).LookupParent(name, pos)
	return obj != nil && obj == types.Universe.Lookup(name)
}

// PackageAt reports whether name means the package path at pos in file,
// or nothing (the fix then adds the import).
func PackageAt(pass *analysis.Pass, file *ast.File, pos token.Pos, name, path string) bool {
	scope := pass.TypesInfo.Scopes[file]
	if scope == nil {
		return false
	}
	_, obj := scope.Innermost(pos).LookupParent(name, pos)
	if obj == nil {
		return true
	}
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}
