package report

import (
	"go/ast"
	"go/types"
	"iter"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/perflint/perflint/passes/inspectors"
)

// Uses yields, in the order of a walk of the package's files, each
// identifier whose use resolves to an object for which keep reports true,
// with that object. It runs keep once over the package's Uses map and
// then walks the identifiers testing a set of the ones kept: most
// analyzers want the uses of a few objects, and looking every identifier
// of a large package up in Uses costs several times more. keep must be
// cheap; it sees every use in the package.
func Uses(info *types.Info, in *inspectors.Set, keep func(types.Object) bool) iter.Seq2[inspector.Cursor, types.Object] {
	want := make(map[*ast.Ident]types.Object)
	for id, obj := range info.Uses {
		if keep(obj) {
			want[id] = obj
		}
	}
	return func(yield func(inspector.Cursor, types.Object) bool) {
		left := len(want)
		if left == 0 {
			return
		}
		for cur := range in.Preorder((*ast.Ident)(nil)) {
			obj, ok := want[cur.Node().(*ast.Ident)]
			if !ok {
				continue
			}
			if !yield(cur, obj) {
				return
			}
			if left--; left == 0 {
				return
			}
		}
	}
}
