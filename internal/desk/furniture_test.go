package desk

import (
	"fmt"
	"handouts/internal/content"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handouts/internal/pdftest"
)

// TestPacketReviewLineEveryPage reads back every page of a packet (sheet,
// calendar and guide of two areas) of both clinics in each of their
// languages and finds on each the review line of one of its parts and the
// clinic's disclaimer (TestReviewLineEveryPage in internal/project reads
// the single copies).
func TestPacketReviewLineEveryPage(t *testing.T) {
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	c := p.Catalog
	start := time.Date(2026, 3, 13, 22, 30, 0, 0, time.UTC)
	check := func(name, text, disclaimer string) {
		t.Helper()
		if !strings.Contains(pdftest.Flat(text), pdftest.Flat(disclaimer)) {
			t.Errorf("%s: no disclaimer %q in:\n%s", name, disclaimer, text)
		}
	}
	seen := 0
	for _, b := range c.Brands {
		for _, tag := range b.Languages {
			env, err := c.EnvIn(b.ID, tag, "microneedling", "oily", "face")
			if err != nil {
				t.Fatal(err)
			}
			disclaimer := env.Disclaimer()
			// A packet: every page of each part carries that part's line.
			pk, err := NewPacket(p, PacketRequest{Brand: b.ID, Lang: tag, Treatments: []string{"microneedling"}, Skin: "oily",
				Areas: []string{"face", "neck-decollete"}, Start: start, HasTime: true, Patient: "Ana", Sheets: true, Calendar: true, Guides: true})
			if err != nil {
				t.Fatal(err)
			}
			r, err := pk.PDF()
			if err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(t.TempDir(), "packet.pdf")
			if err := os.WriteFile(f, r.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			for i, pg := range pdftest.Pages(t, f) {
				ok := false
				for _, kind := range []string{"sheet", "calendar", "guide"} {
					ok = ok || strings.Contains(pdftest.Flat(pg), pdftest.Flat(env.ReviewLine(env.Treatment.Handout(content.Kind(kind)))))
				}
				if !ok {
					t.Errorf("%s %s packet page %d: no review line of any of its parts in:\n%s", b.ID, tag, i+1, pg)
				}
				check(fmt.Sprintf("%s %s packet page %d", b.ID, tag, i+1), pg, disclaimer)
				seen++
			}
		}
	}
	if seen < 6 {
		t.Errorf("read %d packet pages; want more", seen)
	}
}
