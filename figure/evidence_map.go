package figure

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// Sizes of the evidence map, in points and millimetres.
const (
	mapPt        = 7.0
	mapRowH      = 5.0
	minCellW     = 3.6  // mm: 200 sources still fit a (wide) page, names rotated
	maxCellW     = 11.0 // mm: a few sources do not make a wall of colour
	maxNameH     = 38.0 // mm of rotated source name
	maxRowLabelW = 60.0 // mm
	totalsW      = 10.0 // mm each of Total and N
	singleColumn = 127.0
)

// shades are ColorBrewer's sequential Blues: lighter is fewer, and the
// order survives greyscale print; the count is written in every cell too.
var shades = []color.NRGBA{
	{R: 0xde, G: 0xeb, B: 0xf7, A: 0xff},
	{R: 0x9e, G: 0xca, B: 0xe1, A: 0xff},
	{R: 0x42, G: 0x92, B: 0xc6, A: 0xff},
	{R: 0x21, G: 0x71, B: 0xb5, A: 0xff},
	{R: 0x08, G: 0x45, B: 0x94, A: 0xff},
}

// mapData is the matrix as the export built it, read back into numbers:
// the map draws exactly what `export --table matrix` counts.
type mapData struct {
	rowHead string
	sources []string
	rows    []string
	counts  [][]int // [row][source]
	totals  []int   // per row
	ns      []int   // sources with evidence, per row
	colTot  []int   // per source
	grand   int
	nAll    int
	notes   []string
}

func readMatrix(t *export.Table) (mapData, error) {
	nSrc := len(t.Columns) - 3 // name, sources..., Total, N
	if nSrc < 0 {
		return mapData{}, fmt.Errorf("figure: the matrix has %d columns", len(t.Columns))
	}
	d := mapData{rowHead: t.Columns[0], sources: t.Columns[1 : 1+nSrc], notes: t.Notes}
	num := func(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }
	for _, r := range t.Rows {
		name := r[0]
		if i := strings.LastIndex(name, " (N = "); i > 0 {
			name = name[:i]
		}
		cells := make([]int, nSrc)
		for i := range cells {
			n, err := num(r[1+i])
			if err != nil {
				return mapData{}, fmt.Errorf("figure: matrix cell %q: %w", r[1+i], err)
			}
			cells[i] = n
		}
		total, err1 := num(r[1+nSrc])
		n, err2 := num(r[2+nSrc])
		if err1 != nil || err2 != nil {
			return mapData{}, fmt.Errorf("figure: matrix totals of %q", name)
		}
		d.rows = append(d.rows, name)
		d.counts = append(d.counts, cells)
		d.totals = append(d.totals, total)
		d.ns = append(d.ns, n)
	}
	if len(t.Footer) > 0 {
		f := t.Footer[0]
		for i := range nSrc {
			n, _ := num(f[1+i])
			d.colTot = append(d.colTot, n)
		}
		d.grand, _ = num(f[1+nSrc])
		d.nAll, _ = num(f[2+nSrc])
	}
	return d, nil
}

// Map lays out the evidence map: labels (or programme theories, opt.By
// "theories") down, sources across, each cell shaded by its number of
// fragments with the number in it, then each row's total and N (sources
// with evidence), a row of totals and a legend. Source names are set
// upright-rotated and shortened to fit; with many sources the figure
// grows wider rather than its cells unreadably narrow.
func Map(p *export.Project, opt Options) (*Figure, error) {
	if opt.Group != "" && !slices.Contains(Groups, opt.Group) {
		return nil, coding.Errorf(coding.KindInvalid, "figure", opt.Group, "unknown grouping %q (want %s)", opt.Group, strings.Join(Groups, ", "))
	}
	// The table's columns are shown.Documents; its notes say how many
	// excluded sources it left out.
	shown, _ := p.Shown(opt.All)
	t, _, err := export.Build(p, export.TableMatrix, export.Options{MatrixBy: opt.By, All: opt.All, Cite: opt.Cite})
	if err != nil {
		return nil, err
	}
	d, err := readMatrix(t)
	if err != nil {
		return nil, err
	}
	groups := d.group(shown.Documents, opt.Group)
	l := newLayout(width(opt))
	l.evidenceMap(d, t.Title, groups)
	return l.fig, nil
}

