package calendar

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// needling and peel are two treatments' rules that share ids: no-makeup
// (48h and 5d), water-rinse (the same task at other times), no-sun (a
// window in days and one in hours), a milestone at the same time and one
// at another.
var (
	needling = Set{Name: "Microneedling", Rules: []Rule{
		{ID: "water-rinse", Kind: "do", Text: "Rinse with water", Start: 0, End: 48, Hours: true, StartHours: true, Times: []string{"evening", "morning"}},
		{ID: "no-makeup", Kind: "avoid", Text: "No makeup", Start: 0, End: 48, Hours: true, StartHours: true},
		{ID: "no-sun", Kind: "avoid", Text: "No sun", Start: 0, End: 48, Hours: true, StartHours: true},
		{ID: "redness-eases", Kind: "milestone", Text: "Redness eases", Start: 48, StartHours: true},
		{ID: "back-to-life", Kind: "milestone", Text: "Back to daily life", Start: 24},
	}}
	peel = Set{Name: "Chemical peel", Rules: []Rule{
		{ID: "no-makeup", Kind: "avoid", Text: "No makeup at all", Start: 24, End: 5 * 24, StartHours: true},
		{ID: "water-rinse", Kind: "do", Text: "Rinse with cool water", Start: 0, End: 24, Hours: true, StartHours: true, Times: []string{"midday", "morning"}},
		{ID: "no-sun", Kind: "avoid", Text: "No sun at all", Start: 0, End: 2 * 24},
		{ID: "no-peeling", Kind: "avoid", Text: "Do not peel", Start: 0, End: 7 * 24},
		{ID: "redness-eases", Kind: "milestone", Text: "Redness eases", Start: 48, StartHours: true},
		{ID: "back-to-life", Kind: "milestone", Text: "Back to daily life", Start: 72},
	}}
)

// TestMerge: one set comes back as written (times in its own order);
// shared ids become one line with the stricter window (an avoid from the
// earlier start, a task from the later start, both to the later end on
// the calendar's clock, the text of the rule that ends later), every time
// of day of a shared task, and the treatments it comes from; a shared
// milestone is one line at the later of its times; milestones are listed
// in the order they happen.
func TestMerge(t *testing.T) {
	at1030 := Options{LastDay: 14, Start: time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC), HasTime: true}
	undated := Options{LastDay: 14}
	tests := []struct {
		name string
		opt  Options
		sets []Set
		want string // one line per rule: id kind start-end [times] text <- from
	}{
		{"one treatment", undated, []Set{needling}, `
water-rinse do 0-48 [evening morning] Rinse with water <- Microneedling
no-makeup avoid 0-48 [] No makeup <- Microneedling
no-sun avoid 0-48 [] No sun <- Microneedling
redness-eases milestone 48-0 [] Redness eases <- Microneedling
back-to-life milestone 24-0 [] Back to daily life <- Microneedling`},
		{"two treatments at 10:30", at1030, []Set{needling, peel}, `
water-rinse do 0-48 [morning midday evening] Rinse with water <- Microneedling + Chemical peel
no-makeup avoid 0-120 [] No makeup at all <- Microneedling + Chemical peel
no-sun avoid 0-48 [] No sun <- Microneedling + Chemical peel
redness-eases milestone 48-0 [] Redness eases <- Microneedling + Chemical peel
back-to-life milestone 72-0 [] Back to daily life <- Microneedling + Chemical peel
no-peeling avoid 0-168 [] Do not peel <- Chemical peel`},
		// Undated, a 48h window and a 2d one both end at day 2's start: a
		// tie, and the first stays.
		{"two treatments undated", undated, []Set{needling, peel}, `
water-rinse do 0-48 [morning midday evening] Rinse with water <- Microneedling + Chemical peel
no-makeup avoid 0-120 [] No makeup at all <- Microneedling + Chemical peel
no-sun avoid 0-48 [] No sun <- Microneedling + Chemical peel
redness-eases milestone 48-0 [] Redness eases <- Microneedling + Chemical peel
back-to-life milestone 72-0 [] Back to daily life <- Microneedling + Chemical peel
no-peeling avoid 0-168 [] Do not peel <- Chemical peel`},
		// The other order: the peel's lines first, and its day window for
		// no-sun loses to the needling's 48h from 10:30.
		{"the other order", at1030, []Set{peel, needling}, `
no-makeup avoid 0-120 [] No makeup at all <- Chemical peel + Microneedling
water-rinse do 0-48 [morning midday evening] Rinse with water <- Chemical peel + Microneedling
no-sun avoid 0-48 [] No sun <- Chemical peel + Microneedling
no-peeling avoid 0-168 [] Do not peel <- Chemical peel
redness-eases milestone 48-0 [] Redness eases <- Chemical peel + Microneedling
back-to-life milestone 72-0 [] Back to daily life <- Chemical peel + Microneedling`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Merge(tt.sets, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, r := range got {
				fmt.Fprintf(&b, "\n%s %s %d-%d %v %s <- %s", r.ID, r.Kind, r.Start, r.End, r.Times, r.Text, strings.Join(r.From, " + "))
			}
			if b.String() != tt.want {
				t.Errorf("Merge =%s\nwant%s", b.String(), tt.want)
			}
		})
	}
}

