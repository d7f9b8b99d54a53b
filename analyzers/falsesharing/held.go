package falsesharing

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/perflint/perflint/analyzers/internal/typesize"
	"github.com/perflint/perflint/passes/writes"
)

// heldKey names a field of a held struct within its outer struct: a
// field lies at one offset of the outer struct per path.
type heldKey struct {
	v      *types.Var
	offset int64
}

// flatten records w, a write of a field of some struct, against every
// named struct that holds that struct by value (a field, an embedded
// field, at any depth) when the write goes through the outer object:
// x.stats.n.Add(1), or x.n.Add(1) with the stats struct embedded, where x
// is of the outer type. A write to a struct value held elsewhere (a
// pointer's target, a variable) counts for the struct alone. It returns
// the outer types that w writes hot.
func (c *checker) flatten(w *writes.Write, hot bool) []*types.Named {
	var out []*types.Named
	info := c.pass.TypesInfo
	base, index := w.Base, w.Index
	if len(index) == 1 {
		if t := info.TypeOf(base); t == nil || isPointer(t) {
			return nil // s.n with s a pointer, the common case: no holder known
		}
	}
	var off int64
	var path []*types.Var
	for depth := 0; depth < 8 && base != nil && len(index) > 0; depth++ {
		t := info.TypeOf(base)
		if t == nil {
			return out
		}
		ptr := isPointer(t)
		if ptr {
			t = t.Underlying().(*types.Pointer).Elem()
		}
		// The structs along the selection's path: structs[i] declares
		// fields[i].
		structs := make([]types.Type, len(index))
		fields := make([]*types.Var, len(index))
		for i, x := range index {
			if i > 0 && isPointer(t) {
				t = t.Underlying().(*types.Pointer).Elem()
			}
			st, ok := t.Underlying().(*types.Struct)
			if !ok || x >= st.NumFields() {
				return out
			}
			structs[i], fields[i] = t, st.Field(x)
			t = fields[i].Type()
		}
		for i := len(index) - 1; i >= 0; i-- {
			if i < len(index)-1 && isPointer(fields[i].Type()) {
				return out // an embedded *T: the inner fields live elsewhere
			}
			st := structs[i].Underlying().(*types.Struct)
			offs := c.offsetsOf(st)
			if offs == nil {
				return out
			}
			off += offs[index[i]]
			path = append([]*types.Var{fields[i]}, path...)
			if depth == 0 && i == len(index)-1 {
				continue // the struct that declares the field: checked as it is
			}
			named, ok := types.Unalias(structs[i]).(*types.Named)
			if !ok {
				continue // an unnamed struct: its holder reports
			}
			named = named.Origin()
			if c.record(named.Obj(), w, hot, off, path) {
				out = append(out, named)
			}
		}
		if ptr {
			return out // the object a pointer points at: its holder is unknown
		}
		sel, ok := ast.Unparen(base).(*ast.SelectorExpr)
		if !ok {
			return out // a variable, an element, a call's result
		}
		s, ok := info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			return out
		}
		base, index = sel.X, s.Index()
	}
	return out
}

// record adds w to the held field of outer at off, reporting whether the
// field has hot writers.
func (c *checker) record(outer *types.TypeName, w *writes.Write, hot bool, off int64, path []*types.Var) bool {
	if c.held == nil {
		c.held = make(map[*types.TypeName]map[heldKey]*field)
	}
	m := c.held[outer]
	if m == nil {
		m = make(map[heldKey]*field)
		c.held[outer] = m
	}
	k := heldKey{w.Var, off}
	f := m[k]
	if f == nil {
		f = &field{v: w.Var, path: slices.Clone(path), offset: off}
		m[k] = f
	}
	if !slices.Contains(f.direct, w.Func) {
		f.direct = append(f.direct, w.Func)
	}
	f.writes = append(f.writes, w)
	if hot && !slices.Contains(f.hot, w.Func) {
		f.hot = append(f.hot, w.Func)
	}
	return len(f.hot) > 0
}

// heldFields returns the hot held fields of the struct tn declares.
func (c *checker) heldFields(tn *types.TypeName, st *types.Struct) []*field {
	var out []*field
	for _, f := range c.held[tn] {
		if len(f.hot) == 0 {
			continue
		}
		f.index = -1
		for i := range st.NumFields() {
			if st.Field(i) == f.path[0] {
				f.index = i
			}
		}
		size, ok := typesize.Of(c.pass.TypesSizes, f.v.Type())
		if f.index < 0 || !ok {
			continue
		}
		f.size = size
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b *field) int { return int(a.offset - b.offset) })
	return out
}

// insideNamed reports whether a and b lie in one named struct that the
// struct being checked holds: that struct's own check judges the pair.
func insideNamed(a, b *field) bool {
	for i := 0; i < len(a.path)-1 && i < len(b.path)-1 && a.path[i] == b.path[i]; i++ {
		if _, ok := types.Unalias(a.path[i].Type()).(*types.Named); ok {
			return true
		}
	}
	// A whole field written by its methods (x.stats.observe()) and a
	// field inside it.
	short, long := a, b
	if len(short.path) > len(long.path) {
		short, long = long, short
	}
	return len(short.path) < len(long.path) && slices.Equal(short.path, long.path[:len(short.path)])
}

// offsetsOf returns the field offsets of st (memoized), or nil for a
// generic struct.
func (c *checker) offsetsOf(st *types.Struct) []int64 {
	if o, ok := c.offsets[st]; ok {
		return o
	}
	if c.offsets == nil {
		c.offsets = make(map[*types.Struct][]int64)
	}
	o, _ := typesize.Offsets(c.pass.TypesSizes, st)
	c.offsets[st] = o
	return o
}
