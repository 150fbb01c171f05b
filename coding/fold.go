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
	runes := []rune(text)
	type span struct{ from, to, start, end int } // bytes of folded, runes of text
	var spans []span
	folded := make([]byte, 0, len(text))
	start, from := -1, 0
	flush := func(end int) {
		if start >= 0 && len(folded) > from {
			spans = append(spans, span{from, len(folded), start, end})
		}
		start = -1
	}
	for j, r := range runes {
		switch {
		case wordRune(r):
			if start < 0 {
				start, from = j, len(folded)
			}
			folded = appendFolded(folded, r)
		case start >= 0 && (r == '\u00ad' || lineEndHyphen(runes, j)):
			// Inside the word: the halves join.
		default:
			flush(lastWordRune(runes, j))
		}
	}
	flush(lastWordRune(runes, len(runes)))
	// One string for all the words: each token's Fold is a piece of it.
	all := string(folded)
	out := make([]Token, len(spans))
	for i, sp := range spans {
		out[i] = Token{Fold: all[sp.from:sp.to], Start: sp.start, End: sp.end}
	}
	return out
}

// lineEndHyphen tells whether runes[j] is the hyphen, or the line break
// after it, of a word hyphenated over two lines.
func lineEndHyphen(runes []rune, j int) bool {
	at := func(k int) rune {
		if k < 0 || k >= len(runes) {
			return 0
		}
		return runes[k]
	}
	r := runes[j]
	if isHyphen(r) {
		return wordRune(at(j-1)) && at(j+1) == '\n' && unicode.IsLetter(at(j+2))
	}
	return r == '\n' && isHyphen(at(j-1)) && wordRune(at(j-2)) && unicode.IsLetter(at(j+1))
}

// lastWordRune is the end of the word that stops before runes[j]: j, or
// less when a soft hyphen trails it.
func lastWordRune(runes []rune, j int) int {
	for j > 0 && runes[j-1] == '\u00ad' {
		j--
	}
	return j
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
