// Package lang holds the words and date styles that handouts put around
// content: weekday and month names, how a date is written, the phrases
// that turn a rule's window into words ("for 48 hours", "until Friday,
// March 13", "hasta el viernes 13 de marzo"), the clock ("2:00 PM",
// "14:00"), the page furniture ("Page 2 of 2") and the calendar's
// headings.
//
// A language is data (registry.go): layouts/lang/<language>.yaml holds
// its words (the phrases and headings, and the words check refuses before
// a window's placeholder), layouts/lang/<tag>.yaml a locale's dates,
// clock and spelling list. Weekday and month names and the plural rule
// come from Unicode CLDR through github.com/go-playground/locales for the
// languages in cldr.go (any region of them falls back to its language);
// a language CLDR does not cover here gives its names in its data file.
// The default files are built in; a layouts folder's lang/ adds or
// replaces files, as it does style sheets and templates.
package lang

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/locales"
)

const nb = "\u00a0" // no-break space

// Lang is one language and regional style: its words and its dates.
type Lang struct {
	Tag  string // BCP 47 tag, e.g. en-US
	Base string // the language without its region, e.g. en
	Name string // the language's name in itself, e.g. "British English", "español"
	// Spelling names the word list that respells the English source for
	// this locale: "" (US spelling: British forms in the source are
	// respelled), "gb", "au" or "ca".
	Spelling string
	Words
	// Doubles are, for "from" and "until", the words that already say what
	// the placeholder prints, so check refuses "by {{from X}}".
	Doubles        map[string][]string
	Days           [7]string  // short weekday names, Sunday first
	LongDays       [7]string  // full weekday names, Sunday first
	Months         [12]string // short month names
	LongMonths     [12]string // full month names
	DateFormat     string     // a short date, for grids: "{wd}, {mon} {d}" or "{wd} {d} {mon}"
	DateYearFormat string     // the same with the year: "{wd}, {mon} {d}, {y}"
	DayMonthFormat string     // without the weekday: "{mon} {d}"
	// LongFormat is a date in running text, with the weekday and month
	// in full: "{WD}, {MON} {d}" (Monday, December 14), "{WD} {d} {MON}"
	// or "{WD} {d} de {MON}" (lunes 14 de diciembre); LongYearFormat
	// adds the year.
	LongFormat, LongYearFormat string
	Clock12                    bool               // the clock is read 12-hour, with AM and PM
	AMPM                       [2]string          // what follows a 12-hour time: "AM", "PM" or "a. m.", "p. m."
	cldr                       locales.Translator // nil where the data file gives the names
}

// Words are the phrases a language writes around content, as its data
// file gives them (layouts/lang/<language>.yaml, words:).
type Words struct {
	Hours        [2]string         `yaml:"hours"` // singular, plural
	DaysWord     [2]string         `yaml:"days"`
	WeeksWord    [2]string         `yaml:"weeks"`
	AmountFormat string            `yaml:"amount"`         // "%d %s": a number and its unit
	For          string            `yaml:"for"`            // "for %s"
	Until        string            `yaml:"until"`          // "until %s"
	UntilTime    string            `yaml:"until_time"`     // "until %s at %s"
	UntilTimeOne string            `yaml:"until_time_one"` // the same for one o'clock where the language says it otherwise ("a la 1:00"); "" if not
	FromDay      string            `yaml:"from_day"`       // "from day %d"
	From         string            `yaml:"from"`           // "from %s"
	DayN         string            `yaml:"day_n"`          // "Day %d"
	Page         string            `yaml:"page"`           // "Page %d of %d"
	PreparedFor  string            `yaml:"prepared_for"`   // "Prepared for %s"
	Treated      string            `yaml:"treated"`        // "Treatment day (day 0): %s": the treatment's date, which also says what day 0 is
	DateAt       string            `yaml:"date_at"`        // "%s at %s": a date and a time
	DateAtOne    string            `yaml:"date_at_one"`    // the same at one o'clock where the language says it otherwise; "" if not
	SummaryTitle string            `yaml:"summary_title"`  // heading of the summary box
	CalDo        string            `yaml:"cal_do"`         // heading of the calendar's daily tasks
	CalAvoid     string            `yaml:"cal_avoid"`      // heading of the calendar's avoid windows
	CalExpect    string            `yaml:"cal_expect"`     // heading of the calendar's milestones
	UntilDay     string            `yaml:"until_day"`      // "until day %d"
	Ends         string            `yaml:"ends"`           // "%s: ends" (a timed reminder)
	TimeNames    map[string]string `yaml:"times"`
	// TimeMarks are the short marks printed in the calendar's tick boxes
	// ("M", "Mid", "E", "B"), so each box says which time of day it is for.
	TimeMarks      map[string]string `yaml:"time_marks"`
	ReadOnline     string            `yaml:"read_online"`     // beside the QR code
	LogoAlt        string            `yaml:"logo_alt"`        // "%s logo": the logo's text alternative
	Today          string            `yaml:"today"`           // the badge on today's card of a dated HTML calendar
	StorageBlocked string            `yaml:"storage_blocked"` // the HTML calendar's notice where the browser keeps no ticks
	// Reviewed is the review line every page prints: "Reviewed %s by %s",
	// the month (MonthYear) and the reviewer.
	Reviewed string `yaml:"reviewed"`
	// MonthYear is how the review line writes its month: "{MON} {y}"
	// ("October 2026"), "{MON} de {y}" ("octubre de 2026").
	MonthYear string `yaml:"month_year"`
	// Disclaimer is the line every page prints that the handout does not
	// replace the provider's advice; a clinic may reword it in its brand
	// file (content.Env.Disclaimer).
	Disclaimer string `yaml:"disclaimer"`
	// OnlyForNow says, in this language, that a treatment's handouts are
	// in it only for now ("English only for now"): the front desk's page
	// shows it where a clinic's other language is pending.
	OnlyForNow string `yaml:"only_for_now"`
}

