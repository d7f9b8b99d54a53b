// Package hotprog builds and profiles the program of perflint's
// end-to-end profile tests: Hot holds a prealloc finding and takes most
// of the CPU, Cold holds a stringconcat finding and takes almost none.
package hotprog

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Module is the program's module path.
const Module = "example.com/hot"

// Source is the program's main.go. It profiles itself for the duration
// its second argument gives and writes the profile to its first.
const Source = `package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func main() {
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	d, err := time.ParseDuration(os.Args[2])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
	n := 0
	for end := time.Now().Add(d); time.Now().Before(end); {
		n += len(Hot(4096))
	}
	n += len(Cold([]string{"a", "b", "c"}))
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		panic(err)
	}
	fmt.Println(n)
}

// Hot grows a slice one append at a time, with some work per element
// so that the program's time is in the loop rather than in the GC.
func Hot(k int) []int {
	var out []int
	for i := 0; i < k; i++ {
		out = append(out, mix(i))
	}
	return out
}

func mix(x int) int {
	for range 200 {
		x = x*31 + 7
		x ^= x >> 13
	}
	return x
}

// Cold concatenates a few strings, once.
func Cold(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`

// Write writes the program's module into dir.
func Write(dir string) error {
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+Module+"\n\ngo 1.26\n"), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.go"), []byte(Source), 0o644)
}

// Profile writes the program into dir, builds it with -trimpath (so that
// its profile names files by module path, as release builds do), runs it
// for duration (a Go duration: "1s") and returns the CPU profile's path.
func Profile(dir, duration string) (string, error) {
	if err := Write(dir); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "hot.exe")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	prof := filepath.Join(dir, "cpu.pprof")
	if out, err := exec.Command(bin, prof, duration).CombinedOutput(); err != nil {
		return "", fmt.Errorf("%s: %v\n%s", bin, err, out)
	}
	return prof, nil
}
