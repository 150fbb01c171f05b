package refs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// accents maps a LaTeX accent command to the letters it composes with
// and the results, pairwise, and to the combining mark for other letters.
var accents = map[string]struct {
	bases, composed string
	mark            rune
}{
	`"`: {"aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ", '\u0308'},
	`'`: {"aeiouyAEIOUYcnszCNSZ", "áéíóúýÁÉÍÓÚÝćńśźĆŃŚŹ", '\u0301'},
	"`": {"aeiouAEIOU", "àèìòùÀÈÌÒÙ", '\u0300'},
	"^": {"aeiouAEIOU", "âêîôûÂÊÎÔÛ", '\u0302'},
	"~": {"anoANO", "ãñõÃÑÕ", '\u0303'},
	"=": {"aeiouAEIOU", "āēīōūĀĒĪŌŪ", '\u0304'},
	".": {"zZeEI", "żŻėĖİ", '\u0307'},
	"c": {"cCsStT", "çÇşŞţŢ", '\u0327'},
	"v": {"csznrdteCSZNRDTE", "čšžňřďťěČŠŽŇŘĎŤĚ", '\u030c'},
	"H": {"oOuU", "őŐűŰ", '\u030b'},
	"u": {"aAgG", "ăĂğĞ", '\u0306'},
	"k": {"aAeE", "ąĄęĘ", '\u0328'},
	"r": {"aAuU", "åÅůŮ", '\u030a'},
}

// symbols are LaTeX commands that stand for a letter or a sign.
var symbols = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
	"textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "ldots": "…", "dots": "…",
	" ": " ", ",": " ", ";": " ", "\\": " ", "/": "",
}

// DecodeLaTeX turns a BibTeX value into plain text: accents composed,
// escaped specials and symbol commands replaced, other commands (\emph,
// \textit) dropped with their argument kept, braces removed, "--" and "---"
// as dashes, "~" as a space, white space collapsed.
func DecodeLaTeX(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			out, n := command(s[i:])
			b.WriteString(out)
			i += n
		case c == '{' || c == '}':
			i++
		case c == '~':
			b.WriteByte(' ')
			i++
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 3
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// command decodes the command at the start of s (which begins with a
// backslash) and returns its text and the bytes it took.
func command(s string) (string, int) {
	if len(s) < 2 {
		return "", len(s)
	}
	name, n := "", 1
	if isLetter(s[1]) {
		for n < len(s) && isLetter(s[n]) {
			n++
		}
		name = s[1:n]
	} else {
		_, size := utf8.DecodeRuneInString(s[1:])
		name, n = s[1:1+size], 1+size
	}
	if a, ok := accents[name]; ok {
		arg, m := argument(s[n:], isLetter(name[0]))
		return compose(a.bases, a.composed, a.mark, DecodeLaTeX(arg)), n + m
	}
	if sym, ok := symbols[name]; ok {
		// A letter command's terminating space or {} is not text.
		if isLetter(name[0]) {
			if strings.HasPrefix(s[n:], "{}") {
				n += 2
			} else if n < len(s) && s[n] == ' ' {
				n++
			}
		}
		return sym, n
	}
	return "", n // \emph, \textit, …: the argument follows as text
}

// argument is an accent's argument: a braced group or the next letter
// (after spaces when the accent is a letter command like \c).
func argument(s string, skipSpace bool) (string, int) {
	n := 0
	if skipSpace {
		for n < len(s) && s[n] == ' ' {
			n++
		}
	}
	if n >= len(s) {
		return "", n
	}
	if s[n] == '{' {
		depth := 0
		for j := n; j < len(s); j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 {
					return s[n+1 : j], j + 1
				}
			}
		}
		return s[n+1:], len(s)
	}
	if s[n] == '\\' { // \'\i
		out, m := command(s[n:])
		return out, n + m
	}
	_, size := utf8.DecodeRuneInString(s[n:])
	return s[n : n+size], n + size
}

// compose puts an accent on the first letter of arg.
func compose(bases, composed string, mark rune, arg string) string {
	r, size := utf8.DecodeRuneInString(arg)
	if size == 0 {
		return ""
	}
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	cs := []rune(composed)
	for k, base := range []rune(bases) {
		if base == r {
			return string(cs[k]) + arg[size:]
		}
	}
	return string(r) + string(mark) + arg[size:]
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// plain maps accented letters to their base letter, for matching titles:
// the reverse of the accents table, with the symbols that are letters.
var plain = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'ø': "o", 'Ø': "O", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ł': "l", 'Ł': "L", 'ı': "i"}
	for _, a := range accents {
		bs := []rune(a.bases)
		for k, c := range []rune(a.composed) {
			m[c] = string(bs[k])
		}
	}
	return m
}()

// Fold is a title as matching compares it: accents dropped, lower case,
// punctuation as spaces, white space collapsed ("Sundström's: Care" →
// "sundstrom s care").
func Fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case plain[r] != "":
			b.WriteString(strings.ToLower(plain[r]))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
