package needlesscopy

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"github.com/perflint/perflint/passes/report"
)

// src returns the source text of n as the file spells it: messages and
// fixes are written from it, never from types.ExprString (which drops
// struct tags and prints … for literals).
func (c *checker) src(n ast.Node) string {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return ""
	}
	content, ok := c.files[tf]
	if !ok {
		content, _ = c.pass.ReadFile(tf.Name())
		if c.files == nil {
			c.files = make(map[*token.File][]byte)
		}
		c.files[tf] = content
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if content == nil || start < 0 || end > len(content) || start > end {
		return types.ExprString(n.(ast.Expr))
	}
	return string(content[start:end])
}

// between returns the source text from pos to end.
func (c *checker) between(pos, end token.Pos) (string, bool) {
	tf := c.pass.Fset.File(pos)
	if tf == nil || c.pass.Fset.File(end) != tf {
		return "", false
	}
	if _, ok := c.files[tf]; !ok {
		content, _ := c.pass.ReadFile(tf.Name())
		if c.files == nil {
			c.files = make(map[*token.File][]byte)
		}
		c.files[tf] = content
	}
	content := c.files[tf]
	start, stop := tf.Offset(pos), tf.Offset(end)
	if content == nil || start < 0 || stop > len(content) || start > stop {
		return "", false
	}
	return string(content[start:stop]), true
}

// qualifier spells the packages of types as the file at pos does: by the
// name it imports them under, else by the package's own name; never by a
// full import path.
func (c *checker) qualifier(pos token.Pos) types.Qualifier {
	file := report.FileOf(c.pass, pos)
	return func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		// The import's own name if it has one, else the package's name
		// (github.com/ethereum/go-ethereum is ethereum, pebble/v2 is
		// pebble): never the last element of the path.
		if file != nil {
			for _, spec := range file.Imports {
				if spec.Name == nil || spec.Name.Name == "_" || spec.Name.Name == "." {
					continue
				}
				if path, err := strconv.Unquote(spec.Path.Value); err == nil && path == p.Path() {
					return spec.Name.Name
				}
			}
		}
		return p.Name()
	}
}

// typeString spells t as the file at pos does.
func (c *checker) typeString(t types.Type, pos token.Pos) string {
	return types.TypeString(t, c.qualifier(pos))
}

// indexable returns the text of x ready to be indexed: parenthesized
// unless x is a primary expression (&(*e)[i], never &*e[i]).
func (c *checker) indexable(x ast.Expr) string {
	text := c.src(x)
	switch x.(type) {
	case *ast.Ident, *ast.ParenExpr, *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.CallExpr, *ast.SliceExpr, *ast.TypeAssertExpr:
		return text
	}
	return "(" + text + ")"
}
