package coding

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// QueryHelp is the query language in a few lines, for under a search box
// and in the CLI's usage.
const QueryHelp = `words: all in the same sentence · "exact phrase" · a OR b · -word leaves out sentences with it · word* begins with · case, accents, ligatures and line-end hyphens do not matter`

// A Query is a parsed search: every one of its clauses must be found in
// one sentence (within a page), and none of its exclusions. A clause is
// one or more alternatives (joined by OR); an alternative is a phrase of
// one or more folded words, the last of which may be a prefix.
type Query struct {
	Clauses  []Clause
	Excluded []Clause
}

// Clause is a set of alternatives, any of which satisfies it.
type Clause []Phrase

// Phrase is a run of words to be found one after the other; Prefix makes
// its last word match any word it begins.
type Phrase struct {
	Words  []string
	Prefix bool
}

// QueryError is a malformed query: what is wrong and at which character
// (1-based, in code points) of the query.
type QueryError struct {
	Column int
	Msg    string
}

func (e *QueryError) Error() string { return fmt.Sprintf("query, character %d: %s", e.Column, e.Msg) }

// ParseQuery reads a query: words, "exact phrases", OR between two terms,
// -word (or -"phrase") to leave out sentences holding it, word* for the
// words it begins. Case, accents, ligatures and hyphens do not matter:
// terms are folded as the text is (Tokens).
func ParseQuery(s string) (*Query, error) {
	p := &queryParser{src: []rune(s)}
	return p.parse()
}

type queryParser struct {
	src []rune
	i   int
}

// item is one lexical term of a query with where it began.
type item struct {
	col     int
	or      bool // the OR keyword
	neg     bool
	phrase  Phrase
	literal string
}

func (p *queryParser) errorf(col int, format string, args ...any) error {
	return &QueryError{Column: col + 1, Msg: fmt.Sprintf(format, args...)}
}

func (p *queryParser) parse() (*Query, error) {
	items, err := p.lex()
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, p.errorf(0, "the query is empty")
	}
	q := &Query{}
	for k := 0; k < len(items); k++ {
		it := items[k]
		if it.or {
			return nil, p.errorf(it.col, "OR needs a term before it")
		}
		clause := Clause{it.phrase}
		for k+1 < len(items) && items[k+1].or {
			or := items[k+1]
			if k+2 >= len(items) || items[k+2].or {
				return nil, p.errorf(or.col, "OR needs a term after it")
			}
			next := items[k+2]
			if next.neg != it.neg {
				return nil, p.errorf(next.col, "OR cannot join an excluded term with another")
			}
			clause = append(clause, next.phrase)
			k += 2
		}
		if it.neg {
			q.Excluded = append(q.Excluded, clause)
		} else {
			q.Clauses = append(q.Clauses, clause)
		}
	}
	if len(q.Clauses) == 0 {
		return nil, p.errorf(items[0].col, "nothing to find: the query only excludes")
	}
	return q, nil
}

