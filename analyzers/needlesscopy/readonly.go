package needlesscopy

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// paramRef names a parameter of a function declared in the package;
// index -1 is the receiver.
type paramRef struct {
	fn  *types.Func
	idx int
}

func (p paramRef) v() *types.Var {
	sig := p.fn.Signature()
	if p.idx < 0 {
		return sig.Recv()
	}
	if p.idx >= sig.Params().Len() {
		return nil
	}
	return sig.Params().At(p.idx)
}

// decl returns the body of the declaration of fn in the package.
func (c *checker) decl(fn *types.Func) (inspector.Cursor, bool) {
	if c.decls == nil {
		c.decls = make(map[*types.Func]inspector.Cursor)
		for cur := range c.in.Preorder((*ast.FuncDecl)(nil)) {
			fd := cur.Node().(*ast.FuncDecl)
			if fd.Body == nil {
				continue
			}
			if f, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				body, _ := cur.FindNode(fd.Body)
				c.decls[f] = body
			}
		}
	}
	body, ok := c.decls[fn]
	return body, ok
}

// onlyRead reports whether parameter p is only read: every use in its
// function reads a part of it, or passes it on whole to a parameter of a
// function of the package that is itself only read. The passes may form
// cycles (recursion), so the answer is the greatest fixed point over all
// the parameters reachable from p.
func (c *checker) onlyRead(root paramRef) bool {
	if r, ok := c.readMemo[root]; ok {
		return r
	}
	type node struct {
		ok     bool
		passes []paramRef
	}
	nodes := make(map[paramRef]*node)
	stack := []paramRef{root}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nodes[p] != nil {
			continue
		}
		if r, ok := c.readMemo[p]; ok {
			nodes[p] = &node{ok: r}
			continue
		}
		n := &node{}
		if body, ok := c.decl(p.fn); ok && p.v() != nil {
			n.ok, n.passes = c.readOnly(body, p.v())
		}
		nodes[p] = n
		if n.ok {
			stack = append(stack, n.passes...)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, n := range nodes {
			if !n.ok {
				continue
			}
			for _, q := range n.passes {
				if !nodes[q].ok {
					n.ok, changed = false, true
					break
				}
			}
		}
	}
	if c.readMemo == nil {
		c.readMemo = make(map[paramRef]bool)
	}
	for p, n := range nodes {
		c.readMemo[p] = n.ok
	}
	return nodes[root].ok
}

// readOnly reports whether every use of v under body reads a part of it
// (v.f, v.f.g, v.arr[i], a value method of a field), so that a pointer
// would serve: no assignment, no address taken, no pointer-method call,
// no slice of an array part (the slice would alias the caller's value),
// no bare use (which copies or stores v) but one: v passed on whole to
// a parameter, or as the value receiver, of a function of the package;
// those are returned, and v is only read when each of them is.
func (c *checker) readOnly(body inspector.Cursor, v *types.Var) (bool, []paramRef) {
	var passes []paramRef
	for cur := range body.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] != v {
			continue
		}
		if c.inFuncLit(cur, body) {
			// A closure may outlive the call (or the iteration) and
			// read v later: through a pointer it would see the
			// caller's writes, which the copy does not.
			return false, nil
		}
		path, depth, method := cur, 0, false
	climb:
		for {
			parent := path.Parent()
			switch p := parent.Node().(type) {
			case *ast.ParenExpr:
				path = parent
				continue
			case *ast.SelectorExpr:
				sel, ok := c.pass.TypesInfo.Selections[p]
				if !ok {
					return false, nil
				}
				if sel.Kind() != types.FieldVal {
					fn := sel.Obj().(*types.Func)
					if depth == 0 {
						// v.m(): a value method of v itself copies v; it
						// reads only if m's receiver is only read.
						ref, ok := c.receiverPass(parent, sel, v)
						if !ok {
							return false, nil
						}
						passes = append(passes, ref)
						method = true
						break climb
					}
					if _, ptr := fn.Signature().Recv().Type().(*types.Pointer); ptr && !isPointer(sel.Recv()) {
						return false, nil // takes the address of a field of v
					}
					break climb
				}
			case *ast.IndexExpr:
				if path.ParentEdgeKind() != edge.IndexExpr_X {
					break climb
				}
				if _, isArray := c.pass.TypesInfo.TypeOf(p.X).Underlying().(*types.Array); !isArray {
					break climb // indexing a slice or map field reads the field
				}
			default:
				break climb
			}
			path, depth = parent, depth+1
		}
		if method {
			continue
		}
		if depth == 0 {
			ref, ok := c.argPass(path, v)
			if !ok {
				return false, nil // v used whole: copied, stored or passed on
			}
			passes = append(passes, ref)
			continue
		}
		switch path.ParentEdgeKind() {
		case edge.AssignStmt_Lhs, edge.IncDecStmt_X, edge.RangeStmt_Key, edge.RangeStmt_Value:
			return false, nil
		case edge.UnaryExpr_X:
			if path.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
				return false, nil
			}
		case edge.SliceExpr_X:
			if _, isArray := c.pass.TypesInfo.TypeOf(path.Node().(ast.Expr)).Underlying().(*types.Array); isArray {
				return false, nil // a slice of an array part aliases it
			}
		}
	}
	return true, passes
}

// receiverPass: v.m() with m a value method declared on v's own type
// in this package: v is read if m's receiver is.
func (c *checker) receiverPass(selCur inspector.Cursor, sel *types.Selection, v *types.Var) (paramRef, bool) {
	fn := sel.Obj().(*types.Func)
	if selCur.ParentEdgeKind() != edge.CallExpr_Fun || len(sel.Index()) != 1 || fn.Pkg() != c.pass.Pkg {
		return paramRef{}, false
	}
	recv := fn.Signature().Recv()
	if recv == nil || isPointer(recv.Type()) || !types.Identical(recv.Type(), v.Type()) {
		return paramRef{}, false
	}
	if _, ok := c.decl(fn); !ok {
		return paramRef{}, false
	}
	return paramRef{fn, -1}, true
}

// argPass: f(..., v, ...) with f a function of the package whose
// parameter there has v's type: v is read if that parameter is.
func (c *checker) argPass(arg inspector.Cursor, v *types.Var) (paramRef, bool) {
	if arg.ParentEdgeKind() != edge.CallExpr_Args {
		return paramRef{}, false
	}
	call := arg.Parent().Node().(*ast.CallExpr)
	if k := arg.Parent().ParentEdgeKind(); k == edge.GoStmt_Call || k == edge.DeferStmt_Call {
		return paramRef{}, false // read later, or concurrently
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() != c.pass.Pkg || call.Ellipsis.IsValid() {
		return paramRef{}, false
	}
	if _, ok := c.decl(fn); !ok {
		return paramRef{}, false
	}
	sig := fn.Signature()
	i := arg.ParentEdgeIndex()
	if i >= sig.Params().Len() || (sig.Variadic() && i >= sig.Params().Len()-1) {
		return paramRef{}, false
	}
	if !types.Identical(sig.Params().At(i).Type(), v.Type()) {
		return paramRef{}, false
	}
	return paramRef{fn, i}, true
}

// inFuncLit reports whether cur lies in a function literal under body.
func (c *checker) inFuncLit(cur, body inspector.Cursor) bool {
	for p := cur.Parent(); p != body && p.Node() != nil; p = p.Parent() {
		if _, ok := p.Node().(*ast.FuncLit); ok {
			return true
		}
	}
	return false
}
