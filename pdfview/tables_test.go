package pdfview

import "testing"

func TestInversions(t *testing.T) {
	for _, c := range []struct {
		s    []int
		want int
	}{
		{nil, 0},
		{[]int{1}, 0},
		{[]int{1, 2, 3, 4}, 0},
		{[]int{4, 3, 2, 1}, 6},
		{[]int{0, 4, 1, 5, 2, 6}, 3}, // two columns read as rows
		{[]int{2, 1, 2, 1}, 3},
	} {
		if got := inversions(c.s); got != c.want {
			t.Errorf("inversions(%v) = %d, want %d", c.s, got, c.want)
		}
	}
}
