package gui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview/pageview"
)

// roleColour is the colour of a role's highlights (coding.RoleColour, the
// one palette the app and the figures share).
func roleColour(r coding.Role) color.NRGBA { return coding.RoleColour(r) }

// unclassifiedGrey is the neutral colour of a fragment without a role.
var unclassifiedGrey = coding.UnclassifiedGrey

// roleKey is the key that codes a selection with a role (1–4 work too), or
// leaves it unclassified (U, or 5).
func roleKey(r coding.Role) fyne.KeyName {
	switch r {
	case coding.Context:
		return fyne.KeyC
	case coding.Resource:
		return fyne.KeyR
	case coding.Reasoning:
		return fyne.KeyM
	case coding.Outcome:
		return fyne.KeyO
	case coding.Unclassified:
		return fyne.KeyU
	}
	return ""
}

// roleForKey is the role a key stands for, if any.
func roleForKey(k fyne.KeyName) (coding.Role, bool) {
	switch k {
	case fyne.KeyC, fyne.Key1:
		return coding.Context, true
	case fyne.KeyR, fyne.Key2:
		return coding.Resource, true
	case fyne.KeyM, fyne.Key3:
		return coding.Reasoning, true
	case fyne.KeyO, fyne.Key4:
		return coding.Outcome, true
	case fyne.KeyU, fyne.Key5:
		return coding.Unclassified, true
	}
	return "", false
}

// roleButtonText is a role's name on its button, with its key.
func roleButtonText(r coding.Role) string {
	name := map[coding.Role]string{coding.Context: "Context", coding.Resource: "M resource",
		coding.Reasoning: "M reasoning", coding.Outcome: "Outcome", coding.Unclassified: "Unclassified"}[r]
	return name + " (" + string(roleKey(r)) + ")"
}

// fragmentTag is the tag drawn beside a fragment's highlight: its role's
// letters and its valence.
func fragmentTag(f coding.Fragment) string {
	return f.Role.Letter() + f.Valence.Sign()
}

// highlightTag is the tag drawn on the page beside a fragment: its
// fragmentTag, and for an unclassified fragment its labels too, since
// without a role they are all that tells its grey apart ("U Staffing,
// Trust"), clipped to stay in the margin.
func highlightTag(f coding.Fragment) string {
	tag := fragmentTag(f)
	if f.Role == coding.Unclassified && len(f.Labels) > 0 {
		tag += " " + coding.Clip(strings.Join(f.Labels, ", "), 24)
	}
	return tag
}

// highlights turns fragments into the page view's highlights.
func highlights(frags []coding.Fragment) []pageview.Highlight {
	out := make([]pageview.Highlight, 0, len(frags))
	for _, f := range frags {
		out = append(out, pageview.Highlight{ID: f.ID, Start: f.Start, End: f.End, Colour: roleColour(f.Role), Tag: highlightTag(f)})
	}
	return out
}

// textOnColour picks black or white text for a background colour.
func textOnColour(c color.NRGBA) color.Color {
	if int(c.R)*3+int(c.G)*6+int(c.B) > 1280 {
		return color.Black
	}
	return color.White
}

// roleTip says what a role means, for the tooltip of its button.
func roleTip(r coding.Role) string {
	what := map[coding.Role]string{
		coding.Context:   "Context: a condition before or outside the programme that changes whether a mechanism fires",
		coding.Resource:  "Mechanism resource: what the programme offers or does",
		coding.Reasoning: "Mechanism reasoning: how people respond to that resource",
		coding.Outcome:   "Outcome: the result, intended or not",
		coding.Unclassified: "Unclassified: evidence with labels and no role yet, to classify later " +
			"(C, R, M or O on it gives it a role)",
	}[r]
	return what + ". Select a passage on the page, then press " + string(roleKey(r)) + "."
}
