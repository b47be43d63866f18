// Package lang holds the words and date styles that handouts put around
// content: weekday and month names, how a date is written, the phrases
// that turn a rule's window into words ("for 48 hours", "until Sat 14
// Mar", "hasta el sáb 14 mar"), the page furniture ("Page 2 of 2") and the
// calendar's headings. There is one table of words per language (words.go)
// and one Lang value per supported language tag, made by Get.
//
// Where the words come from:
//
//   - Weekday and month names (short and long) and the plural rule that
//     picks "1 hour" or "2 hours" are Unicode CLDR data, through
//     github.com/go-playground/locales (one generated package per locale:
//     en_US, en_GB, en_AU, en_CA, es_US, es_ES, es_MX). Spanish short names
//     lose CLDR's final period ("vie." becomes "vie"), because Spanish
//     patient material writes dates as "vie 13 mar" (../shared/PRODUCT.md).
//   - A language's own name, shown in the front desk's language filter and
//     the one-off form ("British English", "español"), is CLDR data through
//     golang.org/x/text/language/display.
//   - The order of a short date ("Fri, Mar 13", "Fri 13 Mar", "vie 13 mar")
//     follows CLDR's abbreviated month-day-weekday pattern for each locale,
//     written by hand below: neither package exports that pattern, and
//     Spanish drops CLDR's "de" as patients write it. No-break spaces keep
//     a Spanish date, "día 3" and "48 horas" on one line.
//   - Everything else (the phrases, headings and notices) is written by hand
//     in words.go: no maintained package holds them. The Spanish words
//     follow the translator's table (usted throughout).
//
// A language is added with one word table in words.go, its CLDR locale in
// locales, and its date pattern in patterns.
package lang

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/en_AU"
	"github.com/go-playground/locales/en_CA"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/en_US"
	"github.com/go-playground/locales/es_ES"
	"github.com/go-playground/locales/es_MX"
	"github.com/go-playground/locales/es_US"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Lang is one language and regional style: its words and its dates.
type Lang struct {
	Tag  string // BCP 47 tag, e.g. en-US
	Base string // the language without its region, e.g. en
	Name string // the language's name in itself, e.g. "British English", "español"
	// Spelling names the word list that respells the English source for
	// this locale: "" (as written, US), "gb", "au" or "ca".
	Spelling string
	Words
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
	Clock12                    bool      // the clock is read 12-hour, with AM and PM
	AMPM                       [2]string // what follows a 12-hour time: "AM", "PM" or "a. m.", "p. m."
	cldr                       locales.Translator
}

// Words are the phrases a language writes around content.
type Words struct {
	Hours          [2]string // singular, plural
	DaysWord       [2]string
	WeeksWord      [2]string
	AmountFormat   string // "%d %s": a number and its unit
	For            string // "for %s"
	Until          string // "until %s"
	UntilTime      string // "until %s at %s"
	UntilTimeOne   string // the same for one o'clock where the language says it otherwise ("a la 1:00"); "" if not
	FromDay        string // "from day %d"
	From           string // "from %s"
	DayN           string // "Day %d"
	Page           string // "Page %d of %d"
	PreparedFor    string // "Prepared for %s"
	Treated        string // "Treatment day (day 0): %s": the treatment's date, which also says what day 0 is
	DateAt         string // "%s at %s": a date and a time
	DateAtOne      string // the same at one o'clock where the language says it otherwise; "" if not
	SummaryTitle   string // heading of the summary box
	CalDo          string // heading of the calendar's daily tasks
	CalAvoid       string // heading of the calendar's avoid windows
	CalExpect      string // heading of the calendar's milestones
	UntilDay       string // "until day %d"
	Ends           string // "%s: ends" (a timed reminder)
	TimeNames      map[string]string
	ReadOnline     string // beside the QR code
	LogoAlt        string // "%s logo": the logo's text alternative
	Today          string // the badge on today's card of a dated HTML calendar
	StorageBlocked string // the HTML calendar's notice where the browser keeps no ticks
}

// locale is one supported tag: its CLDR data, its date patterns and its clock.
type locale struct {
	cldr                   func() locales.Translator
	words                  *Words
	spelling               string
	date, dateYear, dayMon string
	long, longYear         string
	clock                  clock
	trimDot                bool // drop CLDR's final period from short names
}

// clock is how a locale's readers write the time of day: 24-hour
// ("14:00"), or 12-hour with the marks they use ("2:00 PM", "4:30 p. m.").
// CLDR's patterns through the locales module are not usable as they stand
// (en-US "4:30 pm", en-AU "4:30 " with the mark lost), so the marks are
// written here, as each locale's style guides write them (US: AP and
// Chicago use "PM" in patient material; Canada "p.m."; Spanish RAE: "p. m.").
type clock struct {
	twelve bool
	am, pm string
}

var (
	clock24   = clock{}
	clockUS   = clock{true, "AM", "PM"}
	clockCA   = clock{true, "a.m.", "p.m."}
	clockES12 = clock{true, "a." + nb + "m.", "p." + nb + "m."}
)

const nb = "\u00a0" // no-break space

