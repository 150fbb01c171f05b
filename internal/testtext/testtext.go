// Package testtext holds the text helpers that the tests of several
// packages share: finding a quoted sentence in a page's text as a reviewer
// reads it, whatever the line breaks between its words.
package testtext

import (
	"strings"
	"unicode"
)

// FindWords is where s first stands in text, in code points (the offsets
// fragments use), white space between its words matching any run of white
// space; ok is false where s is not in text.
func FindWords(text, s string) (start, end int, ok bool) {
	runes := []rune(text)
	words := strings.Fields(s)
outer:
	for i := range runes {
		j := i
		for w, word := range words {
			if w > 0 {
				k := j
				for k < len(runes) && unicode.IsSpace(runes[k]) {
					k++
				}
				if k == j {
					continue outer
				}
				j = k
			}
			wr := []rune(word)
			if j+len(wr) > len(runes) || string(runes[j:j+len(wr)]) != word {
				continue outer
			}
			j += len(wr)
		}
		return i, j, true
	}
	return 0, 0, false
}
