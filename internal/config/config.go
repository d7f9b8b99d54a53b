// Package config reads perflint's configuration files.
//
// A perflint.toml file configures the packages in its directory and in
// every directory below it, as staticcheck.conf does for staticcheck:
//
//	# perflint.toml
//	analyzers = ["all", "-mutexmap"]  # which analyzers run
//	skip = ["testdata", "*.pb.go"]    # files whose findings are not reported
//
//	[needlesscopy]                    # an analyzer's options, named as its
//	size = 512                        # -needlesscopy.size flag
//
// The configuration of a directory is every perflint.toml from the root of
// the file system down to it, merged in that order: a key set in a nearer
// file replaces the value of a farther one, and a key a file does not set
// keeps the farther value. In a list (analyzers, skip) the element
// "inherit" stands for the farther list. Options merge one by one: a
// nearer [needlesscopy] table that sets size keeps a farther exported.
//
// analyzers is read from left to right: "all" turns every analyzer on,
// "-all" every one off, "NAME" one on and "-NAME" one off. With no file,
// every analyzer runs.
//
// skip patterns are relative to the directory of the file that declares
// them and use [path.Match] syntax, in which * does not cross a /. As in
// .gitignore, a pattern without a / matches a file or directory name at
// any depth below that directory, and a pattern with a / matches a path
// from that directory; a pattern that matches a directory skips every
// file below it.
//
// Flags win over files: [Override] records an option set on the command
// line, whose value the analyzer's flag holds, and [Force] turns an
// analyzer on or off everywhere; [ResetOverrides] undoes both.
//
// Unknown keys, analyzers and options are errors that name them, with
// the file and line.
package config

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/go/analysis"
)

// FileName is the name of a configuration file.
const FileName = "perflint.toml"

// Config is the configuration of one directory: every configuration
// file from the root down to it, merged.
type Config struct {
	// Files are the configuration files merged, farthest first.
	Files []string

	analyzers []string        // the merged list, "inherit" resolved
	enabled   map[string]bool // analyzer -> on, from analyzers
	options   map[string]any  // "analyzer.option" -> value, of the flag's type
	skip      []pattern
}

// A pattern is a skip glob and the directory it is relative to.
type pattern struct {
	dir, glob string
}

// Error is a mistake in a configuration file.
type Error struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Enabled reports whether analyzer name runs in the directory.
func (c *Config) Enabled(name string) bool {
	if on, ok := forced[name]; ok {
		return on
	}
	if c == nil {
		return true
	}
	on, ok := c.enabled[name]
	return on || !ok
}

// Option returns the value that the files give to analyzer's option, of
// the type its flag's Get method returns, unless none does or the
// option was set on the command line.
func (c *Config) Option(analyzer, option string) (any, bool) {
	key := analyzer + "." + option
	if c == nil || overridden[key] {
		return nil, false
	}
	v, ok := c.options[key]
	return v, ok
}

// Skip reports whether a skip pattern matches filename, an absolute path.
func (c *Config) Skip(filename string) bool {
	if c == nil {
		return false
	}
	for _, p := range c.skip {
		rel, err := filepath.Rel(p.dir, filename)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if matchPath(p.glob, filepath.ToSlash(rel)) {
			return true
		}
	}
	return false
}

// matchPath reports whether glob matches rel, a slash-separated path, or
// one of the directories it lies in.
func matchPath(glob, rel string) bool {
	elems := strings.Split(rel, "/")
	if !strings.Contains(glob, "/") {
		for _, e := range elems {
			if ok, _ := path.Match(glob, e); ok {
				return true
			}
		}
		return false
	}
	glob = strings.TrimPrefix(glob, "/")
	for i := range elems {
		if ok, _ := path.Match(glob, strings.Join(elems[:i+1], "/")); ok {
			return true
		}
	}
	return false
}

var (
	known      = make(map[string]*analysis.Analyzer)
	overridden = make(map[string]bool)
	forced     = make(map[string]bool)
)

// Register makes analyzers known to configuration files, with their
// flags as options. Call it before loading any file.
func Register(analyzers ...*analysis.Analyzer) {
	for _, a := range analyzers {
		known[a.Name] = a
	}
}

