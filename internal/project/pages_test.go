package project

import (
	"strings"
	"testing"

	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/layout/layouttest"
	"handouts/internal/pdf"
	"handouts/internal/style"
)

// TestPageModelMatrix lays out every sheet and guide of every brand,
// language and variant (Letter and A4), as the build makes it and as the
// worst-case personal copy the desk can make (personal.go), and checks the
// page model: no page ends with a heading or a lone line, none starts with
// one, no box or list item that fits on a page is split, no text is
// smaller than the body floor, every sheet fits its page limit, and the
// pages are balanced (layout.Balance: no warning box alone on a page, no
// page but the last more than half empty, no list split with fewer than
// three items on a side).
func TestPageModelMatrix(t *testing.T) {
	p := loadCatalog(t)
	c := p.Catalog
	checked := 0
	for _, b := range c.Brands {
		st := p.styles[b.ID]
		for _, tag := range b.Languages {
			for _, tr := range c.Treatments {
				for _, kind := range []string{"sheet", "guide"} { // the calendar is one grid; the email is no page
					for _, s := range c.Skins {
						for _, a := range c.Areas {
							env, err := c.EnvIn(b.ID, tag, tr.ID, s.ID, a.ID)
							if err != nil {
								t.Fatal(err)
							}
							h := env.Treatment.Handout(content.Kind(kind))
							personal := env
							personal.Start, personal.HasTime = worstStart(env.Lang, env.Treatment.Rules), true
							for _, copy := range []struct {
								env     content.Env
								patient string
							}{{env, ""}, {personal, WorstName}} {
								env := copy.env
								res, err := h.Resolve(env, false)
								if err != nil {
									t.Fatal(err)
								}
								r, err := pdf.Layout(res, env, p.PDFOptions(res, Request{Env: env, Kind: content.Kind(kind), Patient: copy.patient}))
								if err != nil {
									t.Fatal(err)
								}
								name := b.ID + " " + tag + " " + s.ID + "-" + a.ID + " " + kind
								if copy.patient != "" {
									name += " (personal)"
								}
								rest := r.Geom.Bottom - r.Geom.Top
								if v := layout.Balance(r.Pages, layout.Geometry{First: r.Geom.Bottom - r.Geom.FirstTop, Rest: rest}); len(v) > 0 {
									t.Errorf("%s: %s", name, strings.Join(v, "; "))
								}
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
		}
	}
	if want := 3 * 16 * 2 * 2; checked != want { // harbor en-US, es-US; thistle en-GB
		t.Errorf("checked %d layouts, want %d", checked, want)
	}
}
