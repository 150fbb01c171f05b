package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// TestE2EFragmentListRows codes ten more sentences of the demo article's
// first page, opens it in the real window at 1260×780 and reads the
// fragment list off a screenshot (kept as fragment-list-1260x780.png):
// the starts of at least eight fragments' quotes can be read in it.
func TestE2EFragmentListRows(t *testing.T) {
	display, dir, project := demoUnderXvfb(t)
	doc := strings.Fields(mustRun(t, "docs", project))[0]
	for i, s := range sentenceStarts(t, project, 10) {
		role := []string{"context", "resource", "reasoning", "outcome"}[i%4]
		mustRun(t, "code", project, doc, strconv.Itoa(s), strconv.Itoa(s+60), "--role", role)
	}
	p := openStored(t, project)
	frags, err := p.Fragments(doc)
	p.Close()
	if err != nil {
		t.Fatal(err)
	}

	app := startApp(t, display, project, filepath.Join(dir, "config"), "Demo: quality improvement")
	shotDir := filepath.Join("build", "screenshots")
	os.MkdirAll(shotDir, 0o755)
	shot := filepath.Join(shotDir, "fragment-list-1260x780.png")
	app.windowShot(shot)
	app.quit()
	checkDrawn(t, shot)
	_, top := findWord(t, shot, "Fragments", 900)
	list := readBand(t, shot, 990, top, 780-top)
	read := 0
	for _, f := range frags {
		words := strings.Fields(f.Text)
		if len(words) >= 2 && strings.Contains(list, words[0]+" "+words[1]) {
			read++
		}
	}
	if read < 8 {
		t.Errorf("the starts of %d quotes of %d can be read in the fragment list, want at least 8; read: %s", read, len(frags), list)
	}
}

// sentenceStarts are the offsets of the first n sentences of page 1 of
// the project's first document that start with a capital letter after
// a full stop, past the title.
func sentenceStarts(t *testing.T, project string, n int) []int {
	t.Helper()
	text := []rune(pageOne(t, project).Text)
	var out []int
	for i := 2; i+60 < len(text) && len(out) < n; i++ {
		if text[i-2] == '.' && unicode.IsSpace(text[i-1]) && unicode.IsUpper(text[i]) {
			out = append(out, i)
		}
	}
	if len(out) < n {
		t.Fatalf("page 1 has %d sentences, want %d", len(out), n)
	}
	return out
}

// pageOne is page 1 of the project's first document as stored.
func pageOne(t *testing.T, project string) coding.Page {
	t.Helper()
	p := openStored(t, project)
	defer p.Close()
	docs, err := p.Documents()
	if err != nil || len(docs) == 0 {
		t.Fatalf("documents: %v", err)
	}
	page, err := p.Page(docs[0].ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	return page
}
