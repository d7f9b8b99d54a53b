// Command costs turns the benchmark corpus into the measured cost of
// every perflint finding.
//
// It runs the slow/fast pairs of corpus/NAME (go test -bench), reads the
// results with golang.org/x/perf/benchfmt and compares each pair with
// golang.org/x/perf/benchmath, benchstat's statistics: the median of each
// side with its 95% confidence interval, and the Mann-Whitney U-test
// p-value of the difference. It writes
//
//   - docs/costs.md, the table;
//   - docs/costs-NAME.svg, slow and fast time per op against n, log axes;
//   - analyzers/internal/docs/costs.json, the headline of each analyzer,
//     which perflint help NAME prints.
//
// Usage, from this directory:
//
//	go run . [-analyzer NAME] [-count 6] [-benchtime 1s]
//	go run . -norun    # rebuild the outputs from the raw runs in docs/bench
//	go run . -check    # CI: docs/costs.md lists every pair of the corpus
//
// This command is a module of its own so that golang.org/x/perf and
// gonum's plotting stay out of perflint's go.mod.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

var (
	root      = flag.String("root", "../..", "the perflint repository")
	analyzer  = flag.String("analyzer", "", "run only this analyzer's pairs (the others keep their last results)")
	count     = flag.Int("count", 6, "runs of each benchmark (at least 6 for a p-value below 0.05)")
	benchtime = flag.String("benchtime", "1s", "go test -benchtime")
	check     = flag.Bool("check", false, "only check that docs/costs.md lists every benchmark pair of the corpus")
	norun     = flag.Bool("norun", false, "run no benchmark: rebuild the table, plots and costs.json from docs/bench")
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("costs: ")
	flag.Parse()
	if *check {
		if err := checkTable(*root); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *count < 6 {
		log.Fatal("-count must be at least 6: with fewer runs no difference reaches p < 0.05")
	}
	names, err := corpusPackages(*root)
	if err != nil {
		log.Fatal(err)
	}
	if *norun {
		names = nil
	} else if *analyzer != "" {
		if !slices.Contains(names, *analyzer) {
			log.Fatalf("no corpus/%s", *analyzer)
		}
		names = []string{*analyzer}
	}
	// The raw output of each analyzer's run is kept in docs/bench, so that
	// running one analyzer's pairs again keeps the others' results, and
	// benchstat can read them.
	if err := os.MkdirAll(filepath.Join(*root, "docs", "bench"), 0o755); err != nil {
		log.Fatal(err)
	}
	for _, name := range names {
		log.Printf("running corpus/%s", name)
		cmd := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-count", strconv.Itoa(*count), "-benchtime", *benchtime, "./corpus/"+name+"/")
		cmd.Dir = *root
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			log.Fatalf("go test ./corpus/%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*root, "docs", "bench", name+".txt"), out, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(*root, "docs", "bench", "*.txt"))
	results := make(map[string][]*pair)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		pairs, err := parse(data)
		if err != nil {
			log.Fatal(err)
		}
		for name, ps := range pairs {
			results[name] = ps
		}
	}
	if err := write(*root, results); err != nil {
		log.Fatal(err)
	}
}

// pair is one benchmark at one size: its slow and fast samples.
type pair struct {
	Bench string // Names, for BenchmarkNames
	N     int
	Order int // position in the output, to keep source order
	Slow  sides
	Fast  sides
	Env   env
}

type sides struct {
	NsOp, BOp, AllocsOp []float64
}

type env struct {
	GOOS, GOARCH, CPU string
	Procs             int
}

// parse reads go test -bench output into pairs by analyzer (the corpus
// package name).
func parse(data []byte) (map[string][]*pair, error) {
	out := make(map[string][]*pair)
	byKey := make(map[string]*pair)
	r := benchfmt.NewReader(bytes.NewReader(data), "go test")
	order := 0
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		base, parts := res.Name.Parts()
		// BenchmarkX /slow /n=16 -2
		if len(parts) < 2 {
			continue
		}
		side := strings.TrimPrefix(string(parts[0]), "/")
		nstr, found := strings.CutPrefix(string(parts[1]), "/n=")
		n, err := strconv.Atoi(nstr)
		if !found || err != nil || (side != "slow" && side != "fast") {
			continue
		}
		procs := runtime.GOMAXPROCS(0)
		if len(parts) > 2 {
			procs, _ = strconv.Atoi(strings.TrimPrefix(string(parts[len(parts)-1]), "-"))
		}
		name := filepath.Base(res.GetConfig("pkg"))
		bench := strings.TrimPrefix(string(base), "Benchmark")
		key := name + "/" + bench + "/" + nstr
		p := byKey[key]
		if p == nil {
			order++
			p = &pair{Bench: bench, N: n, Order: order, Env: env{res.GetConfig("goos"), res.GetConfig("goarch"), res.GetConfig("cpu"), procs}}
			byKey[key] = p
			out[name] = append(out[name], p)
		}
		s := &p.Slow
		if side == "fast" {
			s = &p.Fast
		}
		for _, v := range res.Values {
			switch v.Unit {
			case "sec/op":
				s.NsOp = append(s.NsOp, v.Value*1e9)
			case "ns/op":
				s.NsOp = append(s.NsOp, v.Value)
			case "B/op":
				s.BOp = append(s.BOp, v.Value)
			case "allocs/op":
				s.AllocsOp = append(s.AllocsOp, v.Value)
			}
		}
	}
	return out, r.Err()
}

// stat is a pair compared: medians with intervals, and the test.
type stat struct {
	*pair
	Slow, Fast                         benchmath.Summary
	Cmp                                benchmath.Comparison
	SlowAlloc, FastAlloc, SlowB, FastB float64
}

func (s stat) Ratio() float64    { return s.Slow.Center / s.Fast.Center }
func (s stat) Significant() bool { return s.Cmp.P < s.Cmp.Alpha }

func compare(p *pair) stat {
	th := &benchmath.DefaultThresholds
	a, b := benchmath.NewSample(slices.Clone(p.Slow.NsOp), th), benchmath.NewSample(slices.Clone(p.Fast.NsOp), th)
	median := func(xs []float64) float64 {
		if len(xs) == 0 {
			return 0
		}
		return benchmath.AssumeNothing.Summary(benchmath.NewSample(slices.Clone(xs), th), 0.95).Center
	}
	return stat{
		pair:      p,
		Slow:      benchmath.AssumeNothing.Summary(a, 0.95),
		Fast:      benchmath.AssumeNothing.Summary(b, 0.95),
		Cmp:       benchmath.AssumeNothing.Compare(a, b),
		SlowAlloc: median(p.Slow.AllocsOp), FastAlloc: median(p.Fast.AllocsOp),
		SlowB: median(p.Slow.BOp), FastB: median(p.Fast.BOp),
	}
}

// write produces docs/costs.md, the plots and the embedded headlines.
func write(root string, results map[string][]*pair) error {
	names := make([]string, 0, len(results))
	for name := range results {
		names = append(names, name)
	}
	sort.Strings(names)
	var md bytes.Buffer
	entries := make(map[string]entry)
	firsts, allStats := make(map[string]string), make(map[string][]stat)
	var e env
	for _, name := range names {
		if len(results[name]) > 0 {
			e = results[name][0].Env
			break
		}
	}
	fmt.Fprintf(&md, "# Measured cost of each finding\n\n")
	fmt.Fprintf(&md, "Generated by `corpus/costs` (`cd corpus/costs && go run .`) from `go test -bench` runs of the pairs in `corpus/`; do not edit by hand.\n\n")
	fmt.Fprintf(&md, "Measured on %s/%s, %s, %d cores, GOMAXPROCS=%d, %s.\n", e.GOOS, e.GOARCH, e.CPU, runtime.NumCPU(), e.Procs, runtime.Version())
	fmt.Fprintf(&md, "Each time is the median of %d runs with its 95%% confidence interval (benchmath, as benchstat prints it); p is the Mann-Whitney U-test p-value of the slow/fast difference, significant when below 0.05. benchmath gives no interval for a ratio, so none is shown.\n\n", len(results[names[0]][0].Slow.NsOp))
	for _, name := range names {
		pairs := results[name]
		sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].Order < pairs[j].Order })
		fmt.Fprintf(&md, "## %s\n\n![slow and fast time per op against n](costs-%s.svg)\n\n", name, name)
		fmt.Fprintf(&md, "| pair | n | slow time/op | fast time/op | slow/fast | p | significant | allocs/op slow | allocs/op fast | B/op slow | B/op fast |\n")
		fmt.Fprintf(&md, "|---|---:|---|---|---:|---:|---|---:|---:|---:|---:|\n")
		var stats []stat
		anySig := make(map[string]bool)
		for _, p := range pairs {
			s := compare(p)
			stats = append(stats, s)
			anySig[p.Bench] = anySig[p.Bench] || s.Significant()
			fmt.Fprintf(&md, "| `%s/%s` | %d | %s | %s | %.2fx | %s | %s | %.0f | %.0f | %s | %s |\n",
				name, p.Bench, p.N, timeCI(s.Slow), timeCI(s.Fast), s.Ratio(), pValue(s.Cmp), yesNo(s.Significant()),
				s.SlowAlloc, s.FastAlloc, bytesStr(s.SlowB), bytesStr(s.FastB))
		}
		md.WriteString("\n")
		for _, p := range pairs {
			if !anySig[p.Bench] {
				fmt.Fprintf(&md, "**`%s/%s` shows no significant difference at any size.**\n\n", name, p.Bench)
				anySig[p.Bench] = true
			}
		}
		md.WriteString(growth(stats))
		e := entry{Headline: headline(stats)}
		firsts[name], allStats[name] = firstPair(stats), stats
		if t, ok := threshold(stats); ok {
			e.Threshold = t
			fmt.Fprintf(&md, "Threshold: the smallest n (bytes) at which the slow side is both significantly (p < 0.05) and materially (at least 25%%) slower is **%d**; the analyzer's default comes from here.\n\n", t)
		} else if hasThresholdPair(stats) {
			fmt.Fprintf(&md, "Threshold: no measured size is both significantly and materially slower; the analyzer keeps its fallback default.\n\n")
		}
		entries[name] = e
		if err := plotPairs(filepath.Join(root, "docs", "costs-"+name+".svg"), name, stats); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(root, "docs", "costs.md"), md.Bytes(), 0o644); err != nil {
		return err
	}
	if err := writePairs(root, firsts, allStats); err != nil {
		return err
	}
	js, err := json.MarshalIndent(entries, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, "analyzers", "internal", "docs", "costs.json"), append(js, '\n'), 0o644)
}