// TestMergeStricterWindowDrawn: the merged no-sun line ends where the
// later of the two windows ends on the grid: with a time of treatment the
// 48h window (day 2 at 10:30), without one day 2's start.
func TestMergeStricterWindowDrawn(t *testing.T) {
	for _, tt := range []struct {
		opt    Options
		endDay int
		clock  string
	}{
		{Options{LastDay: 14, Start: time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC), HasTime: true}, 2, "10:30"},
		{Options{LastDay: 14, Start: time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)}, 2, "00:00"},
	} {
		rules, err := Merge([]Set{peel, needling}, tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Build(rules, tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		r := row(c, "no-sun")
		if got := fmt.Sprintf("%02d:%02d", r.EndHour, r.EndMinute); r.EndDay != tt.endDay || got != tt.clock {
			t.Errorf("HasTime %v: no-sun ends day %d at %s, want day %d at %s", tt.opt.HasTime, r.EndDay, got, tt.endDay, tt.clock)
		}
		if got := c.Treatments(); strings.Join(got, ",") != "Chemical peel,Microneedling" {
			t.Errorf("Treatments() = %q", got)
		}
	}
}

// TestMergeRefusesKindClash: one id with two kinds is an error naming both.
func TestMergeRefusesKindClash(t *testing.T) {
	clash := Set{Name: "Chemical peel", Rules: []Rule{{ID: "no-makeup", Kind: "do", Text: "Makeup", Start: 0, End: 24}}}
	_, err := Merge([]Set{needling, clash}, Options{LastDay: 14})
	want := "rule no-makeup is an avoid rule in Microneedling but a do in Chemical peel; an id names one instruction, so give one of them another id"
	if err == nil || err.Error() != want {
		t.Errorf("Merge = %v, want %q", err, want)
	}
}

// TestMergeVisit holds the visit's merge rules on the cases a front desk
// meets with microneedling beside dermaplaning: a shared task starts at
// the later start, a task naming a conflict waits for it to end, a task
// left with no time is dropped, and a shared milestone is one line at the
// later time.
func TestMergeVisit(t *testing.T) {
	opt := Options{LastDay: 14, Start: time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC), HasTime: true}
	needle := Set{Name: "Microneedling", Rules: []Rule{
		{ID: "water-rinse", Kind: "do", Text: "Rinse with water only", Start: 0, End: 48, Hours: true, StartHours: true, Times: []string{"morning"}},
		{ID: "gentle-cleanse", Kind: "do", Text: "Gentle cleanser", Start: 48, End: 14 * 24, StartHours: true, Times: []string{"morning"}},
		{ID: "actives-return", Kind: "milestone", Text: "Actives may come back", Start: 7 * 24},
	}}
	derma := Set{Name: "Dermaplaning", Rules: []Rule{
		{ID: "gentle-cleanse", Kind: "do", Text: "Gentle cleanser", Start: 0, End: 7 * 24, StartHours: true, Times: []string{"evening"}},
		{ID: "toner", Kind: "do", Text: "Soothing toner", Start: 0, End: 24, Hours: true, StartHours: true, Conflicts: []string{"water-rinse"}},
		{ID: "exfoliate", Kind: "do", Text: "Light exfoliant", Start: 3 * 24, End: 14 * 24, Conflicts: []string{"water-rinse"}},
		{ID: "actives-return", Kind: "milestone", Text: "Actives may come back", Start: 5 * 24},
	}}
	got, err := Merge([]Set{needle, derma}, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range got {
		fmt.Fprintf(&b, "\n%s %d-%d %v <- %s", r.ID, r.Start, r.End, r.Times, strings.Join(r.From, " + "))
	}
	want := `
water-rinse 0-48 [morning] <- Microneedling
gentle-cleanse 48-336 [morning evening] <- Microneedling + Dermaplaning
actives-return 168-0 [] <- Microneedling + Dermaplaning
exfoliate 72-336 [] <- Dermaplaning`
	if b.String() != want {
		t.Errorf("Merge =%s\nwant%s", b.String(), want)
	}
	// The toner (0-24h) could only start when the rinse ends at 48h: it
	// has no time left and is not on the calendar.
	c, err := Build(got, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r := row(c, "gentle-cleanse"); r.Cells[0].Active || r.Cells[1].Active || !r.Cells[2].Active {
		t.Errorf("gentle-cleanse on days 0-2 = %v %v %v, want only from day 2", r.Cells[0].Active, r.Cells[1].Active, r.Cells[2].Active)
	}
}

// TestNoTaskBeforeTreatment: with a treatment at 16:30, a task written in
// days that starts on day 0 is not ticked at midday on day 0.
func TestNoTaskBeforeTreatment(t *testing.T) {
	opt := Options{LastDay: 14, Start: time.Date(2026, 12, 14, 16, 30, 0, 0, time.UTC), HasTime: true}
	c, err := Build([]Rule{{ID: "extra-serum", Kind: "do", Text: "Extra serum", Start: 0, End: 7 * 24, Times: []string{"midday", "bedtime"}}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := row(c, "extra-serum").Cells[0].Times; strings.Join(got, ",") != "bedtime" {
		t.Errorf("day 0 times = %v, want [bedtime] (the treatment is at 16:30)", got)
	}
	if got := row(c, "extra-serum").Cells[1].Times; strings.Join(got, ",") != "midday,bedtime" {
		t.Errorf("day 1 times = %v, want [midday bedtime]", got)
	}
}
