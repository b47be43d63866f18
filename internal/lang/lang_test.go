package lang

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	d := time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		tag, date, year, dayMonth string
	}{
		{"en-US", "Fri, Mar 13", "Fri, Mar 13, 2026", "Mar 13"},
		{"en-GB", "Fri 13 Mar", "Fri 13 Mar 2026", "13 Mar"},
	}
	for _, tt := range tests {
		l, ok := Get(tt.tag)
		if !ok {
			t.Fatalf("Get(%q) = false", tt.tag)
		}
		if got := l.Date(d); got != tt.date {
			t.Errorf("%s Date = %q, want %q", tt.tag, got, tt.date)
		}
		if got := l.DateYear(d); got != tt.year {
			t.Errorf("%s DateYear = %q, want %q", tt.tag, got, tt.year)
		}
		if got := l.DayMonth(d); got != tt.dayMonth {
			t.Errorf("%s DayMonth = %q, want %q", tt.tag, got, tt.dayMonth)
		}
	}
	if _, ok := Get("fr-FR"); ok {
		t.Error("Get(fr-FR) = true, want false until a translation is added")
	}
	l, _ := Get("en-GB")
	if got := l.Amount(1, 'd'); got != "1 day" {
		t.Errorf("Amount(1, d) = %q", got)
	}
	if got := l.Amount(48, 'h'); got != "48 hours" {
		t.Errorf("Amount(48, h) = %q", got)
	}
}