// Override records that option of analyzer was set on the command line
// (or in a driver's own settings): its flag's value wins over every file.
// Call it before loading any file.
func Override(analyzer, option string) { overridden[analyzer+"."+option] = true }

// Force turns analyzer on or off in every directory, whatever the files
// say. Call it before any analysis starts.
func Force(analyzer string, on bool) { forced[analyzer] = on }

// ResetOverrides undoes every [Override] and [Force], so that the files
// decide again: a long-running driver whose settings change calls it
// before it records the new ones. Call it while no analysis runs.
func ResetOverrides() {
	clear(overridden)
	clear(forced)
}

type entry struct {
	once sync.Once
	cfg  *Config
	err  error
}

var cache sync.Map // absolute directory -> *entry

// Load returns the configuration of dir. Results are cached by
// directory: loading every package of a large module reads each file
// once.
func Load(dir string) (*Config, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	v, _ := cache.LoadOrStore(dir, new(entry))
	e := v.(*entry)
	e.once.Do(func() { e.cfg, e.err = load(dir) })
	return e.cfg, e.err
}

// Forget empties the cache, so that Load reads files again: a
// long-running driver calls it when a configuration file changes.
func Forget() { cache.Clear() }

func load(dir string) (*Config, error) {
	var parent *Config
	if up := filepath.Dir(dir); up != dir {
		var err error
		if parent, err = Load(up); err != nil {
			return nil, err
		}
	}
	file := filepath.Join(dir, FileName)
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		return parent, nil
	}
	if err != nil {
		return nil, err
	}
	return parse(file, data, parent)
}

// parse merges the configuration file of the given name and contents
// into parent, which may be nil.
func parse(file string, data []byte, parent *Config) (*Config, error) {
	var top map[string]toml.Primitive
	md, err := toml.Decode(string(data), &top)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{file, pe.Position.Line, "toml: " + pe.Message}
		}
		return nil, &Error{File: file, Msg: err.Error()}
	}
	p := &parser{file: file, md: md}
	c := &Config{enabled: make(map[string]bool), options: make(map[string]any)}
	if parent != nil {
		c.Files = slices.Clone(parent.Files)
		c.analyzers = parent.analyzers
		c.options = maps.Clone(parent.options)
		c.skip = parent.skip
	}
	c.Files = append(c.Files, file)
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		key, prim := k[0], top[k[0]]
		switch key {
		case "analyzers":
			list, err := p.list(key, prim)
			if err != nil {
				return nil, err
			}
			for _, name := range list {
				if n := strings.TrimPrefix(name, "-"); n != "all" && n != "inherit" && known[n] == nil || name == "-inherit" {
					return nil, p.errorf(prim, "unknown analyzer %q in analyzers (known: %s)", name, knownNames())
				}
			}
			c.analyzers = inherit(list, c.analyzers, []string{"all"})
		case "skip":
			list, err := p.list(key, prim)
			if err != nil {
				return nil, err
			}
			var pats []pattern
			for _, g := range list {
				if g == "inherit" {
					pats = append(pats, c.skip...)
					continue
				}
				if _, err := path.Match(g, ""); err != nil || g == "" {
					return nil, p.errorf(prim, "bad skip pattern %q", g)
				}
				pats = append(pats, pattern{filepath.Dir(file), strings.TrimSuffix(g, "/")})
			}
			c.skip = pats
		default:
			a := known[key]
			if a == nil {
				return nil, p.errorf(prim, "unknown key %q: want analyzers, skip or an analyzer's table (%s)", key, knownNames())
			}
			if err := p.options(a, prim, c.options); err != nil {
				return nil, err
			}
		}
	}
	for _, name := range c.analyzers {
		on := !strings.HasPrefix(name, "-")
		switch n := strings.TrimPrefix(name, "-"); n {
		case "all":
			for a := range known {
				c.enabled[a] = on
			}
		default:
			c.enabled[n] = on
		}
	}
	return c, nil
}

// inherit returns list with each "inherit" replaced by parent, or by
// def when there is no parent list.
func inherit(list, parent, def []string) []string {
	if parent == nil {
		parent = def
	}
	var out []string
	for _, s := range list {
		if s == "inherit" {
			out = append(out, parent...)
		} else {
			out = append(out, s)
		}
	}
	return out
}

