package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// projectWithPDFs is a new project holding the shared PDFs named, added
// in order (the tests of references, decisions and the flow).
func projectWithPDFs(t *testing.T, files ...string) string {
	t.Helper()
	needPDFs(t)
	p := newProject(t)
	for _, f := range files {
		mustRun(t, "add", p, filepath.Join(pdfDir, f))
	}
	return p
}

// codeTrust codes a context fragment labelled Trust in each document
// named and returns the fragments' IDs.
func codeTrust(t *testing.T, p string, files ...string) []string {
	t.Helper()
	var ids []string
	for _, f := range files {
		ids = append(ids, strings.TrimSpace(mustRun(t, "code", p, f, "100", "160", "--role", "context", "--label", "Trust")))
	}
	return ids
}
