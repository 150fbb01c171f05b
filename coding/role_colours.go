package coding

import "image/color"

// RoleColour is a role's colour wherever roles are drawn — the app's
// highlights and buttons, and the figures for print: Okabe & Ito's
// palette, told apart by the common kinds of colour blindness. What is
// drawn in it also carries the role's name or letters, so colour is never
// the only cue (greyscale print loses it).
func RoleColour(r Role) color.NRGBA {
	switch r {
	case Context:
		return color.NRGBA{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff} // sky blue
	case Resource:
		return color.NRGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff} // orange
	case Reasoning:
		return color.NRGBA{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff} // reddish purple
	case Outcome:
		return color.NRGBA{R: 0x00, G: 0x9e, B: 0x73, A: 0xff} // bluish green
	}
	return UnclassifiedGrey
}

// UnclassifiedGrey is the neutral colour of a fragment without a role (and
// of anything unknown): no hue, so that it never reads as one of the four.
var UnclassifiedGrey = color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
