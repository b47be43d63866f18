package project

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/pdf"
	"handouts/internal/pdftest"
)

func datedEnv(t *testing.T, p *Project, brand, skin, area, date, clock string, ov map[string]content.Offset) content.Env {
	t.Helper()
	env, err := p.Catalog.Env(brand, "microneedling", skin, area)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := time.Parse("2006-01-02 15:04", date+" "+clock)
	env.Start, env.HasTime, env.Overrides = d, clock != "00:00", ov
	return env
}

// TestDatedCalendar: the US brand's calendar for 13 March 2026 shows Fri
// over the 13th and Sat over the 14th, and the makeup window ends on the
// day its rule says.
func TestDatedCalendar(t *testing.T) {
	p := loadCatalog(t)
	env := datedEnv(t, p, "harbor", "dry", "face", "2026-03-13", "00:00", nil)
	cal, err := Calendar(env)
	if err != nil {
		t.Fatal(err)
	}
	h := env.Treatment.Handout("calendar")
	res, err := h.Resolve(env, false)
	if err != nil {
		t.Fatal(err)
	}
	page, err := pdf.LayoutCalendar(cal, res, env, p.PDFOptions(res, Request{Env: env}))
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range map[int]string{0: "0 Fri 13", 1: "1 Sat 14", 14: "14 Fri 27"} {
		if got := strings.Join(page.Headers[d], " "); got != want {
			t.Errorf("day %d header = %q, want %q", d, got, want)
		}
	}
	if len(page.Footer) != 1 {
		t.Errorf("the warning footer runs to %d lines, want one", len(page.Footer))
	}
	rule := env.Rule("no-makeup")
	endDay := rule.End.Hours / 24
	for _, r := range cal.Rows {
		if r.Rule.ID != "no-makeup" {
			continue
		}
		if r.EndDay != endDay {
			t.Errorf("no-makeup ends on day %d, rule says day %d", r.EndDay, endDay)
		}
		days := r.ActiveDays()
		if last := days[len(days)-1]; last != endDay-1 {
			t.Errorf("no-makeup last shown on day %d, want day %d", last, endDay-1)
		}
	}
}

// TestCalendarCommand runs the command of the issue and reads the PDF back.
func TestCalendarCommandPDF(t *testing.T) {
	pdftest.RequirePoppler(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "c.pdf")
	p := loadCatalog(t)
	env := datedEnv(t, p, "harbor", "dry", "face", "2026-03-13", "00:00", nil)
	r, err := p.Render(Request{Env: env, Kind: "calendar", Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(out, r.Data, 0o644)
	text, _ := exec.Command("pdftotext", "-layout", out, "-").Output()
	lines := strings.Split(string(text), "\n")
	// The header's columns: weekday names above day numbers of the month.
	var wd, dom string
	for i, l := range lines {
		if strings.Contains(l, "Fri") && strings.Contains(l, "Sat") && i+1 < len(lines) {
			wd, dom = l, lines[i+1]
			break
		}
	}
	// Column by column, weekday over day of the month (from the first
	// day's: the legend of the boxes' marks may share the line at the left).
	wd = wd[strings.Index(wd, "Fri"):]
	w, d := strings.Fields(wd), strings.Fields(strings.Replace(dom, "Mar", "", 1))
	if len(w) < 2 || len(d) < 2 || w[0] != "Fri" || d[0] != "13" || w[1] != "Sat" || d[1] != "14" {
		t.Errorf("Fri and Sat are not over 13 and 14:\n%s\n%s", wd, dom)
	}
	if !strings.Contains(string(text), "until Sun, Mar 15") {
		t.Errorf("no-makeup reminder should end Sun, Mar 15:\n%s", text)
	}
}

// TestCalendarICS parses the .ics back and checks that a patient override
// moves the exercise window.
func TestCalendarICS(t *testing.T) {
	p := loadCatalog(t)
	events := func(ov map[string]content.Offset) ([]*ics.VEvent, string) {
		env := datedEnv(t, p, "harbor", "dry", "face", "2026-03-13", "10:30", ov)
		r, err := p.Render(Request{Env: env, Kind: "calendar", Format: "ics"})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(r.Data))
		if err != nil {
			t.Fatal(err)
		}
		return cal.Events(), string(r.Data)
	}
	base, raw := events(nil)
	// Days 0-14 each have tasks (the daily routine runs two weeks); the
	// 48-hour windows (makeup, exercise, chemical sunscreen) end at a time.
	allDay, timed := 0, map[string]string{}
	for _, e := range base {
		start := e.GetProperty(ics.ComponentPropertyDtStart).Value
		if strings.Contains(start, "T") {
			timed[e.GetProperty(ics.ComponentPropertySummary).Value] = start
		} else {
			allDay++
		}
	}
	// Plus one for each milestone after day 14 (the next session's booking).
	env := datedEnv(t, p, "harbor", "dry", "face", "2026-03-13", "10:30", nil)
	cal, _ := Calendar(env)
	want := 15
	for _, m := range cal.Milestones {
		if m.Day > 14 {
			want++
		}
	}
	if allDay != want || want != 16 {
		t.Errorf("all-day events = %d, want %d (15 days and the next session)", allDay, want)
	}
	if len(timed) != 3 {
		t.Errorf("timed reminders = %v, want 3", timed)
	}
	exercise := func(evs []*ics.VEvent) string {
		for _, e := range evs {
			if strings.Contains(e.GetProperty(ics.ComponentPropertySummary).Value, "exercise") {
				return e.GetProperty(ics.ComponentPropertyDtStart).Value
			}
		}
		return ""
	}
	if got := exercise(base); got != "20260315T103000" {
		t.Errorf("exercise window ends %s, want 20260315T103000", got)
	}
	over, _ := events(map[string]content.Offset{"no-exercise": {Hours: 72, Unit: 'h'}})
	if got := exercise(over); got != "20260316T103000" {
		t.Errorf("with -override no-exercise=72h the window ends %s, want 20260316T103000", got)
	}
	if !strings.Contains(raw, "\r\n") || strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Error("lines must end in CRLF only")
	}
}

