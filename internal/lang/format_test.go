package lang

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// format fills a date format's placeholders as strings.Replacer did
// before it was written by hand: every built-in language's every format,
// on every day of a leap year, and formats with stray or unknown braces.
func TestFormatAsReplacer(t *testing.T) {
	want := func(l *Lang, f string, d time.Time) string {
		return strings.NewReplacer("{wd}", l.Days[d.Weekday()], "{mon}", l.Months[d.Month()-1],
			"{WD}", l.LongDays[d.Weekday()], "{MON}", l.LongMonths[d.Month()-1],
			"{d}", fmt.Sprint(d.Day()), "{y}", fmt.Sprint(d.Year())).Replace(f)
	}
	odd := []string{"", "{", "}", "{{d}}", "{wd", "{x} {d", "{MON}{mon}{WD}{wd}{d}{y}", "día {d} {", "{y}{"}
	r := Default()
	for _, tag := range r.Tags() {
		l, _ := r.Get(tag)
		formats := append([]string{l.DateFormat, l.DateYearFormat, l.DayMonthFormat, l.LongFormat, l.LongYearFormat}, odd...)
		for d := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2028; d = d.AddDate(0, 0, 1) {
			for _, f := range formats {
				if got, w := l.format(f, d), want(l, f, d); got != w {
					t.Fatalf("%s, %q, %s: %q, want %q", tag, f, d.Format(time.DateOnly), got, w)
				}
			}
		}
	}
}
