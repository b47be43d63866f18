package project

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/output"
	"handouts/internal/pdf"
)

// TestEmailSizes: every sheet fits in 150 KB and every calendar in 100 KB,
// so the PDFs can be e-mailed.
func TestEmailSizes(t *testing.T) {
	_, m := builtMatrix(t)
	limits := map[string]int{"sheet": 150 << 10, "calendar": 100 << 10, "guide": 300 << 10}
	for _, e := range m.Files {
		if e.Format == "pdf" && e.Bytes > limits[string(e.Kind)] {
			t.Errorf("%s is %d bytes, over the %d-byte limit for a %s", e.Path, e.Bytes, limits[string(e.Kind)], e.Kind)
		}
	}
}

// TestQRCode checks the payload at the drawing layer: a brand with a
// base_url gets a QR code on each sheet that points to that variant's HTML
// page, or, with a short_url (harbor), to the sheet's short address, which
// the words beside the code print (at most 25 characters, issue 22) and
// the manifest pairs with the page; a personal copy encodes the same
// address, never the patient.
func TestQRCode(t *testing.T) {
	p := loadCatalog(t)
	for _, brand := range []string{"harbor", "thistle"} {
		// Each language's sheet points to its own language's page.
		for _, tag := range p.Catalog.Brand(brand).Languages {
			env, err := p.Catalog.EnvIn(brand, tag, "microneedling", "oily", "chest-back")
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if b := p.Catalog.Brand(brand); b.BaseURL != "" {
				want = b.BaseURL + "/" + brand + "/" + tag + "/microneedling/oily-chest-back/sheet.html"
				if got := QRAddress(env, "sheet"); got != want {
					t.Errorf("%s %s: page address %q, want %q", brand, tag, got, want)
				}
				if b.ShortURL != "" {
					want = ShortAddress(env, "sheet")
					code := strings.TrimPrefix(want, b.ShortURL+"/")
					if len(code) != shortCodeLen || strings.ContainsAny(code, "ilou/") || want != ShortAddress(env, "sheet") {
						t.Errorf("%s %s: short address %q: want %s/ and a code of %d letters and digits", brand, tag, want, b.ShortURL, shortCodeLen)
					}
					if printed := strings.TrimPrefix(want, "https://"); len(printed) > 25 {
						t.Errorf("%s %s: printed address %q is %d characters, want at most 25", brand, tag, printed, len(printed))
					}
					if !strings.Contains(qrWords(t, p, env), strings.TrimPrefix(want, "https://")) {
						t.Errorf("%s %s: the words beside the code do not give %q", brand, tag, want)
					}
					jobs, err := p.Matrix([]string{brand})
					if err != nil {
						t.Fatal(err)
					}
					listed := 0
					for _, j := range jobs {
						if j.path == EntryPath(env, "sheet", ".pdf") || j.path == EntryPath(env, "sheet", ".html") {
							if e := j.entry(); e.Short == want {
								listed++
							}
						}
					}
					if listed != 2 {
						t.Errorf("%s %s: the manifest pairs %q with %d of the sheet's files, want its PDF and HTML", brand, tag, want, listed)
					}
				}
			}
			if got := qrPayload(t, p, env, ""); got != want {
				t.Errorf("%s %s: QR encodes %q, want %q", brand, tag, got, want)
			}
			env.Start = time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
			got := qrPayload(t, p, env, "Ana")
			if got != want || strings.Contains(got, "Ana") || strings.Contains(got, "2026") {
				t.Errorf("%s %s personal copy: QR encodes %q, want %q", brand, tag, got, want)
			}
		}
	}
}

