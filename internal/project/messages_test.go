package project

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTruncatedLogoHasLine: a logo whose header is sound but whose pixels
// stop short (found only when it is decoded, as the build loads) is
// refused at the brand file's logo: line, naming the logo file.
func TestTruncatedLogoHasLine(t *testing.T) {
	dir := smallContent(t, false)
	if err := os.WriteFile(filepath.Join(dir, "brands", "acme.png"), hugePNG(800, 200), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(sources(dir))
	want := "content/brands/acme.yaml:4: logo content/brands/acme.png cannot be read"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Load = %v, want %q", err, want)
	}
}

// TestLowResLogoRefused (issue 22): a raster logo with fewer pixels than
// 300 ppi needs at its printed height (the masthead's 14 mm: 166 px) is
// refused at the brand file's logo: line, saying its resolution and the
// height to export; the shipped clinics' logos pass.
func TestLowResLogoRefused(t *testing.T) {
	dir := smallContent(t, false)
	img := image.NewNRGBA(image.Rect(0, 0, 480, 120))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "brands", "acme.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(sources(dir))
	want := "content/brands/acme.yaml:4: logo content/brands/acme.png is 120 px tall: printed 14 mm high that is 218 ppi, and print needs 300; export it at least 166 px tall"
	if err == nil || err.Error() != want {
		t.Fatalf("Load = %v, want %q", err, want)
	}
	// The shipped logos as the PDFs embed them: at least 300 ppi at the
	// masthead's height.
	p := loadCatalog(t)
	for _, id := range []string{"harbor", "thistle"} {
		cfg, err := png.DecodeConfig(bytes.NewReader(p.logos[id].print()))
		if need := printPx(p.styles[id].LogoHeightMM); err != nil || cfg.Height < need || float64(cfg.Height)/(p.styles[id].LogoHeightMM/25.4) < MinLogoPPI {
			t.Errorf("%s: the PDFs embed the logo %d px tall (%v), want at least %d", id, cfg.Height, err, need)
		}
	}
	for _, name := range []string{"harbor.png", "thistle.png"} {
		cfg, err := png.DecodeConfig(bytes.NewReader(must(os.ReadFile(filepath.Join(realContent, "brands", name)))))
		if err != nil || cfg.Height < 166 {
			t.Errorf("%s: %d px tall (%v), want at least 166", name, cfg.Height, err)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
