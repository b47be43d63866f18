package desk

import (
	"math"
	"slices"
	"strings"
	"testing"

	"handouts/internal/lang"
	"handouts/internal/pdftest"
)

// TestMergedCalendarHeadings (issue 22, item 4): in the calendar of a
// visit with two treatments, the sections' headings ("Do (tick when
// done) · HarborRenew™ Microneedling + Dermaplaning") wrap inside the
// rule names' column: read back from the PDF, no word of the grid's rows
// starts left of the first day's column and runs into it.
func TestMergedCalendarHeadings(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := dermaProject(t)
	for _, tc := range []struct{ brand, lang string }{{"harbor", "en-US"}, {"harbor", "es-US"}, {"thistle", "en-GB"}} {
		t.Run(tc.brand+"/"+tc.lang, func(t *testing.T) {
			l, _ := lang.Get(tc.lang)
			req := PacketRequest{Brand: tc.brand, Lang: tc.lang, Treatments: []string{"microneedling", "dermaplaning"}, Skin: "dry", Areas: []string{"face"},
				Start: at1030, HasTime: true, Patient: "Ana", Calendar: true}
			file, _ := packetPDF(t, p, req)
			pages := pdftest.Pages(t, file)
			dayLabel := strings.TrimSpace(strings.ReplaceAll(l.DayN, "%d", ""))
			// The footer's box ends the grid (with "What to expect" where
			// that is on the page): its first line names the clinic's
			// phone.
			env, err := p.Catalog.Env(tc.brand, "microneedling", "dry", "face")
			if err != nil {
				t.Fatal(err)
			}
			phone := strings.Fields(env.Brand.Contact.Phone)
			digits := phone[len(phone)-1]
			checked := 0
			for n, pg := range pages {
				if !strings.Contains(pg, l.CalAvoid+" · ") {
					continue
				}
				words, _ := pdftest.PageWords(t, file, n+1)
				// The grid's left edge: right of the "Day" over the day
				// numbers; its rows run from there to "What to expect".
				top, bottom, gx := -1.0, 1e9, 0.0
				expect := strings.Fields(l.CalExpect)
				isExpect := func(i int) bool {
					for k, e := range expect {
						if i+k >= len(words) || words[i+k].Text != e {
							return false
						}
					}
					return true
				}
				for i, w := range words {
					// The "Day" right beside the first day's "0", which
					// has day 1 beside it (not "Day 0" in the intro).
					near := func(text string, left float64) bool {
						return slices.ContainsFunc(words, func(z pdftest.Word) bool {
							return z.Text == text && math.Abs(z.YMin-w.YMin) < 2 && z.XMin > left && z.XMin-left < 60
						})
					}
					beside := near("0", w.XMax) && near("1", w.XMax+20)
					if w.Text == dayLabel && beside && top < 0 {
						top, gx = w.YMax, w.XMax
					}
					if (isExpect(i) || strings.Contains(w.Text, digits)) && w.YMin > top && top >= 0 {
						bottom = min(bottom, w.YMin)
					}
				}
				if top < 0 {
					t.Fatalf("page %d: no %q over the days", n+1, dayLabel)
				}
				heading := false
				for _, w := range words {
					if w.YMin < top || w.YMax > bottom {
						continue
					}
					if w.Text == "·" {
						heading = true
					}
					if w.XMin < gx && w.XMax > gx+1 {
						t.Errorf("page %d: %q (x %.0f to %.0f) runs over the first day's column at x %.0f", n+1, w.Text, w.XMin, w.XMax, gx)
					}
				}
				if !heading {
					t.Errorf("page %d: no section heading naming both treatments in the grid", n+1)
				}
				checked++
			}
			if checked == 0 {
				t.Fatal("no calendar page found")
			}
		})
	}
}
