package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/buildinfo"
	"cmocoder.org/cmocoder/pdfview"
	"cmocoder.org/cmocoder/storage"
)

// Exit statuses of the command line (../shared/CLI.md).
const (
	exitOK    = 0
	exitError = 1 // a user error: bad file, unknown id, invalid offsets
	exitUsage = 2 // the command line itself is wrong
)

const usageText = `cmocoder codes realist-review evidence in PDFs and text documents and builds CMO configurations.

Usage:
  cmocoder [PROJECT]                      open the desktop app
  cmocoder new PROJECT [--title T] [--coder NAME]
  cmocoder add PROJECT FILE... [--password P] [--ocr [--lang L]]
                FILE: .pdf, or a text document: .txt .docx .odt .html .htm .md .rtf
  cmocoder ocr PROJECT DOC [--lang L] [--all] [--password P]
  cmocoder docs PROJECT [--json]
  cmocoder text PROJECT DOC [--page N]
  cmocoder code PROJECT DOC START END [--role context|resource|reasoning|outcome|unclassified]
                [--valence +|-] [--label L]... [--coder NAME] [--memo TEXT]
  cmocoder fragments PROJECT [--doc DOC] [--json]
  cmocoder cmoc PROJECT --statement S --fragment ID... [--theory NAME] [--label L]...
                [--narrative TEXT] [--coder NAME]
  cmocoder export PROJECT --table cmocs|fragments|matrix|codebook|sources|contributions|flow|references
                --format csv|xlsx|docx|md|html|tex [-o FILE] [--by labels|theories] [--ids]
                [--all] [--cite author-year|numbered]
  cmocoder figure PROJECT --kind theories|map|flow [--theory NAME] [--by labels|theories]
                [--group design|relevance|rigour] --format svg|png|pdf [--width MM] [--dpi N]
                [--all] [--cite author-year|numbered] -o FILE   figures for the paper
  cmocoder export PROJECT --format qdpx -o FILE.qdpx    REFI-QDA project for NVivo, ATLAS.ti, ...
  cmocoder export PROJECT --format coding -o FILE.coding   my coding without the PDFs, for merge
  cmocoder source PROJECT DOC [--year Y] [--design D] [--location L]
                [--participants P] [--objectives O] [--citation C] [--authors A]
                [--relevance J] [--relevance-note N] [--rigour J] [--rigour-note N] [--json]
                [--richness J] [--richness-note N] [--decision include|exclude|undecided]
                [--reason R] [--stage S] [--journal J] [--volume V] [--issue I] [--pages P] [--doi D] [--url U]
  cmocoder refs PROJECT FILE.ris|FILE.bib|FILE.json [--overwrite]   fill sources from a reference manager
  cmocoder reasons PROJECT [--add R]... [--remove R]... [--reset] [--json]   the team's reasons for excluding
  cmocoder agreement PROJECT --coders A,B [--doc DOC] [--json]
  cmocoder agreement PROJECT --decisions OTHER.cmoproj|OTHER.coding [--json]   agreement on decisions
  cmocoder merge PROJECT OTHER.cmoproj|OTHER.coding [--dry-run] [--json]   merge a teammate's work
  cmocoder import PROJECT FILE.qdpx|FILE.qdc [--roles CODE=ROLE,...]   bring in a REFI-QDA project or codebook
  cmocoder search PROJECT QUERY [--doc DOC]... [--included] [--in-role R] [--in-label L] [--uncoded]
                [--unit match|sentence|paragraph] [--count] [--json]   find words in every document
                QUERY: words (all in one sentence), "a phrase", a OR b, -word, word*
  cmocoder similar PROJECT FRAGMENT|CMOC [--limit N] [--json]   sentences of other documents like a fragment or a CMOC's
  cmocoder check PROJECT                  read the whole file for damage
  cmocoder extract FILE [--password P] [--boxes] [--ocr auto [--lang L]]
  cmocoder demo PROJECT                   build the demo project
  cmocoder install                        open .cmoproj files in cmocoder on double-click
  cmocoder uninstall                      undo install

DOC is a document's id, a unique start of it (4 characters or more), or its
file name. Offsets count Unicode code points of the text that "text" prints,
pages separated by a form feed; END is exclusive.
Exit status: 0 success, 1 an error in the input (one line on stderr says what
and where), 2 a wrong command line.
`

// verb is one command-line verb: it parses its own flags and arguments.
type verb func(c *cli, args []string) error

