// Package profiles reads pprof CPU profiles and tells which of their
// samples fall on given lines of the code being analyzed.
//
// A sample is credited to every line of every frame of its stack
// (cumulative time), inlined frames each to their own line, as pprof's
// list view does. Local source files are matched to the profile's files
// by package: the symbol names of the profile's functions carry the
// import path of their package whatever the checkout or -trimpath did to
// the file names. A profile of an older revision, whose lines have moved,
// is matched as the compiler's PGO matches it: by function name, then by
// line offset from the function's first line ([profile.Function.StartLine]).
package profiles

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/google/pprof/profile"
)

// Index holds the samples of one or more CPU profiles by file and line.
// It is read-only once built and safe for concurrent use.
type Index struct {
	// Total is the CPU time of all samples, in the unit of the profiles'
	// sample value (nanoseconds for Go's CPU profiles).
	Total  int64
	values []int64            // per sample
	byBase map[string][]*File // the profiles' source files by base name
}

// File is one source file as a profile names it, with the samples on
// its lines.
type File struct {
	Name  string           // as the profile spells it
	funcs []string         // symbol names of its functions, type arguments removed
	start map[string]int64 // Function.StartLine by symbol name
	lines map[int64][]hit  // samples by line
}

type hit struct {
	sample int32
	fn     int32 // index into File.funcs
}

// preprofile is how the text format of go tool preprofile begins: a
// preprocessed PGO profile, which keeps only call edges.
const preprofile = "GO PREPROFILE V1"

// Load reads the CPU profiles at paths and indexes their samples
// together. Errors name the file: it cannot be read, it is not a CPU
// profile, or it has no samples.
func Load(paths []string) (*Index, error) {
	ps := make([]*profile.Profile, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(data, []byte(preprofile)) {
			return nil, fmt.Errorf("profile %s: a preprocessed PGO profile (go tool preprofile) has no line samples; use the CPU profile it was made from", p)
		}
		prof, err := profile.ParseData(data)
		if err != nil {
			return nil, fmt.Errorf("profile %s: not a pprof profile: %v", p, err)
		}
		if err := check(prof); err != nil {
			return nil, fmt.Errorf("profile %s: %v", p, err)
		}
		ps = append(ps, prof)
	}
	return New(ps...)
}

// check reports whether p is a CPU profile with samples.
func check(p *profile.Profile) error {
	if cpuValue(p) < 0 {
		kinds := make([]string, 0, len(p.SampleType))
		for _, st := range p.SampleType {
			kinds = append(kinds, st.Type+"/"+st.Unit)
		}
		return fmt.Errorf("not a CPU profile (it holds %s); take one with go test -cpuprofile or /debug/pprof/profile", strings.Join(kinds, ", "))
	}
	if len(p.Sample) == 0 {
		return errors.New("has no samples; profile the program for longer, or under load")
	}
	return nil
}

// cpuValue returns the index of the CPU time among p's sample values,
// or -1 when p is not a CPU profile.
func cpuValue(p *profile.Profile) int {
	for i, st := range p.SampleType {
		if st.Type == "cpu" && st.Unit == "nanoseconds" {
			return i
		}
	}
	if p.PeriodType != nil && p.PeriodType.Type == "cpu" {
		for i, st := range p.SampleType {
			if st.Type == "samples" {
				return i
			}
		}
	}
	return -1
}

// New indexes the samples of CPU profiles ps.
func New(ps ...*profile.Profile) (*Index, error) {
	x := &Index{byBase: make(map[string][]*File)}
	files := make(map[string]*File)
	for _, p := range ps {
		if err := check(p); err != nil {
			return nil, err
		}
		vi := cpuValue(p)
		for _, s := range p.Sample {
			v := s.Value[vi]
			if v <= 0 {
				continue
			}
			id := int32(len(x.values))
			x.values = append(x.values, v)
			x.Total += v
			for _, loc := range s.Location {
				for _, ln := range loc.Line {
					fn := ln.Function
					if fn == nil || fn.Filename == "" {
						continue
					}
					name := filepath.ToSlash(fn.Filename)
					f := files[name]
					if f == nil {
						f = &File{Name: name, start: make(map[string]int64), lines: make(map[int64][]hit)}
						files[name] = f
						x.byBase[path.Base(name)] = append(x.byBase[path.Base(name)], f)
					}
					sym := Symbol(fn.Name)
					if _, ok := f.start[sym]; !ok {
						f.start[sym] = fn.StartLine
						f.funcs = append(f.funcs, sym)
					}
					hits := f.lines[ln.Line]
					// A recursive stack puts the sample on a line more than
					// once: once is enough.
					if n := len(hits); n > 0 && hits[n-1].sample == id {
						continue
					}
					f.lines[ln.Line] = append(hits, hit{id, int32(f.index(sym))})
				}
			}
		}
	}
	if x.Total == 0 {
		return nil, errors.New("has no samples; profile the program for longer, or under load")
	}
	return x, nil
}

func (f *File) index(sym string) int {
	for i := len(f.funcs) - 1; i >= 0; i-- {
		if f.funcs[i] == sym {
			return i
		}
	}
	return -1
}

