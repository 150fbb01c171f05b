package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/pdfview"
)

// ocr is the `ocr` verb: cmocoder ocr PROJECT DOC [--lang L] [--all]
// [--password P].
func (c *cli) ocr(args []string) error {
	fs := newFlags("ocr")
	password := fs.String("password", "", "password of an encrypted PDF (never stored)")
	lang := fs.String("lang", "", "Tesseract language(s), e.g. eng or eng+deu (default eng)")
	all := fs.Bool("all", false, "read every page by OCR, not only those without text")
	s, d, err := c.parseDocument(fs, args, "ocr PROJECT DOC [--lang L] [--all] [--password P]")
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := pdfview.FindTesseract(); err != nil {
		return err
	}
	eng, err := session.NewEngine()
	if err != nil {
		return err
	}
	defer eng.Close()
	progress, finish := c.ocrProgress("ocr", d.FileName)
	d, err = s.OCR(c.ctx, eng, d.ID, session.OCROptions{Password: *password, Lang: *lang, All: *all, Progress: progress})
	finish()
	if err != nil {
		return err
	}
	for _, w := range d.Warnings {
		c.warn("ocr", d.FileName+": "+w)
	}
	fmt.Fprintf(c.stdout, "%s\t%d\t%s\n", d.ID, d.Pages, d.Title)
	return nil
}

// addOCROptions are the OCR options of `add [--ocr] [--lang L]` and
// `extract --ocr auto` (verb). Without Tesseract the files still go in
// (marked needs OCR, or with their unreadable text) and the how-to line is
// printed once.
func (c *cli) addOCROptions(verb string, useOCR bool, lang string) session.ImportOptions {
	told := false
	progress, _ := c.ocrProgress(verb, "")
	return session.ImportOptions{OCR: useOCR, Lang: lang, Progress: progress, OCRFailed: func(err error) {
		if errors.Is(err, pdfview.ErrNoTesseract) {
			if !told {
				c.warn(verb, session.OneLine(err))
			}
			told = true
			return
		}
		c.warn(verb, "OCR not done: "+session.OneLine(err))
	}}
}

// terminal is w as the terminal it writes to, if it is one: progress is
// shown there, and not written into a script's output or a log.
func terminal(w io.Writer) (*os.File, bool) {
	f, ok := w.(*os.File)
	if !ok {
		return nil, false
	}
	st, err := f.Stat()
	return f, err == nil && st.Mode()&os.ModeCharDevice != 0
}

// ocrProgress reports OCR page by page on a terminal ("cmocoder: ocr: NAME:
// OCR page 3 of 12", rewritten in place); finish ends the line. Elsewhere
// (a script, a log) it says nothing.
func (c *cli) ocrProgress(verb, name string) (progress func(done, total int), finish func()) {
	f, ok := terminal(c.stderr)
	if !ok {
		return nil, func() {}
	}
	if name != "" {
		name += ": "
	}
	var mu sync.Mutex
	shown := false
	progress = func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(f, "\rcmocoder: %s: %sOCR page %d of %d", verb, name, done, total)
		shown = done < total
		if !shown {
			fmt.Fprintln(f)
		}
	}
	finish = func() {
		mu.Lock()
		defer mu.Unlock()
		if shown {
			fmt.Fprintln(f)
			shown = false
		}
	}
	return progress, finish
}
