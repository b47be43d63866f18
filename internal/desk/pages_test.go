package desk

import (
	"fmt"
	"strings"
	"testing"

	"handouts/internal/layout"
	"handouts/internal/layout/layouttest"
	"handouts/internal/pdf"
	"handouts/internal/project"
)

// TestPacketPagesBalanced lays out the merged sheet and guide of packets
// of several areas (content.Union), for every clinic, language and skin
// type, dated for the patient, and holds their pages to the same rules as
// TestPageModelMatrix.
func TestPacketPagesBalanced(t *testing.T) {
	p := loadCatalog(t)
	c := p.Catalog
	checked := 0
	for _, b := range c.Brands {
		for _, tag := range b.Languages {
			for _, s := range c.Skins {
				for _, areas := range [][]string{{"face", "neck-decollete"}, {"chest-back", "abdomen-thighs"}, {"face", "neck-decollete", "chest-back", "abdomen-thighs"}} {
					pk, err := NewPacket(p, PacketRequest{Brand: b.ID, Lang: tag, Treatments: []string{"microneedling"}, Skin: s.ID, Areas: areas,
						Start: at1030, HasTime: true, Patient: project.WorstName, Sheets: true, Guides: true})
					if err != nil {
						t.Fatal(err)
					}
					parts, _, err := pk.parts()
					if err != nil {
						t.Fatal(err)
					}
					for _, part := range parts {
						r, err := pdf.Layout(part.Res, part.Env, part.Opt)
						if err != nil {
							t.Fatal(err)
						}
						name := fmt.Sprintf("%s %s %s %s %s", b.ID, tag, s.ID, strings.Join(areas, "+"), part.Res.Handout.Front.Kind)
						rest := r.Geom.Bottom - r.Geom.Top
						v := layouttest.Violations(r.Pages, part.Opt.Style.MinOrphan, part.Opt.Style.MinWidow, rest)
						v = append(v, layout.Balance(r.Pages, layout.Geometry{First: r.Geom.Bottom - r.Geom.FirstTop, Rest: rest})...)
						if len(v) > 0 {
							t.Errorf("%s: %s", name, strings.Join(v, "; "))
						}
						checked++
					}
				}
			}
		}
	}
	if want := 3 * 4 * 3 * 2; checked != want {
		t.Errorf("checked %d layouts, want %d", checked, want)
	}
}
