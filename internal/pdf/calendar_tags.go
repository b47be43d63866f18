package pdf

import (
	"fmt"
	"strings"

	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/layout"
)

// calTags is the structure of the calendar page, made from the laid-out
// page before it is painted, in reading order: the logo and the masthead
// lines, the title (H1), the intro (P), each band of the grid as a Table,
// the milestones (H2 and a list) and the footer box (a Sect holding a P).
//
// In a band's table the head row holds a corner cell over the rule names
// ("Day", and the month on a dated calendar) and one TH per day, scoped to
// its column; each rule is a row whose first cell, the rule's words, is a
// TH scoped to its row, followed by one TD per day. A day the rule is in
// force carries the words a screen reader says for what is drawn there:
// a tick box per time of day (☐ morning, ☐ evening) or the word for an
// avoid window; other days are empty cells, so the grid stays regular. The
// section rows ("Do", "Avoid") are a TH spanning the whole row.
type calTags struct {
	root       *layout.Node
	logo       *layout.Node
	title      *layout.Node
	head       []*layout.Node // by masthead line; nil for an empty line
	intro      *layout.Node
	legend     *layout.Node      // nil where the legend is under the intro, in its P
	bands      map[int]*bandTags // by the band's first day
	expect     *layout.Node
	milestones []*layout.Node
	footer     *layout.Node
}

type bandTags struct {
	corner *layout.Node
	days   []*layout.Node
	rows   []rowTags // by band row
}

type rowTags struct {
	th    *layout.Node   // the section's or the rule's header cell
	cells []*layout.Node // one TD per day of the band; nil for a section
}

// mastLines are the calendar masthead's lines of words, top to bottom:
// the clinic, the treatment and variant (with split, the treatment and
// the variant each on a line), and the patient's line.
func (l Labels) mastLines(split bool) []string {
	if split {
		return []string{l.Clinic, l.Treatment, l.Variant, l.Prepared}
	}
	return []string{l.Clinic, l.Treatment + " \u00b7 " + l.Variant, l.Prepared}
}

// calendarTags builds the calendar page's structure tree.
func calendarTags(cp *CalendarPage, cal *calendar.Calendar, env content.Env, lb Labels) *calTags {
	t := &calTags{root: layout.NewTree(), bands: map[int]*bandTags{}}
	root := t.root
	if len(env.Brand.LogoPNG) > 0 {
		t.logo = root.Add(layout.RoleFigure)
		t.logo.Alt = lb.Clinic
	}
	for _, s := range lb.mastLines(cp.SplitMast) {
		var n *layout.Node
		if s != "" {
			n = root.Add(layout.RoleP)
		}
		t.head = append(t.head, n)
	}
	t.title = root.Add(layout.Heading(1))
	if len(cp.Intro) > 0 {
		t.intro = root.Add(layout.RoleP)
		adoptLines(t.intro, cp.Intro)
	}
	if len(cp.Legend) > 0 {
		t.legend = root.Add(layout.RoleP) // what the marks in the boxes stand for
	}
	l := env.Lang
	for _, band := range cp.Bands {
		bt := &bandTags{}
		table := root.Add(layout.RoleTable)
		tr := table.Add(layout.RoleTHead).Add(layout.RoleTR)
		bt.corner = tr.Add(layout.RoleTH)
		bt.corner.Scope = layout.ScopeColumn
		if cal.Dated {
			// "Day" over the month ("Mar", or "Mar/Apr"), said as words.
			months := l.Months[cal.Days[band.First].Date.Month()-1]
			if last := l.Months[cal.Days[band.Last].Date.Month()-1]; last != months {
				months += "/" + last
			}
			bt.corner.ActualText = cp.DayLabel + " " + months
		}
		for d := band.First; d <= band.Last; d++ {
			// The day's lines are drawn apart ("3", "Mon", "16"); its
			// words say them as one: "Day 3 Mon, Mar 16".
			th := tr.Add(layout.RoleTH)
			th.Scope = layout.ScopeColumn
			th.ActualText = fmt.Sprintf(l.DayN, cal.Days[d].N)
			if cal.Dated {
				th.ActualText += " " + l.Date(cal.Days[d].Date)
			}
			bt.days = append(bt.days, th)
		}
		body := table.Add(layout.RoleTBody)
		for _, r := range band.Rows {
			tr := body.Add(layout.RoleTR)
			rt := rowTags{th: tr.Add(layout.RoleTH)}
			rt.th.Scope = layout.ScopeRow
			if r.section != "" {
				rt.th.ColSpan = band.Last - band.First + 2
				bt.rows = append(bt.rows, rt)
				continue
			}
			for d := band.First; d <= band.Last; d++ {
				td := tr.Add(layout.RoleTD)
				if c := r.row.Cells[d]; c.Active {
					td.ActualText = cellWords(r.row, c, l.CalAvoid, l.TimeNames)
				}
				rt.cells = append(rt.cells, td)
			}
			bt.rows = append(bt.rows, rt)
		}
		t.bands[band.First] = bt
	}
	if cp.ExpectPage {
		// The list is on the second page, after the footer box.
		t.footer = root.Add(layout.RoleSect).Add(layout.RoleP)
	}
	if len(cp.Milestones) > 0 {
		t.expect = root.Add(layout.Heading(2))
		list := root.Add(layout.RoleL)
		for _, m := range cp.Milestones {
			body := list.Add(layout.RoleLI).Add(layout.RoleLBody)
			adoptLines(body, m)
			t.milestones = append(t.milestones, body)
		}
	}
	if t.footer == nil {
		t.footer = root.Add(layout.RoleSect).Add(layout.RoleP)
	}
	adoptLines(t.footer, cp.Footer)
	return t
}

// cellWords are the words for what a rule's active day shows: a tick box
// per time of day the rule falls on that day, or the word for an avoid
// window.
func cellWords(r calendar.Row, c calendar.Cell, avoid string, times map[string]string) string {
	if r.Rule.Kind == calendar.KindAvoid {
		return avoid
	}
	if len(r.Rule.Times) == 0 {
		return "\u2610"
	}
	var words []string
	for _, tm := range r.Rule.Times {
		for _, today := range c.Times {
			if today == tm {
				words = append(words, "\u2610 "+times[tm])
			}
		}
	}
	return strings.Join(words, ", ")
}

// adoptLines makes the Link elements of lines' spans kids of tag.
func adoptLines(tag *layout.Node, lines []layout.Line) {
	for _, l := range lines {
		for _, s := range l.Spans {
			if s.Tag != nil && s.Tag.Parent == nil {
				tag.Append(s.Tag)
			}
		}
	}
}
