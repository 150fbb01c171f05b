package coding

import (
	"strconv"
	"strings"
)

// Count says how many of a thing there are, in English, as every message
// of cmocoder does: "1 fragment", "2 fragments", "0 CMOCs",
// "3 programme theories". noun is the singular.
func Count(n int, noun string) string {
	return strconv.Itoa(n) + " " + Noun(n, noun)
}

// Noun is noun as it reads after the number n: the singular for 1, the
// plural otherwise ("Read 3 of 4 pages": Noun(4, "page")).
func Noun(n int, noun string) string {
	if n == 1 || n == -1 {
		return noun
	}
	return plural(noun)
}

// irregular holds the plurals the rules in plural get wrong.
var irregular = map[string]string{
	"person":     "people",
	"child":      "children",
	"analysis":   "analyses",
	"hypothesis": "hypotheses",
	"criterion":  "criteria",
	"datum":      "data",
}

// plural is the English plural of a singular noun. Of several words
// only the last changes ("coded passage" → "coded passages"); an
// abbreviation takes a plain s ("CMOC" → "CMOCs", "PDF" → "PDFs").
func plural(noun string) string {
	head, word := "", noun
	if i := strings.LastIndexByte(noun, ' '); i >= 0 {
		head, word = noun[:i+1], noun[i+1:]
	}
	if p, ok := irregular[strings.ToLower(word)]; ok {
		if word != strings.ToLower(word) { // "Theory" → "Theories"
			p = strings.ToUpper(p[:1]) + p[1:]
		}
		return head + p
	}
	if word == "" || strings.ToUpper(word) == word {
		return noun + "s"
	}
	lower := strings.ToLower(word)
	switch {
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return head + word[:len(word)-1] + "ies" // theory, entry, study
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return head + word + "es" // box, match, bus
	}
	return noun + "s"
}
