package pdfview

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestTitlePageTitlesAndAuthors: the title and authors of each corpus
// file, as its first page prints them (read from the PDF by a person, not
// from cmocoder): no journal banner in a title, and the authors from the
// line under the title where the file names none, a publisher
// ("Cambridge Journals"), its computer's owner ("Proprietario") or the
// first author and "{et al.}".
func TestTitlePageTitlesAndAuthors(t *testing.T) {
	for _, c := range []struct {
		file, title, authors string
	}{
		// "RESEARCH ARTICLE" and "Open Access" above the title; no Author.
		{"bmc-hsr-2014-agyeman-duah.pdf",
			"Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi",
			"Josephine Nana Afrakoma Agyeman-Duah; Antje Theurer; Charles Munthali; Noor Alide; Florian Neuhann"},
		// "REVIEW" above the title; XMP lists the authors.
		{"bmc-jtmo-2010-datta-systematic-review.pdf",
			"Complications related to deep venous thrombosis prophylaxis in trauma: a systematic review of the literature",
			"Indraneel Datta; Chad G Ball; Lucas Rudmik; S Morad Hameed; John B Kortbeek"},
		// "Research Article" above the title; Author "Nuala E. Tully {et al.}".
		{"hindawi-rrp-2010-tully.pdf",
			"Patient Experiences of Structured Heart Failure Programmes",
			"Nuala E. Tully; Karen M. Morgan; Helen M. Burke; Hannah M. McGee"},
		// No Author; a margin column beside the title.
		{"peerj-2017-webb-vespa.pdf",
			"VESPA: Very large-scale Evolutionary and Selective Pressure Analyses",
			"Andrew E. Webb; Thomas A. Walsh; Mary J. O’Connell"},
		// Surnames in small capitals.
		{"clinsci-2014-fragment-based-ace-inhibitors.pdf",
			"Fragment-based design for the development of N-domain-selective angiotensin-1-converting enzyme inhibitors",
			"Ross G. Douglas; Rajni K. Sharma; Geoffrey Masuyer; Lizelle Lubbe; Ismael Zamora; K. Ravi Acharya; Kelly Chibale; Edward D. Sturrock"},
		// Author "Cambridge Journals"; a rule of dots under the title.
		{"intpsychogeriatr-2014-cc-by-nc-sa.pdf",
			"Stressful life events are not associated with the development of dementia",
			"Anna Sundström; Michael Rönnlund; Rolf Adolfsson; Lars-Göran Nilsson"},
		// Authors side by side, each over an address.
		{"naacl06-shinyama-dvipdfm.pdf",
			"Preemptive Information Extraction using Unrestricted Relation Discovery",
			"Yusuke Shinyama; Satoshi Sekine"},
		{"dpr-emnlp2020-arxiv-twocolumn.pdf",
			"Dense Passage Retrieval for Open-Domain Question Answering",
			"Vladimir Karpukhin; Barlas Oğuz; Sewon Min; Patrick Lewis; Ledell Wu; Sergey Edunov; Danqi Chen; Wen-tau Yih"},
		// A name broken across two lines ("Benjamin Charles Germain" / "Lee4").
		{"layoutparser-aes128-empty-password.pdf",
			"LayoutParser: A Unified Toolkit for Deep Learning Based Document Image Analysis",
			"Zejiang Shen; Ruochen Zhang; Melissa Dell; Benjamin Charles Germain Lee; Jacob Carlson; Weining Li"},
		// Author "Proprietario"; a name hyphenated across lines ("Ro-" / "cha9").
		{"clef2008-qa-overview-xref-offset0.pdf",
			"OVERVIEW OF THE CLEF 2008 MULTILINGUAL QUESTION ANSWERING TRACK",
			"Pamela Forner; Anselmo Peñas; Eneko Agirre; Iñaki Alegria; Corina Forăscu; Nicolas Moreau; Petya Osenova; Prokopis Prokopidis; Paulo Rocha; Bogdan Sacaleanu; Richard Sutcliffe; Erik Tjong Kim Sang"},
		{"freeculture-lessig-352p.pdf", "Free Culture", "Lawrence Lessig"},
		// A report cover with no author line: nothing is made up.
		{"cebaf-th-94-08-type3-dvips.pdf", "cebaf-th-94-08-type3-dvips", ""},
		{"scanned-abstract-ccitt-no-text.pdf", "scanned-abstract-ccitt-no-text", ""},
	} {
		t.Run(strings.TrimSuffix(c.file, ".pdf"), func(t *testing.T) {
			ex := extractCorpus(t, c.file)
			if got := GuessTitle(ex.Info.Title, ex.Pages, c.file); got != c.title {
				t.Errorf("title %q\nwant  %q", got, c.title)
			}
			if ex.Info.Authors != c.authors {
				t.Errorf("authors %q\nwant    %q", ex.Info.Authors, c.authors)
			}
		})
	}
}

