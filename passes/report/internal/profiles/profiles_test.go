package profiles

import (
	"testing"

	"github.com/google/pprof/profile"
)

func cpuProfile(fns ...*profile.Function) *profile.Profile {
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
	}
	for i, fn := range fns {
		fn.ID = uint64(i + 1)
		loc := &profile.Location{ID: uint64(i + 1), Line: []profile.Line{{Function: fn, Line: fn.StartLine + 1}}}
		p.Function = append(p.Function, fn)
		p.Location = append(p.Location, loc)
		p.Sample = append(p.Sample, &profile.Sample{Location: []*profile.Location{loc}, Value: []int64{1, 10}})
	}
	return p
}

func TestMatch(t *testing.T) {
	x, err := New(cpuProfile(
		&profile.Function{Name: "main.main", Filename: "/ci/src/cmd/tool/main.go", StartLine: 10},
		&profile.Function{Name: "main.run.func1", Filename: "/ci/src/cmd/tool/main.go", StartLine: 20},
		&profile.Function{Name: "example.com/m/lib.(*T).Get[go.shape.int]", Filename: "/ci/src/lib/t.go", StartLine: 5},
		&profile.Function{Name: "example.com/m.v2/lib.F", Filename: "/ci/v2/lib/t.go", StartLine: 5},
		&profile.Function{Name: "example.com/dep.F", Filename: "/root/go/pkg/mod/example.com/dep@v1.2.3/f.go", StartLine: 5},
	))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		src  Source
		pkg  Package
		want int
	}{
		{"main in another directory, declaring the profile's functions", Source{"/home/me/x/main.go", []string{"main", "run"}}, Package{"example.com/m/cmd/x", true}, 1},
		{"main in a directory of the same name", Source{"/home/me/cmd/tool/main.go", nil}, Package{"example.com/m/cmd/tool", true}, 1},
		{"another main", Source{"/home/me/other/main.go", []string{"main"}}, Package{"example.com/m/cmd/other", true}, 0},
		{"generic method, moved checkout", Source{"/home/me/m/lib/t.go", nil}, Package{"example.com/m/lib", false}, 1},
		{"module cache copy", Source{"/tmp/dep/f.go", nil}, Package{"example.com/dep", false}, 1},
		{"a path that is a prefix", Source{"/home/me/m/lib/t.go", nil}, Package{"example.com/m", false}, 0},
	} {
		if got := len(x.Match(tc.src, tc.pkg)); got != tc.want {
			t.Errorf("%s: %d files match, want %d", tc.name, got, tc.want)
		}
	}
}

func TestSymbol(t *testing.T) {
	for in, want := range map[string]string{
		"p.Map[go.shape.int]":                       "p.Map",
		"p.(*List[go.shape.struct { X int }]).Push": "p.(*List).Push",
		"p.Map[...].func1":                          "p.Map.func1",
		"p.F":                                       "p.F",
	} {
		if got := Symbol(in); got != want {
			t.Errorf("Symbol(%q) = %q, want %q", in, got, want)
		}
	}
}
