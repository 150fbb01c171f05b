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
func GuessTitle(infoTitle string, pages []coding.Page, fileName string) string {
	if t := strings.Join(strings.Fields(infoTitle), " "); plausibleTitle(t) {
		return t
	}
	for _, p := range pages {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		if t := largestLines(p); plausibleTitle(t) {
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
	type line struct {
		text   string
		height float32
		top    float32
	}
	var lines []line
	runes := []rune(p.Text)
	start := 0
	flush := func(end int) {
		if end > start && end <= len(p.Boxes) {
			var hs []float32
			var top float32
			for i := start; i < end; i++ {
				b := p.Boxes[i]
				if h := b.Y1 - b.Y0; h > 0 && !unicode.IsSpace(runes[i]) {
					hs = append(hs, h)
					top = max(top, b.Y1)
				}
			}
			if len(hs) >= 3 {
				slices.Sort(hs)
				lines = append(lines, line{strings.TrimSpace(string(runes[start:end])), hs[len(hs)/2], top})
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
	// Keep lines in the upper half of the page (rotation aside, titles sit
	// high), then take the run of lines at the largest size.
	mid := (p.Y0 + p.Y1) / 2
	if p.Rotation != 0 {
		mid = p.Y0
	}
	var best float32
	for _, l := range lines {
		if l.top >= mid {
			best = max(best, l.height)
		}
	}
	if best == 0 {
		return ""
	}
	var parts []string
	for _, l := range lines {
		switch {
		case l.top >= mid && l.height >= best*0.9:
			parts = append(parts, l.text)
		case len(parts) > 0:
			return strings.Join(parts, " ")
		}
	}
	return strings.Join(parts, " ")
}