// TestSheetAgreesWithCalendar reads each rule's window from both outputs:
// the dated sheet's text says "until <date>" and the calendar's row for
// the same rule ends on that date.
func TestSheetAgreesWithCalendar(t *testing.T) {
	p := loadCatalog(t)
	src, _ := os.ReadFile(filepath.Join(realContent, "treatments/microneedling/sheet.md"))
	for _, brand := range []string{"harbor", "thistle"} {
		for _, skin := range []string{"dry", "sensitive"} {
			env := datedEnv(t, p, brand, skin, "chest-back", "2026-03-13", "00:00", nil)
			sheet, err := env.Treatment.Handout("sheet").Resolve(env, false)
			if err != nil {
				t.Fatal(err)
			}
			text := string(sheet.Source) + strings.Join(sheet.Summary, " ")
			cal, err := Calendar(env)
			if err != nil {
				t.Fatal(err)
			}
			windows := sheetWindows(cal, env, src)
			for _, w := range windows {
				if !strings.Contains(text, w.sheet) {
					t.Errorf("%s/%s: calendar ends %s, but the sheet does not say %q", brand, skin, w.row.Rule.ID, w.sheet)
				}
			}
			if len(windows) < 5 {
				t.Errorf("%s/%s: compared %d rules, want the sheet's avoid windows (at least 5)", brand, skin, len(windows))
			}
		}
	}
}

