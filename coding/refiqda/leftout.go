package refiqda

import (
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// LeftOut counts what an import left out, by kind and reason, for its
// summary: "3 pictures, 1 audio source (cmocoder codes text and PDFs
// only); 2 coded passages (not found in cmocoder's text of the PDF)".
type LeftOut []Omission

// Omission is N things of one kind (What, singular) left out for one
// reason (Why).
type Omission struct {
	N         int
	What, Why string
}

// Why cmocoder leaves things out, as the summary says it.
const (
	WhyMedia = "cmocoder codes text and PDFs only"
	whyKind  = "not a kind of source cmocoder reads"
)

// Add counts n more things of a kind left out for a reason.
func (l *LeftOut) Add(n int, what, why string) {
	if n <= 0 {
		return
	}
	for i, o := range *l {
		if o.What == what && o.Why == why {
			(*l)[i].N += n
			return
		}
	}
	*l = append(*l, Omission{n, what, why})
}

// String is the summary: the kinds of each reason, then the reason in
// brackets, reasons in the order first counted; "" when nothing was left
// out.
func (l LeftOut) String() string {
	var whys []string
	byWhy := map[string][]string{}
	for _, o := range l {
		if byWhy[o.Why] == nil {
			whys = append(whys, o.Why)
		}
		byWhy[o.Why] = append(byWhy[o.Why], coding.Count(o.N, o.What))
	}
	parts := make([]string, len(whys))
	for i, why := range whys {
		parts[i] = strings.Join(byWhy[why], ", ") + " (" + why + ")"
	}
	return strings.Join(parts, "; ")
}

// mediaNouns name the sources cmocoder does not code.
var mediaNouns = map[string]string{"PictureSource": "picture", "AudioSource": "audio source", "VideoSource": "video"}

// OutOfScope counts the file's sources that are neither PDFs nor texts:
// pictures, audio and video (cmocoder codes neither), and any kind of
// source it does not know.
func (im *Import) OutOfScope() LeftOut {
	var out LeftOut
	if im.in.File == nil {
		return nil
	}
	for _, src := range im.in.File.Sources {
		switch src.Kind {
		case "PDFSource", "TextSource":
			continue
		}
		if noun, ok := mediaNouns[src.Kind]; ok {
			out.Add(1, noun, WhyMedia)
		} else {
			out.Add(1, src.Kind, whyKind)
		}
	}
	return out
}

// Skip counts a source the caller could not make a document of, and why
// ("file not in team.qdpx", "unreadable", "empty"), and its coded
// passages.
func (im *Import) Skip(src Source, why string) {
	what := "source"
	switch src.Kind {
	case "PDFSource":
		what = "PDF source"
	case "TextSource":
		what = "text source"
	}
	im.skipped.Add(1, what, why)
	if src.Text != nil {
		im.skipped.Add(len(src.Text.Selections), "coded passage", "their source is left out")
	}
}

// Omitted is all the import left out: the sources out of its scope
// (OutOfScope), those Skip counted, and what Apply left out.
func (im *Import) Omitted() LeftOut {
	var out LeftOut
	for _, l := range []LeftOut{im.OutOfScope(), im.skipped, im.LeftOut} {
		for _, o := range l {
			out.Add(o.N, o.What, o.Why)
		}
	}
	return out
}
