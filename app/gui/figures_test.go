package gui

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/figure/figuretest"
)

// shownFigure waits until the Figures tab has drawn, and returns the
// text of the figure shown.
func shownFigure(t *testing.T, p *figuresPanel) string {
	t.Helper()
	waitFor(t, "the figure to be drawn", func() bool { return !p.loading && p.fig != nil })
	var b strings.Builder
	for _, tx := range p.fig.Texts {
		b.WriteString(tx.S + " ")
	}
	return b.String()
}

// The Figures tab draws the demo's programme-theory diagram in the roles'
// colours, draws it again when the coding changes (a renamed theory), and
// switches to the evidence map; Save as… writes the file.
func TestFiguresTab(t *testing.T) {
	ws, _ := openWorkspace(t)
	ws.pv.showTab("Figures")
	p := ws.pv.tabsView.figures
	if text := shownFigure(t, p); !strings.Contains(text, "Leading for quality") || !strings.Contains(text, "low staff motivation") {
		t.Fatalf("the diagram says %q", text)
	}
	img, ok := p.image.Image.(*image.RGBA)
	if !ok || img.Bounds().Dx() < 1000 {
		t.Fatalf("the image shown is %T %v", p.image.Image, p.image.Image.Bounds())
	}
	for _, r := range coding.Roles {
		if !hasColour(img, coding.RoleColour(r)) {
			t.Errorf("the diagram shown has no %s colour", r)
		}
	}

	theories, err := ws.session.Theories()
	if err != nil || len(theories) != 1 {
		t.Fatalf("theories %v, %v", theories, err)
	}
	th := theories[0]
	th.Name = "Leading for safety"
	if !ws.pv.do(coding.PutTheory{Theory: th}) {
		t.Fatal("renaming the theory failed")
	}
	if text := shownFigure(t, p); !strings.Contains(text, "Leading for safety") {
		t.Errorf("after the rename the diagram says %q", text)
	}
	if got := p.theory.Options; len(got) != 2 || got[1] != "Leading for safety" {
		t.Errorf("theories offered: %q", got)
	}

	p.kind.SetSelectedIndex(1)
	if text := shownFigure(t, p); !strings.Contains(text, "Mechanisms by source") || !p.mapBox.Visible() || p.theoryBox.Visible() {
		t.Errorf("the map says %q; map choices shown %v, theory choice shown %v", text, p.mapBox.Visible(), p.theoryBox.Visible())
	}
	p.group.SetSelectedIndex(3) // by rigour
	if text := shownFigure(t, p); !strings.Contains(text, "Rigour: moderate") {
		t.Errorf("the map grouped by rigour says %q", text)
	}

	for _, format := range []string{"svg", "png"} {
		path := filepath.Join(t.TempDir(), "map."+format)
		p.writeFigure(p.fig, format, path)
		waitFor(t, "map."+format+" to be saved", func() bool { return strings.HasPrefix(ws.status.Text, "Saved the figure to map."+format) })
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if format == "svg" {
			figuretest.CheckSVG(t, data, "Mechanisms by source", "Agyeman-Duah et al. 2014")
		} else {
			figuretest.CheckPNG(t, data, p.fig.Width, 300)
		}
	}
}

func hasColour(img *image.RGBA, c color.NRGBA) bool {
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if img.Pix[i] == c.R && img.Pix[i+1] == c.G && img.Pix[i+2] == c.B {
			return true
		}
	}
	return false
}
