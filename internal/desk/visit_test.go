package desk

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"handouts/internal/golden"
	"handouts/internal/lang"
	"handouts/internal/pdftest"
	"handouts/internal/project"
)

// dermaProject loads the real content with a second treatment done the
// same day, dermaplaning (testdata/dermaplaning.txtar), laid over it.
func dermaProject(t testing.TB) *project.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(realContent)); err != nil {
		t.Fatal(err)
	}
	files, _ := golden.Tree(t, "testdata/dermaplaning.txtar")
	golden.WriteTree(t, dir, files)
	p, err := project.Load(sources(dir))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// when is a moment as a handout prints it, read back: the month and day,
// and the clock when one is printed ("" for a whole day).
type when struct {
	month time.Month
	day   int
	clock string
}

func (w when) String() string { return fmt.Sprintf("%s %d %s", w.month, w.day, w.clock) }

// dateReader reads dates back from a handout's text in one language: the
// long ones of sentences and the short ones of the calendar's grid.
type dateReader struct {
	l           *lang.Lang
	long, short *regexp.Regexp
}

func newDateReader(l *lang.Lang) *dateReader {
	alt := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = regexp.QuoteMeta(n)
		}
		return "(" + strings.Join(q, "|") + ")"
	}
	clock := `(?: (?:at|a las|a la) (\d{1,2}:\d\d(?: (?:AM|PM|a\. m\.|p\. m\.|a\.m\.|p\.m\.))?))?`
	var long, short string
	wd, WD := alt(l.Days[:]), alt(l.LongDays[:])
	mon, MON := alt(l.Months[:]), alt(l.LongMonths[:])
	switch l.Base {
	case "es":
		long = `(?i)` + WD + ` (\d{1,2}) de ` + MON
		short = `(?i)` + wd + ` (\d{1,2}) ` + mon
	default:
		if l.Tag == "en-US" || l.Tag == "en-CA" {
			long = WD + `, ` + MON + ` (\d{1,2})`
			short = wd + `, ` + mon + ` (\d{1,2})`
		} else {
			long = WD + ` (\d{1,2}) ` + MON
			short = wd + ` (\d{1,2}) ` + mon
		}
	}
	return &dateReader{l: l, long: regexp.MustCompile(long + clock), short: regexp.MustCompile(short + clock)}
}

// read returns the dates in s, in order, long or short.
func (r *dateReader) read(s string, long bool) []when {
	re, months := r.short, r.l.Months[:]
	if long {
		re, months = r.long, r.l.LongMonths[:]
	}
	var out []when
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		dayAt, monAt := 2, 3
		if r.l.Base == "en" && (r.l.Tag == "en-US" || r.l.Tag == "en-CA") {
			dayAt, monAt = 3, 2
		}
		d, _ := strconv.Atoi(m[dayAt])
		w := when{day: d, clock: m[4]}
		for i, name := range months {
			if strings.EqualFold(name, m[monAt]) {
				w.month = time.Month(i + 1)
			}
		}
		out = append(out, w)
	}
	return out
}

