package refiqda

import (
	"fmt"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// labelNames hands out the names of the labels an import makes, each
// unique under coding.NameKey (the key the codebook holds names unique
// by), in time linear in the number of codes however many share a name.
type labelNames struct {
	taken map[string]bool // NameKey of every name handed out
	next  map[string]int  // NameKey of a numbered name's base -> the lowest number that may be free
	tried int             // numbered names tried: what would grow as n² if numbering started at 2 each time
}

func newLabelNames() *labelNames {
	return &labelNames{taken: map[string]bool{}, next: map[string]int{}}
}

// take is the name of a code called name under parents: its own name
// (without surrounding space; "Unnamed code" when it has none); if an
// earlier code took that, qualified with its parents, "Parent / Child";
// if that is taken too, numbered " (2)", " (3)", ... from the lowest
// number not yet tried for that base, so that n codes of one name cost n
// look-ups, not n²/2.
func (ln *labelNames) take(name string, parents []string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "Unnamed code"
	}
	if ln.taken[coding.NameKey(name)] && len(parents) > 0 {
		path := make([]string, 0, len(parents)+1)
		for _, p := range parents {
			path = append(path, strings.TrimSpace(p))
		}
		name = strings.Join(append(path, name), " / ")
	}
	if base := coding.NameKey(name); ln.taken[base] {
		n := max(ln.next[base], 2)
		numbered := fmt.Sprintf("%s (%d)", name, n)
		ln.tried++
		for ln.taken[coding.NameKey(numbered)] {
			ln.tried++
			n++
			numbered = fmt.Sprintf("%s (%d)", name, n)
		}
		ln.next[base] = n + 1
		name = numbered
	}
	ln.taken[coding.NameKey(name)] = true
	return name
}
