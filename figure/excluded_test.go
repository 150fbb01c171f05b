package figure

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestFiguresLeaveOutExcluded: by default an excluded source has no
// column in the evidence map (whose note says one was left out), its
// grouping still works, and its quotes are not in the theories diagram;
// with All both show it.
func TestFiguresLeaveOutExcluded(t *testing.T) {
	p := review()
	p.Documents[0].Rigour.Judgement = coding.Low
	p.Documents[1].Rigour.Judgement = coding.High
	p.Documents[0].Decision = coding.Exclude // Tully et al. 2010
	for _, all := range []bool{false, true} {
		m, err := Map(p, Options{Group: GroupRigour, Width: 400, All: all})
		if err != nil {
			t.Fatal(err)
		}
		text := allText(m)
		if has := strings.Contains(text, "Tully"); has != all {
			t.Errorf("all %v: map names Tully: %v\n%s", all, has, text)
		}
		if note := strings.Contains(text, "left out as excluded"); note == all {
			t.Errorf("all %v: map's note on the excluded source: %v\n%s", all, note, text)
		}
		if !all && !strings.Contains(text, "Rigour: high") {
			t.Errorf("the grouping is gone: %s", text)
		}
		th, err := Theories(p, Options{All: all})
		if err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(allText(th), "listening rounds"); has != all {
			t.Errorf("all %v: diagram quotes the excluded source: %v", all, has)
		}
	}
}
