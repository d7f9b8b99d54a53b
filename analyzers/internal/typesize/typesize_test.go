package typesize

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

func TestHasTypeParam(t *testing.T) {
	const src = `package p

import "sync"

type G[T any] struct{ x T }

type plain struct {
	g    G[int]
	next *plain
	mu   sync.Mutex
}

type list[T any] struct {
	next *list[T]
	v    T
}

func F[T any]() {
	type local struct {
		next *local
		v    T
	}
	type fixed struct{ next *fixed }
	var (
		generic  G[T]
		instance G[int]
		l        local
		f        fixed
		ptr      *list[T]
		pl       plain
	)
	_, _, _, _, _, _ = generic, instance, l, f, ptr, pl
}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"generic":  true,
		"instance": false,
		"l":        true,
		"f":        false,
		"ptr":      true,
		"pl":       false,
	}
	for id, obj := range info.Defs {
		w, ok := want[id.Name]
		if !ok || obj == nil {
			continue
		}
		if got := HasTypeParam(obj.Type()); got != w {
			t.Errorf("HasTypeParam(%s %s) = %v, want %v", id.Name, obj.Type(), got, w)
		}
		delete(want, id.Name)
	}
	for name := range want {
		t.Errorf("no variable %s", name)
	}
	if !HasTypeParam(pkg.Scope().Lookup("G").Type()) {
		t.Errorf("HasTypeParam(G) = false, want true")
	}
	if HasTypeParam(pkg.Scope().Lookup("plain").Type()) {
		t.Errorf("HasTypeParam(plain) = true, want false")
	}
}