// TestLongCalendar: a treatment with a four-week calendar still gets one
// page, its days in stacked bands.
func TestLongCalendar(t *testing.T) {
	dir := copyContent(t)
	p := filepath.Join(dir, "treatments", "microneedling", "treatment.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "name: Microneedling\n", "name: Microneedling\ncalendar_days: 28\n", 1)), 0o644)
	proj, err := Load(sources(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, brand := range []string{"harbor", "thistle"} {
		for _, dated := range []bool{false, true} {
			env := datedEnv(t, proj, brand, "dry", "chest-back", "2026-03-13", "10:30", nil)
			if !dated {
				env.Start, env.HasTime = time.Time{}, false
			}
			cal, err := Calendar(env)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := env.Treatment.Handout("calendar").Resolve(env, false)
			page, err := pdf.LayoutCalendar(cal, res, env, proj.PDFOptions(res, Request{Env: env}))
			if err != nil {
				t.Fatalf("%s dated=%v: %v", brand, dated, err)
			}
			if len(page.Headers) != 29 || len(page.Bands) < 2 {
				t.Errorf("%s: %d days in %d bands, want 29 days in 2 or more", brand, len(page.Headers), len(page.Bands))
			}
			last := page.Bands[len(page.Bands)-1]
			if last.Last != 28 {
				t.Errorf("%s: last band ends on day %d, want 28", brand, last.Last)
			}
		}
	}
}

// TestSheetAndCalendarPDFsAgree reads the windows from the printed files:
// for every avoid rule the dated sheet mentions, the text "until <date>"
// computed by the calendar appears in both the sheet's and the calendar's
// PDF text.
func TestSheetAndCalendarPDFsAgree(t *testing.T) {
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	src, _ := os.ReadFile(filepath.Join(realContent, "treatments/microneedling/sheet.md"))
	text := func(kind string, env content.Env) string {
		r, err := p.Render(Request{Env: env, Kind: content.Kind(kind), Format: "pdf"})
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(t.TempDir(), kind+".pdf")
		os.WriteFile(f, r.Data, 0o644)
		out, err := exec.Command("pdftotext", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	for _, brand := range []string{"harbor", "thistle"} {
		env := datedEnv(t, p, brand, "oily", "abdomen-thighs", "2026-03-13", "00:00", map[string]content.Offset{"no-exercise": {Hours: 72, Unit: 'h'}})
		sheet := text("sheet", env)
		// The calendar as laid out, without the "·" between a rule and
		// its end: the end follows the text in the label, or the
		// window's bar on the same line.
		calText := strings.ReplaceAll(pdftest.LayoutText(t, renderFile(t, p, env, "calendar"), 1), " \u00b7 ", " ")
		cal, err := Calendar(env)
		if err != nil {
			t.Fatal(err)
		}
		windows := sheetWindows(cal, env, src)
		for _, w := range windows {
			if !strings.Contains(sheet, pdftest.Flat(w.sheet)) {
				t.Errorf("%s %s: the sheet PDF does not say %q", brand, w.row.Rule.ID, pdftest.Flat(w.sheet))
			}
			if !strings.Contains(calText, pdftest.Flat(w.row.Rule.Text+" "+w.want)) {
				t.Errorf("%s %s: the calendar PDF does not say %q on the rule's line", brand, w.row.Rule.ID, pdftest.Flat(w.row.Rule.Text+" "+w.want))
			}
		}
		if len(windows) < 5 {
			t.Errorf("%s: compared %d windows, want at least 5", brand, len(windows))
		}
	}
}

// TestCalendarHTMLSaysWhatThePDFSays: the HTML twin names the same end,
// clock time included.
func TestCalendarHTMLSaysWhatThePDFSays(t *testing.T) {
	p := loadCatalog(t)
	env := datedEnv(t, p, "harbor", "dry", "face", "2026-03-13", "10:30", nil)
	r, err := p.Render(Request{Env: env, Kind: "calendar", Format: "html"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "until Sun, Mar 15 at 10:30 AM"; !strings.Contains(pdftest.Flat(string(r.Data)), want) {
		t.Errorf("the HTML calendar does not say %q", want)
	}
}

// window is an avoid window the sheet mentions, with the words the
// calendar's own arithmetic says it ends on: "until Sun, Mar 15" in the
// grid, "until Sunday, March 15" in the sheet's sentences.
type window struct {
	row   calendar.Row
	want  string // the grid's words
	sheet string // the sentence's words
}

// sheetWindows lists the calendar's avoid rows whose rule the sheet's
// source uses as {{until RULE}}.
func sheetWindows(cal *calendar.Calendar, env content.Env, sheetSrc []byte) []window {
	var out []window
	for _, r := range cal.Rows {
		if r.Rule.Kind != "avoid" || !strings.Contains(string(sheetSrc), "{{until "+r.Rule.ID+"}}") {
			continue
		}
		end := cal.Days[0].Date.AddDate(0, 0, r.EndDay)
		out = append(out, window{r, fmt.Sprintf(env.Lang.Until, env.Lang.Date(end)), fmt.Sprintf(env.Lang.Until, env.Lang.Long(end))})
	}
	return out
}

// renderFile renders kind for env as a PDF into a file of the test's.
func renderFile(t *testing.T, p *Project, env content.Env, kind string) string {
	t.Helper()
	r, err := p.Render(Request{Env: env, Kind: content.Kind(kind), Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), kind+".pdf")
	if err := os.WriteFile(f, r.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}
