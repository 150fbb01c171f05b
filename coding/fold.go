package coding

import (
	"unicode"
	"unicode/utf8"
)

// Search folds a page's words so that a query finds them whatever their
// case, accents or ligatures: "Sundström" and "sundstrom", "ﬁnding" and
// "finding", "Æsop" and "aesop" fold alike. A word hyphenated over two
// lines ("improve-\nment") is one word, "improvement".

// Token is one word of a page's text as search sees it: Fold is the word
// folded, Start and End its code-point offsets in the page's text (end
// exclusive), which take in a line-end hyphen and line break the word runs
// over.
type Token struct {
	Fold       string
	Start, End int
}

// Tokens splits a page's text into its words. A word is a run of letters,
// digits and marks; a hyphen or apostrophe inside it separates two words
// ("short-lived" is "short" and "lived", as a query's "short-lived" is the
// phrase of the two), except a hyphen that ends a line inside a word,
// which joins its halves, and a soft hyphen, which is ignored.
func Tokens(text string) []Token {
	type span struct{ from, to, start, end int } // bytes of folded, runes of text
	spans := make([]span, 0, len(text)/6)
	folded := make([]byte, 0, len(text))
	start, from := -1, 0
	// end is where the word ends: before the soft hyphens that trail it.
	end := 0
	j := 0 // the rune index of r
	var prev rune
	for i, r := range text {
		switch {
		case isWordRune(r):
			if start < 0 {
				start, from = j, len(folded)
			}
			folded = appendFolded(folded, r)
			end = j + 1
		case start >= 0 && (r == '\u00ad' || joinsLines(text, i, r, prev)):
			// Inside the word: the halves join.
		default:
			if start >= 0 && len(folded) > from {
				spans = append(spans, span{from, len(folded), start, end})
			}
			start = -1
		}
		prev = r
		j++
	}
	if start >= 0 && len(folded) > from {
		spans = append(spans, span{from, len(folded), start, end})
	}
	// One string for all the words: each token's Fold is a piece of it.
	all := string(folded)
	out := make([]Token, len(spans))
	for i, sp := range spans {
		out[i] = Token{Fold: all[sp.from:sp.to], Start: sp.start, End: sp.end}
	}
	return out
}

// isWordRune is wordRune with a fast path for ASCII.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return wordRune(r)
}

// joinsLines tells whether r, at byte i of text after prev, is the hyphen,
// or the line break after it, of a word hyphenated over two lines (as
// lineEndHyphen, on a string).
func joinsLines(text string, i int, r, prev rune) bool {
	next := func(k int) (rune, int) {
		if k >= len(text) {
			return 0, 0
		}
		return utf8.DecodeRuneInString(text[k:])
	}
	switch {
	case isHyphen(r):
		// Only reached inside a word: prev is a word rune.
		n1, w1 := next(i + utf8.RuneLen(r))
		n2, _ := next(i + utf8.RuneLen(r) + w1)
		return n1 == '\n' && unicode.IsLetter(n2)
	case r == '\n' && isHyphen(prev):
		// The hyphen before was kept inside the word only if it joins.
		n1, _ := next(i + 1)
		return unicode.IsLetter(n1)
	}
	return false
}

// FoldWord folds a word (or any text) as Tokens folds the words of a page.
func FoldWord(s string) string {
	var b []byte
	for _, r := range s {
		b = appendFolded(b, r)
	}
	return string(b)
}

// appendFolded appends r folded: lower case, without accents, ligatures
// spelled out. Marks (a decomposed accent) are dropped.
func appendFolded(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	if unicode.Is(unicode.Mn, r) {
		return b
	}
	if s, ok := folds[r]; ok {
		return append(b, s...)
	}
	r = unicode.ToLower(r)
	if s, ok := folds[r]; ok {
		return append(b, s...)
	}
	return utf8.AppendRune(b, r)
}

// folds spells out the letters of the Latin scripts that carry an accent
// or are ligatures, after lower-casing: what the standard library's lack
// of a Unicode decomposition leaves to a table.
var folds = func() map[rune]string {
	m := map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
		'ł': "l", 'ı': "i", 'ĳ': "ij", 'ŀ': "l", 'ŉ': "n", 'ſ': "s", 'ħ': "h", 'ŧ': "t",
		'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
	}
	for base, accented := range map[string]string{
		"a": "àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặ",
		"c": "çćĉċč",
		"d": "ďḍ",
		"e": "èéêëēĕėęěȅȇȩẹẻẽếềểễệ",
		"g": "ĝğġģǧǵ",
		"h": "ĥḥ",
		"i": "ìíîïĩīĭįǐȉȋịỉ",
		"j": "ĵǰ",
		"k": "ķǩ",
		"l": "ĺļľ",
		"n": "ñńņňǹ",
		"o": "òóôõöōŏőǒǫȍȏȯọỏốồổỗộớờởỡợơ",
		"r": "ŕŗřȑȓ",
		"s": "śŝşšșṣ",
		"t": "ţťțṭ",
		"u": "ùúûüũūŭůűųǔǖǘǚǜȕȗụủứừửữựư",
		"w": "ŵẁẃẅ",
		"y": "ýÿŷỳỹỷỵ",
		"z": "źżžẓ",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()
