package cli

import (
	"errors"
	"strconv"

	"cmocoder.org/cmocoder/coding"
)

// parseOffsets reads the START and END of `code`. A number too large for
// any text (beyond 64 bits) is not a valid position, which is what the
// person needs to hear, rather than that it is not a whole number.
func parseOffsets(verb, start, end string) (int, int, error) {
	s, err1 := strconv.Atoi(start)
	e, err2 := strconv.Atoi(end)
	for _, c := range []struct {
		name, arg string
		err       error
	}{{"START", start, err1}, {"END", end, err2}} {
		if errors.Is(c.err, strconv.ErrRange) {
			return 0, 0, coding.Errorf(coding.KindInvalid, verb, "", "%s %s is not a valid position: positions count the characters of the text from 0", c.name, c.arg)
		}
	}
	if err1 != nil || err2 != nil {
		return 0, 0, coding.Errorf(coding.KindInvalid, verb, "", "offsets %q %q: START and END must be whole numbers", start, end)
	}
	return s, e, nil
}
