package calendar

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// ICSOptions are the words and identity of an .ics file.
type ICSOptions struct {
	ID       string            // what the file is for, e.g. "harbor/microneedling/dry/face"; seeds the UIDs
	Lang     string            // BCP 47 tag of the words, set as the LANGUAGE parameter of every text; "" for none
	Name     string            // calendar and event title
	Location string            // the clinic
	Footer   string            // the warning line, added to every day
	DayName  string            // "Day %d"
	Avoid    string            // heading of avoid items
	Expect   string            // heading of milestones
	Ends     string            // "%s: this ends now"
	Times    map[string]string // names of the times of day
	// Date writes a day's date as the handout's language does ("lun 16
	// mar"); when set, each day's description opens with its day and date.
	Date func(time.Time) string
}

// WriteICS writes c as an RFC 5545 calendar: one all-day event per day
// that has tasks, with the day's checklist in its description, and a timed
// event with an alarm where an hour window ends (when the time of treatment
// is known). Lines end in CRLF and fold at 75 octets; text is escaped.
// UIDs and DTSTAMP derive from the options and the date, so the same input
// gives the same file.
func WriteICS(w io.Writer, c *Calendar, o ICSOptions) error {
	if !c.Dated {
		return fmt.Errorf("an .ics calendar needs the treatment date")
	}
	bw := bufio.NewWriter(w)
	stamp := c.Days[0].Date.Format("20060102") + "T000000Z"
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	// text is a line of words: it carries their language (RFC 5545
	// section 3.2.10).
	text := func(name, value string) {
		if o.Lang != "" {
			name += ";LANGUAGE=" + o.Lang
		}
		line(name, value)
	}
	uid := func(part string) string {
		sum := sha256.Sum256([]byte(o.ID + "|" + c.Start.Format(time.RFC3339) + "|" + part))
		return hex.EncodeToString(sum[:12]) + "@handouts"
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//handouts//aftercare calendar//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	text("X-WR-CALNAME", Escape(o.Name))
	for _, d := range c.Days {
		desc := c.dayChecklist(d.N, o)
		if len(desc) == 0 {
			continue
		}
		if o.Footer != "" {
			desc = append(desc, "", o.Footer)
		}
		if o.Date != nil {
			desc = append([]string{fmt.Sprintf(o.DayName, d.N) + " \u00b7 " + o.Date(d.Date), ""}, desc...)
		}
		line("BEGIN", "VEVENT")
		line("UID", uid(fmt.Sprintf("day-%d", d.N)))
		line("DTSTAMP", stamp)
		line("DTSTART;VALUE=DATE", d.Date.Format("20060102"))
		line("DTEND;VALUE=DATE", d.Date.AddDate(0, 0, 1).Format("20060102"))
		text("SUMMARY", Escape(o.Name+" \u00b7 "+fmt.Sprintf(o.DayName, d.N)))
		text("DESCRIPTION", Escape(strings.Join(desc, "\n")))
		if o.Location != "" {
			line("LOCATION", Escape(o.Location))
		}
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	// Milestones after the calendar's last day get an all-day event of their own.
	for _, m := range c.Milestones {
		if m.Day < len(c.Days) {
			continue
		}
		day := c.Days[0].Date.AddDate(0, 0, m.Day)
		line("BEGIN", "VEVENT")
		line("UID", uid("milestone-"+m.Rule.ID))
		line("DTSTAMP", stamp)
		line("DTSTART;VALUE=DATE", day.Format("20060102"))
		line("DTEND;VALUE=DATE", day.AddDate(0, 0, 1).Format("20060102"))
		text("SUMMARY", Escape(m.Rule.Text))
		if o.Location != "" {
			line("LOCATION", Escape(o.Location))
		}
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	if c.HasTime {
		for _, r := range c.Rows {
			if r.Rule.Kind != KindAvoid || !r.Rule.Hours || r.EndDay >= len(c.Days) {
				continue
			}
			at := c.Days[0].Date.AddDate(0, 0, r.EndDay).Add(time.Duration(r.EndHour)*time.Hour + time.Duration(r.EndMinute)*time.Minute)
			ends := Escape(fmt.Sprintf(o.Ends, r.Rule.Text))
			line("BEGIN", "VEVENT")
			line("UID", uid("ends-"+r.Rule.ID))
			line("DTSTAMP", stamp)
			line("DTSTART", at.Format("20060102T150405"))
			line("DURATION", "PT15M")
			text("SUMMARY", ends)
			line("BEGIN", "VALARM")
			line("ACTION", "DISPLAY")
			text("DESCRIPTION", ends)
			line("TRIGGER", "PT0M")
			line("END", "VALARM")
			line("END", "VEVENT")
		}
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// dayChecklist is the text of one day: tasks with their times, what to
// avoid, and milestones.
func (c *Calendar) dayChecklist(day int, o ICSOptions) []string {
	var out, avoid []string
	for _, r := range c.Rows {
		cell := r.Cells[day]
		if !cell.Active {
			continue
		}
		switch r.Rule.Kind {
		case KindDo:
			if len(cell.Times) == 0 {
				out = append(out, "[ ] "+r.Rule.Text)
			}
			for _, tm := range cell.Times {
				out = append(out, fmt.Sprintf("[ ] %s: %s", capital(o.Times[tm]), r.Rule.Text))
			}
		case KindAvoid:
			s := r.Rule.Text
			if cell.Ends && !c.HasTime {
				s = fmt.Sprintf(o.Ends, s)
			}
			avoid = append(avoid, "- "+s)
		}
	}
	if len(avoid) > 0 {
		out = append(out, "", o.Avoid+":")
		out = append(out, avoid...)
	}
	var ms []string
	for _, m := range c.Milestones {
		if m.Day == day {
			ms = append(ms, "- "+m.Rule.Text)
		}
	}
	if len(ms) > 0 {
		out = append(out, "", o.Expect+":")
		out = append(out, ms...)
	}
	return out
}

func capital(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// Escape escapes TEXT values (RFC 5545 section 3.3.11).
func Escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)
	return r.Replace(s)
}

// writeFolded writes one content line, folded so no line exceeds 75
// octets (RFC 5545 section 3.1), never inside a UTF-8 sequence.
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
