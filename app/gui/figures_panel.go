package gui

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"math"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/figure"
)

// figuresPanel shows the figures `cmocoder figure` draws — the
// programme-theory diagram and the evidence map — as they will print, so
// the reviewer sees them change with the coding, and saves them (SVG, PDF
// or PNG at 300 dpi) or copies them into a document. The figure is laid
// out and rasterised off the UI goroutine.
type figuresPanel struct {
	pv     *projectView
	kind   *widget.Select
	theory *widget.Select
	by     *widget.Select
	group  *widget.Select
	all    *widget.Check // excluded sources too (excluded_check.go)
	// theoryBox and mapBox hold the theory choice and the map's choices
	// (rows, grouping), each shown for the kind it applies to.
	theoryBox, mapBox fyne.CanvasObject
	format            *widget.Select
	image             *canvas.Image
	scroll            *container.Scroll
	note              *widget.Label
	content           fyne.CanvasObject
	fig               *figure.Figure // the figure shown, for Save as… and Copy image
	shown             string         // its kind
	loads             int            // reloads started, so that only the last one is shown
	loading           bool
	ready             bool // built: choices made while building draw nothing
}

// The figures' choices as the panel names them.
var (
	figureKindNames   = []string{"Programme-theory diagram", "Evidence map", "Flow of sources"}
	figureFormatNames = []string{"PNG (300 dpi)", "SVG", "PDF"}
	figureFormats     = []string{figure.PNG, figure.SVG, figure.PDF}
	figureGroupNames  = []string{"Sources in import order", "Sources by design", "Sources by relevance", "Sources by rigour"}
	figureGroups      = append([]string{""}, figure.Groups...)
)

// allTheories is the theory choice that draws every theory.
const allTheories = "All theories"

// screenDPI is the resolution a figure is shown at: twice the 96 dpi of a
// plain screen, so it is sharp on a high-density one too.
const (
	screenDPI    = 192
	screenPixels = 40_000_000 // a whole review's diagram is drawn coarser
)

func newFiguresPanel(pv *projectView) *figuresPanel {
	p := &figuresPanel{pv: pv}
	p.kind = widget.NewSelect(figureKindNames, func(string) { p.choicesChanged() })
	p.theory = widget.NewSelect([]string{allTheories}, func(string) { p.reload() })
	p.by = widget.NewSelect(matrixRowNames, func(string) { p.reload() })
	p.group = widget.NewSelect(figureGroupNames, func(string) { p.reload() })
	p.all = newExcludedCheck(p.reload)
	p.format = widget.NewSelect(figureFormatNames, nil)
	p.format.SetSelectedIndex(0)
	p.image = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	p.image.FillMode = canvas.ImageFillContain
	p.image.ScaleMode = canvas.ImageScaleSmooth
	p.scroll = container.NewScroll(container.NewVBox(container.NewHBox(layout.NewSpacer(), p.image, layout.NewSpacer())))
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	save := widget.NewButton("Save as…", p.saveAs)
	copyImage := widget.NewButton("Copy image", p.copyImage)
	wide := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	p.theoryBox = wide(240, p.theory)
	p.mapBox = container.NewHBox(wide(210, p.by), wide(230, p.group))
	controls := container.NewHBox(wide(250, p.kind), p.theoryBox, p.mapBox, p.all, widget.NewSeparator(),
		wide(150, p.format), save, copyImage)
	p.content = container.NewBorder(container.NewVBox(controls, p.note), nil, nil, nil, p.scroll)
	p.kind.SetSelectedIndex(0)
	p.theory.SetSelectedIndex(0)
	p.by.SetSelectedIndex(0)
	p.group.SetSelectedIndex(0)
	p.ready = true // the tab's first showing draws the figure
	return p
}

// choicesChanged shows the choices that apply to the kind chosen and
// draws it.
func (p *figuresPanel) choicesChanged() {
	if p.theoryBox == nil || p.mapBox == nil {
		return
	}
	p.all.Show()
	switch p.kindName() {
	case figure.KindTheories:
		p.theoryBox.Show()
		p.mapBox.Hide()
	case figure.KindMap:
		p.theoryBox.Hide()
		p.mapBox.Show()
	default: // the flow counts every source, excluded or not
		p.theoryBox.Hide()
		p.mapBox.Hide()
		p.all.Hide()
	}
	p.reload()
}

func (p *figuresPanel) kindName() string {
	switch p.kind.SelectedIndex() {
	case 1:
		return figure.KindMap
	case 2:
		return figure.KindFlow
	}
	return figure.KindTheories
}