var verbs = map[string]verb{
	"new":       (*cli).newProject,
	"add":       (*cli).add,
	"ocr":       (*cli).ocr,
	"docs":      (*cli).docs,
	"text":      (*cli).text,
	"code":      (*cli).code,
	"fragments": (*cli).fragments,
	"cmoc":      (*cli).cmoc,
	"extract":   (*cli).extract,
	"demo":      (*cli).demo,
	"export":    (*cli).export,
	"figure":    (*cli).figure,
	"source":    (*cli).source,
	"refs":      (*cli).refs,
	"reasons":   (*cli).reasons,
	"agreement": (*cli).agreement,
	"merge":     (*cli).merge,
	"import":    (*cli).importREFI,
	"check":     (*cli).check,
	"search":    (*cli).search,
	"similar":   (*cli).similar,
	"install":   (*cli).install,
	"uninstall": (*cli).uninstall,
}

// cli carries a command's streams.
type cli struct {
	stdout, stderr io.Writer
	ctx            context.Context
}

// IsVerb reports whether name is one of the command line's verbs.
func IsVerb(name string) bool { return verbs[name] != nil }

// Run runs the verb args[0] with the rest of args and returns its exit
// status (../shared/CLI.md).
func Run(args []string, stdout, stderr io.Writer) int {
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, buildinfo.Line())
		return exitOK
	}
	v, ok := verbs[name]
	if !ok {
		fmt.Fprintf(stderr, "cmocoder: unknown command %q (see cmocoder help)\n", name)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// Like OCR's progress, said on a terminal only (not to a script or
	// a log), and set for every verb, so that none says it for another.
	var preparing func(<-chan struct{})
	if f, ok := terminal(stderr); ok {
		preparing = func(<-chan struct{}) {
			fmt.Fprintf(f, "cmocoder: %s: preparing the PDF reader for this computer (only the first time: a few seconds)\n", name)
		}
	}
	session.OnSlowEngineStart(preparing)
	c := &cli{stdout: stdout, stderr: stderr, ctx: ctx}
	err := v(c, args[1:])
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usageText)
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "cmocoder: %v\n", err)
		fmt.Fprintf(stderr, "(see cmocoder help)\n")
		return exitUsage
	case errors.Is(err, errReported):
		return exitError
	}
	fmt.Fprintf(stderr, "cmocoder: %s: %s\n", name, session.OneLine(err))
	return exitError
}

// errReported means the verb already reported its failures itself.
var errReported = errors.New("reported")

// parseN parses a verb's arguments and wants exactly n positional ones,
// as syntax shows them.
func parseN(fs *flag.FlagSet, args []string, n int, syntax string) ([]string, error) {
	pos, err := parse(fs, args)
	if err == nil && len(pos) != n {
		err = usagef("expected %s", syntax)
	}
	return pos, err
}

func (c *cli) open(path, coder string) (*session.Session, error) {
	if coder == "" {
		coder = session.DefaultCoder()
	}
	return session.OpenSession(path, coder)
}

// openDocuments opens a project and reads its documents, where the verbs
// that list or find them start.
func (c *cli) openDocuments(project, coder string) (*session.Session, []coding.Document, error) {
	s, err := c.open(project, coder)
	if err != nil {
		return nil, nil, err
	}
	docs, err := s.Documents()
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, docs, nil
}

// parseProject parses the arguments of a verb on a whole project
// (PROJECT and the flags in fs), then opens it and reads its documents.
func (c *cli) parseProject(fs *flag.FlagSet, args []string, usage string) (*session.Session, []coding.Document, error) {
	pos, err := parseN(fs, args, 1, usage)
	if err != nil {
		return nil, nil, err
	}
	return c.openDocuments(pos[0], "")
}

// openWithFile opens a project to bring a file into it (import, refs,
// merge): it reads the file with read, then opens the project as coder
// (the default coder where empty). The file comes first, so that a bad
// one is reported before the project is even opened; a file read that
// needs closing (io.Closer) is closed if the project cannot be opened.
func openWithFile[T any](c *cli, project, file, coder string, read func(path string) (T, error)) (*session.Session, T, error) {
	f, err := read(file)
	if err != nil {
		return nil, f, err
	}
	s, err := c.open(project, coder)
	if err != nil {
		if closer, ok := any(f).(io.Closer); ok {
			closer.Close()
		}
		return nil, f, err
	}
	return s, f, nil
}

