package html

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/lang"
)

// The calendar page is one list of day cards, in day order, each holding
// that day's tick boxes and avoid lines: on a phone that list is what the
// patient sees, today's card first on a dated copy; on a wide screen and
// in print the same cards become the columns of the paper's grid (CSS
// subgrid), beside a column of rule names. So there is one checkbox per
// tick, whatever the width, and the page's source order is day by day.
//
// On a phone (where the grid does not fit) the page is made for today:
// the avoid windows are one list at the top ("No makeup until Wednesday,
// December 16"), each line leaving when its window is over; each card
// holds its day's tasks and what to expect that day, not the avoid lines;
// only today's card (day 0's on an undated copy) is open, the others fold
// to their heading and open with a tap, their ticks kept. A day with
// nothing to tick or expect shows its avoid lines; a day with nothing at
// all has no card on a phone.

// CalendarPage is what calendar.tmpl receives.
type CalendarPage struct {
	Page
	StorageKey string // localStorage key: the variant and language, never the patient
	// Marks are the times of day's marks ("M", "E"), which the grid
	// prints by each box of that time (a CSS rule per time, by the box's
	// id, so the page carries each mark once).
	Marks      []CalMark
	DayWord    string    // "Day", over the grid's day numbers
	Heads      []CalHead // the grid's first column: one per section and rule
	Days       []CalDay
	Milestones []CalMilestone
	Footer     template.HTML
	Dated      bool
	GridFrom   template.CSS // the screen width from which the grid replaces the cards
	// Base is the page's language without its region ("en", "es"): the
	// template's own words (the phone's intro, "Call us") are chosen by it.
	Base string
	// Avoids are the avoid windows as the phone's one list shows them.
	Avoids []CalAvoid
	// AvoidTitle and ExpectTitle head the phone's avoid list and each
	// card's moments.
	AvoidTitle, ExpectTitle string
}

// CalAvoid is one avoid window in the phone's list: the rule's words,
// when it ends, in a sentence's words, and the last day (index into Days)
// on which it is in force, after which the line leaves the list.
type CalAvoid struct {
	Text, Until string
	Last        int
}

// Rows is the number of grid rows: the day headings and one per head.
func (p CalendarPage) Rows() int { return len(p.Heads) + 1 }

// CalHead is a row of the grid: a section title, or a rule with its times
// (do) or its end (avoid).
type CalHead struct {
	Section   bool
	Text, Sub string
}

// CalDay is one day: a card on a phone, a column of the grid.
type CalDay struct {
	N                    int
	Label, Weekday, Date string // "Day 3", and on a dated copy "Mon", "16 Mar"
	ISO                  string // the date as YYYY-MM-DD on a dated copy, for "today"
	Col                  int    // its grid column
	Cells                []CalCell
	// Expect is what to expect on this day (and, on the last day, what
	// comes after it), shown in the day's card on a phone; the grid
	// lists the same moments under the calendar.
	Expect []CalMilestone
	// Tasks says the day has something to tick; Empty that it has
	// nothing to tick, expect or avoid (no card on a phone).
	Tasks, Empty bool
}

// CalCell is one row of the grid on one day.
type CalCell struct {
	Section bool              // a section title row
	Title   string            // the section's title
	Kind    calendar.RuleKind // the section's kind: do or avoid
	Any     bool              // the day has something in this section
	Text    string            // the rule's words
	Caption string            // the rule's words over tick boxes named by time of day
	Sub     string            // an avoid rule's end
	Boxes   []CalBox
	Avoid   bool // an avoid rule in force
	Ends    bool // it ends during this day
}

// CalBox is one labelled checkbox. Its label shows Shown; Rest, hidden
// but read with it, names the task and the day, so the accessible name
// holds the task, the day and the time of day.
type CalBox struct {
	ID, Shown, Rest string
}

// CalMark is a time of day (morning) and its mark (M, from the language
// file's time_marks).
type CalMark struct {
	Time, Mark string
}

// CalMilestone is one moment in the "what to expect" list.
type CalMilestone struct {
	When, Text string
}

// Grid sizes in rem: the rule column, the narrowest day column (room for a
// 44 px tick target) and the page's side padding; the grid shows only
// where all columns fit.
const (
	gridLabelRem = 14.0
	gridDayRem   = 3.25
	gridPadRem   = 2.5
)

