package refs

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseBibTeX reads BibTeX and BibLaTeX entries: @type{key, field = {…}
// or "…" or a number or a @string macro, joined with #}. Values are
// decoded from LaTeX: accents such as {\"o} and \'{e}, escaped specials,
// dashes, and braces dropped. @comment and @preamble are skipped.
func ParseBibTeX(data []byte) []Record {
	p := &bibParser{s: string(data), macros: map[string]string{}}
	var recs []Record
	for p.next() {
		if r, ok := p.entry(); ok {
			recs = append(recs, r)
		}
	}
	return recs
}

type bibParser struct {
	s      string
	i      int
	macros map[string]string
}

// next moves to the next '@'; false at the end.
func (p *bibParser) next() bool {
	if p.i >= len(p.s) {
		return false
	}
	j := strings.IndexByte(p.s[p.i:], '@')
	if j < 0 {
		p.i = len(p.s)
		return false
	}
	p.i += j + 1
	return true
}

func (p *bibParser) skipSpace() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *bibParser) ident() string {
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(" \t\r\n{}(),=#\"@", rune(p.s[p.i])) {
		p.i++
	}
	return p.s[start:p.i]
}

// entry reads one entry after its '@'.
func (p *bibParser) entry() (Record, bool) {
	typ := strings.ToLower(p.ident())
	p.skipSpace()
	if p.i >= len(p.s) || (p.s[p.i] != '{' && p.s[p.i] != '(') {
		return Record{}, false
	}
	p.i++
	switch typ {
	case "comment", "preamble":
		return Record{}, false
	case "string":
		name := strings.ToLower(p.ident())
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '=' {
			p.i++
			p.macros[name] = p.value()
		}
		return Record{}, false
	}
	r := Record{Key: p.ident()}
	fields := map[string]string{}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			break
		}
		c := p.s[p.i]
		if c == '}' || c == ')' {
			p.i++
			break
		}
		if c == ',' {
			p.i++
			continue
		}
		if c == '@' { // an unclosed entry: the next one starts here
			break
		}
		name := strings.ToLower(p.ident())
		p.skipSpace()
		if name == "" || p.i >= len(p.s) || p.s[p.i] != '=' {
			p.i++ // not a field: skip a character and go on
			continue
		}
		p.i++
		fields[name] = p.value()
	}
	r.fill(fields)
	return r, true
}

// value reads a field's value: parts joined by '#'. It returns it raw
// (LaTeX, braces kept) for fill to decode per field.
func (p *bibParser) value() string {
	var b strings.Builder
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return b.String()
		}
		switch c := p.s[p.i]; {
		case c == '{':
			b.WriteString(p.braced())
		case c == '"':
			b.WriteString(p.quoted())
		default:
			w := p.ident()
			if m, ok := p.macros[strings.ToLower(w)]; ok {
				w = m
			} else if v, ok := months[strings.ToLower(w)]; ok {
				w = v
			}
			b.WriteString(w)
			if w == "" {
				return b.String()
			}
		}
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '#' {
			p.i++
			continue
		}
		return b.String()
	}
}

var months = map[string]string{"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
	"jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December"}

// braced reads {…} with nested braces and returns the inside, inner
// braces kept (they protect " and " inside a name).
func (p *bibParser) braced() string {
	depth, start := 0, p.i+1
	for ; p.i < len(p.s); p.i++ {
		switch p.s[p.i] {
		case '\\':
			p.i++ // an escaped brace does not count
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				p.i++
				return p.s[start : p.i-1]
			}
		}
	}
	p.i = len(p.s) // an escape may have stepped past the end
	return p.s[start:]
}

// quoted reads "…", where braces may hide a quote.
func (p *bibParser) quoted() string {
	depth, start := 0, p.i+1
	for p.i++; p.i < len(p.s); p.i++ {
		switch p.s[p.i] {
		case '\\':
			p.i++
		case '{':
			depth++
		case '}':
			depth--
		case '"':
			if depth <= 0 {
				p.i++
				return p.s[start : p.i-1]
			}
		}
	}
	p.i = len(p.s) // an escape may have stepped past the end
	return p.s[start:]
}

func (r *Record) fill(f map[string]string) {
	first := func(names ...string) string {
		for _, n := range names {
			if v := f[n]; strings.TrimSpace(v) != "" {
				return v
			}
		}
		return ""
	}
	for _, a := range splitAnd(first("author", "editor")) {
		r.Authors = append(r.Authors, bibName(a))
	}
	r.Title = DecodeLaTeX(first("title"))
	r.Year = first("year", "date")
	r.Journal = DecodeLaTeX(first("journal", "journaltitle", "booktitle", "publisher", "institution", "school"))
	r.Volume = DecodeLaTeX(first("volume"))
	r.Issue = DecodeLaTeX(first("number", "issue"))
	r.Pages = DecodeLaTeX(strings.ReplaceAll(first("pages"), "--", "-"))
	r.DOI = strings.TrimSpace(first("doi"))
	r.URL = strings.TrimSpace(first("url"))
}

// splitAnd splits an author list on " and " outside braces.
func splitAnd(s string) []string {
	var out []string
	start := 0
	for i := range topLevel(s) {
		if i > 0 && isSpace(s[i-1]) && i+4 <= len(s) && strings.EqualFold(s[i:i+3], "and") && isSpace(s[i+3]) {
			out = append(out, s[start:i])
			start = i + 4
		}
	}
	out = append(out, s[start:])
	var names []string
	for _, n := range out {
		if n = strings.TrimSpace(n); n != "" && !strings.EqualFold(n, "others") {
			names = append(names, n)
		}
	}
	return names
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// bibName turns a BibTeX name into "Family, Given": "Tully, Nuala E." stays,
// "Nuala E. Tully" turns round, "{World Health Organization}" stays whole.
func bibName(n string) string {
	n = strings.TrimSpace(n)
	if strings.HasPrefix(n, "{") && strings.HasSuffix(n, "}") && strings.Count(n, "{") == 1 {
		return DecodeLaTeX(n)
	}
	if topLevelIndex(n, ',') >= 0 {
		return DecodeLaTeX(n)
	}
	words := topLevelFields(n)
	if len(words) < 2 {
		return DecodeLaTeX(n)
	}
	// "Ludwig van Beethoven": the family name starts at the first
	// lower-case particle, else it is the last word.
	k := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if r, _ := utf8.DecodeRuneInString(words[i]); unicode.IsLower(r) {
			k = i
			break
		}
	}
	return DecodeLaTeX(strings.Join(words[k:], " ") + ", " + strings.Join(words[:k], " "))
}

// topLevel gives the indexes of the bytes of s outside braces ({…}), the
// braces themselves left out.
func topLevel(s string) iter.Seq[int] {
	return func(yield func(int) bool) {
		depth := 0
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '{':
				depth++
			case '}':
				depth--
			default:
				if depth == 0 && !yield(i) {
					return
				}
			}
		}
	}
}

// topLevelIndex is the index of the first c outside braces, -1 when none.
func topLevelIndex(s string, c byte) int {
	for i := range topLevel(s) {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// topLevelFields splits s at white space outside braces.
func topLevelFields(s string) []string {
	var out []string
	start := 0
	for i := range topLevel(s) {
		if isSpace(s[i]) {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
