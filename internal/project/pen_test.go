package project

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/internal/lang"
	"handouts/internal/pdf"
	"handouts/internal/pdftest"
)

// TestCalendarForThePen (issue 22, item 4): the printed calendar, read
// back from the PDF, on Letter and A4, in English and Spanish, generic and
// the worst-case personal copy: every tick box is at least 4.5 mm (from
// the drawing, and the layout's own size), each box of a timed task has
// its time's mark from the language file printed inside it, the legend
// names the marks, the sunscreen (an ongoing task: "every day") has its
// boxes on the last day shown, and the title starts at the grid's left
// edge.
func TestCalendarForThePen(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	for _, tc := range []struct {
		brand, lang string
		dated       bool
	}{{"harbor", "en-US", false}, {"harbor", "es-US", true}, {"thistle", "en-GB", true}, {"thistle", "en-GB", false}} {
		name := fmt.Sprintf("%s/%s/dated=%v", tc.brand, tc.lang, tc.dated)
		t.Run(name, func(t *testing.T) {
			env := datedEnv(t, p, tc.brand, "dry", "chest-back", "2026-09-30", "22:30", nil)
			l, _ := lang.Get(tc.lang)
			env.Lang = l
			patient := ""
			if tc.dated {
				patient = strings.Repeat("W", MaxNameRunes)
			} else {
				env.Start, env.HasTime = time.Time{}, false
			}
			cal, err := Calendar(env)
			if err != nil {
				t.Fatal(err)
			}
			res, err := env.Treatment.Handout("calendar").Resolve(env, false)
			if err != nil {
				t.Fatal(err)
			}
			req := Request{Env: env, Kind: "calendar", Format: "pdf", Patient: patient}
			cp, err := pdf.LayoutCalendar(cal, res, env, p.PDFOptions(res, req))
			if err != nil {
				t.Fatal(err)
			}
			if cp.Pages() != 1 {
				t.Errorf("the calendar takes %d pages, want 1", cp.Pages())
			}
			r, err := p.Render(req)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "c.pdf")
			if err := os.WriteFile(file, r.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			boxes := pdfSquares(t, r.Data)
			if len(boxes) < 100 {
				t.Fatalf("found %d tick boxes, want over 100", len(boxes))
			}
			for _, b := range boxes {
				if b[2] < pdf.MinTickBox-0.01 {
					t.Fatalf("a tick box is %.2f mm, want at least 4.5", b[2]*25.4/72)
				}
			}
			words, height := pdftest.PageWords(t, file, 1)
			// Each mark is inside a box: its word's centre within one.
			inBox := func(w pdftest.Word) bool {
				cx, cy := (w.XMin+w.XMax)/2, height-(w.YMin+w.YMax)/2 // PDF space, bottom-up
				for _, b := range boxes {
					// fpdf draws "x y w -h re": y is the box's top.
					if cx > b[0] && cx < b[0]+b[2] && cy < b[1] && cy > b[1]-b[2] {
						return true
					}
				}
				return false
			}
			count := map[string]int{}
			for _, w := range words {
				for _, tm := range []string{"morning", "midday", "evening", "bedtime"} {
					if w.Text == l.TimeMarks[tm] && inBox(w) {
						count[tm]++
					}
				}
			}
			want := map[string]int{}
			for _, row := range cal.Rows {
				for _, c := range row.Cells {
					for _, tm := range c.Times {
						want[tm]++
					}
				}
			}
			for tm, n := range want {
				if count[tm] != n {
					t.Errorf("%d boxes marked %q (%s) in the PDF, want %d", count[tm], l.TimeMarks[tm], tm, n)
				}
			}
			text := strings.Join(strings.Fields(fileText(t, file)), " ")
			if legend := l.Legend(cal.TimesUsed()); !strings.Contains(text, strings.ReplaceAll(legend, "\u00a0", " ")) {
				t.Errorf("no legend %q in the PDF", legend)
			}
			// The sunscreen row: its label's line, and a box on the last
			// day's column at that height.
			sun := env.Rule("mineral-sunscreen").Text
			first := strings.Fields(sun)[0]
			gx := cp.Margin + cp.LabelW
			lastX := gx + cp.DayW*float64(len(cal.Days)-1)
			found := false
			for _, w := range words {
				if w.Text != first || w.XMin > gx {
					continue
				}
				mid := height - (w.YMin+w.YMax)/2
				for _, b := range boxes {
					if b[0] > lastX && b[0] < lastX+cp.DayW && math.Abs((b[1]-b[2]/2)-mid) < b[2] {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("no %q box on day %d, the last day shown", sun, len(cal.Days)-1)
			}
			// The title's first word starts at the grid's left edge.
			tw := strings.Fields(res.Title)[0]
			i := slices.IndexFunc(words, func(w pdftest.Word) bool { return w.Text == tw })
			if i < 0 || math.Abs(words[i].XMin-cp.Margin) > 1 {
				t.Errorf("title word %q at %+v, want it at the grid's left edge x=%.1f", tw, words, cp.Margin)
			}
		})
	}
}

// fileText is the text of file as pdftotext reads it.
func fileText(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
