package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/draw"

	"cmocoder.org/cmocoder/app/install"
	"cmocoder.org/cmocoder/assets"
)

// iconSizes are the hicolor sizes desktops look for; 256 is the source.
var iconSizes = []int{16, 22, 24, 32, 48, 64, 128, 256}

// writeData writes the desktop entry launching exe, the MIME type and the
// icons under dir, a share/ folder.
func writeData(dir, exe string) error {
	for _, f := range install.PackageFiles(exe) {
		if err := writeFile(filepath.Join(dir, f.Path), f.Data); err != nil {
			return err
		}
	}
	for _, size := range iconSizes {
		data, err := iconPNG(size)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, install.IconPath(size)), data); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// iconPNG is the app icon scaled to size×size pixels.
func iconPNG(size int) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(assets.Icon))
	if err != nil {
		return nil, fmt.Errorf("assets/Icon.png: %w", err)
	}
	if src.Bounds().Dx() == size && src.Bounds().Dy() == size {
		return assets.Icon, nil
	}
	dst := image.NewNRGBA(image.Rect(0, 0, size, size))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeICO writes a Windows icon holding the app icon at 16, 32, 48 and
// 256 pixels, each a PNG (Windows Vista and later read those).
func writeICO(path string) error {
	sizes := []int{16, 32, 48, 256}
	var images [][]byte
	for _, s := range sizes {
		data, err := iconPNG(s)
		if err != nil {
			return err
		}
		images = append(images, data)
	}
	var buf bytes.Buffer
	le := func(v any) { binary.Write(&buf, binary.LittleEndian, v) }
	le([3]uint16{0, 1, uint16(len(sizes))}) // reserved, type 1 = icon, count
	offset := 6 + 16*len(sizes)
	for i, s := range sizes {
		dim := uint8(s)
		if s >= 256 {
			dim = 0 // 0 means 256
		}
		le([4]uint8{dim, dim, 0, 0}) // width, height, no palette, reserved
		le([2]uint16{1, 32})         // planes, bits per pixel
		le([2]uint32{uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		buf.Write(img)
	}
	return writeFile(path, buf.Bytes())
}

// nsisAssociation is an NSIS include with two macros, WriteAssociation and
// RemoveAssociation, that write and remove the same per-user registry
// entries as `cmocoder install` on Windows, but with the icon from ico
// (the exe carries no icon resource).
func nsisAssociation(exe, ico string) string {
	entries, keys := install.WindowsAssociation(exe)
	var b strings.Builder
	b.WriteString("; Written by dist/gen from app/install: do not edit.\n")
	b.WriteString("!macro WriteAssociation\n")
	for _, e := range entries {
		value := e.Value
		if strings.HasSuffix(e.Key, `\DefaultIcon`) {
			value = `"` + ico + `"`
		}
		fmt.Fprintf(&b, "  WriteRegStr HKCU %s %s %s\n", nsisString(e.Key), nsisString(e.Name), nsisString(value))
	}
	b.WriteString("!macroend\n!macro RemoveAssociation\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "  DeleteRegValue HKCU %s %s\n", nsisString(e.Key), nsisString(e.Name))
	}
	for _, k := range keys {
		fmt.Fprintf(&b, "  DeleteRegKey /ifempty HKCU %s\n", nsisString(k))
	}
	b.WriteString("!macroend\n")
	return b.String()
}

// nsisString quotes s for an NSIS script, in single quotes when it holds
// double quotes. Its $ are left alone: the only ones are $INSTDIR.
func nsisString(s string) string {
	if strings.Contains(s, `"`) {
		return "'" + s + "'"
	}
	return `"` + s + `"`
}
