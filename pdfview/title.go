package pdfview

import (
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// GuessTitle picks a document's title: the information dictionary's
// title when it reads like one (publishers often leave a job number or
// "Microsoft Word - draft.docx" there), else the largest type in the top
// half of the first page with text, else the file name without extension.
// A journal's banner ("Research Article", "Open Access") is no part of it.
func GuessTitle(infoTitle string, pages []coding.Page, fileName string) string {
	if t := stripBanner(strings.Join(strings.Fields(infoTitle), " ")); plausibleTitle(t) {
		return t
	}
	for _, p := range pages {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		if t := stripBanner(largestLines(p)); plausibleTitle(t) {
			return t
		}
		break
	}
	return strings.TrimSuffix(fileName, filepath.Ext(fileName))
}

// plausibleTitle rejects empty titles, file names, job numbers and
// software defaults.
func plausibleTitle(t string) bool {
	if len([]rune(t)) < 8 || len([]rune(t)) > 400 {
		return false
	}
	low := strings.ToLower(t)
	for _, bad := range []string{"untitled", "microsoft word", "powerpoint", ".doc", ".pdf", ".tex", ".dvi", ".indd", ".qxd"} {
		if strings.Contains(low, bad) {
			return false
		}
	}
	letters, words := 0, 0
	for _, w := range strings.Fields(t) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return words >= 2 && letters*2 >= len([]rune(t))
}

// largestLines returns the text of the consecutive lines set in the
// largest type in the top half of a page: on the first page of an article
// that is nearly always its title.
func largestLines(p coding.Page) string {
	lines := pageLines(p)
	first, end := titleRun(lines, p)
	return joinLines(lines[first:end])
}

// joinLines is the text of lines as one line.
func joinLines(lines []textLine) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.text
	}
	return strings.Join(parts, " ")
}

// textLine is one line of a page's text and the size and place of its type.
type textLine struct {
	text   string
	height float32 // median glyph height
	top    float32 // the highest glyph top
	base   float32 // median glyph bottom: lines side by side share it
}

// pageLines splits a page's text into lines with three or more glyphs.
func pageLines(p coding.Page) []textLine {
	var lines []textLine
	runes := []rune(p.Text)
	start := 0
	flush := func(end int) {
		if end > start && end <= len(p.Boxes) {
			var hs, bs []float32
			var top float32
			for i := start; i < end; i++ {
				b := p.Boxes[i]
				if h := b.Y1 - b.Y0; h > 0 && !unicode.IsSpace(runes[i]) {
					hs = append(hs, h)
					bs = append(bs, b.Y0)
					top = max(top, b.Y1)
				}
			}
			if len(hs) >= 3 {
				slices.Sort(hs)
				slices.Sort(bs)
				lines = append(lines, textLine{strings.TrimSpace(string(runes[start:end])), hs[len(hs)/2], top, bs[len(bs)/2]})
			}
		}
		start = end + 1
	}
	for i, r := range runes {
		if r == '\n' {
			flush(i)
		}
	}
	flush(len(runes))
	return lines
}

// titleRun finds the title among a page's lines: the first run of lines
// in the upper half of the page (rotation aside, titles sit high) at the
// largest size there, leaving out a banner such as "Research Article"
// that journals set above it. It returns lines[first:end]; empty when
// the page has no line in its upper half.
func titleRun(lines []textLine, p coding.Page) (first, end int) {
	mid := (p.Y0 + p.Y1) / 2
	if p.Rotation != 0 {
		mid = p.Y0
	}
	var best float32
	for _, l := range lines {
		if l.top >= mid && !bannerOnly(l.text) {
			best = max(best, l.height)
		}
	}
	if best == 0 {
		return 0, 0
	}
	first = -1
	for i, l := range lines {
		// A banner before the title is left out; a line of the title
		// may be one word that is also a banner ("... a systematic" /
		// "review").
		switch big := l.top >= mid && l.height >= best*0.9; {
		case big && first < 0 && !bannerOnly(l.text):
			first = i
		case big && first >= 0:
		case first >= 0:
			return first, i
		}
	}
	if first < 0 {
		return 0, 0
	}
	return first, len(lines)
}
