package lang

import (
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
		tag, date, year, dayMonth, until, line string
	}{
		{"en-US", "Fri, Mar 13", "Fri, Mar 13, 2026", "Mar 13", "until Fri, Mar 13 at 10:30", "Fri, Mar 13"},
		{"en-CA", "Fri., Mar. 13", "Fri., Mar. 13, 2026", "Mar. 13", "until Fri., Mar. 13 at 10:30", "Fri., Mar. 13"},
		{"en-GB", "Fri 13 Mar", "Fri 13 Mar 2026", "13 Mar", "until Fri 13 Mar at 10:30", "Fri 13 Mar"},
		{"en-AU", "Fri 13 Mar", "Fri 13 Mar 2026", "13 Mar", "until Fri 13 Mar at 10:30", "Fri 13 Mar"},
		{"es-US", "vie 13 mar", "vie 13 mar 2026", "13 mar", "hasta el vie 13 mar a las 10:30", "Vie 13 mar"},
		{"es-MX", "vie 13 mar", "vie 13 mar 2026", "13 mar", "hasta el vie 13 mar a las 10:30", "Vie 13 mar"},
		{"es-ES", "vie 13 mar", "vie 13 mar 2026", "13 mar", "hasta el vie 13 mar a las 10:30", "Vie 13 mar"},
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
	if got, want := strings.Join(l.Months[:], " "), "ene feb mar abr may jun jul ago sep oct nov dic"; got != want {
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
	for _, tag := range Tags() {
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
		for id := range en.TimeNames {
			if l.TimeNames[id] == "" {
				t.Errorf("%s has no name for the time of day %q", tag, id)
			}
		}
		if l.Name == "" {
			t.Errorf("%s has no name", tag)
		}
	}
}
