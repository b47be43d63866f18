package gfm

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// sample exercises every extension copied here: tables (aligned, with an
// escaped pipe), strikethrough, autolinks (www., http(s), ftp, e-mail,
// trailing punctuation and brackets), task lists and the typographer.
const sample = "# Aftercare\n\n" +
	"| Day | What | Note |\n|:---|:---:|---:|\n| 1 | Rest \\| ice | \"cool\" -- not cold |\n| 2 | Wash... | it's fine --- really |\n\n" +
	"~~old~~ and ~new~ text.\n\n" +
	"See www.harbor-clinic.example/after?x=1&y=2. Or https://harbor.example/aftercare, (http://a.example/b_(c)) and ftp://files.example/x.\n" +
	"Mail care@harbor.example or visit www.example.com/path;&amp; now; <https://c.example>.\n\n" +
	"- [ ] Ice the area\n- [x] Book a visit\n- plain item\n\n" +
	"\"Quoted\" and 'single' <<angle>> quotes, 1990's style.\n"

// TestSameAsGoldmark: the copied extensions make the same HTML as
// goldmark's own package, with the default patterns and with patterns
// given as options.
func TestSameAsGoldmark(t *testing.T) {
	subs := map[extension.TypographicPunctuation]string{extension.LeftDoubleQuote: "\u201c", extension.EnDash: "\u2013", extension.Apostrophe: "\u2019"}
	ours := map[TypographicPunctuation]string{LeftDoubleQuote: "\u201c", EnDash: "\u2013", Apostrophe: "\u2019"}
	www := regexp.MustCompile(`^www\.[a-z.]+`)
	for _, tc := range []struct {
		name       string
		want, have goldmark.Extender
	}{
		{"default", extension.Linkify, Linkify},
		{"given patterns", extension.NewLinkify(extension.WithLinkifyWWWRegexp(www), extension.WithLinkifyAllowedProtocols([]string{"https:"})),
			NewLinkify(WithLinkifyWWWRegexp(www), WithLinkifyAllowedProtocols([]string{"https:"}))},
	} {
		render := func(exts ...goldmark.Extender) string {
			var b bytes.Buffer
			if err := goldmark.New(goldmark.WithExtensions(exts...)).Convert([]byte(sample), &b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		want := render(extension.Table, extension.Strikethrough, tc.want, extension.TaskList, extension.NewTypographer(extension.WithTypographicSubstitutions(subs)))
		got := render(Table, Strikethrough, tc.have, TaskList, NewTypographer(WithTypographicSubstitutions(ours)))
		if got != want {
			t.Errorf("%s: the copy renders\n%s\nwant goldmark's\n%s", tc.name, got, want)
		}
		for _, must := range []string{"<table>", "<del>", `href="http://www.harbor-clinic.example/after?x=1&amp;y=2"`, `href="https://harbor.example/aftercare"`, `type="checkbox"`, "\u201c"} {
			if tc.name == "default" && !strings.Contains(got, must) {
				t.Errorf("%s: no %s in\n%s", tc.name, must, got)
			}
		}
	}
}