// options are the figure options the choices make.
func (p *figuresPanel) options() figure.Options {
	opt := figure.Options{By: matrixBy(p.by.SelectedIndex()), Group: figureGroups[max(p.group.SelectedIndex(), 0)], All: p.all.Checked}
	if th := p.theory.Selected; th != allTheories {
		opt.Theory = th
	}
	return opt
}

// reload lays the figure out again from the project, and rasterises it
// for the screen, on a goroutine of its own.
func (p *figuresPanel) reload() {
	if !p.ready {
		return
	}
	p.loads++
	load := p.loads
	p.loading = true
	p.note.SetText("Drawing the figure…")
	kind, opt := p.kindName(), p.options()
	s := p.pv.session
	go func() {
		var names []string
		var img image.Image
		ep, err := session.ExportProject(s)
		var fig *figure.Figure
		if err == nil {
			for _, t := range ep.Theories {
				names = append(names, t.Name)
			}
			if opt.Theory != "" && !slices.Contains(names, opt.Theory) {
				opt.Theory = "" // renamed or deleted: draw them all
			}
			fig, err = figure.Build(ep, kind, opt)
		}
		if err == nil {
			img, err = fig.Image(displayDPI(fig))
		}
		runOnUI(func() {
			if load != p.loads {
				return // a newer reload is under way
			}
			p.loading = false
			p.setTheories(names)
			if err != nil {
				p.note.SetText(session.OneLine(err))
				p.pv.readFailed("figure", err)
				return
			}
			p.show(fig, kind, img)
		})
	}()
}

// displayDPI is the resolution a figure is drawn at for the screen: sharp,
// unless that would take more than screenPixels.
func displayDPI(f *figure.Figure) float64 {
	inches := f.Width / 25.4 * f.Height / 25.4
	return math.Min(screenDPI, math.Floor(math.Sqrt(screenPixels/inches)))
}

// setTheories offers the project's theories, keeping the one chosen.
func (p *figuresPanel) setTheories(names []string) {
	opts := append([]string{allTheories}, names...)
	if slices.Equal(opts, p.theory.Options) {
		return
	}
	chosen := p.theory.Selected
	p.theory.Options = opts
	if !slices.Contains(opts, chosen) {
		chosen = allTheories
	}
	p.theory.Selected = chosen // without OnChanged: this is not a new choice
	p.theory.Refresh()
}

// shownZoom is how much larger than print size a figure is shown on a
// 96 dpi screen: print sizes of text (6–8 pt) are small to read there.
const shownZoom = 1.5

// show puts a figure on screen.
func (p *figuresPanel) show(fig *figure.Figure, kind string, img image.Image) {
	p.fig, p.shown = fig, kind
	p.image.Image = img
	px := func(mm float64) float32 { return float32(mm / 25.4 * 96 * shownZoom) }
	p.image.SetMinSize(fyne.NewSize(px(fig.Width), px(fig.Height)))
	p.image.Refresh()
	p.scroll.Refresh()
	p.note.SetText(fmt.Sprintf("As it prints, %.0f × %.0f mm. Save as… writes it as SVG (real text), PDF (fonts embedded) or PNG at 300 dpi, as `cmocoder figure` does.", fig.Width, fig.Height))
}

// saveAs writes the figure shown in the format chosen, asking where.
func (p *figuresPanel) saveAs() {
	fig, kind := p.fig, p.shown
	if fig == nil {
		return
	}
	format := figureFormats[max(p.format.SelectedIndex(), 0)]
	ws := p.pv.ws
	ws.chooseSaveFile(projectFileNameBase(ws.projectTitle())+" - "+kind+"."+format, "."+format, func(path string) {
		p.writeFigure(fig, format, path)
	})
}

// writeFigure writes a figure to path off the UI goroutine (a tall
// diagram at 300 dpi takes a moment), whole or not at all.
func (p *figuresPanel) writeFigure(fig *figure.Figure, format, path string) {
	ws := p.pv.ws
	go func() {
		err := session.WriteFileAtomic(path, func(w io.Writer) error { return fig.Write(w, format, figure.DefaultDPI) })
		runOnUI(func() {
			if err != nil {
				ws.fail(err)
				return
			}
			ws.say("Saved the figure to %s.", filepath.Base(path))
		})
	}()
}

// copyImage puts the figure shown on the clipboard as a 300 dpi PNG.
func (p *figuresPanel) copyImage() {
	fig := p.fig
	if fig == nil {
		return
	}
	ws := p.pv.ws
	go func() {
		var buf bytes.Buffer
		err := fig.Write(&buf, figure.PNG, figure.DefaultDPI)
		if err == nil {
			err = copyPNG(buf.Bytes())
		}
		runOnUI(func() {
			if err != nil {
				ws.fail(err)
				return
			}
			ws.say("Copied the figure (PNG, 300 dpi): paste it into a document.")
		})
	}()
}