func TestStripBanner(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Research Article Patient Experiences of Structured Heart Failure Programmes", "Patient Experiences of Structured Heart Failure Programmes"},
		{"Original Article: Stress at work in nursing homes", "Stress at work in nursing homes"},
		{"RESEARCH ARTICLE Open Access Understanding the barriers to care", "Understanding the barriers to care"},
		{"REVIEW Complications related to thrombosis prophylaxis", "Complications related to thrombosis prophylaxis"},
		{"Review: Leadership in hospital mergers", "Leadership in hospital mergers"},
		// Titles that start with such words keep them.
		{"Review of leadership in hospital mergers", "Review of leadership in hospital mergers"},
		{"Research Methods in Health Services", "Research Methods in Health Services"},
		{"Open Access Publishing and Its Discontents", "Open Access Publishing and Its Discontents"},
		{"Systematic review of complications", "Systematic review of complications"},
		{"OVERVIEW OF THE CLEF 2008 TRACK", "OVERVIEW OF THE CLEF 2008 TRACK"},
		// Nothing left that reads as a title: keep what there was.
		{"Research Article", "Research Article"},
	} {
		if got := stripBanner(c.in); got != c.want {
			t.Errorf("stripBanner(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// page lays out lines top down, each in type of the size given, as an
// extraction would box them.
func page(lines ...typeLine) coding.Page {
	p := coding.Page{Number: 1, X1: 600, Y1: 800}
	y := float32(760)
	var text []string
	for _, l := range lines {
		x := float32(50)
		for range []rune(l.text) {
			p.Boxes = append(p.Boxes, coding.Box{X0: x, Y0: y - l.size, X1: x + l.size/2, Y1: y})
			x += l.size / 2
		}
		p.Boxes = append(p.Boxes, coding.Box{X0: x, Y0: y - l.size, X1: x, Y1: y}) // the line's end
		text = append(text, l.text)
		y -= l.size * 1.4
	}
	p.Text = strings.Join(text, "\n")
	p.Boxes = p.Boxes[:len(p.Boxes)-1]
	return p
}

// typeLine is a line of text and the size of its type.
type typeLine struct {
	text string
	size float32
}

// TestTitleEndingInBannerWord: a title whose last line is a word that is
// also a banner keeps it; a banner above the title goes.
func TestTitleEndingInBannerWord(t *testing.T) {
	p := page(typeLine{"Research Article", 18}, typeLine{"Leadership in hospital mergers: a systematic", 18},
		typeLine{"review", 18}, typeLine{"Ann Smith and Carl Jones", 10})
	if got, want := largestLines(p), "Leadership in hospital mergers: a systematic review"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got, want := strings.Join(titlePageAuthors([]coding.Page{p}), "; "), "Ann Smith; Carl Jones"; got != want {
		t.Errorf("authors %q, want %q", got, want)
	}
}

// TestAuthorsUnderTitle: lines under a title that are not names give no
// authors, whatever their capitals.
func TestAuthorsUnderTitle(t *testing.T) {
	const title = "Leadership and quality improvement in district hospitals"
	for _, c := range []struct {
		under []typeLine
		want  string
	}{
		{[]typeLine{{"Ann B. Smith1,2*, Carl Jones3 and Dora van der Berg1", 10}, {"1 Department of Health, University of Leeds", 8}},
			"Ann B. Smith; Carl Jones; Dora van der Berg"},
		{[]typeLine{{"Research Article", 10}, {"Ann Smith & Carl Jones", 10}}, "Ann Smith; Carl Jones"},
		{[]typeLine{{"Evidence From Ghana And Malawi", 12}, {"Ann Smith", 10}}, ""},
		{[]typeLine{{"New York University", 10}}, ""},
		{[]typeLine{{"Submitted 25 March 2016", 8}}, ""},
		{[]typeLine{{"Abstract", 10}, {"Background We studied ...", 9}}, ""},
		{[]typeLine{{"Smith", 10}}, ""},
		{[]typeLine{{"Ann Smith (ann@example.org)", 10}}, ""},
	} {
		p := page(append([]typeLine{{title, 18}}, c.under...)...)
		if got := strings.Join(titlePageAuthors([]coding.Page{p}), "; "); got != c.want {
			t.Errorf("under the title %v: authors %q, want %q", c.under, got, c.want)
		}
	}
}

func TestChooseAuthors(t *testing.T) {
	p := []coding.Page{page(typeLine{"Leadership and quality improvement in district hospitals", 18}, typeLine{"Ann Smith, Carl Jones and Dora Berg", 10})}
	for _, c := range []struct{ field, want string }{
		{"", "Ann Smith; Carl Jones; Dora Berg"},
		{"Proprietario", "Ann Smith; Carl Jones; Dora Berg"},
		{"Cambridge Journals", "Ann Smith; Carl Jones; Dora Berg"},
		{"Ann Smith {et al.}", "Ann Smith; Carl Jones; Dora Berg"},
		// The file's own list of people stands, and so does an "et al."
		// whose first author the page does not name.
		{"Ann Smith; Carl Jones", "Ann Smith; Carl Jones"},
		{"Eve Other {et al.}", "Eve Other {et al.}"},
	} {
		if got := chooseAuthors(c.field, p); got != c.want {
			t.Errorf("chooseAuthors(%q) = %q, want %q", c.field, got, c.want)
		}
	}
}