// ReviewLine is the line every page prints about the text's review:
// "Reviewed October 2026 by Dr. Jane Example, MD", "Revisado en octubre
// de 2026 por Dra. Elena Ejemplo, MD". The month's name is CLDR's.
func (l *Lang) ReviewLine(on time.Time, by string) string {
	return fmt.Sprintf(l.Reviewed, l.format(l.MonthYear, on), by)
}

// Date writes d in the short date style, e.g. "Fri, Mar 13", "Fri 13 Mar"
// or "vie 13 mar".
func (l *Lang) Date(d time.Time) string { return l.format(l.DateFormat, d) }

// DateYear writes d with its year: "Fri, Mar 13, 2026", "Fri 13 Mar 2026"
// or "vie 13 mar 2026".
func (l *Lang) DateYear(d time.Time) string { return l.format(l.DateYearFormat, d) }

// DayMonth writes d without its weekday: "Mar 13", "13 Mar" or "13 mar".
func (l *Lang) DayMonth(d time.Time) string { return l.format(l.DayMonthFormat, d) }

// LongYearAt writes d with its year and, if clock, its time: "Monday,
// December 14, 2026 at 2:00 PM", "lunes 14 de diciembre de 2026 a la 1:00 p. m.".
func (l *Lang) LongYearAt(d time.Time, clock bool) string {
	if !clock {
		return l.LongYear(d)
	}
	f := l.DateAt
	if l.Clock12 && d.Hour()%12 == 1 && l.DateAtOne != "" {
		f = l.DateAtOne
	}
	return fmt.Sprintf(f, l.LongYear(d), l.Clock(d))
}

// Long writes d for a sentence, in full without the year: "Monday,
// December 14", "Monday 14 December" or "lunes 14 de diciembre".
func (l *Lang) Long(d time.Time) string { return l.format(l.LongFormat, d) }

// LongYear writes d for a sentence with its year: "Monday, December 14, 2026".
func (l *Lang) LongYear(d time.Time) string { return l.format(l.LongYearFormat, d) }

// LineDate writes d as Date does, capitalised for the start of a line or
// label ("Sáb 14 mar:"); Spanish writes weekdays in lower case elsewhere.
func (l *Lang) LineDate(d time.Time) string { return Capitalize(l.Date(d)) }

