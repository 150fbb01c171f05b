package gui

import (
	"image/color"
	"math"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview/pageview"
)

// The selection on the page is told apart from every role's highlight
// (the Context one above all, which was blue like it): as drawn over the
// white page, the two differ by at least minSelectionDistance (CIE76 ΔE,
// where 2.3 is just noticeable) for normal sight and for simulated
// protanopia, deuteranopia and tritanopia.
func TestSelectionColourStandsApartFromRoles(t *testing.T) {
	const minSelectionDistance = 25
	sel := overWhite(pageview.SelectionColour)
	for _, r := range coding.Roles {
		fill := overWhite(pageview.HighlightFill(roleColour(r)))
		for _, v := range visions {
			if d := deltaE(lab(sel, v.m), lab(fill, v.m)); d < minSelectionDistance {
				t.Errorf("%s: the selection is %.1f from the %s highlight, want %d or more", v.name, d, r, minSelectionDistance)
			}
		}
	}
}

// visions are the colour-blindness simulations of Machado, Oliveira and
// Fernandes (2009) at full severity, on linear RGB.
var visions = []struct {
	name string
	m    [3][3]float64
}{
	{"normal sight", [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
	{"protanopia", [3][3]float64{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}},
	{"deuteranopia", [3][3]float64{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}},
	{"tritanopia", [3][3]float64{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}},
}

// overWhite is a translucent colour as it shows on the white page, as
// linear RGB.
func overWhite(c color.NRGBA) [3]float64 {
	a := float64(c.A) / 255
	var out [3]float64
	for i, v := range []uint8{c.R, c.G, c.B} {
		s := float64(v)/255*a + 1 - a
		if s <= 0.04045 {
			out[i] = s / 12.92
		} else {
			out[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return out
}

// lab is a linear RGB colour, as seen through m, in CIELAB (D65).
func lab(c [3]float64, m [3][3]float64) [3]float64 {
	var v [3]float64
	for i := range v {
		v[i] = min(max(m[i][0]*c[0]+m[i][1]*c[1]+m[i][2]*c[2], 0), 1)
	}
	x := (0.4124*v[0] + 0.3576*v[1] + 0.1805*v[2]) / 0.95047
	y := 0.2126*v[0] + 0.7152*v[1] + 0.0722*v[2]
	z := (0.0193*v[0] + 0.1192*v[1] + 0.9505*v[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}
