package content

import (
	"strings"
	"testing"
)

// TestEscapeMarkdown: values are escaped where Markdown, the typographer
// or linkify would change them, and left alone elsewhere (so phone
// numbers and dates stay readable in the Markdown).
func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{`C*E Ferulic_Plus [Rx] #2`, `C\*E Ferulic\_Plus \[Rx\] \#2`},
		{`(207) 555-0100`, `(207) 555-0100`},
		{`Sat, Mar 14 at 10:30`, `Sat, Mar 14 at 10:30`},
		{`O'Brien "Rx" & co! ~x~`, `O\'Brien \"Rx\" \& co\! \~x\~`},
		{`a--b c...d e.f`, `a\-\-b c\.\.\.d e.f`},
		{`www.x.example https://x.example`, `www\.x.example https\://x.example`},
		{`1. Serum`, `1\. Serum`},
		{`12) Serum`, `12\) Serum`},
		{`2026 Serum. Mk 2.`, `2026 Serum. Mk 2.`},
		{`- Serum`, `\- Serum`},
		{`+ Serum`, `\+ Serum`},
		{`::: warning`, `\::: warning`},
		{"two\nlines\r\n", "two lines  "},
		{`{{treatment}}`, `\{\{treatment\}\}`},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPreparedNFC: the patient's name is printed in NFC.
func TestPreparedNFC(t *testing.T) {
	c := loadBase(t)
	env, err := c.Env("acme", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	if got := env.Prepared("Jose\u0301"); !strings.Contains(got, "Jos\u00e9") || strings.ContainsRune(got, 0x301) {
		t.Errorf("Prepared(%q) = %q, want the name as Jos\u00e9 (precomposed)", "Jose\u0301", got)
	}
}

// TestUnprintable: controls, bidirectional controls and U+FFFD are
// refused; white space, accents and typography are not.
func TestUnprintable(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{"plain text, caf\u00e9 \u2014 \u201cquotes\u201d\ttab\nline\r\n", 0},
		{"soft\u00adhyphen and no\u00a0break", 0},
		{"a\u0000b", 0x0000},
		{"bell\u0007", 0x0007},
		{"del\u007f", 0x007f},
		{"next line\u0085", 0x0085},
		{"csi\u009b", 0x009b},
		{"\u202aembed", 0x202a},
		{"over\u202eride", 0x202e},
		{"iso\u2066late", 0x2066},
		{"pop\u2069", 0x2069},
		{"mark\u200e", 0x200e},
		{"mark\u200f", 0x200f},
		{"alm\u061c", 0x061c},
		{"broken\ufffd", 0xfffd},
	}
	for _, tt := range tests {
		r, bad := Unprintable(tt.in)
		if bad != (tt.want != 0 || strings.ContainsRune(tt.in, 0)) || r != tt.want {
			t.Errorf("Unprintable(%q) = U+%04X, %v; want U+%04X", tt.in, r, bad, tt.want)
		}
	}
}
