// Package testtools holds what the tests of several packages share about
// the outside programs some of them run (qpdf, tesseract, pdftotext,
// xmllint, LibreOffice): a test without them is skipped on a developer's
// machine, and fails under CMOCODER_E2E (`make test`, which installs them
// all), where every test must run.
package testtools

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Have reports whether every one of the programs is installed, saying in
// the test's log which one is not; under CMOCODER_E2E a missing one fails
// the test.
func Have(t testing.TB, tools ...string) bool {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CMOCODER_E2E") != "" {
				t.Fatalf("CMOCODER_E2E is set but %s is not installed (make test-deps installs it)", tool)
			}
			t.Logf("%s is not installed", tool)
			return false
		}
	}
	return true
}

// Need skips the test unless every one of the programs is installed (see
// Have).
func Need(t testing.TB, tools ...string) {
	t.Helper()
	if !Have(t, tools...) {
		t.SkipNow()
	}
}

// ValidateQDE checks a project.qde against the REFI-QDA schema at xsd with
// xmllint; without xmllint the check is left out and the test goes on.
func ValidateQDE(t testing.TB, qde []byte, xsd string) {
	t.Helper()
	if !Have(t, "xmllint") {
		t.Log("schema validation skipped")
		return
	}
	if _, err := os.Stat(xsd); err != nil {
		t.Fatalf("REFI-QDA schema not found: %v", err)
	}
	f := filepath.Join(t.TempDir(), "project.qde")
	if err := os.WriteFile(f, qde, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, f).CombinedOutput()
	if err != nil {
		t.Fatalf("project.qde is not valid REFI-QDA: %v\n%s", err, out)
	}
}
