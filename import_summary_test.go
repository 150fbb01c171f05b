package main

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/testfiles"
)

// qdeSources is what this test reads of a project.qde's sources: each
// source's element, file, own text and number of text selections.
type qdeSources struct {
	Sources struct {
		Any []struct {
			XMLName        xml.Name
			Path           string  `xml:"path,attr"`
			PlainTextPath  string  `xml:"plainTextPath,attr"`
			Content        *string `xml:"PlainTextContent"`
			SelectionGUIDs []struct {
				GUID string `xml:"guid,attr"`
			} `xml:"PlainTextSelection"`
			Representation *struct {
				Selections []struct {
					GUID string `xml:"guid,attr"`
				} `xml:"PlainTextSelection"`
			} `xml:"Representation"`
		} `xml:",any"`
	} `xml:"Sources"`
}

// sampleFiles are the files of a .qdpx by lower-case name, or a bare
// .qde (or .qdc) as "project.qde".
func sampleFiles(t *testing.T, file string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if filepath.Ext(file) == ".qdpx" {
		zr, err := zip.OpenReader(file)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			files[strings.ToLower(f.Name)] = testfiles.ReadZipped(t, f)
		}
	} else {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		files["project.qde"] = data
	}
	return files
}

// count is "1 picture", "2 pictures".
func count(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// leftOutLine is the summary line an import of the sample should print,
// from this test's own reading of it: pictures, audio and video (out of
// scope), PDF and text sources whose file is not in it or whose text is
// empty, and the coded passages of those sources; "" when nothing is left
// out.
func leftOutLine(t *testing.T, file string) string {
	t.Helper()
	files := sampleFiles(t, file)
	var q qdeSources
	if err := xml.Unmarshal(files["project.qde"], &q); err != nil {
		t.Fatal(err)
	}
	var media, missing []string
	n := map[string]int{}
	empty, passages := 0, 0
	for _, s := range q.Sources.Any {
		kind := s.XMLName.Local
		switch kind {
		case "PictureSource", "AudioSource", "VideoSource":
			n[kind]++
			continue
		}
		p, text := s.Path, s.Content
		sels := len(s.SelectionGUIDs)
		if kind == "TextSource" {
			p = s.PlainTextPath
		} else if s.Representation != nil {
			sels = len(s.Representation.Selections)
		}
		data, ok := files["sources/"+strings.ToLower(strings.TrimPrefix(p, "internal://"))]
		switch {
		case kind == "TextSource" && text != nil:
			ok, data = true, []byte(*text)
		case !ok:
			n[kind+" missing"]++
			passages += sels
		}
		if ok && kind == "TextSource" && strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff")) == "" {
			empty++
			passages += sels
		}
	}
	for _, k := range []struct{ kind, noun string }{{"PictureSource", "picture"}, {"AudioSource", "audio source"}, {"VideoSource", "video"}} {
		if n[k.kind] > 0 {
			media = append(media, count(n[k.kind], k.noun))
		}
	}
	for _, k := range []struct{ kind, noun string }{{"PDFSource missing", "PDF source"}, {"TextSource missing", "text source"}} {
		if n[k.kind] > 0 {
			missing = append(missing, count(n[k.kind], k.noun))
		}
	}
	var parts []string
	if len(media) > 0 {
		parts = append(parts, strings.Join(media, ", ")+" (cmocoder codes text and PDFs only)")
	}
	if len(missing) > 0 {
		parts = append(parts, strings.Join(missing, ", ")+" (file not in "+filepath.Base(file)+")")
	}
	if empty > 0 {
		parts = append(parts, count(empty, "text source")+" (empty)")
	}
	if passages > 0 {
		parts = append(parts, count(passages, "coded passage")+" (their source is left out)")
	}
	if len(parts) == 0 {
		return ""
	}
	return "left out: " + strings.Join(parts, "; ")
}

// TestImportSummaryLeftOut: the import of each sample ends its summary
// with one line counting what was left out, by kind, with the reason;
// pictures, audio and video are said once, and not again on stderr.
func TestImportSummaryLeftOut(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(refiSamples, "*.qd*"))
	if err != nil || len(files) < 7 {
		t.Fatalf("samples %q, %v", files, err)
	}
	lines := 0
	for _, file := range files {
		want := leftOutLine(t, file)
		r := run(t, "import", newProject(t), file)
		out := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		got := ""
		if len(out) > 1 {
			got = out[1]
		}
		if r.code != 0 || !strings.HasPrefix(out[0], "imported: ") || len(out) > 2 || got != want {
			t.Errorf("%s: exit %d, stdout\n%s\nwant a second line %q", filepath.Base(file), r.code, r.stdout, want)
		}
		if strings.Contains(r.stderr, "cmocoder codes") || strings.Contains(r.stderr, "PictureSource") {
			t.Errorf("%s: stderr repeats the sources out of scope:\n%s", filepath.Base(file), r.stderr)
		}
		if want != "" {
			lines++
		}
	}
	if lines < 3 {
		t.Errorf("only %d samples leave something out; the test reads them wrong", lines)
	}
}
