package calendar

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

var rules = []Rule{
	{ID: "rinse", Kind: "do", Text: "Rinse", Start: 0, End: 48, Hours: true, StartHours: true, Times: []string{"morning", "evening"}},
	{ID: "no-makeup", Kind: "avoid", Text: "No makeup", Start: 0, End: 48, Hours: true, StartHours: true},
	{ID: "no-actives", Kind: "avoid", Text: "No retinoids, acids; or vitamin C", Start: 0, End: 7 * 24},
	{ID: "hat", Kind: "do", Text: "Hat", Start: 0, End: 48, Hours: true, StartHours: true},
	{ID: "peeling", Kind: "milestone", Text: "Peeling may start", Start: 3 * 24},
	{ID: "late", Kind: "milestone", Text: "Beyond the range", Start: 30 * 24},
}

func row(c *Calendar, id string) Row {
	for _, r := range c.Rows {
		if r.Rule.ID == id {
			return r
		}
	}
	return Row{}
}

func TestBuild(t *testing.T) {
	start := time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		name       string
		opt        Options
		makeupDays string
		endDay     int
		endClock   string
		day0Rinse  string
	}{
		{"undated", Options{LastDay: 14}, "[0 1]", 2, "00:00", "[morning evening]"},
		{"dated, no time", Options{LastDay: 14, Start: start.Truncate(24 * time.Hour)}, "[0 1]", 2, "00:00", "[morning evening]"},
		{"dated at 10:30", Options{LastDay: 14, Start: start, HasTime: true}, "[0 1 2]", 2, "10:30", "[evening]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Build(rules, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Days) != 15 {
				t.Errorf("days = %d, want 15 (day 0 to 14)", len(c.Days))
			}
			r := row(c, "no-makeup")
			if got := fmt.Sprint(r.ActiveDays()); got != tt.makeupDays {
				t.Errorf("no-makeup active on %s, want %s", got, tt.makeupDays)
			}
			if got := fmt.Sprintf("%02d:%02d", r.EndHour, r.EndMinute); r.EndDay != tt.endDay || got != tt.endClock {
				t.Errorf("no-makeup ends day %d at %s, want day %d at %s", r.EndDay, got, tt.endDay, tt.endClock)
			}
			if got := fmt.Sprint(row(c, "rinse").Cells[0].Times); got != tt.day0Rinse {
				t.Errorf("day 0 rinse times = %s, want %s", got, tt.day0Rinse)
			}
			if got := fmt.Sprint(row(c, "no-actives").ActiveDays()); got != "[0 1 2 3 4 5 6]" {
				t.Errorf("no-actives active on %s, want days 0-6", got)
			}
			if len(c.Milestones) != 2 || c.Milestones[0].Day != 3 || c.Milestones[1].Day != 30 {
				t.Errorf("milestones = %+v, want peeling on day 3 and the late one on day 30 (listed, past the grid)", c.Milestones)
			}
			if tt.opt.HasTime && !row(c, "no-makeup").Cells[2].Ends {
				t.Error("no-makeup should end during day 2")
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(rules, Options{LastDay: 0}); err == nil {
		t.Error("LastDay 0: want an error")
	}
	bad := []Rule{{ID: "x", Kind: "avoid", Text: "X", Start: 48, End: 24}}
	if _, err := Build(bad, Options{LastDay: 14}); err == nil {
		t.Error("reversed window: want an error")
	}
}

func opts() ICSOptions {
	return ICSOptions{ID: "acme/microneedling/dry/face", Name: "Checklist", Location: "Acme, Inc.", Footer: "Call us; day or night",
		DayName: "Day %d", Avoid: "Avoid", Expect: "What to expect", Ends: "%s: this ends now",
		Times: map[string]string{"morning": "morning", "evening": "evening"}}
}

// TestICS parses the file back with an independent parser and checks the
// events, line endings, folding and escaping.
func TestICS(t *testing.T) {
	start := time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	c, err := Build(rules, Options{LastDay: 14, Start: start, HasTime: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, c, opts()); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	for i, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(l), l)
		}
		if strings.Contains(l, "\n") {
			t.Errorf("line %d has a bare LF", i+1)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	// Days 0-6 have tasks or avoid windows; plus one timed reminder for the
	// 48-hour makeup window.
	allDay, timed := 0, 0
	uids := map[string]bool{}
	for _, e := range events {
		uids[e.Id()] = true
		if strings.Contains(e.GetProperty(ics.ComponentPropertyDtStart).Value, "T") {
			timed++
			if got := e.GetProperty(ics.ComponentPropertyDtStart).Value; got != "20260315T103000" {
				t.Errorf("timed reminder at %s, want 20260315T103000", got)
			}
			continue
		}
		allDay++
	}
	if allDay != 8 || timed != 1 {
		t.Errorf("events: %d all-day, %d timed; want 8 (days 0-6 and the milestone on day 30) and 1", allDay, timed)
	}
	if len(uids) != len(events) {
		t.Errorf("UIDs not unique: %d for %d events", len(uids), len(events))
	}
	first := events[0]
	desc := first.GetProperty(ics.ComponentPropertyDescription).Value
	for _, want := range []string{"No retinoids, acids; or vitamin C", "Call us; day or night", "\n- No makeup"} {
		if !strings.Contains(desc, want) {
			t.Errorf("parsed description lacks %q: %q", want, desc)
		}
	}
	if loc := first.GetProperty(ics.ComponentPropertyLocation).Value; loc != "Acme, Inc." {
		t.Errorf("parsed location = %q, want %q", loc, "Acme, Inc.")
	}
	unfolded := strings.ReplaceAll(raw, "\r\n ", "")
	for _, want := range []string{`No retinoids\, acids\; or vitamin C`, `LOCATION:Acme\, Inc.`, `\n\nAvoid:\n`} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("raw file lacks escaped %q", want)
		}
	}
	var again bytes.Buffer
	WriteICS(&again, c, opts())
	if again.String() != raw {
		t.Error("two writes differ")
	}
}

