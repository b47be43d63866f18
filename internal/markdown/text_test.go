package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestText: one block's words with each option, as the HTML page shows
// them: entities, character references and escapes decoded, markup
// dropped, white space squeezed.
func TestText(t *testing.T) {
	alt := func(a string) string { return a }
	marked := func(a string) string { return "[image: " + a + "]" }
	for _, c := range []struct {
		name, src string
		o         TextOptions
		want      string
	}{
		{"entities", "Sun &amp; heat, 38&#x00B0;C \\*not\\* &mdash; \\&mdash;", TextOptions{}, "Sun & heat, 38°C *not* — &mdash;"},
		{"markup", "*Gently*  **pat**\ndry `the skin`", TextOptions{}, "Gently pat dry the skin"},
		{"typographer", `"Wait" -- then...`, TextOptions{}, "\u201cWait\u201d \u2013 then\u2026"},
		{"link label", "[call us](tel:+15550100) or [the site](https://example.org)", TextOptions{}, "call us or the site"},
		{"link address", "[call us](tel:+15550100) or [the site](https://example.org) or [https://example.org](https://example.org)", TextOptions{LinkURLs: true}, "call us or the site <https://example.org> or https://example.org"},
		{"autolink label", "see www.example.org or <info@example.org>", TextOptions{}, "see www.example.org or info@example.org"},
		{"autolink address", "see www.example.org or <info@example.org>", TextOptions{AutoLinkURLs: true}, "see http://www.example.org or info@example.org"},
		{"image left out", "before ![a *red* patch](p.png) after", TextOptions{}, "before after"},
		{"image alt", "before ![a *red*  patch](p.png) after", TextOptions{Image: alt}, "before a red patch after"},
		{"image marked", "![a red patch](p.png)", TextOptions{Image: marked}, "[image: a red patch]"},
		{"no-break space squeezed", "38&nbsp;°C", TextOptions{}, "38 °C"},
		{"raw HTML", "a <b>bold</b> word", TextOptions{}, "a bold word"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(c.src)
			doc := Parse(New(), src)
			if got := Text(doc.FirstChild(), src, c.o); got != c.want {
				t.Errorf("Text(%q) = %q, want %q", c.src, got, c.want)
			}
		})
	}
}

// TestTextTaskBox: a tick box is left out unless TaskBox names it.
func TestTextTaskBox(t *testing.T) {
	src := []byte("- [ ] Wash twice a day\n")
	doc := Parse(New(), src)
	var item ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindTextBlock {
			item = n
		}
		return ast.WalkContinue, nil
	})
	if got := Text(item, src, TextOptions{}); got != "Wash twice a day" {
		t.Errorf("Text without TaskBox = %q, want %q", got, "Wash twice a day")
	}
	if got := Text(item, src, TextOptions{TaskBox: "☐ "}); got != "☐ Wash twice a day" {
		t.Errorf("Text with TaskBox = %q, want %q", got, "☐ Wash twice a day")
	}
}

// TestPlainText: one line per block of text, in reading order; images
// left out.
func TestPlainText(t *testing.T) {
	src := []byte("# Care &amp; comfort\n\nRinse\ngently. ![x](x.png)\n\n- one\n- two [link](https://example.org)\n\n| When | What |\n|---|---|\n| Day 1 | Red |\n")
	want := "Care & comfort\nRinse gently.\none\ntwo link\nWhen\nWhat\nDay 1\nRed"
	if got := PlainText(New(), src); got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}
