package build

import (
	"strings"
	"testing"

	"handouts/internal/layout"
	"handouts/internal/layout/layouttest"
	"handouts/internal/pdf"
	"handouts/internal/style"
)

// TestPageModelMatrix lays out every sheet and guide of every brand and
// variant (Letter and A4) and checks the page model: no page ends with a
// heading or a lone line, none starts with one, no box or list item that
// fits on a page is split, no text is smaller than the body floor, and
// every sheet fits its page limit.
func TestPageModelMatrix(t *testing.T) {
	p := loadCatalog(t)
	c := p.Catalog
	checked := 0
	for _, b := range c.Brands {
		st := p.styles[b.ID]
		for _, tr := range c.Treatments {
			for _, h := range tr.Handouts {
				if h.Front.Kind != "sheet" && h.Front.Kind != "guide" {
					continue // the calendar is one grid; the email is no page
				}
				for _, s := range c.Skins {
					for _, a := range c.Areas {
						env, err := c.Env(b.ID, tr.ID, s.ID, a.ID)
						if err != nil {
							t.Fatal(err)
						}
						res, err := h.Resolve(env, false)
						if err != nil {
							t.Fatal(err)
						}
						r, err := pdf.Layout(res, env, p.pdfOptions(res, Request{Env: env, Kind: h.Front.Kind}))
						if err != nil {
							t.Fatal(err)
						}
						name := b.ID + "/" + s.ID + "-" + a.ID + "/" + h.Front.Kind
						rest := r.Geom.Bottom - r.Geom.Top
						if v := layouttest.Violations(r.Pages, st.MinOrphan, st.MinWidow, rest); len(v) > 0 {
							t.Errorf("%s: %s", name, strings.Join(v, "; "))
						}
						if len(r.Pages) > h.Front.MaxPages {
							t.Errorf("%s: %d pages, limit %d", name, len(r.Pages), h.Front.MaxPages)
						}
						for _, pg := range r.Pages {
							for _, it := range pg.Items {
								lines := []*layout.Line{it.Line}
								for _, cell := range it.Cells {
									for i := range cell.Lines {
										lines = append(lines, &cell.Lines[i])
									}
								}
								for _, l := range lines {
									if l == nil {
										continue
									}
									for _, sp := range l.Spans {
										if sp.Style.Size < style.MinBodySize {
											t.Errorf("%s: %.1f pt text %q, below %.0f pt", name, sp.Style.Size, sp.Text, style.MinBodySize)
										}
									}
								}
							}
						}
						checked++
					}
				}
			}
		}
	}
	if checked != 2*16*2 {
		t.Errorf("checked %d layouts, want 64", checked)
	}
}