func TestICSNeedsDate(t *testing.T) {
	c, _ := Build(rules, Options{LastDay: 14})
	if err := WriteICS(&bytes.Buffer{}, c, opts()); err == nil {
		t.Error("undated calendar: want an error")
	}
}

func TestFolding(t *testing.T) {
	var b bytes.Buffer
	c, _ := Build(rules, Options{LastDay: 14, Start: time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)})
	o := opts()
	o.Name = strings.Repeat("é", 100) // two octets each: a fold must not split one
	WriteICS(&b, c, o)
	for _, l := range strings.Split(b.String(), "\r\n") {
		if !strings.HasPrefix(l, " ") && strings.Contains(l, "\xc3") && strings.HasSuffix(l, "\xc3") {
			t.Errorf("fold splits a character: %q", l)
		}
		if len(l) > 75 {
			t.Errorf("line over 75 octets: %d", len(l))
		}
	}
}

// TestICSLanguage: with a language, every line of words (calendar name,
// summaries, descriptions, the alarm's text) carries it as LANGUAGE, and
// the independent parser reads it back; without one, none does.
func TestICSLanguage(t *testing.T) {
	start := time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	c, err := Build(rules, Options{LastDay: 14, Start: start, HasTime: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"es-US", ""} {
		o := opts()
		o.Lang = tag
		var buf bytes.Buffer
		if err := WriteICS(&buf, c, o); err != nil {
			t.Fatal(err)
		}
		words := 0
		for _, l := range strings.Split(unfold(buf.String()), "\r\n") {
			name, _, _ := strings.Cut(l, ":")
			prop, params, _ := strings.Cut(name, ";")
			switch prop {
			case "SUMMARY", "DESCRIPTION", "X-WR-CALNAME":
				words++
				want := ""
				if tag != "" {
					want = "LANGUAGE=" + tag
				}
				if params != want {
					t.Errorf("Lang %q: %s has parameters %q, want %q", tag, prop, params, want)
				}
			}
		}
		if words < 10 {
			t.Errorf("Lang %q: only %d lines of words", tag, words)
		}
		cal, err := ics.ParseCalendar(strings.NewReader(buf.String()))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		for _, ev := range cal.Events() {
			p := ev.GetProperty(ics.ComponentPropertySummary)
			if got := strings.Join(p.ICalParameters["LANGUAGE"], ","); got != tag {
				t.Errorf("Lang %q: parsed SUMMARY LANGUAGE = %q", tag, got)
			}
		}
	}
}

// unfold joins folded lines (RFC 5545 section 3.1).
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

// TestICSDayDate: with Date, each day's description opens with its day
// and date in the handout's words.
func TestICSDayDate(t *testing.T) {
	start := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
	c, err := Build(rules, Options{LastDay: 14, Start: start})
	if err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.Date = func(d time.Time) string { return d.Format("Mon 2 Jan") }
	var buf bytes.Buffer
	if err := WriteICS(&buf, c, o); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	ev := cal.Events()
	if len(ev) < 2 {
		t.Fatalf("%d events", len(ev))
	}
	for i, want := range []string{"Day 0 \u00b7 Fri 13 Mar\n\n", "Day 1 \u00b7 Sat 14 Mar\n\n"} {
		if got := ev[i].GetProperty(ics.ComponentPropertyDescription).Value; !strings.HasPrefix(got, want) {
			t.Errorf("event %d description = %q, want it to start %q", i, got, want)
		}
	}
}

// TestOngoingRunsToLastDay: a daily task the sheet says to do every day
// (sunscreen) is ticked on the last day shown, however long the calendar;
// the same task without Ongoing stops at its end, which is exclusive (a
// 14d task's last box is on day 13).
func TestOngoingRunsToLastDay(t *testing.T) {
	sun := Rule{ID: "sunscreen", Kind: "do", Text: "Sunscreen", Start: 0, End: 14 * 24, StartHours: true, Times: []string{"morning", "midday"}}
	for _, last := range []int{14, 28} {
		c, err := Build([]Rule{sun}, Options{LastDay: last})
		if err != nil {
			t.Fatal(err)
		}
		if cells := row(c, "sunscreen").Cells; cells[len(cells)-1].Active || !cells[13].Active {
			t.Errorf("last day %d, not ongoing: active on day %d (want up to day 13 only)", last, len(cells)-1)
		}
		on := sun
		on.Ongoing = true
		c, err = Build([]Rule{on}, Options{LastDay: last})
		if err != nil {
			t.Fatal(err)
		}
		cells := row(c, "sunscreen").Cells
		if got := cells[last]; !got.Active || fmt.Sprint(got.Times) != "[morning midday]" {
			t.Errorf("last day %d, ongoing: day %d has %+v, want both boxes", last, last, got)
		}
	}
	// Merged with a treatment whose sunscreen ends, the line stays ongoing.
	on := sun
	on.Ongoing = true
	out, err := Merge([]Set{{Name: "a", Rules: []Rule{sun}}, {Name: "b", Rules: []Rule{on}}}, Options{LastDay: 14})
	if err != nil || len(out) != 1 || !out[0].Ongoing {
		t.Errorf("merged: %+v, %v; want one ongoing line", out, err)
	}
}