// parseDocument parses the arguments of a verb on one document (PROJECT
// DOC and the flags in fs), then opens the project at that document.
func (c *cli) parseDocument(fs *flag.FlagSet, args []string, usage string) (*session.Session, coding.Document, error) {
	pos, err := parseN(fs, args, 2, usage)
	if err != nil {
		return nil, coding.Document{}, err
	}
	return c.openDocument(pos[0], pos[1], "")
}

// openDocument opens a project and finds one of its documents by what a
// person typed for it (see Session.FindDocument).
func (c *cli) openDocument(project, doc, coder string) (*session.Session, coding.Document, error) {
	s, docs, err := c.openDocuments(project, coder)
	if err != nil {
		return nil, coding.Document{}, err
	}
	d, err := session.FindDocumentIn(docs, doc)
	if err != nil {
		s.Close()
		s = nil
	}
	return s, d, err
}

func (c *cli) newProject(args []string) error {
	fs := newFlags("new")
	title := fs.String("title", "", "project title")
	coder := fs.String("coder", "", "your name")
	pos, err := parseN(fs, args, 1, "new PROJECT [--title T] [--coder NAME]")
	if err != nil {
		return err
	}
	if *title == "" {
		*title = strings.TrimSuffix(filepath.Base(pos[0]), filepath.Ext(pos[0]))
	}
	if *coder == "" {
		*coder = session.DefaultCoder()
	}
	p, err := storage.Create(pos[0], *title, *coder)
	if err != nil {
		return notMade(err)
	}
	return p.Close()
}

func (c *cli) add(args []string) error {
	fs := newFlags("add")
	password := fs.String("password", "", "password of encrypted PDFs (never stored)")
	useOCR := fs.Bool("ocr", false, "read pages without a text layer with Tesseract (OCR)")
	lang := fs.String("lang", "", "Tesseract language(s) for --ocr, e.g. eng or eng+deu (default eng)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("expected add PROJECT FILE...")
	}
	opts := c.addOCROptions("add", *useOCR, *lang)
	s, err := c.open(pos[0], "")
	if err != nil {
		return err
	}
	defer s.Close()
	// The PDF engine starts at the first PDF (text documents need none,
	// and starting it is most of the time a short transcript takes), and
	// the next PDFs are extracted while one is stored (ImportAll).
	files := pos[1:]
	var added []string
	told, failed, stopped := 0, 0, false
	err = s.ImportAll(c.ctx, nil, files, *password, func(path string, doc coding.Document, err error) bool {
		told++
		if err != nil {
			failed++
			if session.ProjectFault(err) { // every file after it would fail the same way: stop
				c.fail("add", addStopped(files, told-1, added, err))
				stopped = true
				return false
			}
			c.fail("add", session.OneLine(err))
			return true
		}
		added = append(added, filepath.Base(path))
		for _, w := range doc.Warnings {
			c.warn("add", doc.FileName+": "+w)
		}
		fmt.Fprintf(c.stdout, "%s\t%d\t%s\n", doc.ID, doc.Pages, doc.Title)
		return true
	}, opts)
	switch {
	case err != nil:
		return err
	case stopped:
		return errReported
	case told < len(files):
		c.fail("add", "interrupted; "+coding.Count(len(files)-told, "file")+" not added")
		return errReported
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// docJSON is a document as `docs --json` prints it.
type docJSON struct {
	ID        string   `json:"id"`
	FileName  string   `json:"file_name"`
	Title     string   `json:"title"`
	Pages     int      `json:"pages"`
	Chars     int      `json:"chars"`
	SHA256    string   `json:"sha256"`
	Authors   string   `json:"authors"`
	Year      string   `json:"year"`
	Citation  string   `json:"citation"`
	NeedsOCR  bool     `json:"needs_ocr"`
	Warnings  []string `json:"warnings"`
	Fragments int      `json:"fragments"`
	Added     string   `json:"added"`
	// What the original file is ("pdf", "txt", "docx", ...) and, for a
	// text document, the encoding and line endings it was read from.
	Format     string `json:"format"`
	Encoding   string `json:"encoding,omitempty"`
	LineEnding string `json:"line_ending,omitempty"`
}

// check reads the whole project for damage; opening checks only the
// coding tables, so that every verb opens a large project quickly.
func (c *cli) check(args []string) error {
	pos, err := parseN(newFlags("check"), args, 1, "check PROJECT")
	if err != nil {
		return err
	}
	s, docs, err := c.openDocuments(pos[0], "")
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		return err
	}
	pages := 0
	for _, d := range docs {
		pages += d.Pages
	}
	fmt.Fprintf(c.stdout, "%s: no problems found (%s, %s)\n", pos[0],
		coding.Count(len(docs), "document"), coding.Count(pages, "page"))
	return nil
}

func (c *cli) docs(args []string) error {
	fs := newFlags("docs")
	asJSON := fs.Bool("json", false, "print JSON")
	s, docs, err := c.parseProject(fs, args, "docs PROJECT [--json]")
	if err != nil {
		return err
	}
	defer s.Close()
	count, err := s.FragmentCounts()
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]docJSON, 0, len(docs))
		for _, d := range docs {
			out = append(out, docJSON{d.ID, d.FileName, d.Title, d.Pages, d.Chars, d.SHA256, d.Authors, d.Year, d.Citation, d.NeedsOCR, nonNil(d.Warnings), count[d.ID], d.Added.UTC().Format(time.RFC3339),
				d.Format, d.Encoding, d.LineEnding})
		}
		return writeJSON(c.stdout, out)
	}
	for _, d := range docs {
		fmt.Fprintf(c.stdout, "%s\t%d\t%d\t%s\n", d.ID, d.Pages, count[d.ID], d.Title)
	}
	return nil
}

