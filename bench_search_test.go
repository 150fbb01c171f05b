package main

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// BenchmarkSearch builds a project of CMOCODER_BENCH_SEARCH_DOCS distinct
// PDFs (100 by default; benchPDFs' copies of the shared ones) and times,
// in the same run:
//
//	ms_index_<q>    Project.Search: the index narrows to pages, the stored
//	                text gives every hit's offsets (all hits)
//	ms_session_<q>  Session.Search: that, plus the context line and the
//	                fragments of each hit (what the Search tab lists)
//	ms_first_<q>    Session.SearchFirst of the Search tab's first screen
//	                (searchFirstPage hits), shown before all are counted
//	s_cli_<q>       `cmocoder search` as a process
//	s_grep_<q>      `grep -c -i -w` over the same texts exported as files
//	x_cli_grep_<q>  s_cli / s_grep
//	x_index_grep_<q> ms_index / s_grep: the index in the app against grep
//	ms_counts_<q>   Project.SearchCounts: every document's count of hits,
//	                from the index's word positions (what search --count
//	                and the Search tab's counts read)
//	s_cli_count_<q> `cmocoder search --count` as a process
//	x_counts_grep_<q> ms_counts / s_grep
//	B_index_per_cp  what the index adds to the file, bytes per code point
//	B_index_v7_per_cp the same of schema 7's index (each page's distinct
//	                words, no positions), rebuilt in a copy
//
// It runs once whatever -benchtime says: building the project is most of
// the time. The project is coded as BenchmarkReview500's is (review.Code).
// CMOCODER_BENCH_SEARCH_PROJECT names a project to search instead
// (BenchmarkOpenReview500FirstPage's, say); one that does not exist yet is
// built there, so that two builds of cmocoder can be timed on one project.
func BenchmarkSearch(b *testing.B) {
	needPDFs(b)
	if _, err := exec.LookPath("grep"); err != nil {
		b.Skip("grep not installed")
	}
	reportMeasured(b, &searchMetrics, "CMOCODER_BENCH_SEARCH_DOCS", 100, measureSearch)
}

var searchMetrics []metric

func measureSearch(b *testing.B, dir string, pdfs []string, report func(value float64, unit string)) {
	project := os.Getenv("CMOCODER_BENCH_SEARCH_PROJECT")
	if project == "" {
		project = filepath.Join(dir, "search.cmoproj")
	}
	if _, err := os.Stat(project); errors.Is(err, fs.ErrNotExist) {
		mustRun(b, "new", project, "--coder", "Ann")
		cmd := exec.Command(bin, append([]string{"add", project}, pdfs...)...)
		cmd.Env = append(os.Environ(), "CMOCODER_CODER=Ann")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("add: %v\n%.2000s", err, out)
		}
		// Coded as a review is (40 fragments a document): the Search tab
		// shows which hits are coded already.
		benchCoding(b, project)
	}
	texts, chars := exportTexts(b, project, filepath.Join(dir, "texts"))
	report(float64(chars), "code_points")

	for _, q := range []struct{ name, query, grep string }{
		{"common", "quality", "quality"},
		{"rare", "accountability", "accountability"},
		{"prefix", "health*", "health[[:alnum:]]*"},
		{"phrase", `"quality improvement"`, "quality improvement"},
	} {
		query, err := coding.ParseQuery(q.query)
		if err != nil {
			b.Fatal(err)
		}
		p, err := storage.Open(project)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		pages, err := p.Search(query)
		index := time.Since(t0)
		p.Close()
		if err != nil {
			b.Fatal(err)
		}
		report(float64(len(coding.Hits(pages))), "hits_"+q.name)
		report(ms(index), "ms_index_"+q.name)
		counts := timeCounts(b, project, query, len(coding.Hits(pages)))
		report(ms(counts), "ms_counts_"+q.name)

		s, err := session.OpenSession(project, "Ann")
		if err != nil {
			b.Fatal(err)
		}
		t0 = time.Now()
		_, err = s.Search(q.query, coding.Scope{}, coding.UnitMatch)
		listed := time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		t0 = time.Now()
		_, _, err = s.SearchFirst(q.query, coding.Scope{}, coding.UnitMatch, searchFirstPage)
		first := time.Since(t0)
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		report(ms(listed), "ms_session_"+q.name)
		report(ms(first), "ms_first_"+q.name)

		t0 = time.Now()
		mustRun(b, "search", project, q.query)
		cli := time.Since(t0)
		report(cli.Seconds(), "s_cli_"+q.name)

		grep := exec.Command("grep", append([]string{"-c", "-i", "-w", "-E", q.grep}, texts...)...)
		t0 = time.Now()
		if out, err := grep.Output(); err != nil && len(out) == 0 {
			b.Fatalf("grep: %v", err)
		}
		g := time.Since(t0)
		report(g.Seconds(), "s_grep_"+q.name)
		report(cli.Seconds()/g.Seconds(), "x_cli_grep_"+q.name)
		report(index.Seconds()/g.Seconds(), "x_index_grep_"+q.name)
		report(counts.Seconds()/g.Seconds(), "x_counts_grep_"+q.name)

		t0 = time.Now()
		mustRun(b, "search", project, q.query, "--count")
		report(time.Since(t0).Seconds(), "s_cli_count_"+q.name)
	}
	report(indexCost(b, project, dir, "")/float64(chars), "B_index_per_cp")
	report(indexCost(b, project, dir, schema7Index)/float64(chars), "B_index_v7_per_cp")
}