func (l *layout) evidenceMap(d mapData, title string, groups []string) {
	n := len(d.sources)
	labelW := l.measure(d.rowHead, mapPt, Bold)
	for _, r := range d.rows {
		labelW = max(labelW, l.measure(r, mapPt, Regular))
	}
	labelW = min(labelW, maxRowLabelW) + 2
	avail := l.fig.Width - 2*margin - labelW - 2*totalsW
	cellW := maxCellW
	if n > 0 {
		cellW = min(maxCellW, max(minCellW, avail/float64(n)))
	}
	// A group's name fits over its columns where the page has room.
	for start := 0; start < len(groups); {
		end := start
		for end < len(groups) && groups[end] == groups[start] {
			end++
		}
		need := (l.measure(groups[start], citePt, Bold) + 1.5) / float64(end-start)
		cellW = max(cellW, min(need, avail/float64(n)))
		start = end
	}
	// The figure is as wide as the table, at least a single journal
	// column (127 mm, 1,500 px at 300 dpi) for the notes below it, and
	// wider than asked when the sources need it.
	l.fig.Width = max(2*margin+labelW+2*totalsW+cellW*float64(n), min(l.fig.Width, singleColumn))
	// Rotated source names: a size that fits the column, and no longer
	// than maxNameH.
	namePt := min(mapPt, max(4.0, cellW/mmPerPt/1.35))
	nameH := 0.0
	for _, s := range d.sources {
		nameH = max(nameH, l.measure(s, namePt, Regular))
	}
	nameH = min(nameH, maxNameH) + 1.5
	countPt := min(mapPt, max(4.0, cellW/mmPerPt/1.1))

	y := margin
	y = l.paragraph(margin, y, l.fig.Width-2*margin, title, theorySize, Bold, ink, -1) + 2
	bandY := y
	if groups != nil {
		y += groupBandH + 1
	}
	top := y + nameH
	x0 := margin + labelW
	// Header: the rows' heading, the sources' names, Total and N.
	l.text(margin, top-1.2, l.clipToWidth(d.rowHead, mapPt, Bold, labelW-1), mapPt, Bold, ink, -1)
	for i, s := range d.sources {
		cx := x0 + float64(i)*cellW
		cell := l.rect(Rect{X: cx, Y: y, W: cellW, H: nameH})
		a, _ := ascentDescent(namePt, Regular)
		l.rotated(cx+cellW/2+a/2-0.2, top-0.8, l.clipToWidth(s, namePt, Regular, nameH-1.5), namePt, cell)
	}
	tx := x0 + float64(n)*cellW
	for j, h := range []string{"Total", "N"} { // right-aligned over their numbers
		l.text(tx+float64(j+1)*totalsW-1.5-l.measure(h, mapPt, Bold), top-1.2, h, mapPt, Bold, ink, -1)
	}
	l.fig.Lines = append(l.fig.Lines, Line{X0: margin, Y0: top, X1: tx + 2*totalsW, Y1: top, Colour: ink, Width: strokeThin})

	maxCount := 0
	for _, r := range d.counts {
		for _, c := range r {
			maxCount = max(maxCount, c)
		}
	}
	bins := shadeBins(maxCount)
	y = top
	for r, name := range d.rows {
		l.mapRow(y, labelW, cellW, countPt, l.clipToWidth(name, mapPt, Regular, labelW-1), d.counts[r], d.totals[r], d.ns[r], bins, false)
		y += mapRowH
	}
	l.fig.Lines = append(l.fig.Lines, Line{X0: margin, Y0: y, X1: tx + 2*totalsW, Y1: y, Colour: ink, Width: strokeThin})
	l.mapRow(y, labelW, cellW, countPt, "Total", d.colTot, d.grand, d.nAll, nil, true)
	if groups != nil {
		l.groupBands(groups, x0, cellW, bandY, y+mapRowH)
	}
	y += mapRowH + 3
	y = l.mapLegend(y, bins)
	for _, note := range d.notes {
		y = l.paragraph(margin, y+0.5, l.fig.Width-2*margin, note, citePt+0.5, Italic, darkGrey, -1)
	}
	l.fig.Height = y + margin
}

