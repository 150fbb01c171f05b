package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONRowKeys: the rows `fragments --json` and `search --json` print
// have their keys, in their order, as scripts read them; the tests read
// the rows back with the CLI's own types, so this is where a renamed or
// moved key shows.
func TestJSONRowKeys(t *testing.T) {
	p := newDemo(t, t.TempDir())
	for _, tc := range []struct {
		args []string
		keys string
	}{
		{[]string{"fragments", p, "--json"}, "id doc_id document page start end role valence labels coder memo text created modified"},
		{[]string{"search", p, "staff", "--json"}, "doc page start end text context"},
	} {
		rows := jsonRowKeys(t, mustRun(t, tc.args...))
		if len(rows) == 0 {
			t.Errorf("%s --json printed no rows", tc.args[0])
		}
		for _, keys := range rows {
			if got := strings.Join(keys, " "); got != tc.keys {
				t.Errorf("%s --json: a row's keys are %q, want %q", tc.args[0], got, tc.keys)
				break
			}
		}
	}
}

// jsonRowKeys is the keys of each object of a JSON array, in the order
// they stand.
func jsonRowKeys(t *testing.T, out string) [][]string {
	t.Helper()
	var rows []json.RawMessage
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	keys := make([][]string, len(rows))
	for i, row := range rows {
		dec := json.NewDecoder(bytes.NewReader(row))
		if _, err := dec.Token(); err != nil { // {
			t.Fatal(err)
		}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			var value json.RawMessage
			if err := dec.Decode(&value); err != nil {
				t.Fatal(err)
			}
			keys[i] = append(keys[i], key.(string))
		}
	}
	return keys
}
