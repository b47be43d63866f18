package build

import (
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
	if err := os.WriteFile(filepath.Join(dir, "brands", "acme.png"), hugePNG(100, 50), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(sources(dir))
	want := "content/brands/acme.yaml:4: logo content/brands/acme.png cannot be read"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Load = %v, want %q", err, want)
	}
}
