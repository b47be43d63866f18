package main

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"handouts/internal/golden"
	"handouts/internal/pdfua"
)

// TestQRCodePrintSize reads the PDFs back: the QR code on a sheet, a
// dated personal copy and a packet is at least 20 mm on a side (the dark
// modules' square, its quiet zone not counted, issue 22), square, for a
// short address (harbor's short_url, in English and Spanish) and a page's
// full address, which needs more modules (thistle, given a base_url here
// and no short_url); and the quiet zone, 4 modules on every side, is white
// on the page as printed (pdftoppm at 150 dpi): nothing else is drawn in
// the room it shares with the margin, the space above and the gap over
// the footer.
func TestQRCodePrintSize(t *testing.T) {
	golden.RequireTool(t, "pdftoppm", "poppler-utils")
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	thistle := filepath.Join(content, "brands", "thistle.yaml")
	b, err := os.ReadFile(thistle)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "base_url:") || strings.Contains(string(b), "short_url:") {
		t.Fatalf("%s: this test gives thistle a base_url and expects no short_url", thistle)
	}
	if err := os.WriteFile(thistle, append(b, "\nbase_url: https://thistlefern.example/aftercare\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	personal := []string{"-date", "2026-12-14", "-time", "16:30", "-name", "María José"}
	tests := []struct {
		name string
		args []string
		min  int // modules on a side, at least
	}{
		{"harbor en-US sheet", []string{"sheet", "-brand", "harbor", "-skin", "oily", "-area", "chest-back"}, 21},
		{"harbor es-US personal copy", append([]string{"sheet", "-brand", "harbor", "-lang", "es-US", "-skin", "dry", "-area", "face"}, personal...), 21},
		{"harbor en-US packet", append([]string{"packet", "-brand", "harbor", "-treatment", "microneedling", "-skin", "sensitive", "-area", "chest-back"}, personal...), 21},
		// A page's full address, about 90 characters: more modules.
		{"thistle en-GB sheet", []string{"sheet", "-brand", "thistle", "-skin", "sensitive", "-area", "neck-decollete"}, 37},
		{"thistle en-GB personal copy", append([]string{"sheet", "-brand", "thistle", "-skin", "dry", "-area", "chest-back"}, personal...), 37},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "x.pdf")
			args := append(append([]string{}, tt.args...), "-content", content, "-o", out)
			if code, _, stderr := runCmd(args...); code != 0 {
				t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
			}
			q := readQR(t, out)
			side := (q.x1 - q.x0) / ptPerMM
			t.Logf("%d modules of %.2f mm, %.2f mm on a side, on page %d", q.n, q.module/ptPerMM, side, q.page+1)
			if side < 20-0.005 || math.Abs((q.y1-q.y0)-(q.x1-q.x0)) > 0.05 {
				t.Errorf("the code's modules are %.2f × %.2f mm, want a square at least 20 mm on a side", side, (q.y1-q.y0)/ptPerMM)
			}
			if q.n < tt.min {
				t.Errorf("%d modules on a side, want %d or more for this address", q.n, tt.min)
			}
			quietZoneWhite(t, out, q)
		})
	}
}

// ptPerMM is PDF points to the millimetre.
const ptPerMM = 72 / 25.4

// printedQR is the QR code found on a PDF's page: the square of its
// modules in PDF space (points, y up) and the modules' size and count.
type printedQR struct {
	page           int
	x0, y0, x1, y1 float64
	module         float64
	n              int
}

// reRect is a filled rectangle in a content stream, as fpdf writes it.
var reRect = regexp.MustCompile(`^(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f$`)

// readQR finds the one QR code in the PDF at path: the Figure whose
// marked content is filled rectangles (a logo is an image).
func readQR(t *testing.T, path string) printedQR {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdfua.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := f.Pages()
	if err != nil {
		t.Fatal(err)
	}
	var found []printedQR
	for i, num := range pages {
		d, err := f.Dict(num)
		if err != nil {
			t.Fatal(err)
		}
		o, err := f.Resolve(d.Get("Contents"))
		if err != nil {
			t.Fatal(err)
		}
		s, ok := o.(*pdfua.Stream)
		if !ok {
			t.Fatalf("page %d: contents are %T, want one stream", i+1, o)
		}
		stream, err := s.Decode()
		if err != nil {
			t.Fatal(err)
		}
		for _, rects := range figureRects(string(stream)) {
			q := printedQR{page: i, x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1), module: math.Inf(1)}
			for _, r := range rects {
				x, y, w, h := r[0], r[1], r[2], r[3]
				q.x0, q.x1 = min(q.x0, x, x+w), max(q.x1, x, x+w)
				q.y0, q.y1 = min(q.y0, y, y+h), max(q.y1, y, y+h)
				q.module = min(q.module, math.Abs(h))
			}
			q.n = int(math.Round((q.x1 - q.x0) / q.module))
			found = append(found, q)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s holds %d QR codes, want 1", path, len(found))
	}
	return found[0]
}

// figureRects returns, for each Figure of a page's content stream that
// draws filled rectangles, the rectangles (x, y, w, h).
func figureRects(stream string) [][][4]float64 {
	var out [][][4]float64
	var cur [][4]float64
	in := false
	for _, line := range strings.Split(stream, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "/Figure ") && strings.HasSuffix(line, "BDC"):
			in, cur = true, nil
		case line == "EMC" && in:
			if len(cur) > 0 {
				out = append(out, cur)
			}
			in = false
		case in:
			if m := reRect.FindStringSubmatch(line); m != nil {
				var r [4]float64
				for i := range r {
					r[i], _ = strconv.ParseFloat(m[i+1], 64)
				}
				cur = append(cur, r)
			}
		}
	}
	return out
}

// quietZoneWhite renders q's page at 150 dpi and fails for any pixel
// darker than near-white that lies wholly in the ring 4 modules wide
// around the code's modules and wholly outside them (a pixel across
// either edge is shaded by what lies beyond it).
func quietZoneWhite(t *testing.T, path string, q printedQR) {
	t.Helper()
	const dpi = 150
	base := filepath.Join(t.TempDir(), "page")
	mustRun(t, "pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile", "-f", strconv.Itoa(q.page+1), "-l", strconv.Itoa(q.page+1), path, base)
	file, err := os.Open(base + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	img, err := png.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	px := func(pt float64) float64 { return pt * dpi / 72 }
	// The code's square and the quiet zone's outer edge in pixels, y down
	// from the page's top.
	h := float64(img.Bounds().Dy())
	x0, x1, y0, y1 := px(q.x0), px(q.x1), h-px(q.y1), h-px(q.y0)
	z := 4 * px(q.module)
	zone := image.Rect(int(math.Ceil(x0-z)), int(math.Ceil(y0-z)), int(math.Floor(x1+z)), int(math.Floor(y1+z)))
	code := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1)))
	if !zone.In(img.Bounds()) {
		t.Fatalf("the quiet zone %v runs off the page %v", zone, img.Bounds())
	}
	var dark []string
	for y := zone.Min.Y; y < zone.Max.Y; y++ {
		for x := zone.Min.X; x < zone.Max.X; x++ {
			if (image.Point{x, y}).In(code) {
				continue
			}
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 240 {
				dark = append(dark, fmt.Sprintf("(%d,%d)=%d", x, y, r>>8))
			}
		}
	}
	if len(dark) > 0 {
		t.Errorf("%d pixels of the quiet zone %v around the code at %v (page %d, %d dpi) are not white, the first: %s", len(dark), zone, code, q.page+1, dpi, strings.Join(dark[:min(len(dark), 8)], " "))
	}
}