// Symbol returns a function's symbol name without the type arguments
// of generic instantiations: pkg.Map[go.shape.int].func1 becomes
// pkg.Map.func1, pkg.(*List[...]).Push becomes pkg.(*List).Push.
func Symbol(name string) string {
	if !strings.Contains(name, "[") {
		return name
	}
	var b strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// inPackage reports whether symbol sym belongs to the package whose
// symbols start with prefix (an import path, or "main"): it is prefix,
// a dot, and a name without a slash (so that example.com/m does not
// claim example.com/m.v2/pkg).
func inPackage(sym, prefix string) bool {
	rest, ok := strings.CutPrefix(sym, prefix+".")
	return ok && !strings.Contains(rest, "/")
}

// Package identifies the package a local file belongs to.
type Package struct {
	Path string // import path
	Main bool   // package main: its symbols start with "main."
}

// Source is a local file: its absolute name and the symbol names, within
// the package, of its top-level functions (F, T.M, (*T).M).
type Source struct {
	Name  string
	Funcs []string
}

// Match returns the profile's files that hold the local file src of
// package pkg: the same file name; or a name that ends with the
// package's import path and the file's base name (a -trimpath build, a
// GOPATH checkout, a module cache copy with its @version); or a file of
// the same base name whose functions are in the package (another
// checkout). A package main's functions are all "main.": its file must
// also sit in a directory of the same name, or declare every function
// the profile has of it.
func (x *Index) Match(src Source, pkg Package) []*File {
	file := filepath.ToSlash(src.Name)
	base := path.Base(file)
	var out []*File
	for _, f := range x.byBase[base] {
		if f.Name == file || strings.HasSuffix("/"+stripVersions(f.Name), "/"+pkg.Path+"/"+base) || f.has(pkg.Path) ||
			pkg.Main && f.has("main") && (path.Base(path.Dir(f.Name)) == path.Base(path.Dir(file)) || f.declaredIn(src.Funcs)) {
			out = append(out, f)
		}
	}
	return out
}

// declaredIn reports whether each of f's "main." functions is one of
// decls or a closure inside one.
func (f *File) declaredIn(decls []string) bool {
	for _, s := range f.funcs {
		rest, ok := strings.CutPrefix(s, "main.")
		if !ok || strings.Contains(rest, "/") {
			continue
		}
		found := false
		for _, d := range decls {
			if within(rest, d) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (f *File) has(prefix string) bool {
	for _, s := range f.funcs {
		if inPackage(s, prefix) {
			return true
		}
	}
	return false
}

// stripVersions removes the @version of module cache directories:
// github.com/a/b@v1.2.3/c/d.go becomes github.com/a/b/c/d.go.
func stripVersions(name string) string {
	for {
		at := strings.Index(name, "@")
		if at < 0 {
			return name
		}
		end := strings.Index(name[at:], "/")
		if end < 0 {
			return name
		}
		name = name[:at] + name[at+end:]
	}
}

// Span is lines From to To of a local file, inside the top-level
// function Func (its symbol name within the package, as (*T).M, or ""
// outside a function) whose declaration begins on line FuncLine.
type Span struct {
	Files    []*File // the profile's files that hold the local file (see Match)
	Pkg      Package
	From, To int
	Func     string
	FuncLine int
	Unsure   bool // Func's name is not unique (init): do not match by it
}

// Set is a set of samples.
type Set []uint64

func (s Set) add(i int32) { s[i/64] |= 1 << (i % 64) }

// Union adds t to s.
func (s Set) Union(t Set) {
	for i := range t {
		s[i] |= t[i]
	}
}

// Len returns the number of samples in s.
func (s Set) Len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// NewSet returns an empty set of x's samples.
func (x *Index) NewSet() Set { return make(Set, (len(x.values)+63)/64) }

// Value returns the CPU time of the samples in s.
func (x *Index) Value(s Set) int64 {
	var v int64
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			v += x.values[i*64+b]
			w &^= 1 << b
		}
	}
	return v
}

// Samples returns the samples with a frame on a line of one of spans,
// each sample once however many of its frames fall there.
//
// Lines match as they are when the profile's function of the span's name
// begins where the local one does, or when the profile has no function
// of that name (it was renamed: the file and line still match). When it
// begins elsewhere the code has moved since the profile was taken: the
// span is shifted by the difference and matches only frames of that
// function and the closures inside it, as the compiler's PGO matches an
// older profile.
func (x *Index) Samples(spans []Span) Set {
	set := x.NewSet()
	for _, sp := range spans {
		for _, f := range sp.Files {
			var sym string
			delta := int64(0)
			if sp.Func != "" && !sp.Unsure {
				prefix := sp.Pkg.Path
				if sp.Pkg.Main && !f.has(prefix) {
					prefix = "main"
				}
				sym = prefix + "." + sp.Func
				if start, ok := f.start[sym]; ok && start > 0 && start != int64(sp.FuncLine) {
					delta = start - int64(sp.FuncLine)
				} else {
					sym = ""
				}
			}
			for line := int64(sp.From) + delta; line <= int64(sp.To)+delta; line++ {
				for _, h := range f.lines[line] {
					if sym != "" && !within(f.funcs[h.fn], sym) {
						continue
					}
					set.add(h.sample)
				}
			}
		}
	}
	return set
}

// within reports whether symbol s is fn or a closure inside it
// (fn.func1, fn.func1.2, or the fn.fn.func1 that inlining spells).
func within(s, fn string) bool {
	return s == fn || strings.HasPrefix(s, fn+".")
}