// qrWords is the text beside a sheet's QR code.
func qrWords(t *testing.T, p *Project, e content.Env) string {
	t.Helper()
	res, err := e.Treatment.Handout("sheet").Resolve(e, false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.Layout(res, e, p.PDFOptions(res, Request{Env: e, Kind: "sheet"}))
	if err != nil {
		t.Fatal(err)
	}
	var out string
	for _, pg := range r.Pages {
		for _, it := range pg.Items {
			if it.Kind == layout.KQR {
				for i := range it.Cells[0].Lines {
					out += it.Cells[0].Lines[i].Text() + " "
				}
			}
		}
	}
	return out
}

func qrPayload(t *testing.T, p *Project, e content.Env, name string) string {
	t.Helper()
	res, err := e.Treatment.Handout("sheet").Resolve(e, false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.Layout(res, e, p.PDFOptions(res, Request{Env: e, Kind: "sheet", Patient: name}))
	if err != nil {
		t.Fatal(err)
	}
	found := ""
	for _, pg := range r.Pages {
		for _, it := range pg.Items {
			if it.Kind == layout.KQR {
				found = it.QR
			}
		}
	}
	return found
}

func TestStaleReviews(t *testing.T) {
	p := loadCatalog(t)
	h := p.Catalog.Treatments[0].Handout("sheet")
	on := h.ReviewedOn()
	tests := []struct {
		now   time.Time
		stale bool
	}{
		{on.AddDate(0, 11, 30), false},
		{on.AddDate(0, 12, 0), false},
		{on.AddDate(0, 12, 1), true},
	}
	for _, tt := range tests {
		got := strings.Join(p.StaleReviews(tt.now), "\n")
		if stale := strings.Contains(got, h.File+": reviewed on "+h.Front.ReviewedOn); stale != tt.stale {
			t.Errorf("StaleReviews(%s) = %q, want the sheet stale = %v", tt.now.Format(time.DateOnly), got, tt.stale)
		}
	}
}

// TestGuideSections: the guide covers why aftercare matters, the key
// ingredients, the myths and the questions patients ask (issue "content").
func TestGuideSections(t *testing.T) {
	p := loadCatalog(t)
	for _, brand := range []string{"harbor", "thistle"} {
		env, err := p.Catalog.Env(brand, "microneedling", "normal", "face")
		if err != nil {
			t.Fatal(err)
		}
		res, err := env.Treatment.Handout("guide").Resolve(env, false)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ToLower(string(res.Source))
		for _, want := range []string{
			"why aftercare matters",
			"hyaluronic acid", "copper peptides", "growth factors", "aloe vera", "vitamin e",
			"myth: more redness", "myth: a home roller", "myth: you will need a long time off", "myth: microneedling is only for the face",
			"peeling", "gym", map[string]string{"harbor": "usual moisturizer", "thistle": "usual moisturiser"}[brand], "makeup", "results",
			"when to call us",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s guide lacks %q", brand, want)
			}
		}
	}
}

// TestNewTreatmentIsContentOnly: a second treatment is a new folder under
// content/ and a line in each brand file that offers it, with no Go code;
// it is built for every brand and variant, and the index offers a
// treatment filter.
func TestNewTreatmentIsContentOnly(t *testing.T) {
	t.Parallel()
	dir := copyContent(t)
	src := filepath.Join(dir, "treatments", "microneedling")
	dst := filepath.Join(dir, "treatments", "chemical-peel")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	y := filepath.Join(dst, "treatment.yaml")
	data, _ := os.ReadFile(y)
	os.WriteFile(y, []byte(strings.Replace(string(data), "name: Microneedling", "name: Chemical peel", 1)), 0o644)
	offer(t, dir, "chemical-peel")
	out := t.TempDir()
	if _, err := Run(sources(dir), out, Config{}); err != nil {
		t.Fatal(err)
	}
	peel, all := 0, 0
	for _, e := range readManifest(out).Files {
		all++
		if e.Treatment == "chemical-peel" {
			peel++
		}
	}
	if peel != 288 || all != 2*288 {
		t.Errorf("chemical-peel files = %d of %d, want 288 of 576 (3 brand languages × 16 variants × 3 kinds × PDF and HTML)", peel, all)
	}
	index, _ := os.ReadFile(filepath.Join(out, output.IndexName))
	if !strings.Contains(string(index), `<select id="treatment"`) || !strings.Contains(string(index), "Chemical peel") {
		t.Error("the index has no treatment filter")
	}
}

// TestHTMLSizes: the HTML pages, with their embedded typeface, stay small
// enough to open quickly on a phone (issue 11): a sheet at most 150 KB, a
// calendar at most 100 KB.
func TestHTMLSizes(t *testing.T) {
	_, m := builtMatrix(t)
	limits := map[string]int{"sheet": 150 << 10, "calendar": 100 << 10}
	largest := map[string]int{}
	for _, e := range m.Files {
		if e.Format != "html" {
			continue
		}
		largest[string(e.Kind)] = max(largest[string(e.Kind)], e.Bytes)
		if limit, ok := limits[string(e.Kind)]; ok && e.Bytes > limit {
			t.Errorf("%s is %d bytes, over the %d-byte limit for a %s page", e.Path, e.Bytes, limit, e.Kind)
		}
	}
	for kind := range limits {
		if largest[kind] == 0 {
			t.Errorf("no %s page in the build", kind)
		}
	}
	t.Logf("largest HTML pages: %v bytes", largest)
}

// TestCalendarPDFFillsThePage (issue 11, item 5): on Letter (harbor) and
// A4 (thistle), dated or not, the printed calendar's grid spans the page's
// width, the page is used to its foot with the grid taking at least half
// of it, the rule words are at least 12 pt, and the tick boxes, read back
// from the PDF's drawing, are at least 4.5 mm (issue 22) with a visible gap (3 pt or
// more) between any two of them, morning and evening of one day included.
func TestCalendarPDFFillsThePage(t *testing.T) {
	p := loadCatalog(t)
	for _, brand := range []string{"harbor", "thistle"} {
		for _, skin := range []string{"dry", "normal"} {
			for _, dated := range []bool{false, true} {
				env := datedEnv(t, p, brand, skin, "face", "2026-03-13", "00:00", nil)
				if !dated {
					env.Start = time.Time{}
				}
				cal, err := Calendar(env)
				if err != nil {
					t.Fatal(err)
				}
				res, err := env.Treatment.Handout("calendar").Resolve(env, false)
				if err != nil {
					t.Fatal(err)
				}
				name := brand + "/" + skin + "/dated=" + strconv.FormatBool(dated)
				cp, err := pdf.LayoutCalendar(cal, res, env, p.PDFOptions(res, Request{Env: env}))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				usable, avail := cp.W-2*cp.Margin, cp.H-2*cp.Margin
				for _, b := range cp.Bands {
					if w := cp.LabelW + cp.DayW*float64(b.Last-b.First+1); math.Abs(w-usable) > 0.5 {
						t.Errorf("%s: grid %.0f pt wide, want the page's %.0f", name, w, usable)
					}
				}
				t.Logf("%s: used %.0f of %.0f pt (%.0f%%), grid %.0f pt = %.0f%% of the page height, %d bands, grid width %.0f of %.0f", name, cp.Height, avail, 100*cp.Height/avail, cp.GridH, 100*cp.GridH/cp.H, len(cp.Bands), cp.LabelW+cp.DayW*float64(cp.Bands[0].Last-cp.Bands[0].First+1), usable)
				if cp.Height < 0.95*avail || cp.GridH < 0.5*cp.H {
					t.Errorf("%s: page used to %.0f of %.0f pt, grid %.0f pt of a %.0f pt page; want at least 95%% used and half the page the grid", name, cp.Height, avail, cp.GridH, cp.H)
				}
				sizes := cp.LabelSizes()
				if len(sizes) == 0 || slices.Min(sizes) < 12 {
					t.Errorf("%s: rule words at %v pt, want at least 12", name, sizes)
				}
				r, err := p.Render(Request{Env: env, Kind: "calendar", Format: "pdf"})
				if err != nil {
					t.Fatal(err)
				}
				boxes := pdfSquares(t, r.Data)
				if len(boxes) < 100 {
					t.Fatalf("%s: found %d tick boxes in the PDF, want one per tick (over 100)", name, len(boxes))
				}
				for i, b := range boxes {
					if b[2] < pdf.MinTickBox-0.01 {
						t.Errorf("%s: tick box %.1f pt, want at least %.1f (4.5 mm)", name, b[2], pdf.MinTickBox)
						break
					}
					if i > 0 && boxes[i-1][1] == b[1] {
						if gap := b[0] - (boxes[i-1][0] + boxes[i-1][2]); gap < 3-0.01 {
							t.Errorf("%s: boxes at x %.1f and %.1f (y %.1f) are %.1f pt apart, want a gap of at least 3 pt", name, boxes[i-1][0], b[0], b[1], gap)
							break
						}
					}
				}
			}
		}
	}
}

// pdfRect matches fpdf's rectangles, "x y w h re", in a content stream.
var pdfRect = regexp.MustCompile(`(-?[0-9.]+) (-?[0-9.]+) ([0-9.]+) (-?[0-9.]+) re`)

// pdfSquares reads every square of 6 to 30 pt drawn in the PDF's content
// streams (the tick boxes) as x, y and side, sorted by y, then x.
func pdfSquares(t *testing.T, data []byte) [][3]float64 {
	t.Helper()
	var out [][3]float64
	for rest := data; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			break
		}
		body := rest[:end]
		rest = rest[end:]
		zr, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			continue // not compressed content (an image, a font)
		}
		text, _ := io.ReadAll(zr)
		for _, m := range pdfRect.FindAllSubmatch(text, -1) {
			var v [4]float64
			for k := range v {
				v[k], _ = strconv.ParseFloat(string(m[k+1]), 64)
			}
			w, h := v[2], math.Abs(v[3])
			if w >= 6 && w <= 30 && math.Abs(w-h) < 0.05 {
				out = append(out, [3]float64{v[0], math.Round(v[1]*10) / 10, w})
			}
		}
	}
	slices.SortFunc(out, func(a, b [3]float64) int {
		if a[1] != b[1] {
			return int(math.Copysign(1, a[1]-b[1]))
		}
		return int(math.Copysign(1, a[0]-b[0]))
	})
	return out
}
