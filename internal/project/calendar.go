package project

import (
	"bytes"
	"fmt"

	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/html"
	"handouts/internal/markdown"
	"handouts/internal/pdf"
)

// Calendar computes the checklist calendar for env from the same rules
// the sheet's text reads, with the brand's and the patient's overrides.
func Calendar(env content.Env) (*calendar.Calendar, error) {
	c, err := calendar.Build(CalendarRules(env), calendar.Options{LastDay: env.Treatment.LastDay, Start: env.Start, HasTime: env.HasTime})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", env.Treatment.File, err)
	}
	return c, nil
}

// CalendarRules are env's rules as the calendar takes them: in a visit,
// with the visit's windows and under the ids it merges them by.
func CalendarRules(env content.Env) []calendar.Rule {
	var rules []calendar.Rule
	for _, r := range env.Rules() {
		cr := calendar.Rule{ID: env.Visit.ID(r.ID), Kind: r.Kind, Text: r.Text, Start: r.Start.Hours, StartHours: r.Start.Unit == 'h', Times: r.Times, Ongoing: r.Ongoing}
		if r.End != nil {
			cr.End = r.End.Hours
			cr.Hours = r.End.Unit == 'h'
		}
		rules = append(rules, cr)
	}
	return rules
}

func (p *Project) renderCalendarPDF(res *content.Resolved, r Request) (Rendered, error) {
	cal, err := Calendar(r.Env)
	if err != nil {
		return Rendered{}, err
	}
	var buf bytes.Buffer
	if _, err := pdf.RenderCalendar(&buf, cal, res, r.Env, p.PDFOptions(res, r)); err != nil {
		return Rendered{}, err
	}
	return Rendered{Data: buf.Bytes(), Pages: 1}, nil
}

func (p *Project) renderCalendarHTML(res *content.Resolved, r Request) (Rendered, error) {
	cal, err := Calendar(r.Env)
	if err != nil {
		return Rendered{}, err
	}
	if err := p.web(); err != nil {
		return Rendered{}, err
	}
	var buf bytes.Buffer
	if err := p.html.RenderCalendar(&buf, cal, res, r.Env, html.Options{Images: p.images(res.Handout), Patient: r.Patient, Typeface: p.typefaces[r.Env.Brand.ID]}); err != nil {
		return Rendered{}, err
	}
	return Rendered{Data: buf.Bytes()}, nil
}

func (p *Project) renderICS(res *content.Resolved, r Request) (Rendered, error) {
	if !r.Env.Dated() {
		return Rendered{}, fmt.Errorf("a calendar file (.ics) needs the treatment date: give -date YYYY-MM-DD")
	}
	cal, err := Calendar(r.Env)
	if err != nil {
		return Rendered{}, err
	}
	return p.WriteICS(cal, res, r.Env)
}

// WriteICS writes cal, the calendar of res for e, as an .ics file.
func (p *Project) WriteICS(cal *calendar.Calendar, res *content.Resolved, e content.Env) (Rendered, error) {
	var buf bytes.Buffer
	l := e.Lang
	err := calendar.WriteICS(&buf, cal, calendar.ICSOptions{
		ID:       e.Brand.ID + "/" + e.Treatment.ID + "/" + e.Skin.ID + "/" + e.Area.ID,
		Lang:     l.Tag,
		Name:     res.Title,
		Location: e.Brand.Name,
		Footer:   p.plainFooter(res.Footer),
		DayName:  l.DayN,
		Avoid:    l.CalAvoid,
		Expect:   l.CalExpect,
		Ends:     l.Ends,
		Times:    l.TimeNames,
		Date:     l.Date,
	})
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{Data: buf.Bytes()}, nil
}

// plainFooter turns the footer's Markdown into plain text for the .ics:
// the words the PDF and HTML footers show (markdown.PlainText).
func (p *Project) plainFooter(md string) string {
	return markdown.PlainText(p.md, []byte(md))
}
