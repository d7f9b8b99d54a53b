package writes

import "go/types"

// wrapperKinds maps the write methods of atomic wrapper types (see
// isAtomicWrapper) to their kinds; any other method (Load, String,
// MarshalJSON...) writes nothing.
var wrapperKinds = map[string]Kind{
	"Add": AtomicAdd, "Sub": AtomicAdd, "Inc": AtomicAdd, "Dec": AtomicAdd,
	"Store": AtomicStore, "Set": AtomicStore,
	"Swap":           AtomicSwap,
	"CompareAndSwap": AtomicCAS, "CAS": AtomicCAS,
	"And": AtomicAndOr, "Or": AtomicAndOr, "Toggle": AtomicAndOr,
}

// wrapperCall returns the kind of write a call of fn, a method of
// another package, makes to its receiver: fn has a pointer receiver of
// an atomic wrapper type and a write method's name. It returns 0
// otherwise.
func wrapperCall(fn *types.Func) Kind {
	k := wrapperKinds[fn.Name()]
	if k == 0 {
		return 0
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return 0
	}
	p, ok := types.Unalias(recv.Type()).(*types.Pointer)
	if !ok || !isAtomicWrapper(p.Elem(), 0) {
		return 0
	}
	return k
}

// isAtomicWrapper reports whether t is a named struct type, declared
// outside sync and sync/atomic, that holds one atomic value and nothing
// else: blank fields aside (_ nocmp), exactly one field, of a sync/atomic
// type or itself such a wrapper (pebble's base.AtomicSeqNum{value
// atomic.Uint64}). The types of go.uber.org/atomic wrap a plain integer
// that their methods pass to sync/atomic: they are wrappers too. Only
// what go/types shows of the type counts, not its methods' bodies.
func isAtomicWrapper(t types.Type, depth int) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || depth > 3 {
		return false
	}
	switch n.Obj().Pkg().Path() {
	case "go.uber.org/atomic":
		_, isStruct := n.Underlying().(*types.Struct)
		return isStruct
	case "sync", "sync/atomic":
		return false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	var only *types.Var
	for f := range st.Fields() {
		if f.Name() == "_" {
			continue
		}
		if only != nil {
			return false
		}
		only = f
	}
	return only != nil && (isAtomicType(only.Type()) || isAtomicWrapper(only.Type(), depth+1))
}

// isAtomicType reports whether t is a named type of sync/atomic
// (atomic.Int64, atomic.Pointer[T], atomic.Value...).
func isAtomicType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync/atomic"
}
