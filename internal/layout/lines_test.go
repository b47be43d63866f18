package layout

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// mono measures every character as one unit per point of size / 10: a
// 10 pt character is one unit wide.
type mono struct{}

func (mono) Width(face Face, size float64, s string) float64 {
	return float64(utf8.RuneCountInString(s)) * size / 10
}

func texts(lines []Line) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l.Text())
	}
	return out
}

func TestBreak(t *testing.T) {
	st := Style{Size: 10}
	tests := []struct {
		name  string
		spans []Span
		width float64
		want  []string
	}{
		{"words", []Span{{Text: "one two three four five", Style: st}}, 9, []string{"one two", "three", "four five"}},
		{"styles across a word", []Span{{Text: "bo", Style: st}, {Text: "ld and plain", Style: Style{Face: Bold, Size: 10}}}, 8, []string{"bold and", "plain"}},
		{"web address at slashes", []Span{{Text: "see example.com/aftercare/harbor/sheet.html now", Style: st}}, 20, []string{"see example.com/", "aftercare/harbor/", "sheet.html now"}},
		{"hyphen", []Span{{Text: "a pH-balanced cleanser", Style: st}}, 9, []string{"a pH-", "balanced", "cleanser"}},
		{"hard break", []Span{{Text: "line one\nline two", Style: st}}, 40, []string{"line one", "line two"}},
		{"too long for a line", []Span{{Text: "abcdefghij", Style: st}}, 4, []string{"abcd", "efgh", "ij"}},
		{"phone stays whole", []Span{{Text: "Call ", Style: st}, {Text: "(207) 555-0142", Style: st, Link: "tel:2075550142"}, {Text: " now", Style: st}}, 15, []string{"Call", "(207) 555-0142", "now"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(Break(mono{}, tt.spans, tt.width, 1.35))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Break = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBreakKeepsText: breaking loses and adds nothing but spaces at line ends.
func TestBreakKeepsText(t *testing.T) {
	in := "Wash your hands. Rinse with lukewarm water, pat dry, then add serum (hyaluronic acid) to damp skin: https://example.com/a/very/long/path?x=1&y=2 — done…"
	for w := 5.0; w < 60; w += 3 {
		lines := Break(mono{}, []Span{{Text: in, Style: Style{Size: 10}}}, w, 1.35)
		joined := strings.Join(texts(lines), "")
		if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(in, " ", "") {
			t.Fatalf("width %.0f: text changed:\n%q\n%q", w, joined, in)
		}
		for _, l := range lines {
			if l.Width > w+0.01 && utf8.RuneCountInString(l.Text()) > 1 {
				t.Errorf("width %.0f: line %q is %.1f wide", w, l.Text(), l.Width)
			}
		}
	}
}
