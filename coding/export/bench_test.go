package export

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// bigProject is a large review: 500 documents, 20,000 fragments of about
// 200 characters with one or two of 40 labels, 300 CMOCs of 4-8
// fragments under 12 programme theories, one of them missing evidence.
func bigProject() *Project {
	r := rand.New(rand.NewPCG(1, 2))
	p := &Project{Title: "Benchmark review"}
	words := strings.Fields("staff leader merger trust voice hospital ward team manager change culture safety patient care quality improvement resources training support feedback — ünïcödé 日本語 & % _ | \"quoted\"")
	sentence := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	for i := range 500 {
		p.Documents = append(p.Documents, coding.Document{ID: fmt.Sprintf("doc-%03d", i), Title: sentence(10),
			Authors: fmt.Sprintf("Author%d A; Second B; Third C", i), Year: fmt.Sprint(1990 + i%35),
			Study: coding.Study{Design: sentence(4), Location: sentence(2), Participants: sentence(3), Objectives: sentence(12),
				Relevance: coding.Appraisal{Judgement: coding.High, Note: sentence(8)}}})
	}
	for i := range 40 {
		p.Labels = append(p.Labels, coding.Label{ID: fmt.Sprint("l", i), Name: fmt.Sprintf("Mechanism %02d", i), Definition: sentence(15), Colour: "#e69f00"})
	}
	for i := range 12 {
		p.Theories = append(p.Theories, coding.Theory{ID: fmt.Sprint("t", i), Name: fmt.Sprintf("Theory %d", i), Kind: coding.Initial, Statement: sentence(20)})
	}
	for i := range 20000 {
		labels := []string{p.Labels[r.IntN(40)].Name}
		if i%3 == 0 {
			labels = append(labels, p.Labels[r.IntN(40)].Name)
		}
		p.Fragments = append(p.Fragments, coding.Fragment{ID: fmt.Sprintf("frag-%05d", i), DocID: p.Documents[i/40].ID,
			Page: 1 + i%40/4, Start: i % 40 * 300, End: i%40*300 + 200, Role: coding.Roles[i%4], Valence: coding.Negative,
			Labels: coding.NormaliseLabels(labels), Coder: "ana", Memo: sentence(5), Text: sentence(30)})
	}
	for i := range 300 {
		c := coding.CMOC{ID: fmt.Sprintf("cmoc-%03d", i), Statement: sentence(25), Narrative: sentence(60), TheoryID: p.Theories[i%12].ID, Labels: []string{p.Labels[i%40].Name}}
		for j := range 4 + i%5 {
			c.Fragments = append(c.Fragments, p.Fragments[(i*53+j*7)%20000].ID)
		}
		if i == 0 {
			c.Fragments = append(c.Fragments, "deleted-fragment")
		}
		p.CMOCs = append(p.CMOCs, c)
	}
	return p
}

// BenchmarkExport builds and writes every table in every format for the
// big project; each iteration is one table as `cmocoder export` writes it.
func BenchmarkExport(b *testing.B) {
	p := bigProject()
	for _, table := range Tables {
		for _, format := range Formats {
			b.Run(table+"/"+format, func(b *testing.B) {
				var n countWriter
				for b.Loop() {
					t, _, err := Build(p, table, Options{})
					if err != nil {
						b.Fatal(err)
					}
					n = 0
					if err := Write(&n, t, format); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)/1e6, "MB")
			})
		}
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
