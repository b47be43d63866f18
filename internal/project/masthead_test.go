package project

import (
	"encoding/xml"
	"handouts/internal/content"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"handouts/internal/pdftest"
)

// bboxLine is one line of text as pdftotext -bbox-layout reads it.
type bboxLine struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// pageLines reads the lines of page 1 of file, with their boxes, and
// the page's width.
func pageLines(t *testing.T, file string) ([]bboxLine, float64) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", "-f", "1", "-l", "1", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// The lines sit under flow/block in the page; decode them directly.
	var lines []bboxLine
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	width := 0.0
	var cur *bboxLine
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := func(name string) float64 { return pdftest.AttrFloat(el, name) }
			switch el.Name.Local {
			case "page":
				width = attr("width")
			case "line":
				lines = append(lines, bboxLine{XMin: attr("xMin"), YMin: attr("yMin"), XMax: attr("xMax"), YMax: attr("yMax")})
				cur = &lines[len(lines)-1]
			case "word":
				var w string
				if err := dec.DecodeElement(&w, &el); err == nil && cur != nil {
					cur.Text = strings.TrimSpace(cur.Text + " " + w)
				}
			}
		}
	}
	return lines, width
}

// TestPersonalMasthead: on every kind of personal copy (a dated copy with
// a time and the longest name, Letter and A4, English and Spanish), no two
// lines of text at the top of page 1 overlap, none runs off the page, and
// the patient's line is there whole.
func TestPersonalMasthead(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	start := time.Date(2026, 9, 30, 22, 30, 0, 0, time.UTC)
	name := strings.Repeat("W", MaxNameRunes)
	for _, tc := range []struct{ brand, lang, kind string }{
		{"harbor", "en-US", "sheet"}, {"harbor", "es-US", "guide"}, {"harbor", "en-US", "calendar"},
		{"thistle", "en-GB", "sheet"}, {"thistle", "en-GB", "calendar"}, {"harbor", "es-US", "calendar"},
	} {
		t.Run(tc.brand+"/"+tc.lang+"/"+tc.kind, func(t *testing.T) {
			env, err := p.Catalog.EnvIn(tc.brand, tc.lang, "microneedling", "normal", "face")
			if err != nil {
				t.Fatal(err)
			}
			env.Start, env.HasTime = start, true
			r, err := p.Render(Request{Env: env, Kind: content.Kind(tc.kind), Format: "pdf", Patient: name})
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), tc.kind+".pdf")
			if err := os.WriteFile(file, r.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			lines, width := pageLines(t, file)
			var top []bboxLine
			for _, ln := range lines {
				if ln.YMin < 130 { // the masthead and the title
					top = append(top, ln)
				}
				if ln.XMin < 0 || ln.XMax > width+0.5 {
					t.Errorf("line %q runs off the page: x %.1f to %.1f of %.1f", ln.Text, ln.XMin, ln.XMax, width)
				}
			}
			// pdftotext's boxes run from the font's descent to its ascent,
			// about 1.24 times the type size, so the boxes of well-set
			// lines touch; two lines collide when their middles are less
			// than 0.9 of the larger type size apart (the 4 lines squeezed
			// into the room of 3 were 9.9 pt apart for 12 pt type).
			for i, a := range top {
				for _, b := range top[i+1:] {
					ox := min(a.XMax, b.XMax) - max(a.XMin, b.XMin)
					size := max(a.YMax-a.YMin, b.YMax-b.YMin) / 1.24
					gap := (b.YMin + b.YMax - a.YMin - a.YMax) / 2
					if ox > 0.5 && gap < 0 {
						gap = -gap
					}
					if ox > 0.5 && gap < 0.9*size {
						t.Errorf("masthead lines collide: %q (%.1f-%.1f) and %q (%.1f-%.1f): %.1f pt apart for %.1f pt type", a.Text, a.YMin, a.YMax, b.Text, b.YMin, b.YMax, gap, size)
					}
				}
			}
			all := ""
			for _, ln := range top {
				all += " " + ln.Text
			}
			if !strings.Contains(all, name) {
				t.Errorf("the patient's name is not whole at the top of page 1:\n%s", all)
			}
		})
	}
}

// TestPhoneNumbersWhole: a clinic's phone number is never broken across
// lines in any printed sheet or guide, generic or personal (read back
// with pdftotext -layout: a number split at a line's end would leave its
// first part alone at the end of a line).
func TestPhoneNumbersWhole(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	start := time.Date(2026, 9, 30, 22, 30, 0, 0, time.UTC)
	for _, b := range p.Catalog.Brands {
		for _, lang := range b.Languages {
			for _, kind := range []string{"sheet", "guide"} {
				for _, dated := range []bool{false, true} {
					env, err := p.Catalog.EnvIn(b.ID, lang, "microneedling", "sensitive", "chest-back")
					if err != nil {
						t.Fatal(err)
					}
					req := Request{Env: env, Kind: content.Kind(kind), Format: "pdf"}
					if dated {
						req.Env.Start, req.Env.HasTime, req.Patient = start, true, "Ana"
					}
					r, err := p.Render(req)
					if err != nil {
						t.Fatal(err)
					}
					file := filepath.Join(t.TempDir(), "x.pdf")
					if err := os.WriteFile(file, r.Data, 0o644); err != nil {
						t.Fatal(err)
					}
					text := pdftest.Run(t, "pdftotext", "-layout", file, "-")
					for _, num := range []string{b.Contact.Phone, b.Contact.AfterHours} {
						parts := strings.Fields(num)
						if len(parts) < 2 {
							continue
						}
						// The first part of the number at a line's end,
						// without the rest after it.
						split := regexp.MustCompile(regexp.QuoteMeta(parts[0]) + `[ \x{00a0}]*\n`)
						if split.MatchString(text) {
							t.Errorf("%s %s %s dated=%v: the number %q is broken across lines", b.ID, lang, kind, dated, num)
						}
						if !strings.Contains(strings.ReplaceAll(text, "\u00a0", " "), num) {
							t.Errorf("%s %s %s dated=%v: the number %q is not printed whole", b.ID, lang, kind, dated, num)
						}
					}
				}
			}
		}
	}
}
