package pdfview

import (
	"regexp"
	"strings"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// What a journal prints above a title to say what kind of paper it is.
// None of it is part of the title.
var banners = []string{
	"research article", "original research article", "original article", "original research",
	"original paper", "research paper", "review article", "systematic review", "review",
	"research", "article", "open access", "brief report", "short communication", "short report",
	"case report", "editorial", "commentary", "perspective", "study protocol", "research letter",
}

// bannerOnly tells whether a line holds nothing but banners ("Research
// Article", "RESEARCH ARTICLE Open Access", letter-spaced
// "R E S EAR CH A R TIC L E" as some publishers set it).
func bannerOnly(line string) bool {
	letters := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, line)
	if letters == "" {
		return false
	}
	for letters != "" {
		found := false
		for _, b := range banners {
			if p := strings.ReplaceAll(b, " ", ""); strings.HasPrefix(letters, p) {
				letters, found = letters[len(p):], true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// gluedBanner matches a banner at the start of a title when it cannot be
// the title's own first words: a banner no title starts with, or any
// banner followed by a colon, bar or dash. (One in capitals before a title
// that is not, "REVIEW Complications of ...", is capitalPrefix's.)
var gluedBanner = func() *regexp.Regexp {
	alts := make([]string, len(banners))
	for i, b := range banners {
		alts[i] = strings.ReplaceAll(b, " ", `\s+`)
	}
	alt := `(?:` + strings.Join(alts, "|") + `)`
	return regexp.MustCompile(`^(?:(?i:research\s+article|original\s+(?:research\s+)?article|review\s+article|research\s+letter)\s+|(?i:` +
		alt + `)\s*[:|–—-]\s+)`)
}()

// anyBanner matches any banner and the space after it.
var anyBanner = regexp.MustCompile(`^(?i:` + strings.Join(banners, "|") + `)\s+`)

// stripBanner takes banners off the start of a title. Once one is off,
// any banner that follows goes too ("Research Article Open Access ...").
func stripBanner(t string) string {
	stripped := false
	for {
		rest := t
		if m := gluedBanner.FindString(t); m != "" {
			rest = t[len(m):]
		} else if caps := capitalPrefix(t); caps != "" && bannerOnly(caps) {
			rest = strings.TrimLeft(t[len(caps):], " :|–—-")
		} else if m := anyBanner.FindString(t); stripped && m != "" && !startsLower(t[len(m):]) {
			rest = t[len(m):]
		}
		if rest == t || !plausibleTitle(rest) {
			return t
		}
		t, stripped = rest, true
	}
}

// capitalPrefix is the run of words in capitals that starts t, when words
// not in capitals follow: "OPEN ACCESS Stress at work" → "OPEN ACCESS".
func capitalPrefix(t string) string {
	words := strings.Fields(t)
	n := 0
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsLower) >= 0 || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			break
		}
		n++
	}
	if n == 0 || n == len(words) {
		return ""
	}
	end := 0
	for i := 0; i < n; i++ {
		end = strings.Index(t[end:], words[i]) + end + len(words[i])
	}
	return t[:end]
}

// titlePageAuthors reads the authors off the line or lines right under the
// title on the first page with text, as an article prints them: names
// separated by commas and "and", each with the digits or signs that point
// to an affiliation ("Andrew E. Webb1, Thomas A. Walsh1 and Mary J.
// O’Connell1,2"). It gives nothing unless every name reads as one.
func titlePageAuthors(pages []coding.Page) []string {
	for _, p := range pages {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		return authorsUnderTitle(p)
	}
	return nil
}

func authorsUnderTitle(p coding.Page) []string {
	lines := pageLines(p)
	first, end := titleRun(lines, p)
	if end == 0 || !plausibleTitle(stripBanner(joinLines(lines[first:end]))) {
		return nil
	}
	// A rule of dots or a banner may stand between title and names.
	i := end
	for i < len(lines) && i < end+2 && (bannerOnly(lines[i].text) || strings.IndexFunc(lines[i].text, unicode.IsLetter) < 0) {
		i++
	}
	var block []textLine
	for ; i < len(lines) && len(block) < 6; i++ {
		// "Paulo Ro-" / "cha9, Bogdan Sacaleanu10": the second line starts
		// inside a name.
		cont := len(block) > 0 && strings.HasSuffix(block[len(block)-1].text, "-")
		if !authorLine(lines[i], lines[first].height, cont) {
			break
		}
		block = append(block, lines[i])
	}
	if len(block) == 0 {
		return nil
	}
	names := namesIn(block)
	// Authors set side by side, each over an affiliation (as conference
	// papers do), come in the text one after the other's address: take the
	// names on the first author line's baseline.
	if p.Rotation == 0 {
		for _, l := range lines[i:] {
			if abs32(l.base-block[0].base) < block[0].height/3 && authorLine(l, lines[first].height, false) {
				names = append(names, namesIn([]textLine{l})...)
			}
		}
	}
	for _, n := range names {
		if len(strings.Fields(n)) < 2 || strings.HasSuffix(n, "-") {
			return nil
		}
	}
	return names
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

var (
	// Signs that point from a name to an affiliation or a note.
	markSigns = strings.NewReplacer("*", "", "∗", "", "†", "", "‡", "", "§", "", "¶", "", "#", "", "⁎", "", "✉", "", "(", " ", ")", " ")
	// Affiliation digits: glued to a name ("Webb1", "Theurer2,3"), after
	// its comma ("Sundström,1 Michael") or at the end ("Sang 12").
	markAfterName  = regexp.MustCompile(`(\pL\.?)\d+(?:,\d+)*`)
	markAfterComma = regexp.MustCompile(`,\d+(?:,\d+)*(\s|$)`)
	markAtEnd      = regexp.MustCompile(`\s\d+(?:,\d+)*\s*$`)
	// Where one name ends and the next begins.
	nameSeparator = regexp.MustCompile(`(?i)\s*(?:,\s*and\s+|,|;|\s&\s|\sand\s)\s*`)
)

// stripMarks takes the affiliation signs and digits off a line of names,
// and tells whether it had any.
func stripMarks(s string) (string, bool) {
	out := markSigns.Replace(s)
	out = markAfterName.ReplaceAllString(out, "$1")
	out = markAfterComma.ReplaceAllString(out, ",$1")
	out = markAtEnd.ReplaceAllString(out, "")
	return out, out != s
}

// authorLine tells whether a line is made of names only, in type smaller
// than the title's; cont allows it to start with the end of a name
// hyphenated on the line before.
func authorLine(l textLine, titleHeight float32, cont bool) bool {
	if l.height >= titleHeight*0.9 || strings.ContainsAny(l.text, "@:/") {
		return false
	}
	s, _ := stripMarks(l.text)
	pieces := 0
	for _, piece := range nameSeparator.Split(s, -1) {
		words := strings.Fields(piece)
		if len(words) == 0 {
			continue
		}
		if len(words) > 6 {
			return false
		}
		for j, w := range words {
			if cont && pieces == 0 && j == 0 && startsLower(w) {
				continue
			}
			if !nameWord(strings.TrimSuffix(w, "-")) {
				return false
			}
		}
		pieces++
	}
	return pieces > 0
}

// notNames are words that show a line is not a list of people: what
// affiliations, addresses and headings are made of, and the small words of
// a subtitle.
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`university universität universidad université università universiteit
		institute institut instituto college department dept school hospital centre center laboratory laboratories
		lab labs faculty inc ltd llc corporation corp company research group division foundation academy ministry
		council unit programme program trust clinic service services society association journal journals press
		publishing publishers abstract introduction background keywords summary article review access science
		sciences health medicine medical series facility agency office national government street road avenue
		floor broadway box the of for from in on and to with at by towards toward using between among into
		is are not via vs new`) {
		notNames[w] = true
	}
}

