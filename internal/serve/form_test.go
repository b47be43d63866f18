package serve

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/browser"
)

// TestFormLanguage: the one-off form offers each language a clinic
// offers, by its own name; a Spanish sheet comes back in Spanish, and a
// language the chosen clinic does not offer is refused.
func TestFormLanguage(t *testing.T) {
	_, ts := loadedServer(t, Config{})
	_, page := get(t, ts.URL+"/make")
	for _, want := range []string{`<select id="lang" name="lang">`, `<option value="">The clinic's first language</option>`, `<option value="es-US" lang="es-US">español</option>`, `<option value="en-GB" lang="en-GB">British English</option>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	token := formToken(t, ts.URL)
	v := makeForm(token)
	v.Set("lang", "es-US")
	code, hdr, body := postMake(t, ts.URL, v.Encode(), nil)
	if code != 200 || hdr.Get("Content-Type") != "application/pdf" {
		t.Fatalf("Spanish sheet: status %d %s: %.200s", code, hdr.Get("Content-Type"), body)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		f := filepath.Join(t.TempDir(), "x.pdf")
		os.WriteFile(f, []byte(body), 0o644)
		out, err := exec.Command("pdftotext", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{"Para: Ana", "Día del tratamiento (día 0): viernes 13 de marzo de 2026", "Lo más importante"} {
			if !strings.Contains(text, want) {
				t.Errorf("the Spanish PDF lacks %q", want)
			}
		}
	} else if browser.InCI() {
		t.Fatal("pdftotext is required in CI: apt-get install poppler-utils")
	}
	v.Set("brand", "thistle")
	code, _, body = postMake(t, ts.URL, v.Encode(), nil)
	if want := `brand thistle does not offer language "es-US"; it offers en-GB`; code != 400 || !strings.Contains(body, want) {
		t.Errorf("thistle in Spanish: status %d %q, want 400 %q", code, body, want)
	}
}
