package report

import (
	"go/ast"
	"go/types"
)

// DeclName spells a declared function as a stack trace does: f, (*T).m.
func DeclName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.StarExpr:
			if ix, ok := x.X.(*ast.IndexExpr); ok {
				t = &ast.StarExpr{X: ix.X}
				continue
			}
			if ix, ok := x.X.(*ast.IndexListExpr); ok {
				t = &ast.StarExpr{X: ix.X}
				continue
			}
		}
		break
	}
	return "(" + types.ExprString(t) + ")." + fd.Name.Name
}
