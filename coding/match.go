package coding

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A query of one clause and no exclusion needs no sentences: every
// occurrence of one of its phrases is a hit. Such a query is matched
// without splitting the whole page into folded words (Tokens), which was
// most of a common word's search: the page is cut into chunks at the
// ASCII characters that always end a word, a chunk of plain ASCII words
// is read in place, and only a chunk with other characters (accents,
// ligatures, a line-end hyphen) is handed to Tokens. Tokens stays the one
// statement of what a word is: the chunks are cut where it ends every
// word, and the words of a plain chunk are what it would find there
// (TestMatchPhrasesAsTokens checks it against Tokens on the shared texts
// and on random ones).

// byteClass sorts the ASCII bytes for chunking a page.
type byteClass uint8

const (
	cut     byteClass = iota // ends every word (a space, most punctuation)
	letter                   // a word rune
	joining                  // a hyphen or line break: may join a word's halves
	other                    // a byte of a non-ASCII character
)

var byteClasses = func() (c [256]byteClass) {
	for b := range 256 {
		r := rune(b)
		switch {
		case b >= utf8.RuneSelf:
			c[b] = other
		case isWordRune(r):
			c[b] = letter
		case isHyphen(r) || r == '\n':
			// The only ASCII characters Tokens may keep inside a word
			// that are not word runes (joinsLines).
			c[b] = joining
		}
	}
	return c
}()

// word is one word of a page as matchPhrases reads it: its code-point
// offsets in the page and either its text as it stands (plain: ASCII
// letters and digits, which fold to their lower case) or its fold.
type word struct {
	start, end int
	text       string
	plain      bool
}

// is tells whether the word folds to w (or, prefix, begins with it).
func (wd word) is(w string, prefix bool) bool {
	if !wd.plain {
		if prefix {
			return strings.HasPrefix(wd.text, w)
		}
		return wd.text == w
	}
	if len(wd.text) < len(w) || !prefix && len(wd.text) != len(w) {
		return false
	}
	for k := range len(w) {
		b := wd.text[k]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if b != w[k] {
			return false
		}
	}
	return true
}

// eachWord calls fn with the words of text in order, as Tokens finds
// them (the same offsets, and folds that compare alike).
func eachWord(text string, fn func(word)) {
	n := len(text)
	i, j := 0, 0 // byte and code-point offsets
	for i < n {
		for i < n && byteClasses[text[i]] == cut {
			i++
			j++
		}
		from := i
		i = chunkEnd(text, from)
		j = chunkWords(text, from, i, j, fn)
	}
}

// eachWordAt is eachWord for the words that hold one of the bytes in
// at: each chunk holding one is read, the chunks between are skipped
// (they must be ASCII: at holds every byte of a non-ASCII character).
func eachWordAt(text string, at *[256]bool, fn func(word)) {
	n := len(text)
	i, j := 0, 0
	for {
		k := i
		for k < n && !at[text[k]] {
			k++
		}
		if k == n {
			return
		}
		from := k
		for from > i && byteClasses[text[from-1]] != cut {
			from--
		}
		j += from - i // ASCII: one code point a byte
		i = chunkEnd(text, from)
		j = chunkWords(text, from, i, j, fn)
	}
}

// chunkEnd is where the chunk of text that begins at from ends: at the
// first byte that ends every word, or the end of text.
func chunkEnd(text string, from int) int {
	i := from
	for i < len(text) && byteClasses[text[i]] != cut {
		i++
	}
	return i
}

// chunkWords calls fn with the words of the chunk text[from:to], whose
// first byte is at code point j, and returns the code point after it.
func chunkWords(text string, from, to, j int, fn func(word)) int {
	chunk := text[from:to]
	if plainChunk(chunk) {
		return plainWords(text, from, to, j, fn)
	}
	// Cut where every word ends, the chunk has the words Tokens finds in
	// it in the page.
	for _, t := range Tokens(chunk) {
		fn(word{start: j + t.Start, end: j + t.End, text: t.Fold})
	}
	return j + utf8.RuneCountInString(chunk)
}

// plainChunk tells whether a chunk is ASCII without a line-end hyphen,
// so that its words are its runs of letters and digits.
func plainChunk(chunk string) bool {
	for i := range len(chunk) {
		c := byteClasses[chunk[i]]
		if c == other || c == joining && chunk[i] != '\n' && i+1 < len(chunk) && chunk[i+1] == '\n' {
			return false
		}
	}
	return true
}

// plainWords calls fn with the words of text[from:to], a chunk of ASCII
// without a line-end hyphen, whose first byte is at code point j: its
// runs of letters and digits. It returns the code point after the chunk.
func plainWords(text string, from, to, j int, fn func(word)) int {
	for k := from; k < to; {
		if byteClasses[text[k]] != letter {
			k++
			continue
		}
		s := k
		for k < to && byteClasses[text[k]] == letter {
			k++
		}
		fn(word{start: j + s - from, end: j + k - from, text: text[s:k], plain: true})
	}
	return j + to - from
}

// matchPhrases finds every occurrence of the phrases in text, overlapping
// ones merged, in order: MatchPage of a clause alone.
func matchPhrases(c Clause, text string) []Match {
	longest := 0
	for _, ph := range c {
		longest = max(longest, len(ph.Words))
	}
	if longest == 0 {
		return nil
	}
	if longest == 1 {
		return matchWords(c, text)
	}
	last := make([]word, longest) // the words read last, a ring
	var found []Match
	n := 0
	eachWord(text, func(w word) {
		last[n%longest] = w
		n++
		for _, ph := range c {
			if k := len(ph.Words); k > 0 && k <= n && ph.endsAt(last, n) {
				found = append(found, Match{last[(n-k)%longest].start, w.end})
			}
		}
	})
	slices.SortStableFunc(found, func(a, b Match) int { return a.Start - b.Start })
	var out []Match
	for _, m := range found {
		out = appendMerged(out, m)
	}
	return out
}

// matchWords is matchPhrases of phrases of one word each, which need no
// word's neighbours: only the chunks holding a byte a matching word may
// begin with are read, the first byte of a phrase's word in either case
// or any byte of a non-ASCII character (a ligature, an accented letter,
// a mark before the word).
func matchWords(c Clause, text string) []Match {
	var at [256]bool
	for b := utf8.RuneSelf; b < 256; b++ {
		at[b] = true
	}
	for _, ph := range c {
		b := ph.Words[0][0]
		at[b] = true
		if 'a' <= b && b <= 'z' {
			at[b-'a'+'A'] = true
		}
	}
	var out []Match
	eachWordAt(text, &at, func(w word) {
		for _, ph := range c {
			if w.is(ph.Words[0], ph.Prefix) {
				out = appendMerged(out, Match{w.start, w.end})
				return
			}
		}
	})
	return out
}

// appendMerged appends m to matches in order, merged with the last one
// when they overlap.
func appendMerged(matches []Match, m Match) []Match {
	if n := len(matches); n > 0 && m.Start < matches[n-1].End {
		matches[n-1].End = max(matches[n-1].End, m.End)
		return matches
	}
	return append(matches, m)
}

// endsAt tells whether the phrase matches the words ending with the n-th
// read (ring holds the last len(ring) of them).
func (ph Phrase) endsAt(ring []word, n int) bool {
	k := len(ph.Words)
	for i, w := range ph.Words {
		prefix := ph.Prefix && i == k-1
		if !ring[(n-k+i)%len(ring)].is(w, prefix) {
			return false
		}
	}
	return true
}