// TestVisitOneSchedule is the visit's promise: with microneedling and
// dermaplaning done on one day (rules that overlap, share ids, conflict
// and share a milestone), every date printed for a rule in every document
// of the packet (each sheet, the calendar, the .ics) is the same, read
// back from the files, for every shipped clinic and language.
func TestVisitOneSchedule(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := dermaProject(t)
	for _, tc := range []struct{ brand, lang string }{{"harbor", "en-US"}, {"harbor", "es-US"}, {"thistle", "en-GB"}} {
		t.Run(tc.brand+"/"+tc.lang, func(t *testing.T) {
			l, _ := lang.Get(tc.lang)
			dr := newDateReader(l)
			req := PacketRequest{Brand: tc.brand, Lang: tc.lang, Treatments: []string{"microneedling", "dermaplaning"}, Skin: "dry", Areas: []string{"face"},
				Start: at1030, HasTime: true, Patient: "Ana", Sheets: true, Calendar: true}
			file, _ := packetPDF(t, p, req)
			pages := pdftest.Pages(t, file)
			for i := range pages {
				pages[i] = pdftest.Flat(pages[i])
			}
			// The calendar's pages follow the sheets': from the first page
			// with its avoid heading.
			at := len(pages) - 1
			for i, pg := range pages {
				if strings.Contains(pg, l.CalAvoid+" · ") {
					at = i
					break
				}
			}
			cal := strings.Join(pages[at:], " ")
			var derma, needle string
			for _, pg := range pages[:at] {
				if strings.Contains(pg, "[no-makeup]") || strings.Contains(pg, "[no-sun]") {
					derma += " " + pg
				} else {
					needle += " " + pg
				}
			}
			pk, err := NewPacket(p, req)
			if err != nil {
				t.Fatal(err)
			}
			ics, err := pk.ICS()
			if err != nil {
				t.Fatal(err)
			}
			days := icsDays(t, string(ics.Data))

			// tagged returns the dates the dermaplaning sheet prints after
			// a rule's tag ("[no-makeup] Makeup until Wednesday, …").
			tagged := func(id string) []when {
				var out []when
				for _, seg := range strings.Split(derma, "["+id+"]")[1:] {
					if i := strings.Index(seg, "["); i >= 0 {
						seg = seg[:i]
					}
					if ws := dr.read(seg, true); len(ws) > 0 {
						out = append(out, ws[0])
					}
				}
				return out
			}
			// The calendar's line for a rule: its text, then "· until …",
			// or, where that would wrap, the end after the window's bar on
			// the same line (read as laid out, without the "·").
			calRows := strings.ReplaceAll(pdftest.LayoutText(t, file, at+1), " · ", " ")
			calEnd := func(text string) (when, bool) {
				i := strings.Index(calRows, text+" ")
				if i < 0 {
					return when{}, false
				}
				ws := dr.read(calRows[i:min(len(calRows), i+len(text)+60)], false)
				if len(ws) == 0 {
					return when{}, false
				}
				return ws[0], true
			}
			texts := map[string]string{}
			for _, r := range pk.envs[1][0].Rules() {
				texts[r.ID] = r.Text
			}
			for _, r := range pk.envs[0][0].Rules() {
				texts[r.ID] = r.Text // the visit's lines carry the text of the rule that ends later
			}
			for _, id := range []string{"no-makeup", "no-actives", "no-chemical-sunscreen", "no-sun"} {
				got := tagged(id)
				if len(got) == 0 {
					t.Errorf("%s: the dermaplaning sheet prints no date for %s:\n%s", tc.lang, id, derma)
					continue
				}
				for _, w := range got[1:] {
					if w != got[0] {
						t.Errorf("%s: the sheet gives %s two ends: %v and %v", tc.lang, id, got[0], w)
					}
				}
				var ce when
				found := false
				for _, text := range []string{texts[id]} {
					if w, ok := calEnd(text); ok {
						ce, found = w, true
					}
				}
				if !found {
					// The merged line may carry either treatment's words.
					if w, ok := calEnd(pk.envs[1][0].Rule(id).Text); ok {
						ce, found = w, true
					}
				}
				if !found {
					t.Errorf("%s: the calendar has no end for %s:\n%s", tc.lang, id, cal)
					continue
				}
				if ce.month != got[0].month || ce.day != got[0].day || ce.clock != got[0].clock {
					t.Errorf("%s: %s ends %v on the sheet but %v on the calendar", tc.lang, id, got[0], ce)
				}
				// The .ics lists the line up to its last day: the end's day
				// when it ends at a clock time, the day before at midnight.
				last := days.last(texts[id], pk.envs[1][0].Rule(id).Text)
				want := time.Date(2026, got[0].month, got[0].day, 0, 0, 0, 0, time.UTC)
				if got[0].clock == "" {
					want = want.AddDate(0, 0, -1)
				}
				if !last.Equal(want) {
					t.Errorf("%s: %s is last listed in the .ics on %s, want %s (the sheet: until %v)", tc.lang, id, last.Format(time.DateOnly), want.Format(time.DateOnly), got[0])
				}
			}
			// The tasks start where the sheet says: the first day the .ics
			// lists them, and no earlier than the water rinse ends.
			for _, id := range []string{"gentle-cleanse", "calming-mist"} {
				got := tagged(id)
				if len(got) != 1 {
					t.Fatalf("%s: the sheet prints %d dates for %s", tc.lang, len(got), id)
				}
				first := days.first(texts[id], pk.envs[1][0].Rule(id).Text)
				if want := time.Date(2026, got[0].month, got[0].day, 0, 0, 0, 0, time.UTC); !first.Equal(want) {
					t.Errorf("%s: %s starts %v on the sheet but is first ticked in the .ics on %s", tc.lang, id, got[0], first.Format(time.DateOnly))
				}
				if got[0].month != time.March || got[0].day != 15 {
					t.Errorf("%s: %s starts %v; the water rinse runs to Sun 15 Mar at 10:30, so it starts on day 2 (15 Mar)", tc.lang, id, got[0])
				}
			}
			// The shared milestone once, on the later day (day 7, 20 Mar),
			// in the sheet and the calendar alike.
			if got := tagged("actives-return"); len(got) != 1 || got[0].month != time.March || got[0].day != 20 {
				t.Errorf("%s: actives-return on the sheet = %v, want 20 March (day 7)", tc.lang, got)
			}
			if n := strings.Count(cal, texts["actives-return"]); n != 1 {
				t.Errorf("%s: the calendar lists %q %d times, want once", tc.lang, texts["actives-return"], n)
			}
			// Microneedling's own sheet: "chemical sunscreen until …" is the
			// visit's end (dermaplaning's 72 hours), not its own 48.
			re := regexp.MustCompile(`(?i)(?:chemical sunscreen|protector solar químico) (?:until|hasta el) (.{0,60})`)
			m := re.FindStringSubmatch(needle)
			if m == nil {
				t.Fatalf("%s: the microneedling sheet has no chemical sunscreen line:\n%s", tc.lang, needle)
			}
			if ws := dr.read(m[1], true); len(ws) == 0 || ws[0].month != time.March || ws[0].day != 16 || ws[0].clock == "" {
				t.Errorf("%s: microneedling's sheet: chemical sunscreen until %q, want 16 March at 10:30", tc.lang, m[1])
			}
			// No date in either sheet that is not one of the visit's: each
			// is the calendar's or the treatment day.
			calDates := map[string]bool{"3-13": true}
			for _, w := range dr.read(cal, false) {
				calDates[fmt.Sprintf("%d-%d", w.month, w.day)] = true
			}
			for d := range days.all {
				calDates[fmt.Sprintf("%d-%d", d.Month(), d.Day())] = true
			}
			for _, w := range dr.read(needle+derma, true) {
				if !calDates[fmt.Sprintf("%d-%d", w.month, w.day)] {
					t.Errorf("%s: a sheet prints %v, a date the calendar and .ics never name", tc.lang, w)
				}
			}
			if tc.lang == "en-US" && !strings.Contains(derma, "10:30 AM") {
				t.Errorf("en-US: times are not written on a 12-hour clock:\n%s", derma)
			}
			if tc.lang == "es-US" && !strings.Contains(derma, "10:30 a. m.") {
				t.Errorf("es-US: times are not written on a 12-hour clock:\n%s", derma)
			}
		})
	}
}

