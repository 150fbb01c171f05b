package codingfile

import (
	"bytes"
	"compress/gzip"
	"reflect"
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/coding"
)

func sample() File {
	at := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	return File{
		Project: "Leadership review",
		Coder:   "Bea",
		Written: at,
		Coding: coding.MergeSide{
			Documents: []coding.MergeDocument{{
				Document:   coding.Document{ID: "d1", Title: "Tully 2010", SHA256: "ab12", Pages: 6, Chars: 900, Study: coding.Study{Design: "RCT"}, Added: at, Modified: at, Warnings: []string{"needs OCR"}},
				TextSHA256: "cd34",
			}},
			Labels:    []coding.Label{{ID: "l1", Name: "Trust", Colour: "#112233", Created: at, Modified: at}},
			Theories:  []coding.Theory{{ID: "t1", Name: "PT1", Kind: coding.Initial, Created: at, Modified: at}},
			Fragments: []coding.Fragment{{ID: "f1", DocID: "d1", Start: 10, End: 40, Page: 1, Role: coding.Outcome, Valence: coding.Positive, Labels: []string{"Trust"}, Coder: "Bea", Memo: "é “quoted”", Text: "staff felt listened to", Created: at, Modified: at}},
			CMOCs:     []coding.CMOC{{ID: "c1", Statement: "When…", TheoryID: "t1", Fragments: []string{"f1"}, Coder: "Bea", Created: at, Modified: at}},
			Coders:    []string{"Bea"},
			Deletions: []coding.Deletion{{Entity: coding.EntityFragment, ID: "f0", At: at, Coder: "Bea"}},
		},
	}
}

// What is written is read back exactly, and marked as carrying no
// documents' files.
func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	want := sample()
	if err := Write(&buf, want); err != nil {
		t.Fatal(err)
	}
	if !Sniff(buf.Bytes()) {
		t.Error("a coding file is not recognised by its first bytes")
	}
	got, err := Read(&buf, "bea.coding")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Coding.WithoutFiles {
		t.Error("a coding file read back says it carries documents' files")
	}
	got.Coding.WithoutFiles = false
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
}

func gz(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

// Anything else is one line saying what is wrong with which file.
func TestReadRefuses(t *testing.T) {
	var good bytes.Buffer
	if err := Write(&good, sample()); err != nil {
		t.Fatal(err)
	}
	maxSize = 1 << 20
	defer func() { maxSize = MaxSize }()
	bomb := gz(t, `{"format": "cmocoder coding", "version": 1, "project": "`+strings.Repeat("a", 2<<20)+`"}`)
	cases := []struct {
		name string
		in   []byte
		kind coding.Kind
		want string
	}{
		{"a project", []byte("SQLite format 3\x00..."), coding.KindDamaged, "x.coding is not a cmocoder coding file (it is not compressed with gzip)"},
		{"empty", nil, coding.KindDamaged, "x.coding is not a cmocoder coding file (it is not compressed with gzip)"},
		{"gzip of other JSON", gz(t, `{"format": "something else", "version": 1}`), coding.KindDamaged, `x.coding is not a cmocoder coding file (it says it is "something else")`},
		{"gzip of text", gz(t, "hello"), coding.KindDamaged, "x.coding is not a cmocoder coding file (invalid character"},
		{"newer", gz(t, `{"format": "cmocoder coding", "version": 9}`), coding.KindInvalid, "x.coding was written by a newer cmocoder (coding file version 9); please update"},
		{"cut short", good.Bytes()[:good.Len()/2], coding.KindDamaged, "x.coding is damaged: the file is cut short"},
		{"cut before the checksum", good.Bytes()[:good.Len()-4], coding.KindDamaged, "x.coding is damaged"},
		{"bomb", bomb, coding.KindDamaged, "x.coding holds more than 1 MB of coding once decompressed: refused as a possible zip bomb"},
		{"wrong types", gz(t, `{"format": "cmocoder coding", "version": 1, "coding": {"Fragments": [{"Start": "ten"}]}}`), coding.KindDamaged, "x.coding is not a cmocoder coding file (json: cannot unmarshal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(c.in), "x.coding")
			if err == nil {
				t.Fatal("read")
			}
			if !coding.IsKind(err, c.kind) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q (%v), want %v saying %q", err, err, c.kind, c.want)
			}
		})
	}
}

// FuzzRead: no input makes Read panic or hang; what it accepts, it
// writes back and reads again to the same value.
func FuzzRead(f *testing.F) {
	var good bytes.Buffer
	Write(&good, sample())
	f.Add(good.Bytes())
	f.Add(gz(f, `{"format": "cmocoder coding", "version": 1}`))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Read(bytes.NewReader(b), "fuzz.coding")
		if err != nil {
			return
		}
		var again bytes.Buffer
		if err := Write(&again, got); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(&again, "again.coding"); err != nil {
			t.Fatalf("what was read cannot be read again: %v", err)
		}
	})
}
