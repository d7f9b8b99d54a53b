package main

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"

	"golang.org/x/tools/go/packages"
)

// printErrors prints the errors of the packages and of their
// dependencies as go vet does, once each, with files relative to dir: go
// list's errors (a missing import, no Go files) as go list words them,
// and a package's syntax or type errors under a "# package" line. It
// returns whether there were any.
//
// go/packages gives a syntax error three times (in go list's compiler
// output, then from the parser with absolute paths, then its cascade)
// and a type error twice; a package and its test variant repeat each.
func printErrors(w io.Writer, dir string, initial []*packages.Package) bool {
	printed := make(map[string]bool)
	broken := make(map[*packages.Package]bool)
	packages.Visit(initial, nil, func(p *packages.Package) {
		depBroken := false
		for _, imp := range p.Imports {
			depBroken = depBroken || broken[imp]
		}
		if len(p.Errors) == 0 {
			broken[p] = depBroken
			return
		}
		broken[p] = true
		var list, parse, typ []packages.Error
		for _, e := range p.Errors {
			switch {
			case e.Kind == packages.ParseError:
				parse = append(parse, e)
			case e.Kind == packages.TypeError:
				// An import that failed has its own errors.
				if !depBroken || !strings.HasPrefix(e.Msg, "could not import ") {
					typ = append(typ, e)
				}
			case strings.HasPrefix(e.Msg, "# "):
				// The compiler's output, which the parser's and the
				// type checker's errors repeat.
			default:
				list = append(list, e)
			}
		}
		var lines []string
		header := false
		switch {
		case len(parse) > 0:
			// The parser's first error in each file: the rest follow from it.
			files := make(map[string]bool)
			for _, e := range parse {
				file := e.Pos
				if m := posRE.FindStringSubmatch(e.Pos); m != nil {
					file = m[1]
				}
				if !files[file] {
					files[file] = true
					lines = append(lines, errorLine(dir, e))
				}
			}
			header = true
		case len(list) > 0:
			// A type error here follows from go list's (an import that
			// could not be found).
			for _, e := range list {
				lines = append(lines, errorLine(dir, e))
			}
		default:
			const max = 10 // as the compiler
			for i, e := range typ {
				if i == max {
					lines = append(lines, "too many errors")
					break
				}
				lines = append(lines, errorLine(dir, e))
			}
			header = true
		}
		var buf strings.Builder
		for _, l := range lines {
			if !printed[l] {
				printed[l] = true
				buf.WriteString(l + "\n")
			}
		}
		if buf.Len() == 0 {
			return
		}
		if header {
			fmt.Fprintf(w, "# %s\n", p.ID)
		}
		io.WriteString(w, buf.String())
	})
	for _, p := range initial {
		if broken[p] {
			return true
		}
	}
	return false
}

// errorLine spells e as file:line:col: message, the file relative to
// dir, or as its message alone when it has no position.
func errorLine(dir string, e packages.Error) string {
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	return relativePos(dir, e.Pos) + ": " + e.Msg
}

var posRE = regexp.MustCompile(`^(.*?)((?::\d+){1,2})$`)

// relativePos rewrites the file of pos, "file:line[:col]", relative to
// dir where it lies below dir.
func relativePos(dir, pos string) string {
	m := posRE.FindStringSubmatch(pos)
	if m == nil {
		return pos
	}
	return relativeFile(dir, m[1]) + m[2]
}

// wrapperRE matches what golang.org/x/tools/internal/gocommand puts
// before the go command's own message when go list fails.
var wrapperRE = regexp.MustCompile(`^err: exit status \d+: stderr: `)

// loadError returns the message of an error of packages.Load: the go
// command's own words (go: go.mod requires go >= 1.99 ...), without the
// wrapper go/packages adds.
func loadError(err error) string {
	return strings.TrimSpace(wrapperRE.ReplaceAllString(err.Error(), ""))
}

// noPackages explains why patterns matched no packages in the go
// command's words (outside a module: go: go.mod file not found ...),
// asking go list, as go vet would say it.
func noPackages(patterns []string, buildFlags []string) string {
	args := append([]string{"list", "-e", "-f", "{{.ImportPath}}"}, buildFlags...)
	cmd := exec.Command("go", append(append(args, "--"), patterns...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run()
	if msg := strings.TrimSpace(stderr.String()); msg != "" {
		return msg
	}
	return "perflint: " + strings.Join(patterns, " ") + " matched no packages"
}