// RenderCalendar writes the calendar as a self-contained HTML page with
// real, labelled checkboxes whose state the browser keeps.
func (r *Renderer) RenderCalendar(w io.Writer, cal *calendar.Calendar, res *content.Resolved, env content.Env, opt Options) error {
	b := env.Brand
	l := env.Lang
	pg := CalendarPage{Dated: cal.Dated, Base: l.Base}
	page, err := r.newPage(res, env, opt)
	if err != nil {
		return err
	}
	pg.Page = page
	for _, tm := range cal.TimesUsed() {
		pg.Marks = append(pg.Marks, CalMark{Time: tm, Mark: l.TimeMarks[tm]})
	}
	pg.StorageKey = "handouts:" + b.ID + "/" + l.Tag + "/" + env.Treatment.ID + "/" + env.Skin.ID + "-" + env.Area.ID + "/calendar"
	pg.DayWord = strings.TrimSpace(strings.ReplaceAll(l.DayN, "%d", ""))
	pg.GridFrom = template.CSS(fmt.Sprintf("%grem", gridLabelRem+gridDayRem*float64(len(cal.Days))+gridPadRem))
	intro, err := r.inline(res.Source)
	if err != nil {
		return err
	}
	pg.Body = intro
	if pg.Footer, err = r.inline([]byte(res.Footer)); err != nil {
		return err
	}
	for i, d := range cal.Days {
		cd := CalDay{N: d.N, Label: fmt.Sprintf(l.DayN, d.N), Col: i + 2}
		if cal.Dated {
			cd.Weekday, cd.Date, cd.ISO = l.Weekday(d.Date), l.DayMonth(d.Date), d.Date.Format("2006-01-02")
		}
		pg.Days = append(pg.Days, cd)
	}
	for _, kind := range []calendar.RuleKind{calendar.KindDo, calendar.KindAvoid} {
		pg.addSection(cal, kind, l)
	}
	for _, m := range cal.Milestones {
		when := fmt.Sprintf(l.DayN, m.Day)
		if cal.Dated {
			when += " \u00b7 " + l.Date(m.At)
		}
		pg.Milestones = append(pg.Milestones, CalMilestone{When: when, Text: m.Rule.Text})
		// In the cards: on its day, or on the last day with its own day
		// and date when it comes later ("Day 28 · Mon, Jan 11").
		d, cm := m.Day, CalMilestone{Text: m.Rule.Text}
		if d >= len(pg.Days) {
			d, cm.When = len(pg.Days)-1, when
		}
		if d >= 0 {
			pg.Days[d].Expect = append(pg.Days[d].Expect, cm)
		}
	}
	for i := range pg.Days {
		day := &pg.Days[i]
		day.Empty = !day.Tasks && len(day.Expect) == 0
		for _, c := range day.Cells {
			if c.Avoid {
				day.Empty = false
			}
		}
	}
	pg.SummaryTitle = l.CalExpect
	pg.AvoidTitle, pg.ExpectTitle = l.CalAvoid, l.CalExpect
	return execute(w, r.calendar, pg, opt.Typeface)
}

// addSection adds the rules of kind (the tasks, or the windows to avoid)
// to the grid under their section's title row: a head for each rule, and
// a cell for it on each day, with tick boxes on the days a task is due.
func (pg *CalendarPage) addSection(cal *calendar.Calendar, kind calendar.RuleKind, l *lang.Lang) {
	var rows []calendar.Row
	for _, row := range cal.Rows {
		if row.Rule.Kind == kind {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return
	}
	title := map[calendar.RuleKind]string{calendar.KindDo: l.CalDo, calendar.KindAvoid: l.CalAvoid}[kind]
	pg.Heads = append(pg.Heads, CalHead{Section: true, Text: title})
	sec := len(pg.Heads) - 1
	for d := range pg.Days {
		pg.Days[d].Cells = append(pg.Days[d].Cells, CalCell{Section: true, Title: title, Kind: kind})
	}
	for _, row := range rows {
		h := CalHead{Text: row.Rule.Text}
		if kind == calendar.KindDo {
			h.Sub = l.Times(row.Rule.Times)
		} else {
			h.Sub = l.UntilText(row.EndDay, cal.End(row), cal.Dated, cal.EndsAtClock(row))
		}
		pg.Heads = append(pg.Heads, h)
		if kind == calendar.KindAvoid {
			last := row.EndDay
			if row.EndHour == 0 && row.EndMinute == 0 {
				last-- // over at the start of its end day
			}
			pg.Avoids = append(pg.Avoids, CalAvoid{Text: row.Rule.Text, Until: l.UntilLong(row.EndDay, cal.End(row), cal.Dated, cal.EndsAtClock(row)), Last: last})
		}
		for d, c := range row.Cells {
			day := &pg.Days[d]
			cell := CalCell{Text: row.Rule.Text}
			if c.Active {
				day.Cells[sec].Any = true
			}
			switch {
			case kind == calendar.KindAvoid && c.Active:
				cell.Avoid, cell.Ends, cell.Sub = true, c.Ends, h.Sub
			case kind == calendar.KindDo && c.Active:
				when := day.Label
				if cal.Dated {
					when += ", " + day.Weekday + " " + day.Date
				}
				times := c.Times
				if len(row.Rule.Times) == 0 {
					times = []string{""}
				}
				for _, tm := range times {
					box := CalBox{ID: fmt.Sprintf("d%d-%s-%s", d, row.Rule.ID, tm)}
					if tm == "" {
						box.Shown, box.Rest = row.Rule.Text, ", "+when
					} else {
						box.Shown, box.Rest = capitalize(l.TimeNames[tm]), ": "+row.Rule.Text+", "+when
					}
					cell.Boxes = append(cell.Boxes, box)
				}
				if len(row.Rule.Times) > 0 {
					cell.Caption = row.Rule.Text
				}
				day.Tasks = true
			}
			day.Cells = append(day.Cells, cell)
		}
	}
}

// capitalize upper-cases the first letter of a time of day for a label
// of its own ("Morning").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
