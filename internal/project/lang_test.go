package project

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"handouts/internal/content"
	"handouts/internal/output"
	"handouts/internal/pdftest"
)

// plain folds white space, the no-break spaces included, to single
// spaces, so that text reads as patients see it.
func plain(s string) string { return strings.Join(strings.Fields(s), " ") }

var reHeadingLine = regexp.MustCompile(`(?m)^(#{1,6}) `)

// headingLevels lists the levels of a Markdown text's headings.
func headingLevels(md []byte) string {
	var out []string
	for _, m := range reHeadingLine.FindAllStringSubmatch(string(md), -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, " ")
}

// TestTranslationsCoverSource: for every brand that offers another
// language and every variant, the translated sheet, guide and calendar
// name every rule and have every section that the English ones do, and
// the translated calendar has the same rows, days and milestones, each
// with a translated label.
func TestTranslationsCoverSource(t *testing.T) {
	c := loadCatalog(t).Catalog
	checked := 0
	for _, b := range c.Brands {
		var src string
		for _, tag := range b.Languages {
			if strings.HasPrefix(tag, "en-") && src == "" {
				src = tag
			}
		}
		for _, tag := range b.Languages {
			if strings.HasPrefix(tag, "en-") {
				continue
			}
			for _, tr := range c.Treatments {
				for _, sk := range c.Skins {
					for _, ar := range c.Areas {
						en, err := c.EnvIn(b.ID, src, tr.ID, sk.ID, ar.ID)
						if err != nil {
							t.Fatal(err)
						}
						es, err := en.In(tag)
						if err != nil {
							t.Fatal(err)
						}
						name := b.ID + "/" + tag + "/" + sk.ID + "-" + ar.ID
						for _, kind := range []string{"sheet", "guide", "calendar"} {
							a, err := en.Treatment.Handout(content.Kind(kind)).Resolve(en, false)
							if err != nil {
								t.Fatal(err)
							}
							z, err := es.Treatment.Handout(content.Kind(kind)).Resolve(es, false)
							if err != nil {
								t.Fatal(err)
							}
							if z.Handout.File == a.Handout.File {
								t.Fatalf("%s %s: the %s translation is the source itself", name, kind, tag)
							}
							ra, rz := slices.Sorted(slices.Values(a.Refs)), slices.Sorted(slices.Values(z.Refs))
							if !slices.Equal(ra, rz) {
								t.Errorf("%s %s: rules named %v, the English %v", name, kind, rz, ra)
							}
							if ha, hz := headingLevels(a.Source), headingLevels(z.Source); ha != hz {
								t.Errorf("%s %s: sections %q, the English %q", name, kind, hz, ha)
							}
							checked++
						}
						ca, err := Calendar(en)
						if err != nil {
							t.Fatal(err)
						}
						cz, err := Calendar(es)
						if err != nil {
							t.Fatal(err)
						}
						if len(ca.Rows) != len(cz.Rows) || len(ca.Milestones) != len(cz.Milestones) || len(ca.Days) != len(cz.Days) {
							t.Fatalf("%s calendar: %d rows, %d milestones, %d days; the English %d, %d, %d", name,
								len(cz.Rows), len(cz.Milestones), len(cz.Days), len(ca.Rows), len(ca.Milestones), len(ca.Days))
						}
						for i, r := range cz.Rows {
							ea := ca.Rows[i]
							if r.Rule.ID != ea.Rule.ID || r.Rule.Text == "" || r.Rule.Text == ea.Rule.Text ||
								slices.Compare(r.ActiveDays(), ea.ActiveDays()) != 0 {
								t.Errorf("%s calendar row %d: %s %q on days %v; the English %s %q on %v", name, i,
									r.Rule.ID, r.Rule.Text, r.ActiveDays(), ea.Rule.ID, ea.Rule.Text, ea.ActiveDays())
							}
						}
						for i, m := range cz.Milestones {
							if ea := ca.Milestones[i]; m.Rule.ID != ea.Rule.ID || m.Day != ea.Day || m.Rule.Text == ea.Rule.Text {
								t.Errorf("%s calendar milestone %d: %s %q on day %d; the English %s %q on day %d", name, i,
									m.Rule.ID, m.Rule.Text, m.Day, ea.Rule.ID, ea.Rule.Text, ea.Day)
							}
						}
					}
				}
			}
		}
	}
	if checked < 3*16 {
		t.Errorf("checked %d translated handouts, want at least 48 (harbor's Spanish: 3 kinds × 16 variants)", checked)
	}
}

