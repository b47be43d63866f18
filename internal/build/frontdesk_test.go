package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/pdf"
)

// TestEmailSizes: every sheet fits in 150 KB and every calendar in 100 KB,
// so the PDFs can be e-mailed.
func TestEmailSizes(t *testing.T) {
	_, m := builtMatrix(t)
	limits := map[string]int{"sheet": 150 << 10, "calendar": 100 << 10, "guide": 300 << 10}
	for _, e := range m.Files {
		if e.Format == "pdf" && e.Bytes > limits[e.Kind] {
			t.Errorf("%s is %d bytes, over the %d-byte limit for a %s", e.Path, e.Bytes, limits[e.Kind], e.Kind)
		}
	}
}

// TestQRCode checks the payload at the drawing layer: a brand with a
// base_url gets a QR code on each sheet that points to that variant's HTML
// page, and a personal copy encodes the same address, never the patient.
func TestQRCode(t *testing.T) {
	p := loadCatalog(t)
	for _, brand := range []string{"harbor", "thistle"} {
		env, err := p.Catalog.Env(brand, "microneedling", "oily", "chest-back")
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if b := p.Catalog.Brand(brand); b.BaseURL != "" {
			want = b.BaseURL + "/" + brand + "/microneedling/oily-chest-back/sheet.html"
		}
		if got := qrPayload(t, p, env, ""); got != want {
			t.Errorf("%s: QR encodes %q, want %q", brand, got, want)
		}
		env.Start = time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
		got := qrPayload(t, p, env, "Ana")
		if got != want || strings.Contains(got, "Ana") || strings.Contains(got, "2026") {
			t.Errorf("%s personal copy: QR encodes %q, want %q", brand, got, want)
		}
	}
}

func qrPayload(t *testing.T, p *Project, e content.Env, name string) string {
	t.Helper()
	res, err := e.Treatment.Handout("sheet").Resolve(e, false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.Layout(res, e, p.pdfOptions(res, Request{Env: e, Kind: "sheet", Patient: name}))
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
			"peeling", "gym", "usual moisturizer", "makeup", "results",
			"when to call us",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s guide lacks %q", brand, want)
			}
		}
	}
}

// TestNewTreatmentIsContentOnly: a second treatment is a new folder under
// content/, with no Go code; it is built for every brand and variant, and
// the index offers a treatment filter.
func TestNewTreatmentIsContentOnly(t *testing.T) {
	dir := copyContent(t)
	src := filepath.Join(dir, "treatments", "microneedling")
	dst := filepath.Join(dir, "treatments", "chemical-peel")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	y := filepath.Join(dst, "treatment.yaml")
	data, _ := os.ReadFile(y)
	os.WriteFile(y, []byte(strings.Replace(string(data), "name: Microneedling", "name: Chemical peel", 1)), 0o644)
	out := t.TempDir()
	if _, err := Run(sources(dir), out, Config{}); err != nil {
		t.Fatal(err)
	}
	peel := 0
	for _, e := range readManifest(out).Files {
		if e.Treatment == "chemical-peel" {
			peel++
		}
	}
	if peel != 192 {
		t.Errorf("chemical-peel files = %d, want 192", peel)
	}
	index, _ := os.ReadFile(filepath.Join(out, IndexName))
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
		largest[e.Kind] = max(largest[e.Kind], e.Bytes)
		if limit, ok := limits[e.Kind]; ok && e.Bytes > limit {
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