// entry is what analyzers/internal/docs embeds for one analyzer.
type entry struct {
	Headline  string `json:"headline"`
	Threshold int64  `json:"threshold,omitempty"`
}

// thresholdBench names the size sweep whose n is a size in bytes: the
// smallest n where the slow side (by value) is significantly and
// materially slower becomes the analyzer's default threshold.
const thresholdBench = "Threshold"

func hasThresholdPair(stats []stat) bool {
	for _, s := range stats {
		if s.Bench == thresholdBench {
			return true
		}
	}
	return false
}

func threshold(stats []stat) (int64, bool) {
	best := -1
	for _, s := range stats {
		if s.Bench == thresholdBench && s.Significant() && s.Ratio() >= 1.25 && (best < 0 || s.N < best) {
			best = s.N
		}
	}
	return int64(best), best > 0
}

// growth describes how the ratio moves with n for each pair.
func growth(stats []stat) string {
	byBench := make(map[string][]stat)
	var order []string
	for _, s := range stats {
		if byBench[s.Bench] == nil {
			order = append(order, s.Bench)
		}
		byBench[s.Bench] = append(byBench[s.Bench], s)
	}
	var b strings.Builder
	for _, bench := range order {
		ss := byBench[bench]
		parts := make([]string, 0, len(ss))
		for _, s := range ss {
			parts = append(parts, fmt.Sprintf("%.2fx at n=%d", s.Ratio(), s.N))
		}
		fmt.Fprintf(&b, "- %s: %s.\n", bench, strings.Join(parts, ", "))
	}
	return b.String() + "\n"
}

