package main

import (
	"strings"
	"testing"
)

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