type parser struct {
	file string
	md   toml.MetaData
}

// errorf returns an error at the line of the key whose value prim is.
func (p *parser) errorf(prim toml.Primitive, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	err := p.md.PrimitiveDecode(prim, failure{errors.New(msg)})
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &Error{p.file, pe.Position.Line, msg}
	}
	return &Error{File: p.file, Msg: msg}
}

// failure fails the decoding of a value with its error, which the toml
// package returns with the position of the value's key.
type failure struct{ err error }

func (f failure) UnmarshalTOML(any) error { return f.err }

// list decodes a list of strings.
func (p *parser) list(key string, prim toml.Primitive) ([]string, error) {
	var raw any
	if err := p.md.PrimitiveDecode(prim, &raw); err != nil {
		return nil, p.errorf(prim, "%s: %v", key, err)
	}
	items, ok := raw.([]any)
	if !ok {
		return nil, p.errorf(prim, "%s must be a list of strings", key)
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, p.errorf(prim, "%s must be a list of strings", key)
		}
		out = append(out, s)
	}
	return out, nil
}

// options decodes analyzer a's table into opts.
func (p *parser) options(a *analysis.Analyzer, prim toml.Primitive, opts map[string]any) error {
	var table map[string]toml.Primitive
	if p.md.Type(a.Name) != "Hash" || p.md.PrimitiveDecode(prim, &table) != nil {
		return p.errorf(prim, "%s must be a table of its options, as [%s]", a.Name, a.Name)
	}
	for _, k := range p.md.Keys() {
		if len(k) != 2 || k[0] != a.Name {
			continue
		}
		name, prim := k[1], table[k[1]]
		f := a.Flags.Lookup(name)
		if f == nil {
			return p.errorf(prim, "unknown option %q of %s (known: %s)", name, a.Name, OptionNames(a))
		}
		v, err := value(f, p.md, prim)
		if err != nil {
			return p.errorf(prim, "%s.%s: %v", a.Name, name, err)
		}
		opts[a.Name+"."+name] = v
	}
	return nil
}

// value decodes prim as flag f would parse it from the command line and
// returns it as f's Get method does.
func value(f *flag.Flag, md toml.MetaData, prim toml.Primitive) (any, error) {
	var raw any
	if err := md.PrimitiveDecode(prim, &raw); err != nil {
		return nil, err
	}
	var s string
	switch v := raw.(type) {
	case string:
		s = v
	case bool:
		s = strconv.FormatBool(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	case float64:
		s = strconv.FormatFloat(v, 'g', -1, 64)
	default:
		return nil, fmt.Errorf("want %s, not %s", kind(f), tomlType(raw))
	}
	t := reflect.TypeOf(f.Value)
	if t.Kind() != reflect.Pointer {
		return nil, fmt.Errorf("cannot be set in %s", FileName)
	}
	fresh, ok := reflect.New(t.Elem()).Interface().(flag.Getter)
	if !ok {
		return nil, fmt.Errorf("cannot be set in %s", FileName)
	}
	if err := fresh.Set(s); err != nil {
		return nil, fmt.Errorf("invalid value %q: want %s", s, kind(f))
	}
	return fresh.Get(), nil
}

// kind names the type of f's values for an error message.
func kind(f *flag.Flag) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return "a string"
	}
	switch g.Get().(type) {
	case bool:
		return "a boolean"
	case int, int64, uint, uint64:
		return "an integer"
	case float64:
		return "a number"
	}
	return "a string"
}

// tomlType names the TOML type of a decoded value.
func tomlType(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

func knownNames() string {
	return AnalyzerNames(slices.Collect(maps.Values(known)))
}

// AnalyzerNames lists the names of analyzers, sorted, for an error
// message about an unknown one.
func AnalyzerNames(analyzers []*analysis.Analyzer) string {
	names := make([]string, 0, len(analyzers))
	for _, a := range analyzers {
		names = append(names, a.Name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// OptionNames lists the options (flags) of a, or "none", for an error
// message about an unknown one.
func OptionNames(a *analysis.Analyzer) string {
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
