package coding

import (
	"cmp"
	"math"
	"slices"
	"unicode"
)

// Finding passages like a fragment: every sentence of the project is
// scored against the fragment's words by Okapi BM25 (k1 = 1.2, b = 0.75),
// over words folded as search folds them (Tokens).

// Similar is a sentence like the one asked about: its document, page and
// code-point span in the document's text, and its BM25 score.
type Similar struct {
	DocID      string
	Page       int
	Start, End int
	Score      float64
}

// BM25 scores the sentences of the pages it is given against a query
// text. Feed it every page (AddPage), then ask for the best (Top).
type BM25 struct {
	terms    map[string]int // query word -> index
	df       []int          // sentences holding each query word
	n        int            // sentences seen
	totalLen int            // words in them
	cands    []bm25Sentence // the sentences holding a query word
}

type bm25Sentence struct {
	hit Similar
	len int
	tf  map[int]int
}

// NewBM25 prepares to score sentences against query's words.
func NewBM25(query string) *BM25 {
	b := &BM25{terms: map[string]int{}}
	for _, t := range Tokens(query) {
		if _, ok := b.terms[t.Fold]; !ok {
			b.terms[t.Fold] = len(b.df)
			b.df = append(b.df, 0)
		}
	}
	return b
}

// AddPage takes in the sentences of one page of a document: text is the
// page's text, start the offset where it begins in the document's.
func (b *BM25) AddPage(docID string, page, start int, text string) {
	toks := Tokens(text)
	if len(toks) == 0 {
		return
	}
	sent := sentenceOfTokens(text, toks)
	runes := []rune(text)
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && sent[j] == sent[i] {
			j++
		}
		// The sentence's final punctuation and closers go with it.
		end := toks[j-1].End
		for end < len(runes) && !unicode.IsSpace(runes[end]) && !wordRune(runes[end]) {
			end++
		}
		b.addSentence(docID, page, start, toks[i:j], start+end)
		i = j
	}
}

func (b *BM25) addSentence(docID string, page, start int, toks []Token, end int) {
	b.n++
	b.totalLen += len(toks)
	var tf map[int]int
	for _, t := range toks {
		if k, ok := b.terms[t.Fold]; ok {
			if tf == nil {
				tf = map[int]int{}
			}
			if tf[k] == 0 {
				b.df[k]++
			}
			tf[k]++
		}
	}
	if tf != nil {
		b.cands = append(b.cands, bm25Sentence{
			hit: Similar{DocID: docID, Page: page, Start: start + toks[0].Start, End: end},
			len: len(toks), tf: tf})
	}
}

// Top is the limit best-scoring sentences, best first (ties in the
// order they came).
func (b *BM25) Top(limit int) []Similar {
	const k1, bb = 1.2, 0.75
	if b.n == 0 {
		return nil
	}
	avg := float64(b.totalLen) / float64(b.n)
	idf := make([]float64, len(b.df))
	for k, df := range b.df {
		idf[k] = math.Log(1 + (float64(b.n)-float64(df)+0.5)/(float64(df)+0.5))
	}
	out := make([]Similar, len(b.cands))
	for i, c := range b.cands {
		s := 0.0
		for k, f := range c.tf {
			tf := float64(f)
			s += idf[k] * tf * (k1 + 1) / (tf + k1*(1-bb+bb*float64(c.len)/avg))
		}
		out[i] = c.hit
		out[i].Score = s
	}
	slices.SortStableFunc(out, func(x, y Similar) int { return cmp.Compare(y.Score, x.Score) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