// headline is the one line perflint help prints: the analyzer's first
// pair at its middle size.
func headline(stats []stat) string {
	if len(stats) == 0 {
		return ""
	}
	first := firstPair(stats)
	var ss []stat
	for _, s := range stats {
		if s.Bench == first {
			ss = append(ss, s)
		}
	}
	s := ss[len(ss)/2]
	verdict := fmt.Sprintf("%.1fx slower", s.Ratio())
	if !s.Significant() {
		verdict = fmt.Sprintf("no significant difference (%.2fx, %s)", s.Ratio(), pValue(s.Cmp))
	}
	return fmt.Sprintf("%s, %.0f allocs vs %.0f at n=%d (%s, %d cores; pair %s, see docs/costs.md)",
		verdict, s.SlowAlloc, s.FastAlloc, s.N, s.Env.GOARCH, runtime.NumCPU(), first)
}

// firstPair is the analyzer's first pair that is not the size sweep.
func firstPair(stats []stat) string {
	if len(stats) == 0 {
		return ""
	}
	for _, s := range stats {
		if s.Bench != thresholdBench {
			return s.Bench
		}
	}
	return stats[0].Bench
}

func timeCI(s benchmath.Summary) string {
	return fmt.Sprintf("%s (%s)", nsStr(s.Center), s.PctRangeString())
}

func nsStr(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.3g s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}

func bytesStr(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}

func pValue(c benchmath.Comparison) string { return fmt.Sprintf("p=%.3f", c.P) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}

// corpusPackages lists the directories of corpus/ that hold pairs: those
// with benchmarks.
func corpusPackages(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, "corpus"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		// A pair package has benchmarks; costs and internal do not.
		files, _ := filepath.Glob(filepath.Join(root, "corpus", e.Name(), "*_test.go"))
		for _, f := range files {
			if src, err := os.ReadFile(f); err == nil && benchFunc.Match(src) {
				names = append(names, e.Name())
				break
			}
		}
	}
	return names, nil
}

var benchFunc = regexp.MustCompile(`(?m)^func Benchmark(\w+)\(`)

// checkTable verifies that docs/costs.md has a row for every benchmark
// pair in the corpus.
func checkTable(root string) error {
	md, err := os.ReadFile(filepath.Join(root, "docs", "costs.md"))
	if err != nil {
		return err
	}
	names, err := corpusPackages(root)
	if err != nil {
		return err
	}
	var missing []string
	total := 0
	for _, name := range names {
		files, _ := filepath.Glob(filepath.Join(root, "corpus", name, "*_test.go"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			for _, m := range benchFunc.FindAllSubmatch(src, -1) {
				total++
				if !bytes.Contains(md, []byte("| `"+name+"/"+string(m[1])+"` |")) {
					missing = append(missing, name+"/"+string(m[1]))
				}
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("docs/costs.md lacks %s: run go run . -analyzer NAME in corpus/costs", strings.Join(missing, ", "))
	}
	fmt.Printf("docs/costs.md lists all %d benchmark pairs of the corpus\n", total)
	return nil
}
