// Package typesize measures types without panicking on generic ones.
package typesize

import "go/types"

// Of returns the size of t under sizes, and false when t holds a type
// parameter anywhere: types.Sizes panics on any struct that contains
// one (go-critic shipped exactly that crash), so such types are never
// measured.
func Of(sizes types.Sizes, t types.Type) (int64, bool) {
	if sizes == nil || t == nil || HasTypeParam(t) {
		return 0, false
	}
	return sizes.Sizeof(t), true
}

// Offsets returns the field offsets of struct s, false when s holds a
// type parameter.
func Offsets(sizes types.Sizes, s *types.Struct) ([]int64, bool) {
	if sizes == nil || HasTypeParam(s) {
		return nil, false
	}
	fields := make([]*types.Var, s.NumFields())
	for i := range fields {
		fields[i] = s.Field(i)
	}
	return sizes.Offsetsof(fields), true
}

// HasTypeParam reports whether t mentions a type parameter, directly or
// through the fields, elements or type arguments of the types it is made
// of, conservatively (a []T field would be measurable, but is treated as
// generic all the same). Named types are entered once (a linked list
// refers to itself).
func HasTypeParam(t types.Type) bool {
	return hasTypeParam(t, new(map[types.Type]bool))
}

// seen is allocated at the first type declared in a function: most types
// have none.
func hasTypeParam(t types.Type, seen *map[types.Type]bool) bool {
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Named:
		if t.TypeParams().Len() > 0 && t.TypeArgs().Len() == 0 {
			return true // the generic type itself, not an instance
		}
		for i := range t.TypeArgs().Len() {
			if hasTypeParam(t.TypeArgs().At(i), seen) {
				return true
			}
		}
		// A type declared at package level can mention no type parameter
		// but through its type arguments; one declared in a generic
		// function can mention the function's.
		if obj := t.Obj(); obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() || t.TypeArgs().Len() > 0 {
			return false
		}
		if *seen == nil {
			*seen = make(map[types.Type]bool)
		}
		if (*seen)[t] {
			return false
		}
		(*seen)[t] = true
		return hasTypeParam(t.Underlying(), seen)
	case *types.Alias:
		return hasTypeParam(types.Unalias(t), seen)
	case *types.Struct:
		for i := range t.NumFields() {
			if hasTypeParam(t.Field(i).Type(), seen) {
				return true
			}
		}
	case *types.Array:
		return hasTypeParam(t.Elem(), seen)
	case *types.Slice:
		return hasTypeParam(t.Elem(), seen) // conservative: any mention counts
	case *types.Pointer:
		return hasTypeParam(t.Elem(), seen)
	case *types.Chan:
		return hasTypeParam(t.Elem(), seen)
	case *types.Map:
		return hasTypeParam(t.Key(), seen) || hasTypeParam(t.Elem(), seen)
	case *types.Tuple:
		for i := range t.Len() {
			if hasTypeParam(t.At(i).Type(), seen) {
				return true
			}
		}
	}
	return false
}