// icsDaysT is the all-day events of an .ics file: each day's description.
type icsDaysT struct{ all map[time.Time]string }

func icsDays(t *testing.T, ics string) icsDaysT {
	t.Helper()
	unfolded := strings.ReplaceAll(ics, "\r\n ", "")
	out := icsDaysT{all: map[time.Time]string{}}
	for _, ev := range strings.Split(unfolded, "BEGIN:VEVENT")[1:] {
		var day time.Time
		var desc string
		for _, ln := range strings.Split(ev, "\r\n") {
			if v, ok := strings.CutPrefix(ln, "DTSTART;VALUE=DATE:"); ok {
				day, _ = time.Parse("20060102", v)
			}
			if strings.HasPrefix(ln, "DESCRIPTION") {
				_, v, _ := strings.Cut(ln, ":")
				desc = strings.NewReplacer(`\n`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(v)
			}
		}
		if !day.IsZero() {
			out.all[day] = desc
		}
	}
	if len(out.all) == 0 {
		t.Fatalf("the .ics has no day events:\n%s", ics)
	}
	return out
}

// has reports whether a day's description lists a line with one of texts.
func (d icsDaysT) has(desc string, texts ...string) bool {
	for _, ln := range strings.Split(desc, "\n") {
		for _, text := range texts {
			if strings.HasSuffix(ln, " "+text) || strings.HasSuffix(ln, ": "+text) {
				return true
			}
		}
	}
	return false
}

func (d icsDaysT) last(texts ...string) time.Time {
	var out time.Time
	for day, desc := range d.all {
		if d.has(desc, texts...) && day.After(out) {
			out = day
		}
	}
	return out
}

func (d icsDaysT) first(texts ...string) time.Time {
	var out time.Time
	for day, desc := range d.all {
		if d.has(desc, texts...) && (out.IsZero() || day.Before(out)) {
			out = day
		}
	}
	return out
}

// TestCheckNamesMerges: check lists what a visit of two treatments
// settles, rule by rule, with the window kept and why.
func TestCheckNamesMerges(t *testing.T) {
	t.Parallel()
	p := dermaProject(t)
	got := strings.Join(p.Catalog.Merges(), "\n")
	for _, want := range []string{
		"dermaplaning + microneedling: no-actives: 0d to 7d (microneedling), not 0d to 5d (dermaplaning): an avoid runs from the earlier start to the later end",
		"dermaplaning + microneedling: gentle-cleanse: 48h to 14d (microneedling), not 0h to 7d (dermaplaning): a task starts at the later start",
		"dermaplaning + microneedling: actives-return: 7d (microneedling), not 5d (dermaplaning): a shared milestone happens once, at the later time",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Merges lacks %q:\n%s", want, got)
		}
	}
}
