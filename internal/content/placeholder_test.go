package content

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The patterns the scanners of placeholder.go stand in for.
var (
	rePlaceholder = regexp.MustCompile(`\{\{(.*?)\}\}`)
	reWindow      = regexp.MustCompile(`^(until|from|duration|day)\s+([a-z0-9-]+)$`)
)

// TestPlaceholderScanners holds the hand-written scanners to the regular
// expressions they replace, on written cases and on random strings made
// of the characters that matter.
func TestPlaceholderScanners(t *testing.T) {
	cases := []string{
		"", "{{", "}}", "{{}}", "{{a}}", "x {{clinic.phone}} y {{until no-makeup}}.",
		"{{{a}}", "{{a}}}", "{{a\n}} {{b}}", "{{\n{{c}}", "{{a}} }} {{", "{{ day  redness-eases }}",
		"until x", "until  x", "until\tx-1", "untilx", "until ", "until X", "day 3", "from a b", "duration -",
		"until\nx", "until\vx", "dayx y", "é{{é}}é",
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"{", "}", "{{", "}}", "\n", " ", "\t", "a", "z", "-", "0", "until", "day", "from", "duration", "é", "\r", "\v", "A"}
	for range 20000 {
		var s string
		for range r.IntN(12) {
			s += alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		var want [][2]int
		for _, m := range rePlaceholder.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if got := placeholderSpans(s); !slices.Equal(got, want) {
			t.Fatalf("placeholderSpans(%q) = %v, want %v", s, got, want)
		}
		var wantRefs []string
		for _, m := range rePlaceholder.FindAllStringSubmatch(s, -1) {
			wantRefs = append(wantRefs, m[1])
		}
		if got := placeholderRefs(s); len(got) != len(wantRefs) || (len(got) > 0 && !slices.Equal(got, wantRefs)) {
			t.Fatalf("placeholderRefs(%q) = %q, want %q", s, got, wantRefs)
		}
		m := reWindow.FindStringSubmatch(s)
		word, rule, ok := windowWords(s)
		if ok != (m != nil) || ok && (word != m[1] || rule != m[2]) {
			t.Fatalf("windowWords(%q) = %q, %q, %v; the pattern gives %q", s, word, rule, ok, m)
		}
	}
}

// TestPlaceholderScanHostile: text made to make a naive scanner look for
// "}}" again from every "{{" (a megabyte, the content files' limit, of
// "{{" on short lines or on one line, with one "}}" at the end) is
// scanned at once, as the regexp did, and finds what it would.
func TestPlaceholderScanHostile(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("{{\n", 1<<20/3) + "}}",
		strings.Repeat("{", 1<<20) + "\n}}",
		strings.Repeat("{{a", 1<<20/3) + "}}",
	} {
		var want [][2]int
		for _, m := range rePlaceholder.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if got := placeholderSpans(s); !slices.Equal(got, want) {
			t.Errorf("placeholderSpans of %d bytes = %v, want %v", len(s), got, want)
		}
	}
}