var (
	usDates = [3]string{"{wd}," + nb + "{mon}" + nb + "{d}", "{wd}," + nb + "{mon}" + nb + "{d}," + nb + "{y}", "{mon}" + nb + "{d}"}
	gbDates = [3]string{"{wd}" + nb + "{d}" + nb + "{mon}", "{wd}" + nb + "{d}" + nb + "{mon}" + nb + "{y}", "{d}" + nb + "{mon}"}
	esDates = [3]string{"{wd}" + nb + "{d}" + nb + "{mon}", "{wd}" + nb + "{d}" + nb + "{mon}" + nb + "{y}", "{d}" + nb + "{mon}"}
	// Long dates, for sentences: CLDR's full date patterns without the
	// year, and with it. Spanish writes them in lower case with "de" and no
	// comma after the weekday in running text ("el lunes 14 de diciembre").
	usLong = [2]string{"{WD}," + nb + "{MON}" + nb + "{d}", "{WD}," + nb + "{MON}" + nb + "{d}," + nb + "{y}"}
	gbLong = [2]string{"{WD}" + nb + "{d}" + nb + "{MON}", "{WD}" + nb + "{d}" + nb + "{MON}" + nb + "{y}"}
	esLong = [2]string{"{WD}" + nb + "{d}" + nb + "de" + nb + "{MON}", "{WD}" + nb + "{d}" + nb + "de" + nb + "{MON}" + nb + "de" + nb + "{y}"}
)

// table returns the supported locales by tag. It is a function, not a
// package variable, so that no state is shared between callers.
func table() map[string]locale {
	en, es := englishWords(), spanishWords()
	mk := func(cldr func() locales.Translator, w *Words, spelling string, d [3]string, long [2]string, c clock, trim bool) locale {
		return locale{cldr: cldr, words: w, spelling: spelling, date: d[0], dateYear: d[1], dayMon: d[2],
			long: long[0], longYear: long[1], clock: c, trimDot: trim}
	}
	return map[string]locale{
		"en-US": mk(en_US.New, en, "", usDates, usLong, clockUS, false),
		"en-CA": mk(en_CA.New, en, "ca", usDates, usLong, clockCA, false),
		"en-GB": mk(en_GB.New, en, "gb", gbDates, gbLong, clock24, false),
		"en-AU": mk(en_AU.New, en, "au", gbDates, gbLong, clock24, false),
		"es-US": mk(es_US.New, es, "", esDates, esLong, clockES12, true),
		"es-MX": mk(es_MX.New, es, "", esDates, esLong, clock24, true),
		"es-ES": mk(es_ES.New, es, "", esDates, esLong, clock24, true),
	}
}

// Get returns the language for tag, or false if there is none.
func Get(tag string) (*Lang, bool) {
	loc, ok := table()[tag]
	if !ok {
		return nil, false
	}
	t := language.MustParse(tag)
	base, _ := t.Base()
	l := &Lang{Tag: tag, Base: base.String(), Spelling: loc.spelling, Words: *loc.words, cldr: loc.cldr(),
		DateFormat: loc.date, DateYearFormat: loc.dateYear, DayMonthFormat: loc.dayMon,
		LongFormat: loc.long, LongYearFormat: loc.longYear, Clock12: loc.clock.twelve, AMPM: [2]string{loc.clock.am, loc.clock.pm}}
	l.TimeNames = maps(loc.words.TimeNames)
	l.Name = display.Self.Name(t)
	trim := func(s string) string {
		if loc.trimDot {
			return strings.TrimSuffix(s, ".")
		}
		return s
	}
	for d := range 7 {
		l.Days[d] = trim(l.cldr.WeekdayAbbreviated(time.Weekday(d)))
		l.LongDays[d] = l.cldr.WeekdayWide(time.Weekday(d))
	}
	for m := range 12 {
		l.Months[m] = trim(l.cldr.MonthAbbreviated(time.Month(m + 1)))
		l.LongMonths[m] = l.cldr.MonthWide(time.Month(m + 1))
		// A short month that reads as a short weekday ("mar": martes and
		// marzo, so "mar 17 mar") is written in full: "mar 17 marzo".
		if slices.Contains(l.Days[:], l.Months[m]) {
			l.Months[m] = l.LongMonths[m]
		}
	}
	return l, true
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Tags lists the supported language tags, sorted.
func Tags() []string {
	var out []string
	for t := range table() {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Bases lists the languages without region that Tags cover, sorted:
// the suffixes a translation file may carry besides a full tag.
func Bases() []string {
	var out []string
	for _, t := range Tags() {
		b, _, _ := strings.Cut(t, "-")
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
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

func (l *Lang) format(f string, d time.Time) string {
	r := strings.NewReplacer("{wd}", l.Days[d.Weekday()], "{mon}", l.Months[d.Month()-1],
		"{WD}", l.LongDays[d.Weekday()], "{MON}", l.LongMonths[d.Month()-1],
		"{d}", fmt.Sprint(d.Day()), "{y}", fmt.Sprint(d.Year()))
	return r.Replace(f)
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
// with the singular where CLDR's plural rule for the language says "one".
func (l *Lang) Amount(n int, unit byte) string {
	w := l.Hours
	switch unit {
	case 'd':
		w = l.DaysWord
	case 'w':
		w = l.WeeksWord
	}
	word := w[1]
	if l.cldr.CardinalPluralRule(float64(n), 0) == locales.PluralRuleOne {
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
