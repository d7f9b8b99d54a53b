package main

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Under go vet -vettool, the go command runs the tool on the packages it
// vets and, only for facts, on every dependency of those (VetxOnly), and
// caches each run's output under a key that does not say which of the two
// it was (cmd/go/internal/work's vet action). For a package with _test.go
// files of its own the two runs are of different units (go vet vets the
// package with its tests, p [p.test], and imports plain p), but a package
// without them is vetted as itself: perflint declares no facts, so a run
// as a dependency reports nothing, and a later go vet of that package gets
// the empty output from the cache: its findings are lost. The other way
// round, a package vetted first prints its findings again when it is
// vetted as a dependency of another. What a gate reports would depend on
// which packages were vetted before with the same cache.
//
// So for such a package of the main module (or of a go.work's modules)
// perflint runs as it does for a package named on the command line: its
// output, and so the cache entry, is the same whichever way the package
// is reached. go vet ./cmd/x then also reports the findings of those
// packages of the module that cmd/x imports, which a run over ./...
// reports anyway. Other packages are left as they are: dependencies in
// other modules and the standard library, test variants, and packages
// whose test variant go vet vets instead (else their findings would print
// twice). This needs go vet's JSON protocol (Go 1.26 always asks for it):
// with findings the tool succeeds and the go command reads them from
// stdout; without it, the tool would fail, and the package importing the
// dependency would miss its type information. Fix runs are left as they
// are: go fix applies no fixes to dependencies.
func vetDependencies(args []string) {
	jsonMode := slices.ContainsFunc(args, func(a string) bool { return a == "-json" || a == "-json=true" })
	fix := slices.ContainsFunc(args, func(a string) bool { return a == "-fix" || strings.HasPrefix(a, "-fix=") })
	if !jsonMode || fix {
		return
	}
	for i, a := range args {
		if strings.HasSuffix(a, ".cfg") {
			if name, ok := asRoot(a); ok {
				args[i] = name
			}
		}
	}
}

// asRoot writes a copy of the vet config file name with VetxOnly off, if
// it describes a dependency of the main module's packages in the main
// module, and returns the copy's name.
func asRoot(name string) (string, bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		return "", false
	}
	var cfg map[string]any
	if err := json.Unmarshal(data, &cfg); err != nil {
		return "", false
	}
	str := func(key string) string { s, _ := cfg[key].(string); return s }
	strs := func(key string) []string {
		var out []string
		for _, x := range asList(cfg[key]) {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	std, _ := cfg["Standard"].(map[string]any)
	if cfg["VetxOnly"] != true || str("ID") != str("ImportPath") || str("ModulePath") == "" || str("ModuleVersion") != "" ||
		std[str("ImportPath")] == true || hasTestVariant(str("Dir"), strs("GoFiles"), strs("IgnoredFiles")) {
		return "", false
	}
	cfg["VetxOnly"] = false
	data, err = json.Marshal(cfg)
	if err != nil {
		return "", false
	}
	root := strings.TrimSuffix(name, ".cfg") + "-perflint.cfg"
	if err := os.WriteFile(root, data, 0o666); err != nil {
		return "", false
	}
	return root, true
}

func asList(x any) []any {
	l, _ := x.([]any)
	return l
}

// hasTestVariant reports whether go vet vets the package of dir with the
// given files as a test variant of its own: when it is a main package, or
// has _test.go files of its package that its build constraints keep (the
// go command lists the files they drop as ignored). In doubt, true.
func hasTestVariant(dir string, goFiles, ignored []string) bool {
	if len(goFiles) == 0 {
		return true
	}
	name := packageName(goFiles[0])
	if name == "" || name == "main" {
		return true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true
	}
	for _, e := range entries {
		file := filepath.Join(dir, e.Name())
		if strings.HasSuffix(e.Name(), "_test.go") && !slices.Contains(ignored, file) && packageName(file) == name {
			return true
		}
	}
	return false
}

// packageName returns the package clause's name of a Go file, or "".
func packageName(file string) string {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.PackageClauseOnly)
	if err != nil {
		return ""
	}
	return f.Name.Name
}