// TestSpanishDatedCalendar: a Spanish calendar for Friday 13 March 2026 at
// 10:30 writes weekdays and months in Spanish in the PDF, the HTML page
// and the .ics file, and no English ones.
func TestSpanishDatedCalendar(t *testing.T) {
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	env, err := p.Catalog.EnvIn("harbor", "es-US", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	env.Start, env.HasTime = time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC), true
	render := func(format string) []byte {
		r, err := p.Render(Request{Env: env, Kind: "calendar", Format: content.Format(format)})
		if err != nil {
			t.Fatal(err)
		}
		return r.Data
	}
	english := regexp.MustCompile(`\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat|Mar 1[3-9]|Day \d|until)\b`)

	file := filepath.Join(t.TempDir(), "c.pdf")
	os.WriteFile(file, render("pdf"), 0o644)
	pdfText := plain(pdftest.Run(t, "pdftotext", "-layout", file, "-"))
	for _, want := range []string{"vie sáb dom lun mar mié jue", "Día 0 1 2", "mar", "hasta el dom 15 marzo a las 10:30 a. m.", "Sáb 14 marzo:", "Página 1 de 1"} {
		if !strings.Contains(pdfText, want) {
			t.Errorf("PDF lacks %q:\n%s", want, pdfText)
		}
	}
	if m := english.FindString(pdfText); m != "" {
		t.Errorf("PDF has the English %q", m)
	}

	page := string(render("html"))
	htmlText := plain(html.UnescapeString(page))
	for _, want := range []string{`<html lang="es-US">`, "Día 3", "lun 16 marzo", "hasta el dom 15 marzo a las 10:30 a. m.", `data-today="Hoy"`, ": Enjuáguese solo con agua tibia, Día 1, sáb 14 marzo"} {
		if !strings.Contains(htmlText, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if m := english.FindString(textOf(page)); m != "" {
		t.Errorf("HTML has the English %q", m)
	}

	cal, err := ics.ParseCalendar(strings.NewReader(string(render("ics"))))
	if err != nil {
		t.Fatal(err)
	}
	days := 0
	for _, ev := range cal.Events() {
		sum := ev.GetProperty(ics.ComponentPropertySummary)
		if got := strings.Join(sum.ICalParameters["LANGUAGE"], ""); got != "es-US" {
			t.Errorf("event %q: LANGUAGE %q, want es-US", sum.Value, got)
		}
		d := ev.GetProperty(ics.ComponentPropertyDescription)
		if d == nil || !strings.Contains(sum.Value, "Día") {
			continue
		}
		days++
		start, _ := time.Parse("20060102", ev.GetProperty(ics.ComponentPropertyDtStart).Value)
		wd := []string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"}[start.Weekday()]
		want := plain(strings.Split(sum.Value, " · ")[1] + " · " + wd + " " + start.Format("2") + " mar")
		if start.Month() == time.March && !strings.HasPrefix(plain(d.Value), want) {
			t.Errorf("%s: description starts %q, want %q", sum.Value, plain(d.Value)[:40], want)
		}
		if m := english.FindString(d.Value); m != "" {
			t.Errorf("%s: description has the English %q", sum.Value, m)
		}
	}
	if days != 15 {
		t.Errorf("%d day events, want 15 (days 0 to 14)", days)
	}
}

var (
	reDrop = regexp.MustCompile(`(?is)<(style|script)\b.*?</(style|script)>`)
	reAttr = regexp.MustCompile(`(?i)\b(alt|aria-label|title|placeholder|data-today)="([^"]*)"`)
	reTag  = regexp.MustCompile(`(?s)<[^>]*>`)
)

// textOf is what a reader can read or hear on an HTML page: its text and
// its text alternatives, without styles, scripts or markup.
func textOf(page string) string {
	page = reDrop.ReplaceAllString(page, " ")
	var b strings.Builder
	for _, m := range reAttr.FindAllStringSubmatch(page, -1) {
		b.WriteString(m[2] + " ")
	}
	b.WriteString(reTag.ReplaceAllString(page, " "))
	return plain(html.UnescapeString(b.String()))
}

var reWord = regexp.MustCompile(`\p{L}+(?:-\p{L}+)*`)

// usForms returns the words of text that spelling.yaml lists as US forms.
func usForms(text string, us map[string]bool) []string {
	var out []string
	for _, w := range reWord.FindAllString(strings.ToLower(text), -1) {
		parts := append([]string{w}, strings.Split(w, "-")...)
		for _, p := range parts {
			if us[p] && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// TestBritishSpelling: no page of the British clinic, PDF or HTML, holds a
// US spelling that content/spelling.yaml lists; the US clinic's English
// pages do hold some (so the check can see them).
func TestBritishSpelling(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	dir, m := builtMatrix(t)
	c := loadCatalog(t).Catalog
	if c.Spelling == nil || len(c.Spelling.Pairs) < 50 {
		t.Fatal("content/spelling.yaml is missing or short")
	}
	us := map[string]bool{}
	for _, p := range c.Spelling.Pairs {
		us[p.US] = true
	}
	gb, usSeen := 0, map[string]bool{}
	for _, e := range m.Files {
		if e.Lang != "en-GB" && !(e.Lang == "en-US" && e.Kind == "sheet") {
			continue
		}
		var text string
		path := filepath.Join(dir, e.Path)
		if e.Format == "pdf" {
			text = matrixText(t, path)
		} else {
			data, _ := os.ReadFile(path)
			text = textOf(string(data))
		}
		found := usForms(text, us)
		if e.Lang == "en-US" {
			for _, w := range found {
				usSeen[w] = true
			}
			continue
		}
		gb++
		if len(found) > 0 {
			t.Errorf("%s has US spellings: %v", e.Path, found)
		}
	}
	if gb != 96 {
		t.Errorf("checked %d en-GB files, want 96", gb)
	}
	if !usSeen["moisturizer"] {
		t.Errorf("the en-US sheets show no listed US form (saw %v); the check cannot see them", usSeen)
	}
}

// TestRespelling: the British view of the content respells patient text
// and leaves brand values, placeholders' values and addresses alone.
func TestRespelling(t *testing.T) {
	c := loadCatalog(t).Catalog
	env, err := c.EnvIn("thistle", "en-GB", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	if r := env.Rule("moisturize"); r.Text != "Fragrance-free moisturiser" {
		t.Errorf("en-GB rule label %q, want the British spelling", r.Text)
	}
	res, err := env.Treatment.Handout("sheet").Resolve(env, false)
	if err != nil {
		t.Fatal(err)
	}
	body := string(res.Source)
	for _, want := range []string{"**Add moisturiser:**", "Keep using your serum and moisturiser.", "Fern Calm Moisturiser", "Fern Mineral Defence"} {
		if !strings.Contains(body+strings.Join(res.Summary, " "), want) {
			t.Errorf("en-GB sheet lacks %q", want)
		}
	}
	us, err := c.EnvIn("harbor", "en-US", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	if r := us.Rule("moisturize"); r.Text != "Fragrance-free moisturizer" {
		t.Errorf("en-US rule label %q, want the source's", r.Text)
	}
	sp := c.Spelling.For(env.Lang)
	for in, want := range map[string]string{
		"Color, COLOR and color.": "Colour, COLOUR and colour.",
		"anti-aging gray {{product.color}} [x](https://color.example/color) www.color.example": "anti-ageing grey {{product.color}} [x](https://color.example/color) www.color.example",
		"Moisturizers, not MoisturizerX or colorful":                                           "Moisturisers, not MoisturizerX or colorful",
		"care@color.example": "care@color.example",
	} {
		if got := sp.Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOtherLanguageLine: where a clinic offers two languages, each sheet
// carries one line in the other, from that language's brand file, marked
// with its language in the HTML; guides, calendars, one-off copies and
// single-language clinics carry none.
func TestOtherLanguageLine(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	dir, m := builtMatrix(t)
	lines := map[string]string{
		"en-US": "Esta hoja está disponible en español. Pídala en la recepción.",
		"es-US": "This sheet is available in English. Ask at the front desk.",
	}
	for _, e := range m.Files {
		path := filepath.Join(dir, e.Path)
		var text string
		if e.Format == "pdf" {
			text = plain(matrixText(t, path))
		} else {
			data, _ := os.ReadFile(path)
			text = string(data)
		}
		want := lines[e.Lang]
		if e.Brand != "harbor" || e.Kind != "sheet" {
			for _, l := range lines {
				if strings.Contains(text, l) {
					t.Errorf("%s has %q", e.Path, l)
				}
			}
			continue
		}
		if e.Format == "html" {
			other := map[string]string{"en-US": "es-US", "es-US": "en-US"}[e.Lang]
			want = `<p class="other-lang" lang="` + other + `">` + want + `</p>`
		}
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q", e.Path, want)
		}
	}
	p := loadCatalog(t)
	env, _ := p.Catalog.EnvIn("harbor", "en-US", "microneedling", "dry", "face")
	env.Start = time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
	r, err := p.Render(Request{Env: env, Kind: "sheet", Format: "html", Patient: "Ana"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(r.Data), lines["en-US"]) {
		t.Error("a one-off copy for a patient offers the other language")
	}
}

// TestIndexLanguages: the front desk's index offers a language menu
// naming each language in itself, and names each variant in its language
// (in the page's data, which the chooser shows).
func TestIndexLanguages(t *testing.T) {
	dir, _ := builtMatrix(t)
	data, err := os.ReadFile(filepath.Join(dir, output.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(string(data))
	for _, want := range []string{
		`<select id="lang" name="lang">`,
		`<option value="es-US" lang="es-US">español</option>`,
		`<option value="en-GB" lang="en-GB">British English</option>`,
		`"key":"harbor/es-US/microneedling/dry/face","lang":"es-US","label":"Harbor Skin Studio · Microagujas HarborRenew™ · Piel seca · Cara · español"`,
		`"lang":"en-GB","label":"Thistle \u0026 Fern Skin Clinic · Fern Renew® Microneedling · Dry skin · Face · British English"`,
		`"sheet":{"html":"harbor/es-US/microneedling/dry-face/sheet.html","pdf":"harbor/es-US/microneedling/dry-face/sheet.pdf"}`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index lacks %s", want)
		}
	}
}

// TestCheckDrift: changing one sentence of the English sheet makes the
// Spanish sheet's translated_from stale, and the warning names the
// section that changed and no other.
func TestCheckDrift(t *testing.T) {
	dir := copyContent(t)
	c0, err := content.Load(os.DirFS(dir), "content")
	if err != nil {
		t.Fatal(err)
	}
	if d := c0.Drift(); len(d) != 0 {
		t.Fatalf("the shipped translations are stale: %v", d)
	}
	p := filepath.Join(dir, "treatments/microneedling/sheet.md")
	data, _ := os.ReadFile(p)
	s := strings.Replace(string(data), "Keep wearing sunscreen every day.", "Keep wearing sunscreen every day, even when it is cloudy.", 1)
	if s == string(data) {
		t.Fatal("sentence not found in sheet.md")
	}
	os.WriteFile(p, []byte(s), 0o644)
	c, err := content.Load(os.DirFS(dir), "content")
	if err != nil {
		t.Fatal(err)
	}
	d := c.Drift()
	if len(d) != 1 {
		t.Fatalf("Drift = %q, want one warning", d)
	}
	for _, want := range []string{"content/treatments/microneedling/sheet.es.md:12:", `"Back to your full routine {{from full-routine}}" (content/treatments/microneedling/sheet.md:38)`} {
		if !strings.Contains(d[0], want) {
			t.Errorf("warning %q lacks %q", d[0], want)
		}
	}
	if strings.Contains(d[0], "What is normal") || strings.Contains(d[0], "front matter") {
		t.Errorf("warning %q names a section that did not change", d[0])
	}
}
