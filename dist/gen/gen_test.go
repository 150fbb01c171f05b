package main

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/app/install"
)

func TestWriteMan(t *testing.T) {
	help := "cmocoder codes things.\n\nUsage:\n  cmocoder [PROJECT]   open\n  cmocoder code --role a|b\n\n" +
		"DOC is a document.\n.dotted line and a back\\slash.\nExit status: 0 success, 2 a wrong\ncommand line.\n"
	var out bytes.Buffer
	if err := writeMan(strings.NewReader(help), &out, "1.2.3", "2026-12-03"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`.TH CMOCODER 1 "2026-12-03" "cmocoder 1.2.3" "User Commands"`,
		".SH NAME\ncmocoder \\- codes things\n",
		".SH SYNOPSIS\n.nf\ncmocoder [PROJECT]   open\ncmocoder code \\-\\-role a|b\n.fi\n",
		".SH DESCRIPTION\n.PP\nDOC is a document.\n\\&.dotted line and a back\\eslash.\n",
		".SH EXIT STATUS\n0 success, 2 a wrong\ncommand line.\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the man page lacks %q:\n%s", want, out.String())
		}
	}
	if err := writeMan(strings.NewReader("usage: something else\n"), &out, "1", "d"); err == nil {
		t.Error("a help text not starting with \"cmocoder \" was taken")
	}
}

// TestNSISAssociation: the installer writes the registry values of
// `cmocoder install`, with the icon file for DefaultIcon, and removes
// every key it made.
func TestNSISAssociation(t *testing.T) {
	got := nsisAssociation(`$INSTDIR\cmocoder.exe`, `$INSTDIR\cmocoder.ico`)
	for _, want := range []string{
		`WriteRegStr HKCU "Software\Classes\.cmoproj" "" "cmocoder.project"`,
		`WriteRegStr HKCU "Software\Classes\cmocoder.project\DefaultIcon" "" '"$INSTDIR\cmocoder.ico"'`,
		`WriteRegStr HKCU "Software\Classes\cmocoder.project\shell\open\command" "" '"$INSTDIR\cmocoder.exe" "%1"'`,
		`DeleteRegKey /ifempty HKCU "Software\Classes\cmocoder.project"`,
		`DeleteRegKey /ifempty HKCU "Software\Classes\.cmoproj"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the NSIS include lacks %s:\n%s", want, got)
		}
	}
	entries, keys := install.WindowsAssociation("x")
	if n := strings.Count(got, "WriteRegStr"); n != len(entries) {
		t.Errorf("%d values written, install writes %d", n, len(entries))
	}
	if n := strings.Count(got, "DeleteRegKey"); n != len(keys) {
		t.Errorf("%d keys removed, install removes %d", n, len(keys))
	}
}

// TestICO: the Windows icon holds 16, 32, 48 and 256 pixel PNGs where its
// directory says.
func TestICO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.ico")
	if err := writeICO(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if le.Uint16(data[2:]) != 1 || le.Uint16(data[4:]) != 4 {
		t.Fatalf("header %v: not an icon of 4 images", data[:6])
	}
	for i, want := range []int{16, 32, 48, 256} {
		e := data[6+16*i:]
		size, offset := le.Uint32(e[8:]), le.Uint32(e[12:])
		img, err := png.Decode(bytes.NewReader(data[offset : offset+size]))
		if err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
		if b := img.Bounds(); b.Dx() != want || b.Dy() != want || int(e[0]) != want%256 {
			t.Errorf("image %d is %v (directory says %d), want %d×%d", i, b, e[0], want, want)
		}
	}
}