// nonNil is xs, or an empty list where it is nil, so that JSON prints []
// for it rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (c *cli) text(args []string) error {
	fs := newFlags("text")
	page := fs.Int("page", 0, "print only page N")
	s, d, err := c.parseDocument(fs, args, "text PROJECT DOC [--page N]")
	if err != nil {
		return err
	}
	defer s.Close()
	t, err := s.Text(d.ID)
	if err != nil {
		return err
	}
	if *page != 0 {
		if *page < 1 || *page > len(t.Pages) {
			return coding.Errorf(coding.KindInvalid, "text", session.DocumentName(d), "no page %d (the document has %d)", *page, len(t.Pages))
		}
		_, err = io.WriteString(c.stdout, t.Pages[*page-1].Text)
		return err
	}
	_, err = io.WriteString(c.stdout, t.String())
	return err
}

func (c *cli) code(args []string) error {
	fs := newFlags("code")
	role := fs.String("role", "unclassified", "context, resource, reasoning, outcome or unclassified (labels, no role yet)")
	valence := fs.String("valence", "", "+ or -")
	var labels listFlag
	fs.Var(&labels, "label", "a codebook label (repeatable)")
	coder := fs.String("coder", "", "who codes")
	memo := fs.String("memo", "", "a memo")
	pos, err := parseN(fs, args, 4, "code PROJECT DOC START END [--role context|resource|reasoning|outcome|unclassified]")
	if err != nil {
		return err
	}
	r, err := coding.ParseRole(*role)
	if err != nil {
		return err
	}
	v, err := coding.ParseValence(*valence)
	if err != nil {
		return err
	}
	start, end, err := parseOffsets("code", pos[2], pos[3])
	if err != nil {
		return err
	}
	s, d, err := c.openDocument(pos[0], pos[1], *coder)
	if err != nil {
		return err
	}
	defer s.Close()
	f := coding.Fragment{ID: coding.NewID(), DocID: d.ID, Start: start, End: end, Role: r, Valence: v, Labels: labels, Memo: *memo}
	if err := s.Do(coding.AddFragment{Fragment: f}); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, f.ID)
	return nil
}

// FragmentJSON is a fragment as `fragments --json` prints it (the tests
// that run the binary read it back with it).
type FragmentJSON struct {
	ID       string `json:"id"`
	DocID    string `json:"doc_id"`
	Document string `json:"document"`
	SpanJSON
	Role     string   `json:"role"`
	Valence  string   `json:"valence"`
	Labels   []string `json:"labels"`
	Coder    string   `json:"coder"`
	Memo     string   `json:"memo"`
	Text     string   `json:"text"`
	Created  string   `json:"created"`
	Modified string   `json:"modified"`
}

