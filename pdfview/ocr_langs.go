package pdfview

import (
	"bufio"
	"context"
	"os/exec"
	"strings"
	"time"
)

// TesseractLanguages lists the languages Tesseract has data for, as
// `tesseract --list-langs` names them ("deu", "eng", …), for the app to
// offer: "osd" (orientation and script detection) is not a language to
// read a page in and is left out. Errors are *Error: ErrNoTesseract, or
// ErrOCR when the program cannot be run.
func TesseractLanguages(ctx context.Context) ([]string, error) {
	prog, err := FindTesseract()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, "--list-langs")
	cmd.WaitDelay = 2 * time.Second
	hideWindow(cmd)
	// Tesseract 3 wrote the list to stderr, later ones to stdout.
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, newError(ErrOCR, err, "cannot list Tesseract's languages: %v", err)
	}
	return parseLanguages(string(out)), nil
}

// parseLanguages reads the output of `tesseract --list-langs`: a heading
// line, then one language a line.
func parseLanguages(out string) []string {
	var langs []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l == "osd" || strings.ContainsAny(l, "+ ") || !validLang(l) {
			continue // the heading, a warning, or not a language
		}
		langs = append(langs, l)
	}
	return langs
}
