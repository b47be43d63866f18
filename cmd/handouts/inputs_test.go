//go:build unix

package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"handouts/fonts"
	"handouts/internal/golden"
	"handouts/layouts"
)

// pngOf is a PNG file of w x h pixels. A huge one is only its header (a
// real file of that size would take the test gigabytes to make): the size
// is all anything may read before refusing it.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if w*h > 4000*4000 {
		b.WriteString("\x89PNG\r\n\x1a\n")
		chunk := []byte("IHDR")
		chunk = binary.BigEndian.AppendUint32(chunk, uint32(w))
		chunk = binary.BigEndian.AppendUint32(chunk, uint32(h))
		chunk = append(chunk, 8, 2, 0, 0, 0)
		b.Write(binary.BigEndian.AppendUint32(nil, 13))
		b.Write(chunk)
		b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(chunk)))
		return b.Bytes()
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.RGBA{0x1B, 0x49, 0x65, 255})
	}
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestInputsRefused: through the command, every folder is read by the one
// reader. A link anywhere (an image in a treatment's subfolder, a linked
// folder, a style sheet), a named pipe (a content file, an image, a font),
// a huge logo or image: each fails the build at once with exit status 1,
// the path and what to do, and leaves the output folder as it was.
func TestInputsRefused(t *testing.T) {
	t.Parallel()
	base := "../../internal/content/testdata/base.txtar"
	good := t.TempDir()
	files, _ := golden.Tree(t, base)
	golden.WriteTree(t, good, files)
	out := filepath.Join(t.TempDir(), "output")
	if code, _, stderr := runCmd("build", "-content", good, "-out", out); code != 0 {
		t.Fatalf("good build: exit %d: %s", code, stderr)
	}
	before := golden.Snapshot(t, out)
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "photo.png"), pngOf(t, 40, 20), 0o644); err != nil {
		t.Fatal(err)
	}
	const (
		sheet   = "treatments/microneedling/sheet.md"
		link    = "is a symbolic link; content must be real files inside DIR/, so copy the file in instead"
		replace = ", not a regular file; content must be real files inside DIR/, so replace it with a file"
	)
	showImage := func(dir, name string) {
		p := filepath.Join(dir, sheet)
		data, _ := os.ReadFile(p)
		os.WriteFile(p, append(data, []byte("\n![A photo of the skin]("+name+")\n")...), 0o644)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir, layouts, fonts string) error
		want  string // DIR, LAYOUTS and FONTS stand for the folders
	}{
		{"linked image in a subfolder", func(t *testing.T, dir, _, _ string) error {
			showImage(dir, "img/photo.png")
			os.Mkdir(filepath.Join(dir, "treatments/microneedling/img"), 0o755)
			return os.Symlink(filepath.Join(outside, "photo.png"), filepath.Join(dir, "treatments/microneedling/img/photo.png"))
		}, `DIR/` + sheet + `:28: image "img/photo.png": ` + link},
		{"image in a linked folder", func(t *testing.T, dir, _, _ string) error {
			showImage(dir, "img/photo.png")
			return os.Symlink(outside, filepath.Join(dir, "treatments/microneedling/img"))
		}, "DIR/treatments/microneedling/img: " + link},
		{"linked image in the treatment folder", func(t *testing.T, dir, _, _ string) error {
			showImage(dir, "photo.png")
			return os.Symlink(filepath.Join(outside, "photo.png"), filepath.Join(dir, "treatments/microneedling/photo.png"))
		}, "DIR/treatments/microneedling/photo.png: " + link},
		{"pipe as a content file", func(t *testing.T, dir, _, _ string) error {
			return syscall.Mkfifo(filepath.Join(dir, "skin/normal.yaml"), 0o644)
		}, "DIR/skin/normal.yaml: is a named pipe (FIFO)" + replace},
		{"pipe as an image in a subfolder", func(t *testing.T, dir, _, _ string) error {
			showImage(dir, "img/photo.png")
			os.Mkdir(filepath.Join(dir, "treatments/microneedling/img"), 0o755)
			return syscall.Mkfifo(filepath.Join(dir, "treatments/microneedling/img/photo.png"), 0o644)
		}, `DIR/` + sheet + `:28: image "img/photo.png": is a named pipe (FIFO)` + replace},
		{"huge logo", func(t *testing.T, dir, _, _ string) error {
			return os.WriteFile(filepath.Join(dir, "brands/acme.png"), pngOf(t, 20000, 20000), 0o644)
		}, "DIR/brands/acme.yaml:4: logo DIR/brands/acme.png is 20000 x 20000 pixels, over the limit of 16 megapixels (such as 4000 x 4000); export it smaller: it prints about 14 mm high, so 1000 pixels across is plenty"},
		{"huge image", func(t *testing.T, dir, _, _ string) error {
			showImage(dir, "big.png")
			return os.WriteFile(filepath.Join(dir, "treatments/microneedling/big.png"), pngOf(t, 20000, 20000), 0o644)
		}, `DIR/` + sheet + `:28: image "big.png": is 20000 x 20000 pixels, over the limit of 16 megapixels (such as 4000 x 4000); export it smaller: 2000 pixels across fill a printed page`},
		{"linked style sheet", func(t *testing.T, _, l, _ string) error {
			p := filepath.Join(l, "pdf/default.yaml")
			if err := os.Rename(p, filepath.Join(outside, "default.yaml")); err != nil {
				return err
			}
			return os.Symlink(filepath.Join(outside, "default.yaml"), p)
		}, "LAYOUTS/pdf/default.yaml: is a symbolic link; style sheets and templates must be real files inside LAYOUTS/, so copy the file in instead"},
		{"linked brand style sheet", func(t *testing.T, _, l, _ string) error {
			os.WriteFile(filepath.Join(outside, "acme.yaml"), []byte("body_size: 13\n"), 0o644)
			return os.Symlink(filepath.Join(outside, "acme.yaml"), filepath.Join(l, "pdf/acme.yaml"))
		}, "LAYOUTS/pdf/acme.yaml: is a symbolic link; style sheets and templates must be real files inside LAYOUTS/, so copy the file in instead"},
		{"pipe as a font", func(t *testing.T, _, _, f string) error {
			p := filepath.Join(f, "AtkinsonHyperlegible_400Regular.ttf")
			os.Remove(p)
			return syscall.Mkfifo(p, 0o644)
		}, "FONTS/AtkinsonHyperlegible_400Regular.ttf: is a named pipe (FIFO), not a regular file; fonts must be real files inside FONTS/, so replace it with a file; the style sheet names this font"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			golden.WriteTree(t, dir, files)
			lay, fon := filepath.Join(t.TempDir(), "layouts"), filepath.Join(t.TempDir(), "fonts")
			if err := os.CopyFS(lay, layouts.FS); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(fon, fonts.FS); err != nil {
				t.Fatal(err)
			}
			if err := tt.setup(t, dir, lay, fon); err != nil {
				t.Fatal(err)
			}
			want := strings.NewReplacer("DIR", dir, "LAYOUTS", lay, "FONTS", fon).Replace(tt.want)
			code, stdout, stderr, _ := runWithin(t, "build", "-content", dir, "-layouts", lay, "-fonts", fon, "-out", out)
			// An image is refused by both the PDF and the HTML renderer;
			// the PDF's message gives the line.
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if code != 1 || !slices.Contains(lines, want) || strings.TrimSpace(stderr) != want && !strings.Contains(want, "image") {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			after := golden.Snapshot(t, out)
			if len(after) != len(before) {
				t.Fatalf("output has %d files, %d before", len(after), len(before))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed", k)
				}
			}
		})
	}
}
