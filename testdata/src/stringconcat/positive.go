package stringconcat

import (
	"bufio"
	"fmt"
	"io"
)

func join(lines []string) string {
	var out string
	for _, l := range lines {
		out += l + "\n" // want `string out grows by concatenation in a loop, copying all of it on every iteration; build it with a strings.Builder`
	}
	return out
}

func prepend(parts []string) string {
	s := ""
	for _, p := range parts {
		s = p + s // want `string s grows by concatenation in a loop`
	}
	return s
}

func plus(parts []string) string {
	s := ""
	for _, p := range parts {
		s = s + "," + p // want `string s grows by concatenation in a loop`
	}
	return s
}

type response struct{ body string }

func (r *response) read(sc *bufio.Scanner) {
	for sc.Scan() {
		r.body += sc.Text() // want `string r.body grows by concatenation in a loop`
	}
}

var log string

func record(events []string) {
	for _, e := range events {
		log += e // want `string log grows by concatenation in a loop`
	}
}

func sprintf(xs []int) string {
	s := ""
	for _, x := range xs {
		s = fmt.Sprintf("%s%d,", s, x) // want `string s grows by fmt.Sprintf in a loop, copying all of it on every iteration; build it with a strings.Builder and fmt.Fprintf`
	}
	return s
}

func unknownCount(r io.Reader) string {
	var all string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		all += sc.Text() // want `string all grows by concatenation in a loop`
	}
	return all
}

func innerLoop(rows [][]string) []string {
	var out []string
	for _, row := range rows {
		line := ""
		for _, cell := range row {
			line += cell // want `string line grows by concatenation in a loop`
		}
		out = append(out, line)
	}
	return out
}

type label string

func named(parts []string) label {
	var l label
	for _, p := range parts {
		l += label(p) // want `string l grows by concatenation in a loop`
	}
	return l
}

func once(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p   // want `string s grows by concatenation in a loop`
		s += "," // reported once per variable and loop
	}
	return s
}
