package lang

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// sp shows no-break spaces as plain ones, so that wanted strings read as
// patients see them.
func sp(s string) string { return strings.ReplaceAll(s, nb, " ") }

func TestDates(t *testing.T) {
	d := time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		tag, date, year, dayMonth, until, line, long, untilLong, treated string
	}{
		{"en-US", "Fri, Mar 13", "Fri, Mar 13, 2026", "Mar 13", "until Fri, Mar 13 at 10:30 AM", "Fri, Mar 13",
			"Friday, March 13", "until Friday, March 13 at 10:30 AM", "Friday, March 13, 2026 at 10:30 AM"},
		{"en-CA", "Fri., Mar. 13", "Fri., Mar. 13, 2026", "Mar. 13", "until Fri., Mar. 13 at 10:30 a.m.", "Fri., Mar. 13",
			"Friday, March 13", "until Friday, March 13 at 10:30 a.m.", "Friday, March 13, 2026 at 10:30 a.m."},
		{"en-GB", "Fri 13 Mar", "Fri 13 Mar 2026", "13 Mar", "until Fri 13 Mar at 10:30", "Fri 13 Mar",
			"Friday 13 March", "until Friday 13 March at 10:30", "Friday 13 March 2026 at 10:30"},
		{"en-AU", "Fri 13 Mar", "Fri 13 Mar 2026", "13 Mar", "until Fri 13 Mar at 10:30", "Fri 13 Mar",
			"Friday 13 March", "until Friday 13 March at 10:30", "Friday 13 March 2026 at 10:30"},
		// "mar" is both martes and marzo: the month is written in full.
		{"es-US", "vie 13 marzo", "vie 13 marzo 2026", "13 marzo", "hasta el vie 13 marzo a las 10:30 a. m.", "Vie 13 marzo",
			"viernes 13 de marzo", "hasta el viernes 13 de marzo a las 10:30 a. m.", "viernes 13 de marzo de 2026 a las 10:30 a. m."},
		{"es-MX", "vie 13 marzo", "vie 13 marzo 2026", "13 marzo", "hasta el vie 13 marzo a las 10:30", "Vie 13 marzo",
			"viernes 13 de marzo", "hasta el viernes 13 de marzo a las 10:30", "viernes 13 de marzo de 2026 a las 10:30"},
		{"es-ES", "vie 13 marzo", "vie 13 marzo 2026", "13 marzo", "hasta el vie 13 marzo a las 10:30", "Vie 13 marzo",
			"viernes 13 de marzo", "hasta el viernes 13 de marzo a las 10:30", "viernes 13 de marzo de 2026 a las 10:30"},
	}
	for _, tt := range tests {
		l, ok := Get(tt.tag)
		if !ok {
			t.Fatalf("Get(%q) = false", tt.tag)
		}
		for _, c := range []struct{ what, got, want string }{
			{"Date", l.Date(d), tt.date},
			{"DateYear", l.DateYear(d), tt.year},
			{"DayMonth", l.DayMonth(d), tt.dayMonth},
			{"UntilText", l.UntilText(0, d, true, true), tt.until},
			{"LineDate", l.LineDate(d), tt.line},
			{"Long", l.Long(d), tt.long},
			{"UntilLong", l.UntilLong(0, d, true, true), tt.untilLong},
			{"LongYearAt", l.LongYearAt(d, true), tt.treated},
		} {
			if sp(c.got) != c.want {
				t.Errorf("%s %s = %q, want %q", tt.tag, c.what, c.got, c.want)
			}
		}
	}
	if _, ok := Get("fr-FR"); ok {
		t.Error("Get(fr-FR) = true, want false until a translation is added")
	}
}

// TestSpanishNames checks the CLDR names patients read on a Spanish
// calendar: every weekday and month, lower case, without CLDR's period.
func TestSpanishNames(t *testing.T) {
	l, _ := Get("es-US")
	if got, want := strings.Join(l.Days[:], " "), "dom lun mar mié jue vie sáb"; got != want {
		t.Errorf("es-US Days = %q, want %q", got, want)
	}
	if got, want := strings.Join(l.Months[:], " "), "ene feb marzo abr may jun jul ago sep oct nov dic"; got != want {
		t.Errorf("es-US Months = %q, want %q", got, want)
	}
	if got, want := l.LongDays[3], "miércoles"; got != want {
		t.Errorf("es-US LongDays[3] = %q, want %q", got, want)
	}
	if l.Name != "español" || l.Base != "es" {
		t.Errorf("es-US Name, Base = %q, %q; want español, es", l.Name, l.Base)
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		tag  string
		n    int
		unit byte
		want string
	}{
		{"en-GB", 1, 'd', "1 day"},
		{"en-GB", 48, 'h', "48 hours"},
		{"en-US", 2, 'w', "2 weeks"},
		{"es-US", 1, 'h', "1 hora"},
		{"es-US", 48, 'h', "48 horas"},
		{"es-US", 7, 'd', "7 días"},
		{"es-US", 1, 'w', "1 semana"},
	}
	for _, tt := range tests {
		l, _ := Get(tt.tag)
		if got := sp(l.Amount(tt.n, tt.unit)); got != tt.want {
			t.Errorf("%s Amount(%d, %c) = %q, want %q", tt.tag, tt.n, tt.unit, got, tt.want)
		}
	}
}