func (c *cli) fragments(args []string) error {
	fs := newFlags("fragments")
	doc := fs.String("doc", "", "only this document")
	asJSON := fs.Bool("json", false, "print JSON")
	s, docs, err := c.parseProject(fs, args, "fragments PROJECT [--doc DOC] [--json]")
	if err != nil {
		return err
	}
	defer s.Close()
	titles := map[string]string{}
	for _, d := range docs {
		titles[d.ID] = d.Title
	}
	docID := ""
	if *doc != "" {
		d, err := session.FindDocumentIn(docs, *doc)
		if err != nil {
			return err
		}
		docID = d.ID
	}
	frags, err := s.Fragments(docID)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]FragmentJSON, 0, len(frags))
		for _, f := range frags {
			out = append(out, FragmentJSON{f.ID, f.DocID, titles[f.DocID], SpanJSON{f.Page, f.Start, f.End}, string(f.Role), string(f.Valence), nonNil(f.Labels), f.Coder, f.Memo, f.Text,
				f.Created.UTC().Format(time.RFC3339Nano), f.Modified.UTC().Format(time.RFC3339Nano)})
		}
		return writeJSON(c.stdout, out)
	}
	for _, f := range frags {
		fmt.Fprintf(c.stdout, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", f.ID, f.DocID, f.Page, f.Start, f.End, f.Role, f.Valence,
			strings.Join(f.Labels, ";"), f.Coder, strings.Join(strings.Fields(f.Text), " "))
	}
	return nil
}

func (c *cli) cmoc(args []string) error {
	fs := newFlags("cmoc")
	statement := fs.String("statement", "", "the one-line statement")
	narrative := fs.String("narrative", "", "a narrative paragraph")
	theory := fs.String("theory", "", "programme theory (created if new)")
	coder := fs.String("coder", "", "who builds it")
	var frags, labels listFlag
	fs.Var(&frags, "fragment", "a fragment id (repeatable)")
	fs.Var(&labels, "label", "a label (repeatable)")
	pos, err := parseN(fs, args, 1, "cmoc PROJECT --statement S --fragment ID... [--theory NAME] [--label L]")
	if err != nil {
		return err
	}
	if len(frags) == 0 {
		return usagef("cmoc: at least one --fragment is required")
	}
	s, err := c.open(pos[0], *coder)
	if err != nil {
		return err
	}
	defer s.Close()
	cm := coding.CMOC{ID: coding.NewID(), Statement: *statement, Narrative: *narrative, Labels: labels}
	for _, ref := range frags {
		f, err := s.FindFragment(ref)
		if err != nil {
			return err
		}
		cm.Fragments = append(cm.Fragments, f.ID)
	}
	if err := s.Do(coding.AddCMOC{CMOC: cm, TheoryName: strings.TrimSpace(*theory)}); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, cm.ID)
	return nil
}

func (c *cli) extract(args []string) error {
	fs := newFlags("extract")
	password := fs.String("password", "", "password of an encrypted PDF")
	boxes := fs.Bool("boxes", false, "print every page's characters with their boxes as JSON")
	ocr := fs.String("ocr", "", "auto: read pages whose fonts have no usable character map with Tesseract (OCR), as add does")
	lang := fs.String("lang", "", "Tesseract language(s) for --ocr, e.g. eng or eng+deu (default eng)")
	pos, err := parseN(fs, args, 1, "extract FILE [--password P] [--boxes] [--ocr auto [--lang L]]")
	if err != nil {
		return err
	}
	if *ocr != "" && *ocr != "auto" {
		return usagef("--ocr takes auto, not %q", *ocr)
	}
	if !session.IsTextName(pos[0]) {
		if err := session.CheckPDFSize("extract", pos[0]); err != nil {
			return err
		}
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return coding.E(coding.KindNotFound, "extract", pos[0], coding.PathCause(err))
	}
	if name := filepath.Base(pos[0]); session.IsTextDocument(name, data) {
		pages, err := session.TextDocumentPages(name, data)
		if err != nil {
			return err
		}
		return c.printExtracted(pages, *boxes)
	}
	eng, err := session.NewEngine()
	if err != nil {
		return err
	}
	defer eng.Close()
	ex, err := eng.Extract(c.ctx, data, *password)
	if err != nil {
		return coding.E(coding.KindInvalid, "extract", filepath.Base(pos[0]), err)
	}
	if *ocr == "auto" {
		if err := session.ReadByOCR(c.ctx, eng, data, *password, ex, c.addOCROptions("extract", false, *lang)); err != nil {
			return coding.E(coding.KindInvalid, "extract", filepath.Base(pos[0]), err)
		}
	}
	for _, w := range ex.Warnings {
		c.warn("extract", filepath.Base(pos[0])+": "+w)
	}
	return c.printExtracted(ex.Pages, *boxes)
}

// printExtracted prints a document's pages as extract does: the text with
// pages separated by form feeds, or with boxes every character's box.
func (c *cli) printExtracted(pages []coding.Page, boxes bool) error {
	if boxes {
		return pdfview.WriteBoxesJSON(c.stdout, pages)
	}
	_, err := io.WriteString(c.stdout, coding.NewText(pages).String())
	return err
}