// timeCounts times Project.SearchCounts of a query, which must count the
// hits Search found.
func timeCounts(b *testing.B, project string, query *coding.Query, hits int) time.Duration {
	p, err := storage.Open(project)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	t0 := time.Now()
	counts, err := p.SearchCounts(query)
	d := time.Since(t0)
	if err != nil {
		b.Fatal(err)
	}
	if n := coding.TotalCount(counts); n != hits {
		b.Fatalf("%s: SearchCounts counts %d, Search finds %d", query, n, hits)
	}
	return d
}

// schema7Index rebuilds, in a copy, the search index as schema 7 had it
// (each page's distinct folded words, no positions), to compare sizes.
const schema7Index = `DROP TABLE search_words;
DROP TABLE search_index;
DROP TABLE IF EXISTS search_index_content;
CREATE VIRTUAL TABLE search_index USING fts5(
	words, doc_id UNINDEXED, page UNINDEXED,
	content='', contentless_delete=1, contentless_unindexed=1, detail=none,
	tokenize="unicode61 remove_diacritics 0 categories 'L* N* M*'");`

// schema7Words writes schema 7's index rows into a copy.
func schema7Words(b *testing.B, db *sql.DB) {
	rows, err := db.Query("SELECT doc_id, number, text FROM pages")
	if err != nil {
		b.Fatal(err)
	}
	type page struct {
		doc, words string
		n          int
	}
	var pages []page
	for rows.Next() {
		var pg page
		var text string
		if err := rows.Scan(&pg.doc, &pg.n, &text); err != nil {
			b.Fatal(err)
		}
		seen := map[string]bool{}
		var words []string
		for _, t := range coding.Tokens(text) {
			if !seen[t.Fold] {
				seen[t.Fold] = true
				words = append(words, t.Fold)
			}
		}
		pg.words = strings.Join(words, " ")
		pages = append(pages, pg)
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for _, pg := range pages {
		if _, err := tx.Exec("INSERT INTO search_index (words, doc_id, page) VALUES (?, ?, ?)", pg.words, pg.doc, pg.n); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// searchFirstPage is the Search tab's first screen of hits (app/gui).
const searchFirstPage = 50

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// exportTexts writes every document's text to a file of its own, as
// `text` prints it, and returns the files and the code points in all.
func exportTexts(b *testing.B, project, dir string) ([]string, int) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	p, err := storage.Open(project)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	docs, err := p.Documents()
	if err != nil {
		b.Fatal(err)
	}
	var files []string
	chars := 0
	for i, d := range docs {
		t, err := p.Text(d.ID)
		if err != nil {
			b.Fatal(err)
		}
		f := filepath.Join(dir, fmt.Sprintf("%03d.txt", i))
		if err := os.WriteFile(f, []byte(t.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, f)
		chars += t.Len()
	}
	return files, chars
}

// indexCost is how many bytes the search index adds to a project file: its
// size against a vacuumed copy without the index, less the same copy with
// it (so that free pages count in neither). With rebuild, the index is
// first rebuilt as those statements and schema7Words make it.
func indexCost(b *testing.B, project, dir, rebuild string) float64 {
	size := func(path string, drop bool) int64 {
		db, err := sql.Open("sqlite", project)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		copyPath := filepath.Join(dir, path)
		os.Remove(copyPath)
		if _, err := db.Exec("VACUUM INTO ?", copyPath); err != nil {
			b.Fatal(err)
		}
		if rebuild != "" && !drop {
			c, err := sql.Open("sqlite", copyPath)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.Exec(rebuild); err != nil {
				b.Fatal(err)
			}
			schema7Words(b, c)
			if _, err := c.Exec("VACUUM"); err != nil {
				b.Fatal(err)
			}
			c.Close()
		}
		if drop {
			c, err := sql.Open("sqlite", copyPath)
			if err != nil {
				b.Fatal(err)
			}
			// FTS5 leaves a contentless_unindexed table's _content behind.
			for _, s := range []string{"DROP TABLE search_words", "DROP TABLE search_index", "DROP TABLE IF EXISTS search_index_content", "VACUUM"} {
				if _, err := c.Exec(s); err != nil {
					b.Fatal(err)
				}
			}
			c.Close()
		}
		st, err := os.Stat(copyPath)
		if err != nil {
			b.Fatal(err)
		}
		return st.Size()
	}
	return float64(size("with.cmoproj", false) - size("without.cmoproj", true))
}