// lex splits the query into terms and OR keywords.
func (p *queryParser) lex() ([]item, error) {
	var items []item
	for {
		for p.i < len(p.src) && unicode.IsSpace(p.src[p.i]) {
			p.i++
		}
		if p.i >= len(p.src) {
			return items, nil
		}
		it := item{col: p.i}
		if p.src[p.i] == '-' {
			it.neg = true
			p.i++
			if p.i >= len(p.src) || unicode.IsSpace(p.src[p.i]) {
				return nil, p.errorf(it.col, "- must be followed by the word or phrase to leave out")
			}
		}
		var err error
		if p.src[p.i] == '"' {
			err = p.quoted(&it)
		} else {
			err = p.word(&it)
		}
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
}

// quoted reads "a phrase" at p.i.
func (p *queryParser) quoted(it *item) error {
	open := p.i
	end := slices.Index(p.src[open+1:], '"')
	if end < 0 {
		return p.errorf(open, "the quote opened here is not closed")
	}
	body := string(p.src[open+1 : open+1+end])
	p.i = open + end + 2
	words := tokenWords(body)
	if len(words) == 0 {
		return p.errorf(open, "the phrase holds no word")
	}
	it.phrase = Phrase{Words: words}
	if p.i < len(p.src) && p.src[p.i] == '*' {
		it.phrase.Prefix = true
		p.i++
	}
	return p.endOfTerm()
}

// word reads a bare word (maybe hyphenated, maybe ending in *) at p.i.
func (p *queryParser) word(it *item) error {
	start := p.i
	for p.i < len(p.src) && !unicode.IsSpace(p.src[p.i]) && p.src[p.i] != '"' {
		if p.src[p.i] == '*' && p.i+1 < len(p.src) && !unicode.IsSpace(p.src[p.i+1]) {
			return p.errorf(p.i, "* can only end a word (word*)")
		}
		p.i++
	}
	lit := string(p.src[start:p.i])
	if lit == "OR" && !it.neg {
		it.or = true
		return nil
	}
	prefix := strings.HasSuffix(lit, "*")
	words := tokenWords(strings.TrimSuffix(lit, "*"))
	if len(words) == 0 {
		return p.errorf(start, "%q holds no letter or digit to search for", lit)
	}
	it.phrase = Phrase{Words: words, Prefix: prefix}
	it.literal = lit
	return p.endOfTerm()
}

func (p *queryParser) endOfTerm() error {
	if p.i < len(p.src) && !unicode.IsSpace(p.src[p.i]) {
		return p.errorf(p.i, "put a space before %q", p.src[p.i])
	}
	return nil
}

// tokenWords is the folded words of s, as Tokens finds them.
func tokenWords(s string) []string {
	toks := Tokens(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Fold
	}
	return out
}

// String writes the query back in its own language, folded.
func (q *Query) String() string {
	var parts []string
	write := func(c Clause, neg string) {
		alts := make([]string, len(c))
		for i, ph := range c {
			alts[i] = neg + ph.String()
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, c := range q.Clauses {
		write(c, "")
	}
	for _, c := range q.Excluded {
		write(c, "-")
	}
	return strings.Join(parts, " ")
}

func (ph Phrase) String() string {
	s := strings.Join(ph.Words, " ")
	if len(ph.Words) > 1 {
		s = `"` + s + `"`
	}
	if ph.Prefix {
		s += "*"
	}
	return s
}

// Match is a span of a page's text a query found, in code points of the
// page's text (end exclusive).
type Match struct{ Start, End int }

// MatchPage finds the query in one page's text: every occurrence of its
// terms in the sentences that hold all its clauses and none of its
// exclusions, in order, overlapping occurrences merged.
func (q *Query) MatchPage(text string) []Match {
	if len(q.Clauses) == 1 && len(q.Excluded) == 0 {
		return matchPhrases(q.Clauses[0], text) // match.go
	}
	return q.matchTokens(text)
}

// matchTokens is MatchPage of any query, on the page's words and
// sentences.
func (q *Query) matchTokens(text string) []Match {
	toks := Tokens(text)
	if len(toks) == 0 {
		return nil
	}
	// One clause and nothing excluded: every occurrence is a hit, and
	// sentences need not be found.
	var sent []int
	if len(q.Clauses) == 1 && len(q.Excluded) == 0 {
		sent = make([]int, len(toks))
	} else {
		sent = sentenceOfTokens(text, toks)
	}
	type occ struct{ from, to int } // token indices, to exclusive
	find := func(c Clause) []occ {
		var out []occ
		for _, ph := range c {
			for i := range toks {
				if n := ph.matchAt(toks, i); n > 0 {
					out = append(out, occ{i, i + n})
				}
			}
		}
		return out
	}
	// Sentences every clause is found in, less those with an exclusion.
	var hits []occ
	ok := map[int]int{} // sentence -> clauses found in it
	for ci, c := range q.Clauses {
		seen := map[int]bool{}
		for _, o := range find(c) {
			s := sent[o.from]
			if ok[s] == ci && !seen[s] {
				seen[s] = true
				ok[s]++
			}
			hits = append(hits, o)
		}
	}
	for _, c := range q.Excluded {
		for _, o := range find(c) {
			for i := o.from; i < o.to; i++ {
				delete(ok, sent[i])
			}
		}
	}
	var out []Match
	slices.SortFunc(hits, func(a, b occ) int { return a.from - b.from })
	for _, o := range hits {
		if ok[sent[o.from]] != len(q.Clauses) {
			continue
		}
		out = appendMerged(out, Match{toks[o.from].Start, toks[o.to-1].End})
	}
	return out
}

// matchAt tells how many tokens the phrase matches from toks[i] (0: no
// match).
func (ph Phrase) matchAt(toks []Token, i int) int {
	if i+len(ph.Words) > len(toks) {
		return 0
	}
	last := len(ph.Words) - 1
	for k, w := range ph.Words {
		t := toks[i+k].Fold
		if k == last && ph.Prefix {
			if !strings.HasPrefix(t, w) {
				return 0
			}
		} else if t != w {
			return 0
		}
	}
	return len(ph.Words)
}

// sentenceOfTokens numbers the sentences of a page as SentenceAt finds
// them, and gives each token's: text runs to final punctuation or to a
// line that reads as a heading; a run that ends without final punctuation
// (table cells, a heading, a list of names) is shown line by line, so
// each of its lines is a sentence of its own.
func sentenceOfTokens(text string, toks []Token) []int {
	runes := []rune(text)
	// unit[j] is the sentence of text[j], counting runs and lines.
	unit := make([]int, len(runes)+1)
	s, from := 0, 0
	closeRun := func(to int, ended bool) {
		for j := from; j < to; j++ {
			unit[j] = s
			if !ended && runes[j] == '\n' {
				s++
			}
		}
		s++
		from = to
	}
	for j := range runes {
		switch {
		case sentenceEnd(runes, j) > 0:
			closeRun(j+1, true)
		case runes[j] == '\n' && headingBreak(runes, j):
			closeRun(j+1, false)
		}
	}
	closeRun(len(runes), false)
	out := make([]int, len(toks))
	for k, t := range toks {
		out[k] = unit[min(t.Start, len(runes))]
	}
	return out
}

// IndexTerms is what a page's index entry holds for search to find it by:
// its folded words in order, space-separated, so that the index knows
// where each word stands (count.go) as MatchPage finds them.
func IndexTerms(text string) string {
	toks := Tokens(text)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Fold)
	}
	return b.String()
}

// IndexFilter is an FTS5 query finding every page that may hold a match
// (every clause, any of its alternatives, each a phrase; exclusions and
// sentences are left to MatchPage), for the index IndexTerms fills.
func (q *Query) IndexFilter() string {
	clauses := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		alts := make([]string, len(c))
		for k, ph := range c {
			words := make([]string, len(ph.Words))
			for w, word := range ph.Words {
				words[w] = `"` + strings.ReplaceAll(word, `"`, `""`) + `"`
				if w == len(ph.Words)-1 && ph.Prefix {
					words[w] += "*"
				}
			}
			alts[k] = "(" + strings.Join(words, " + ") + ")"
		}
		clauses[i] = "(" + strings.Join(alts, " OR ") + ")"
	}
	return strings.Join(clauses, " AND ")
}

// PageHits is a page a query was found on: its document and number, the
// offset where the page starts in the document's text, the page's text,
// and the matches in it (offsets into the page's text).
type PageHits struct {
	DocID   string
	Page    int
	Start   int
	Text    string
	Matches []Match
}

// Hit is a match of a query in a document: its page and its code-point
// offsets into the document's text (end exclusive).
type Hit struct {
	DocID      string
	Page       int
	Start, End int
}

// Hits are the matches of pages as offsets into their documents' texts.
func Hits(pages []PageHits) []Hit {
	var out []Hit
	for _, ph := range pages {
		for _, m := range ph.Matches {
			out = append(out, Hit{DocID: ph.DocID, Page: ph.Page, Start: ph.Start + m.Start, End: ph.Start + m.End})
		}
	}
	return out
}
