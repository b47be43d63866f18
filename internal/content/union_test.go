package content

import (
	"slices"
	"strings"
	"testing"
)

// TestUnion: two areas' texts merge into one that says what they share
// once, each area's own blocks where they stand (the first area's before
// the second's), a box as one block, and the summary's points once each.
func TestUnion(t *testing.T) {
	text := func(src string, summary ...string) *Resolved {
		r := &Resolved{Source: []byte(src), Summary: summary}
		for i := range strings.Count(src, "\n") {
			r.lines = append(r.lines, 10+i)
		}
		return r
	}
	face := text("# Title\n\nShared one.\n\n## Face: extra care\n\nA hat.\n\n::: warning\nCall us.\n\nOr 911.\n:::\n\nShared two.\n", "Point A", "Point B")
	neck := text("# Title\n\nShared one.\n\n## Neck: extra care\n\nA scarf.\n\n::: warning\nCall us.\n\nOr 911.\n:::\n\nShared two.\n", "Point A", "Point C")
	u := Union(face, neck)
	want := "# Title\n\nShared one.\n\n## Face: extra care\n\nA hat.\n\n## Neck: extra care\n\nA scarf.\n\n::: warning\nCall us.\n\nOr 911.\n:::\n\nShared two.\n"
	if got := string(u.Source); got != want {
		t.Errorf("Union source =\n%s\nwant\n%s", got, want)
	}
	if want := []string{"Point A", "Point B", "Point C"}; !slices.Equal(u.Summary, want) {
		t.Errorf("Union summary = %q, want %q", u.Summary, want)
	}
	if n := strings.Count(string(u.Source), "\n"); len(u.lines) != n {
		t.Errorf("Union maps %d lines, its source has %d", len(u.lines), n)
	}
	// A neck block maps back to its own file line: "A scarf." is line 7 of
	// the neck text, file line 16.
	if got := u.FileLine(11); got != 16 {
		t.Errorf("FileLine(11) (A scarf.) = %d, want 16", got)
	}
	if same := Union(face, face); string(same.Source) != string(face.Source) {
		t.Errorf("Union of one text with itself =\n%s\nwant it unchanged", same.Source)
	}
}