// TestWordsComplete checks that every language fills in every phrase and
// keeps the format verbs of English's, so no Spanish line prints
// "%!d(MISSING)".
func TestWordsComplete(t *testing.T) {
	en, _ := Get("en-US")
	verbs := func(s string) string {
		var out []string
		for i := 0; i+1 < len(s); i++ {
			if s[i] == '%' {
				out = append(out, s[i:i+2])
				i++
			}
		}
		return strings.Join(out, "")
	}
	for _, tag := range Default().Tags() {
		l, _ := Get(tag)
		pairs := []struct{ name, en, got string }{
			{"For", en.For, l.For}, {"Until", en.Until, l.Until}, {"UntilTime", en.UntilTime, l.UntilTime},
			{"FromDay", en.FromDay, l.FromDay}, {"From", en.From, l.From}, {"DayN", en.DayN, l.DayN},
			{"Page", en.Page, l.Page}, {"PreparedFor", en.PreparedFor, l.PreparedFor}, {"Treated", en.Treated, l.Treated},
			{"UntilDay", en.UntilDay, l.UntilDay}, {"Ends", en.Ends, l.Ends}, {"LogoAlt", en.LogoAlt, l.LogoAlt},
			{"AmountFormat", en.AmountFormat, l.AmountFormat},
			{"SummaryTitle", "", l.SummaryTitle}, {"CalDo", "", l.CalDo}, {"CalAvoid", "", l.CalAvoid},
			{"CalExpect", "", l.CalExpect}, {"ReadOnline", "", l.ReadOnline}, {"Today", "", l.Today},
			{"StorageBlocked", "", l.StorageBlocked},
		}
		for _, p := range pairs {
			if strings.TrimSpace(p.got) == "" || verbs(p.got) != verbs(p.en) {
				t.Errorf("%s %s = %q: want words with the verbs %q", tag, p.name, p.got, verbs(p.en))
			}
		}
		marks := map[string]string{}
		for id := range en.TimeNames {
			if l.TimeNames[id] == "" {
				t.Errorf("%s has no name for the time of day %q", tag, id)
			}
			// The calendar prints the mark in each tick box: every time
			// has one, short enough for the box, and no two are alike.
			m := l.TimeMarks[id]
			if m == "" || len([]rune(m)) > 3 {
				t.Errorf("%s time mark for %q = %q: want 1 to 3 letters", tag, id, m)
			}
			if other, dup := marks[m]; dup {
				t.Errorf("%s: %q and %q share the mark %q", tag, other, id, m)
			}
			marks[m] = id
		}
		if l.Name == "" {
			t.Errorf("%s has no name", tag)
		}
	}
}

// TestClock: 12-hour clocks where readers use them (en-US "2:00 PM",
// es-US "4:30 p. m.", with "a la 1:00" in Spanish), 24-hour elsewhere;
// midnight and noon as 12.
func TestClock(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 12, 14, h, m, 0, 0, time.UTC) }
	tests := []struct {
		tag  string
		t    time.Time
		want string
	}{
		{"en-US", at(14, 0), "2:00 PM"}, {"en-US", at(9, 5), "9:05 AM"}, {"en-US", at(0, 30), "12:30 AM"}, {"en-US", at(12, 0), "12:00 PM"},
		{"en-CA", at(16, 30), "4:30 p.m."},
		{"en-GB", at(14, 0), "14:00"}, {"en-AU", at(9, 5), "09:05"},
		{"es-US", at(16, 30), "4:30 p. m."}, {"es-ES", at(16, 30), "16:30"}, {"es-MX", at(16, 30), "16:30"},
	}
	for _, tt := range tests {
		l, _ := Get(tt.tag)
		if got := sp(l.Clock(tt.t)); got != tt.want {
			t.Errorf("%s Clock(%s) = %q, want %q", tt.tag, tt.t.Format("15:04"), got, tt.want)
		}
	}
	es, _ := Get("es-US")
	if got, want := sp(es.UntilLong(0, at(13, 0), true, true)), "hasta el lunes 14 de diciembre a la 1:00 p. m."; got != want {
		t.Errorf("es-US UntilLong at 13:00 = %q, want %q", got, want)
	}
}

// TestDatesDoNotBreak: every date, time and "day 3" a handout prints is
// held together by no-break spaces, so no line breaks inside one.
func TestDatesDoNotBreak(t *testing.T) {
	d := time.Date(2026, 12, 16, 14, 0, 0, 0, time.UTC)
	for _, tag := range Default().Tags() {
		l, _ := Get(tag)
		for _, s := range []string{l.Date(d), l.DateYear(d), l.DayMonth(d), l.Long(d), l.LongYear(d), l.Clock(d),
			fmt.Sprintf(l.DayN, 3), l.Amount(48, 'h')} {
			if strings.Contains(s, " ") {
				t.Errorf("%s: %q has a breaking space", tag, s)
			}
		}
		// "(day 0)" in the masthead's line is whole too.
		if tr := fmt.Sprintf(l.Treated, ""); !strings.Contains(tr, nb+"0)") {
			t.Errorf("%s: %q may break before its day's number", tag, tr)
		}
		// "from day 3": the day and its number stay together.
		for _, s := range []string{fmt.Sprintf(l.FromDay, 3), fmt.Sprintf(l.UntilDay, 3)} {
			if !strings.HasSuffix(s, nb+"3") {
				t.Errorf("%s: %q may break before its number", tag, s)
			}
		}
	}
}
