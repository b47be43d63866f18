// Package calendar computes the day-by-day checklist from a treatment's
// rules: which daily tasks fall on which day and time of day, which
// "avoid" windows are in force on each day and when they end, and which
// milestones fall on which day. It is pure date arithmetic on plain values;
// the pdf, html and ics renderers each draw the same Calendar.
//
// Offsets are hours after the treatment. Day 0 is the treatment day. With
// a known time of treatment, an offset is counted from that time, so a 48 h
// window that starts at 10:30 ends on day 2 at 10:30; without one, from the
// start of day 0.
//
// Merge joins the rules of several treatments done on the same day (or of
// one treatment on several areas) into one calendar: a rule id shared by
// two treatments is one line, and where two rules avoid the same thing it
// takes the stricter window, from the earlier start to the later end
// (merge.go says how ties and milestones go). Each merged line records
// the treatments it belongs to in Rule.From.
package calendar

import (
	"fmt"
	"slices"
	"time"
)

// Rule is one instruction with its window in hours after treatment.
type Rule struct {
	ID         string
	Kind       RuleKind
	Text       string
	Start      int      // hours
	End        int      // hours; ignored for milestones
	Hours      bool     // the end was written in hours: it is a clock time, not a day boundary
	StartHours bool     // the start was written in hours
	Times      []string // for daily tasks: morning, midday, evening, bedtime
	// Ongoing is a daily task that goes on after End (sunscreen every
	// day): Build draws it to the last day shown, however long that is.
	Ongoing bool
	// Conflicts names rules this task cannot run beside: where one of them
	// is in force in the same visit, the task waits until it ends (Merge).
	Conflicts []string
	// From names the treatments the rule comes from, as the patient reads
	// them, on a calendar that merges several (see Merge); nil otherwise.
	From []string
}

// TimeOfDay gives the hour at which each time of day's task is done, used
// to decide whether a task falls inside a window on the days it starts and
// ends.
var TimeOfDay = map[string]int{"morning": 8, "midday": 12, "evening": 19, "bedtime": 22}

// Options set the calendar's range and anchor.
type Options struct {
	LastDay int       // the last day shown (14 means day 0 to day 14)
	Start   time.Time // treatment date, maybe with a time; zero when undated
	HasTime bool      // Start has a meaningful time of day
}

// Calendar is the computed checklist.
type Calendar struct {
	Days       []Day
	Rows       []Row // one per do or avoid rule that falls in the range, in rule order
	Milestones []Milestone
	Dated      bool
	HasTime    bool
	Start      time.Time
}

// Day is one column of the grid.
type Day struct {
	N    int
	Date time.Time // zero when undated
}

// Row is one rule across the days.
type Row struct {
	Rule  Rule
	Cells []Cell // one per day
	// EndDay and EndHour say when an avoid window ends: on day EndDay at
	// EndHour o'clock (EndHour 0: at the start of that day).
	EndDay, EndHour, EndMinute int
}

// Cell is one rule on one day.
type Cell struct {
	Active bool
	Times  []string // do: the times of day to tick; empty for a once-a-day task
	Ends   bool     // avoid: the window ends during this day (not at its start)
}

// Milestone is a moment: "peeling may start".
type Milestone struct {
	Rule Rule
	Day  int
	At   time.Time // zero when undated
}

// Build computes the calendar for rules.
func Build(rules []Rule, opt Options) (*Calendar, error) {
	if opt.LastDay < 1 || opt.LastDay > 56 {
		return nil, fmt.Errorf("calendar range: last day %d must be 1 to 56", opt.LastDay)
	}
	c := &Calendar{Dated: !opt.Start.IsZero(), HasTime: opt.HasTime && !opt.Start.IsZero(), Start: opt.Start}
	clk := ClockOf(opt)
	day0 := time.Date(opt.Start.Year(), opt.Start.Month(), opt.Start.Day(), 0, 0, 0, 0, time.UTC)
	for d := 0; d <= opt.LastDay; d++ {
		day := Day{N: d}
		if c.Dated {
			day.Date = day0.AddDate(0, 0, d)
		}
		c.Days = append(c.Days, day)
	}
	for _, r := range rules {
		// Minutes from day 0's midnight. A window written in days runs on
		// whole days; one written in hours runs from the time of treatment;
		// nothing starts before the treatment (no midday task on day 0 of
		// a treatment at 16:30).
		a := clk.Start(r)
		if r.Kind == KindMilestone {
			// A milestone after the last day (booking the next session, say)
			// is still listed; it has no column in the grid.
			m := Milestone{Rule: r, Day: a / (24 * 60)}
			if c.Dated {
				m.At = day0.Add(time.Duration(a) * time.Minute)
			}
			c.Milestones = append(c.Milestones, m)
			continue
		}
		if r.End <= r.Start {
			return nil, fmt.Errorf("rule %s: ends before it starts", r.ID)
		}
		b := clk.End(r)
		if r.Kind == KindDo && r.Ongoing {
			b = max(b, (opt.LastDay+1)*24*60)
		}
		row := Row{Rule: r, Cells: make([]Cell, len(c.Days))}
		row.EndDay, row.EndHour, row.EndMinute = b/(24*60), (b%(24*60))/60, b%60
		any := false
		for d := range c.Days {
			lo, hi := d*24*60, (d+1)*24*60
			if b <= lo || a >= hi {
				continue
			}
			cell := Cell{Active: true}
			if r.Kind == KindDo && len(r.Times) > 0 {
				for _, tm := range r.Times {
					at := lo + TimeOfDay[tm]*60
					// Without a time of treatment, every time on an active day counts.
					if !c.HasTime || (at >= a && at < b) {
						cell.Times = append(cell.Times, tm)
					}
				}
				if len(cell.Times) == 0 {
					continue
				}
			}
			if r.Kind == KindAvoid && b > lo && b < hi {
				cell.Ends = true
			}
			row.Cells[d] = cell
			any = true
		}
		if any {
			c.Rows = append(c.Rows, row)
		}
	}
	return c, nil
}

// End returns when row r's window ends, as a time (zero when undated).
func (c *Calendar) End(r Row) time.Time {
	if !c.Dated {
		return time.Time{}
	}
	return c.Days[0].Date.AddDate(0, 0, r.EndDay).Add(time.Duration(r.EndHour)*time.Hour + time.Duration(r.EndMinute)*time.Minute)
}

// EndsAtClock reports whether row r ends at a clock time rather than at a
// day boundary: an hour window with a known time of treatment.
func (c *Calendar) EndsAtClock(r Row) bool { return c.HasTime && r.Rule.Hours }

// TimesUsed returns the times of day the calendar's tasks are ticked at,
// in day order.
func (c *Calendar) TimesUsed() []string {
	var out []string
	for _, tm := range []string{"morning", "midday", "evening", "bedtime"} {
		for _, r := range c.Rows {
			if r.Rule.Kind == KindDo && slices.Contains(r.Rule.Times, tm) {
				out = append(out, tm)
				break
			}
		}
	}
	return out
}

// ActiveDays returns the days on which row is in force.
func (r Row) ActiveDays() []int {
	var out []int
	for d, c := range r.Cells {
		if c.Active {
			out = append(out, d)
		}
	}
	return out
}