// format fills f's placeholders ({wd}, {mon}, {WD}, {MON}, {d}, {y}) for
// d, as a strings.Replacer of them would, without building one a call
// (a build formats dates tens of thousands of times).
func (l *Lang) format(f string, d time.Time) string {
	var b strings.Builder
	b.Grow(len(f) + 16)
	for i := 0; i < len(f); {
		j := strings.IndexByte(f[i:], '{')
		if j < 0 {
			b.WriteString(f[i:])
			break
		}
		b.WriteString(f[i : i+j])
		i += j
		switch rest := f[i:]; {
		case strings.HasPrefix(rest, "{wd}"):
			b.WriteString(l.Days[d.Weekday()])
			i += 4
		case strings.HasPrefix(rest, "{mon}"):
			b.WriteString(l.Months[d.Month()-1])
			i += 5
		case strings.HasPrefix(rest, "{WD}"):
			b.WriteString(l.LongDays[d.Weekday()])
			i += 4
		case strings.HasPrefix(rest, "{MON}"):
			b.WriteString(l.LongMonths[d.Month()-1])
			i += 5
		case strings.HasPrefix(rest, "{d}"):
			b.WriteString(strconv.Itoa(d.Day()))
			i += 3
		case strings.HasPrefix(rest, "{y}"):
			b.WriteString(strconv.Itoa(d.Year()))
			i += 3
		default:
			b.WriteByte('{')
			i++
		}
	}
	return b.String()
}

// UntilText says when a window ends, in a grid (the calendar, the .ics):
// "until day 2" without a treatment date, "until Sun, Mar 15" with one,
// and "until Sun, Mar 15 at 10:30 AM" when the window ends at a clock time.
func (l *Lang) UntilText(day int, at time.Time, dated, clock bool) string {
	return l.until(day, at, dated, clock, l.Date)
}

// UntilLong says when a window ends, in a sentence: "until day 2", "until
// Sunday, March 15", "until Sunday, March 15 at 10:30 AM", "hasta el
// domingo 15 de marzo a la 1:00 p. m.".
func (l *Lang) UntilLong(day int, at time.Time, dated, clock bool) string {
	return l.until(day, at, dated, clock, l.Long)
}

func (l *Lang) until(day int, at time.Time, dated, clock bool, date func(time.Time) string) string {
	switch {
	case !dated:
		return fmt.Sprintf(l.UntilDay, day)
	case clock:
		f := l.UntilTime
		if l.Clock12 && at.Hour()%12 == 1 && l.UntilTimeOne != "" {
			f = l.UntilTimeOne // "a la 1:00", not "a las 1:00"
		}
		return fmt.Sprintf(f, date(at), l.Clock(at))
	}
	return fmt.Sprintf(l.Until, date(at))
}

// Times names times of day in order: "morning, evening".
func (l *Lang) Times(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = l.TimeNames[id]
	}
	return strings.Join(names, ", ")
}

// Legend names each time of day by the mark the calendar prints in its
// tick boxes: "M = morning · E = evening".
func (l *Lang) Legend(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = l.TimeMarks[id] + nb + "=" + nb + l.TimeNames[id]
	}
	return strings.Join(names, " \u00b7 ")
}

// Weekday writes d's short weekday name, e.g. "Fri" or "vie".
func (l *Lang) Weekday(d time.Time) string { return l.Days[d.Weekday()] }

// Clock writes the time of day as the locale's readers do: "14:00", or
// "2:00 PM" and "4:30 p. m." where the clock is read 12-hour. A no-break
// space keeps the time and its mark on one line.
func (l *Lang) Clock(t time.Time) string {
	if !l.Clock12 {
		return t.Format("15:04")
	}
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	mark := l.AMPM[0]
	if t.Hour() >= 12 {
		mark = l.AMPM[1]
	}
	return fmt.Sprintf("%d:%02d%s%s", h, t.Minute(), nb, mark)
}

// Amount writes n of a unit ('h', 'd', 'w') in words, e.g. "48 hours",
// with the singular where CLDR's plural rule for the language says "one"
// (for a language without CLDR data here, where n is 1).
func (l *Lang) Amount(n int, unit byte) string {
	w := l.Hours
	switch unit {
	case 'd':
		w = l.DaysWord
	case 'w':
		w = l.WeeksWord
	}
	word := w[1]
	one := n == 1
	if l.cldr != nil {
		one = l.cldr.CardinalPluralRule(float64(n), 0) == locales.PluralRuleOne
	}
	if one {
		word = w[0]
	}
	return fmt.Sprintf(l.AmountFormat, n, word)
}

// Capitalize upper-cases the first letter of s, for words that start a
// line or a label ("Morning", "Sáb 14 mar").
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
