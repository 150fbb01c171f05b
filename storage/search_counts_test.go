package storage

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// countPages are pages with what counting from word positions must get
// right: folded words (accents, ligatures, a word hyphenated over two
// lines), a phrase overlapping itself, an excluded word in another
// sentence of the same page, and a page holding no hit.
func countPages() []coding.Page {
	return []coding.Page{
		synthPage(1, "𝑥 Sundström found trust. Sundstrom trusted trust\ntrust trust. Staff felt listened to."),
		synthPage(2, "The ﬁnancial improve-\nment was small. Trust grew; trust grew again.\nFinancial, ﬁnancially."),
		synthPage(3, "Nothing here."),
		synthPage(4, "Trust trust trust. Quality improvement quality improvement improvement."),
	}
}

// countQueries are the queries counted, with every form the index counts
// and some it leaves to the text.
var countQueries = []string{
	"trust", "Sundström", "sundstrom", "financial", "financ*", "improvement", "improve",
	`"trust trust"`, `"trust trust"*`, `"quality improvement"`, `"improvement improvement"`,
	"trust OR trust*", "trust OR grew", `"felt listened" OR listen*`, "trust -grew",
	"trust -staff", `trust -"grew again"`, "trust grew", "staff trust", "nothing", "absent", "x",
}

// countsByText is the counts of Search's hits, matched on the pages'
// text, by document.
func countsByText(t *testing.T, p *Project, q *coding.Query, docs ...string) []coding.DocCount {
	t.Helper()
	pages, err := p.Search(q, docs...)
	if err != nil {
		t.Fatal(err)
	}
	return coding.CountHits(pages)
}

// checkCounts compares SearchCounts with the counts of Search's hits for
// every query, and wants some to be found.
func checkCounts(t *testing.T, p *Project, queries []string, docs ...string) {
	t.Helper()
	found := 0
	for _, query := range queries {
		q, err := coding.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.SearchCounts(q, docs...)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		want := countsByText(t, p, q, docs...)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the index counts %v, the text %v", query, got, want)
		}
		found += coding.TotalCount(got)
	}
	if found == 0 {
		t.Error("nothing was counted")
	}
}

func TestSearchCountsFromIndex(t *testing.T) {
	p := newProject(t)
	var ids []string
	for i := range 3 {
		d, err := p.AddDocument(coding.Document{FileName: fmt.Sprintf("%d.pdf", i)}, []byte(fmt.Sprintf("%%PDF-%d", i)), countPages())
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	checkCounts(t, p, countQueries)
	checkCounts(t, p, countQueries, ids[1])
	// Known counts, so that the index and the text cannot agree on a
	// wrong answer: "trust" and "trusted" are distinct words, the
	// hyphenated word is one, "trust trust" overlaps itself.
	for query, want := range map[string]int{
		"trust": 9, "trust*": 10, "improvement": 4, "financial": 2, "financ*": 3,
		`"trust trust"`: 2, `"quality improvement"`: 2, "trust -grew": 7, "sundstrom": 2,
	} {
		q, _ := coding.ParseQuery(query)
		got, err := p.SearchCounts(q, ids[0])
		if err != nil || coding.TotalCount(got) != want {
			t.Errorf("%s: %v %v, want %d", query, got, err, want)
		}
	}
	// OCR replaces a text: the counts follow it, the old words are gone.
	if _, err := p.ReplaceText(ids[0], []coding.Page{synthPage(1, "Trust, accountability."), synthPage(2, ""),
		synthPage(3, ""), synthPage(4, "")}, false, nil); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, p, append(countQueries, "accountability"))
	q, _ := coding.ParseQuery("trust")
	if got, err := p.SearchCounts(q, ids[0]); err != nil || !reflect.DeepEqual(got, []coding.DocCount{{DocID: ids[0], Count: 1}}) {
		t.Errorf("after OCR: %v %v", got, err)
	}
}

// TestSearchCountsMigration opens a project whose search index is schema
// 7's (distinct words, no positions): schema 8 rebuilds it with
// positions, and counts come from it.
func TestSearchCountsMigration(t *testing.T) {
	path := oneDocumentProject(t, "v7", countPages())
	// Write the index back as schema 7 had it: each page's distinct words.
	db := rawDB(t, path)
	for _, stmt := range []string{"DROP TABLE search_words", "DROP TABLE search_index",
		"DROP TABLE IF EXISTS search_index_content", createSearchIndexV6} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
	rows, err := db.Query("SELECT doc_id, number, text FROM pages")
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		doc  string
		n    int
		text string
	}
	var pages []page
	for rows.Next() {
		var pg page
		if err := rows.Scan(&pg.doc, &pg.n, &pg.text); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, pg)
	}
	rows.Close()
	for _, pg := range pages {
		if _, err := db.Exec("INSERT INTO search_index (words, doc_id, page) VALUES (?, ?, ?)",
			distinctWords(pg.text), pg.doc, pg.n); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	p, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	checkCounts(t, p, countQueries)
	q, _ := coding.ParseQuery(`"trust trust"`)
	if got, err := p.SearchCounts(q); err != nil || coding.TotalCount(got) != 2 {
		t.Errorf("after the migration, %q: %v %v, want 2", q, got, err)
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
}

// distinctWords is what schema 7's index held for a page: its distinct
// folded words.
func distinctWords(text string) string {
	seen := map[string]bool{}
	var words []string
	for _, tok := range coding.Tokens(text) {
		if !seen[tok.Fold] {
			seen[tok.Fold] = true
			words = append(words, tok.Fold)
		}
	}
	return strings.Join(words, " ")
}

// TestSearchCountsRandomPages counts queries over pages of words drawn
// at random from a few that fold alike (case, accents, ligatures, Greek,
// a dotted capital I, digits, spacing marks (Devanagari), a letter with a
// dot no table spells out, words hyphenated over a line end): the
// index's counts must be the text's for every query.
func TestSearchCountsRandomPages(t *testing.T) {
	words := []string{"trust", "Trust", "TRÜST", "trüst", "ﬁnd", "find", "Finding", "İstanbul", "istanbul",
		"ΣΟΦΙΑ", "σοφια", "self-\nefficacy", "improve-\nment", "improvement", "co‑operation", "2014", "x²", "Æsop", "aesop", "हिंदी", "saṁskṛta"}
	seps := []string{" ", " ", " ", ", ", ". ", "\n", "; ", " – "}
	r := rand.New(rand.NewPCG(7, 15))
	p := newProject(t)
	for d := range 4 {
		var pages []coding.Page
		for n := range 5 {
			var b strings.Builder
			for range 60 {
				b.WriteString(words[r.IntN(len(words))])
				b.WriteString(seps[r.IntN(len(seps))])
			}
			pages = append(pages, synthPage(n+1, b.String()))
		}
		if _, err := p.AddDocument(coding.Document{FileName: fmt.Sprintf("r%d.pdf", d)}, []byte(fmt.Sprintf("%%PDF-r%d", d)), pages); err != nil {
			t.Fatal(err)
		}
	}
	var queries []string
	for _, w := range words {
		w = strings.ReplaceAll(w, "\n", "")
		queries = append(queries, w, string([]rune(w)[:1])+"*", fmt.Sprintf("%q", "trust "+w), w+" OR trust*", "find -"+w, fmt.Sprintf("%q*", w+" t"))
	}
	checkCounts(t, p, queries)
}
