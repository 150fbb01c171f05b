package testtools

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A missing program skips the test on a developer's machine and fails it
// under CMOCODER_E2E; an installed one lets it run. Each case runs this
// test again as a child process, to see how it ends.
func TestNeed(t *testing.T) {
	if tool := os.Getenv("TESTTOOLS_NEED"); tool != "" {
		Need(t, tool)
		t.Log("ran")
		return
	}
	for _, tc := range []struct {
		tool, e2e string
		fails     bool
		says      string
	}{
		{"no-such-program-cmocoder", "", false, "--- SKIP"},
		{"no-such-program-cmocoder", "1", true, "--- FAIL"},
		{os.Args[0], "1", false, "ran"}, // this test's own binary
	} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestNeed$", "-test.v")
		cmd.Env = append(os.Environ(), "TESTTOOLS_NEED="+tc.tool, "CMOCODER_E2E="+tc.e2e)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tc.fails || !strings.Contains(string(out), tc.says) {
			t.Errorf("%s, CMOCODER_E2E=%q: error %v, output\n%s", tc.tool, tc.e2e, err, out)
		}
	}
}