// rotated adds a line of text running upwards from its baseline's start.
func (l *layout) rotated(x, y float64, s string, size float64, in int) {
	t := l.text(x, y, s, size, Regular, ink, in)
	t.Rotated = true
	l.fig.Texts[len(l.fig.Texts)-1] = t
}

// mapRow draws one row of the map: its name, a cell per source (shaded
// by bins unless bins is nil), its total and N.
func (l *layout) mapRow(y, labelW, cellW, countPt float64, name string, counts []int, total, n int, bins []int, bold bool) {
	st := Regular
	if bold {
		st = Bold
	}
	base := y + mapRowH/2 + mapPt*mmPerPt*0.35
	l.text(margin, base, name, mapPt, st, ink, -1)
	x0 := margin + labelW
	for i, c := range counts {
		cx := x0 + float64(i)*cellW
		fill := color.Color(color.White)
		textC := color.Color(ink)
		if bins != nil && c > 0 {
			k := shadeOf(c, bins)
			fill = shades[k]
			if k >= 3 {
				textC = color.White
			}
		}
		cell := l.rect(Rect{X: cx, Y: y, W: cellW, H: mapRowH, Fill: fill, Stroke: ruleGrey, StrokeWidth: 0.1})
		if c > 0 {
			s := strconv.Itoa(c)
			size := countPt
			for size > 3 && l.measure(s, size, st) > cellW-0.4 { // a total of hundreds in a narrow column
				size -= 0.5
			}
			w := l.measure(s, size, st)
			l.text(cx+(cellW-w)/2, y+mapRowH/2+size*mmPerPt*0.35, s, size, st, textC, cell)
		}
	}
	tx := x0 + float64(len(counts))*cellW
	for j, v := range []int{total, n} {
		s := strconv.Itoa(v)
		w := l.measure(s, mapPt, Bold)
		l.text(tx+float64(j)*totalsW+totalsW-1.5-w, base, s, mapPt, Bold, ink, -1)
	}
}

// shadeBins are the upper bounds of the shades' classes for counts up to
// maxCount: one count a shade while they last, then even steps.
func shadeBins(maxCount int) []int {
	if maxCount <= len(shades) {
		bins := make([]int, maxCount)
		for i := range bins {
			bins[i] = i + 1
		}
		return bins
	}
	bins := make([]int, len(shades))
	for i := range bins {
		bins[i] = (maxCount*(i+1) + len(shades) - 1) / len(shades)
	}
	return bins
}

// shadeOf is the shade of a count: the class of the first bin holding it,
// the classes spread over the shades from light to dark.
func shadeOf(c int, bins []int) int {
	for i, b := range bins {
		if c <= b {
			if len(bins) == 1 {
				return len(shades) / 2
			}
			return i * (len(shades) - 1) / (len(bins) - 1)
		}
	}
	return len(shades) - 1
}

// mapLegend shows what each shade stands for.
func (l *layout) mapLegend(y float64, bins []int) float64 {
	const sw, sh = 6.0, 3.4
	x := margin
	l.text(x, y+sh*0.78, "Fragments per source:", citePt+0.5, Regular, ink, -1)
	x += l.measure("Fragments per source:", citePt+0.5, Regular) + 2
	lo := 1
	for _, b := range bins {
		label := strconv.Itoa(lo)
		if b > lo {
			label += "–" + strconv.Itoa(b)
		}
		l.rect(Rect{X: x, Y: y, W: sw, H: sh, Fill: shades[shadeOf(b, bins)], Stroke: ruleGrey, StrokeWidth: 0.1})
		l.text(x+sw+1, y+sh*0.78, label, citePt+0.5, Regular, ink, -1)
		x += sw + 2 + l.measure(label, citePt+0.5, Regular) + 2
		lo = b + 1
	}
	l.rect(Rect{X: x, Y: y, W: sw, H: sh, Fill: color.White, Stroke: ruleGrey, StrokeWidth: 0.1})
	l.text(x+sw+1, y+sh*0.78, "none", citePt+0.5, Regular, ink, -1)
	return y + sh + 1.5
}
