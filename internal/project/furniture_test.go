package project

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/content"
	"handouts/internal/pdftest"
)

// pagesOf is the text of each page of a PDF in memory (pdfPages).
func pagesOf(t *testing.T, data []byte) []string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return pdftest.Pages(t, name)
}

// TestReviewLineEveryPage reads back every page of every kind (sheet,
// calendar, guide; the generic copy, a dated personal copy and a packet)
// of both clinics in each of their languages, as PDF and as HTML, and
// finds on each the review line ("Reviewed October 2026 by Dr. Jane
// Example, MD", in the handout's language, from its reviewed_by and
// reviewed_on) and the disclaimer (the clinic's wording where its brand
// file has one, the language's otherwise).
func TestReviewLineEveryPage(t *testing.T) {
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	c := p.Catalog
	want := map[string]string{ // disclaimers by brand and language, as the data says them
		"harbor/en-US":  "This handout does not replace advice from your own provider.",
		"harbor/es-US":  "Esta información no sustituye los consejos de su proveedor de salud.",
		"thistle/en-GB": "This leaflet is general guidance. It does not replace advice from your clinician.",
	}
	check := func(name, text, review, disclaimer string) {
		t.Helper()
		if !strings.Contains(pdftest.Flat(text), pdftest.Flat(review)) {
			t.Errorf("%s: no review line %q in:\n%s", name, review, text)
		}
		if !strings.Contains(pdftest.Flat(text), pdftest.Flat(disclaimer)) {
			t.Errorf("%s: no disclaimer %q in:\n%s", name, disclaimer, text)
		}
	}
	seen := 0
	for _, b := range c.Brands {
		for _, tag := range b.Languages {
			disclaimer, ok := want[b.ID+"/"+tag]
			if !ok {
				t.Fatalf("no expected disclaimer for %s in %s", b.ID, tag)
			}
			for _, area := range []string{"face", "chest-back"} {
				env, err := c.EnvIn(b.ID, tag, "microneedling", "dry", area)
				if err != nil {
					t.Fatal(err)
				}
				if got := env.Disclaimer(); got != disclaimer {
					t.Errorf("%s %s: disclaimer %q, want %q", b.ID, tag, got, disclaimer)
				}
				// The personal copy check lays out (personal.go).
				dated := env
				dated.Start, dated.HasTime = worstStart(env.Lang, env.Treatment.Rules), true
				for _, kind := range []string{"sheet", "calendar", "guide"} {
					h := env.Treatment.Handout(content.Kind(kind))
					review := env.ReviewLine(h)
					if !strings.Contains(review, h.Front.ReviewedBy) || !strings.Contains(review, fmt.Sprint(h.ReviewedOn().Year())) ||
						!strings.Contains(review, env.Lang.LongMonths[h.ReviewedOn().Month()-1]) {
						t.Errorf("%s: review line %q does not name %s and %s", h.File, review, h.Front.ReviewedBy, h.Front.ReviewedOn)
					}
					for _, copy := range []struct {
						name    string
						env     content.Env
						patient string
					}{{"generic", env, ""}, {"personal", dated, WorstName}} {
						name := fmt.Sprintf("%s %s %s %s %s", b.ID, tag, area, kind, copy.name)
						r, err := p.Render(Request{Env: copy.env, Kind: content.Kind(kind), Format: "pdf", Patient: copy.patient})
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						pages := pagesOf(t, r.Data)
						if len(pages) != r.Pages {
							t.Fatalf("%s: pdftotext read %d pages, the build made %d", name, len(pages), r.Pages)
						}
						for i, pg := range pages {
							check(fmt.Sprintf("%s PDF page %d", name, i+1), pg, review, disclaimer)
							seen++
						}
						hr, err := p.Render(Request{Env: copy.env, Kind: content.Kind(kind), Format: "html", Patient: copy.patient})
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						check(name+" HTML", html.UnescapeString(string(hr.Data)), review, disclaimer)
					}
				}
			}
		}
	}
	if seen < 50 {
		t.Errorf("read %d pages; the matrix should hold more", seen)
	}
}
