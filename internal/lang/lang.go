// Package lang holds the words and date styles that handouts put around
// content: weekday and month names, how a date is written, and the phrases
// that turn a rule's window into words ("for 48 hours", "until Sat 14 Mar").
// A translation adds one Lang value to the table in Get.
package lang

import (
	"fmt"
	"strings"
	"time"
)

// Lang is one language and regional date style.
type Lang struct {
	Tag          string     // BCP 47 tag, e.g. en-US
	Days         [7]string  // short weekday names, Sunday first
	LongDays     [7]string  // full weekday names, Sunday first
	Months       [12]string // short month names
	DateFormat   string     // layout for a short date: "{wd}, {mon} {d}" or "{wd} {d} {mon}"
	Hours        [2]string  // singular, plural
	DaysWord     [2]string
	WeeksWord    [2]string
	For          string // "for %s"
	Until        string // "until %s"
	UntilTime    string // "until %s at %s"
	FromDay      string // "from day %d"
	From         string // "from %s"
	DayN         string // "Day %d"
	Page         string // "Page %d of %d"
	PreparedFor  string // "Prepared for %s"
	Treated      string // "Treatment date: %s"
	SummaryTitle string // heading of the summary box
	CalDo        string // heading of the calendar's daily tasks
	CalAvoid     string // heading of the calendar's avoid windows
	CalExpect    string // heading of the calendar's milestones
	UntilDay     string // "until day %d"
	Ends         string // "%s: ends" (a timed reminder)
	TimeNames    map[string]string
	ReadOnline   string // beside the QR code
}

var en = Lang{
	Days:         [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	LongDays:     [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	Months:       [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	Hours:        [2]string{"hour", "hours"},
	DaysWord:     [2]string{"day", "days"},
	WeeksWord:    [2]string{"week", "weeks"},
	For:          "for %s",
	Until:        "until %s",
	UntilTime:    "until %s at %s",
	FromDay:      "from day %d",
	From:         "from %s",
	DayN:         "Day %d",
	Page:         "Page %d of %d",
	PreparedFor:  "Prepared for %s",
	Treated:      "Treatment date: %s",
	SummaryTitle: "The most important things",
	CalDo:        "Do (tick when done)",
	CalAvoid:     "Avoid",
	CalExpect:    "What to expect",
	UntilDay:     "until day %d",
	Ends:         "%s: this ends now",
	TimeNames:    map[string]string{"morning": "morning", "midday": "midday", "evening": "evening", "bedtime": "bedtime"},
	ReadOnline:   "Read this online, or scan the code with your phone:",
}

// Get returns the language for tag, or false if there is none.
func Get(tag string) (*Lang, bool) {
	l := en
	switch tag {
	case "en-US":
		l.DateFormat = "{wd}, {mon} {d}"
	case "en-GB":
		l.DateFormat = "{wd} {d} {mon}"
	default:
		return nil, false
	}
	l.Tag = tag
	return &l, true
}

// Tags lists the supported language tags.
func Tags() []string { return []string{"en-GB", "en-US"} }

// Date writes d in the short date style, e.g. "Fri, Mar 13" or "Fri 13 Mar".
func (l *Lang) Date(d time.Time) string {
	out := []byte{}
	f := l.DateFormat
	for i := 0; i < len(f); i++ {
		switch {
		case hasAt(f, i, "{wd}"):
			out = append(out, l.Days[d.Weekday()]...)
			i += 3
		case hasAt(f, i, "{mon}"):
			out = append(out, l.Months[d.Month()-1]...)
			i += 4
		case hasAt(f, i, "{d}"):
			out = fmt.Appendf(out, "%d", d.Day())
			i += 2
		default:
			out = append(out, f[i])
		}
	}
	return string(out)
}

// UntilText says when a window ends, for the calendar and the sheet alike:
// "until day 2" without a treatment date, "until Sun, Mar 15" with one,
// and "until Sun, Mar 15 at 10:30" when the window ends at a clock time.
func (l *Lang) UntilText(day int, at time.Time, dated, clock bool) string {
	switch {
	case !dated:
		return fmt.Sprintf(l.UntilDay, day)
	case clock:
		return fmt.Sprintf(l.UntilTime, l.Date(at), l.Clock(at))
	}
	return fmt.Sprintf(l.Until, l.Date(at))
}

// Times names times of day in order: "morning, evening".
func (l *Lang) Times(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = l.TimeNames[id]
	}
	return strings.Join(names, ", ")
}

// DateYear writes d with its year: "Fri, Mar 13, 2026" or "Fri 13 Mar 2026".
func (l *Lang) DateYear(d time.Time) string {
	if l.Tag == "en-US" {
		return fmt.Sprintf("%s, %d", l.Date(d), d.Year())
	}
	return fmt.Sprintf("%s %d", l.Date(d), d.Year())
}

// DayMonth writes d without its weekday: "Mar 13" or "13 Mar".
func (l *Lang) DayMonth(d time.Time) string {
	if l.Tag == "en-US" {
		return fmt.Sprintf("%s %d", l.Months[d.Month()-1], d.Day())
	}
	return fmt.Sprintf("%d %s", d.Day(), l.Months[d.Month()-1])
}

// Weekday writes d's short weekday name, e.g. "Fri".
func (l *Lang) Weekday(d time.Time) string { return l.Days[d.Weekday()] }

// Clock writes the time of day as 24-hour "15:04".
func (l *Lang) Clock(t time.Time) string { return t.Format("15:04") }

func hasAt(s string, i int, sub string) bool {
	return len(s)-i >= len(sub) && s[i:i+len(sub)] == sub
}

// Amount writes n of a unit ('h', 'd', 'w') in words, e.g. "48 hours".
func (l *Lang) Amount(n int, unit byte) string {
	w := l.Hours
	switch unit {
	case 'd':
		w = l.DaysWord
	case 'w':
		w = l.WeeksWord
	}
	if n == 1 {
		return fmt.Sprintf("1 %s", w[0])
	}
	return fmt.Sprintf("%d %s", n, w[1])
}
