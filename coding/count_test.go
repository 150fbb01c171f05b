package coding

import (
	"reflect"
	"testing"
)

func TestPhraseStarts(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   [][]int
		want []int
	}{
		{"one word", [][]int{{4, 1, 1}}, []int{1, 4}},
		{"two words", [][]int{{0, 5, 9}, {1, 7, 10}}, []int{0, 9}},
		{"a word twice", [][]int{{0, 1, 2}, {0, 1, 2}}, []int{0, 1}},
		{"three words", [][]int{{0, 3}, {1, 4}, {5}}, []int{3}},
		{"none", [][]int{{0}, nil}, []int{}},
		{"no words", nil, nil},
	} {
		if got := PhraseStarts(tc.at); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCountRuns(t *testing.T) {
	for _, tc := range []struct {
		name string
		runs []WordRun
		want int
	}{
		{"apart", []WordRun{{5, 6}, {0, 1}, {2, 3}}, 3},
		{"side by side", []WordRun{{0, 2}, {2, 4}}, 2},
		{"overlapping", []WordRun{{0, 2}, {1, 3}, {2, 4}}, 1},
		{"the same word twice", []WordRun{{3, 4}, {3, 4}}, 1},
		{"inside another", []WordRun{{0, 4}, {1, 2}, {5, 6}}, 2},
		{"none", nil, 0},
	} {
		if got := CountRuns(tc.runs); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestPrefixEnd(t *testing.T) {
	for prefix, want := range map[string]string{"health": "healti", "a": "b", "z": "{", "é": "\xc3\xaa", "a\xff": "b", "\xff": ""} {
		if got := PrefixEnd(prefix); got != want {
			t.Errorf("PrefixEnd(%q) = %q, want %q", prefix, got, want)
		}
	}
}

func TestAddCount(t *testing.T) {
	var c []DocCount
	for _, add := range []DocCount{{"a", 2}, {"a", 1}, {"b", 0}, {"b", 3}, {"a", 1}} {
		c = AddCount(c, add.DocID, add.Count)
	}
	if want := []DocCount{{"a", 3}, {"b", 3}, {"a", 1}}; !reflect.DeepEqual(c, want) || TotalCount(c) != 7 {
		t.Errorf("%v, want %v", c, want)
	}
}