// particles are the lower-case words inside names.
var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true,
	"di": true, "du": true, "del": true, "della": true, "dos": true, "das": true, "le": true, "la": true,
	"bin": true, "ibn": true, "al": true, "el": true, "ter": true, "ten": true, "y": true}

// nameWord tells whether w can be a word of a person's name: a capital
// then letters, dots, hyphens or apostrophes ("O’Connell", "Wen-tau",
// "G.", "DOUGLAS"), or a particle such as "van".
func nameWord(w string) bool {
	if particles[w] {
		return true
	}
	if notNames[strings.ToLower(strings.Trim(w, ".,"))] {
		return false
	}
	for i, r := range w {
		switch {
		case i == 0:
			if !unicode.IsUpper(r) {
				return false
			}
		case unicode.IsLetter(r), r == '.', r == '-', r == '\'', r == '’':
		default:
			return false
		}
	}
	return w != ""
}

// namesIn joins a block of author lines and splits it into names. A line
// breaks a name in two only where the names carry affiliation marks and
// the line ends on a word without one ("Benjamin Charles Germain" /
// "Lee4"); a word hyphenated at the end of a line is joined.
func namesIn(block []textLine) []string {
	var b strings.Builder
	marked := false
	for _, l := range block {
		if _, m := stripMarks(l.text); m {
			marked = true
		}
	}
	for i, l := range block {
		s, _ := stripMarks(l.text)
		s = strings.TrimSpace(s)
		if i > 0 {
			prev := strings.TrimSpace(block[i-1].text)
			_, prevMarked := stripMarks(lastWord(prev))
			switch {
			case strings.HasSuffix(prev, "-") && startsLower(s):
				// "Ro-" / "cha9": one word.
			case marked && !prevMarked && !strings.HasSuffix(prev, ","):
				b.WriteString(" ")
			default:
				b.WriteString(", ")
			}
		}
		if i < len(block)-1 && strings.HasSuffix(s, "-") {
			next, _ := stripMarks(block[i+1].text)
			if startsLower(strings.TrimSpace(next)) {
				s = strings.TrimSuffix(s, "-")
			}
		}
		b.WriteString(s)
	}
	var names []string
	for _, piece := range nameSeparator.Split(b.String(), -1) {
		if n := strings.Join(strings.Fields(piece), " "); n != "" {
			names = append(names, capitalizeName(n))
		}
	}
	return names
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// capitalizeName writes a surname printed in capitals or small capitals
// ("Ross G. DOUGLAS") as a name is written ("Ross G. Douglas"), when other
// words of the name show how it is written.
func capitalizeName(n string) string {
	words := strings.Fields(n)
	mixed := false
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsLower) >= 0 {
			mixed = true
		}
	}
	if !mixed {
		return n
	}
	for i, w := range words {
		if len([]rune(w)) > 2 && strings.IndexFunc(w, unicode.IsLower) < 0 && !strings.Contains(w, ".") {
			r := []rune(strings.ToLower(w))
			r[0] = unicode.ToUpper(r[0])
			for j := 1; j < len(r); j++ {
				if r[j-1] == '-' || r[j-1] == '\'' || r[j-1] == '’' {
					r[j] = unicode.ToUpper(r[j])
				}
			}
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}

// namesPeople tells whether an Author field names at least one person,
// not a publisher ("Cambridge Journals") or a computer's owner
// ("Proprietario").
func namesPeople(authors string) bool {
	for _, piece := range nameSeparator.Split(strings.ReplaceAll(authors, "{et al.}", ""), -1) {
		words := strings.Fields(piece)
		if len(words) < 2 || len(words) > 6 {
			continue
		}
		ok := true
		for _, w := range words {
			if !nameWord(strings.TrimSuffix(w, ",")) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// chooseAuthors picks between the file's Author field and the names on
// its title page: the field when it names people in full, the page when
// the field is empty, names no person, or gives the first author and
// "et al." where the page lists everyone.
func chooseAuthors(field string, pages []coding.Page) string {
	etAl := strings.Contains(strings.ToLower(field), "et al")
	if namesPeople(field) && !etAl {
		return field
	}
	page := titlePageAuthors(pages)
	if len(page) == 0 {
		return field
	}
	if etAl && namesPeople(field) && !strings.Contains(field, lastWord(page[0])) {
		return field // the page's first name is not the field's
	}
	return strings.Join(page, "; ")
}
