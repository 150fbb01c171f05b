package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// writeMan turns the text of `cmocoder help` into a man page: its first
// line is the NAME, the indented lines under "Usage:" the SYNOPSIS, the
// paragraphs after them the DESCRIPTION, and the one that starts with
// "Exit status:" the EXIT STATUS.
func writeMan(r io.Reader, w io.Writer, version, date string) error {
	var lines []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), " \t"))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "cmocoder ") {
		return fmt.Errorf("the help text does not start with \"cmocoder \"")
	}
	var b strings.Builder
	fmt.Fprintf(&b, ".TH CMOCODER 1 %s %s \"User Commands\"\n", roffQuote(date), roffQuote("cmocoder "+version))
	b.WriteString(".SH NAME\n")
	b.WriteString("cmocoder \\- " + roffText(strings.TrimSuffix(strings.TrimPrefix(lines[0], "cmocoder "), ".")) + "\n")

	rest := lines[1:]
	for len(rest) > 0 && rest[0] == "" {
		rest = rest[1:]
	}
	if len(rest) > 0 && rest[0] == "Usage:" {
		b.WriteString(".SH SYNOPSIS\n.nf\n")
		rest = rest[1:]
		for len(rest) > 0 && rest[0] != "" {
			b.WriteString(roffLine(strings.TrimPrefix(rest[0], "  ")) + "\n")
			rest = rest[1:]
		}
		b.WriteString(".fi\n")
	}
	b.WriteString(".SH DESCRIPTION\n")
	for _, para := range paragraphs(rest) {
		if strings.HasPrefix(para[0], "Exit status:") {
			b.WriteString(".SH EXIT STATUS\n")
			para[0] = strings.TrimSpace(strings.TrimPrefix(para[0], "Exit status:"))
		} else {
			b.WriteString(".PP\n")
		}
		for _, l := range para {
			b.WriteString(roffLine(l) + "\n")
		}
	}
	b.WriteString(".SH SEE ALSO\nThe README at https://cmocoder.org describes the desktop app and every command.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// paragraphs splits lines at blank lines, and before a line that starts
// with "Exit status:", which has a section of its own.
func paragraphs(lines []string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range append(lines, "") {
		if l == "" || strings.HasPrefix(l, "Exit status:") {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			if l == "" {
				continue
			}
		}
		cur = append(cur, l)
	}
	return out
}

// roffText escapes backslashes and hyphens (a hyphen is \- in a man page
// where it is a minus or an option's dash).
func roffText(s string) string {
	return strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
}

// roffLine is a line of text that roff does not take for a request.
func roffLine(s string) string {
	s = roffText(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

func roffQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\(dq`) + `"` }
