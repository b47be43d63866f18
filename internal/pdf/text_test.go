package pdf

import (
	"bytes"
	stdhtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/internal/html"
	"handouts/internal/markdown"
	"handouts/layouts"
)

// pdfText returns the text of a PDF as pdftotext reads it back.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin := golden.RequireTool(t, "pdftotext", "poppler-utils")
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var reTag = regexp.MustCompile(`<[^>]*>`)

// htmlText returns the text a browser shows for an HTML fragment or page
// (tags dropped, character references decoded).
func htmlText(h string) string {
	return stdhtml.UnescapeString(reTag.ReplaceAllString(h, " "))
}

// between returns the words of s from the word after begin to the word
// before end, white space collapsed, or "(begin … end not found)".
func between(s, begin, end string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if w != begin {
			continue
		}
		for j := i + 1; j < len(words); j++ {
			if words[j] == end {
				return strings.Join(words[i+1:j], " ")
			}
		}
	}
	return "(" + begin + " … " + end + " not found)"
}

// TestTextMatchesHTML: what the PDF prints is what goldmark's HTML
// renderer shows for the same Markdown: backslash escapes, entity names
// and numeric character references decoded (once), the typographer's
// characters, and code spans and autolinks as written.
func TestTextMatchesHTML(t *testing.T) {
	f := setup(t)
	md := markdown.New()
	tests := []struct {
		name, md, want string
	}{
		{"escapes", `5\* stars, \_not italic\_, \[not a link\], \#2, a\\b, \<b\>, 50\% \~ok\~`, `5* stars, _not italic_, [not a link], #2, a\b, <b>, 50% ~ok~`},
		{"entity names", `wait &mdash; rinse &amp; dry, 20&deg;C, &copy; Acme, caf&eacute;`, "wait \u2014 rinse & dry, 20\u00b0C, \u00a9 Acme, caf\u00e9"},
		{"numeric references", `dash &#x2014; &#8212; caf&#233; &#X41;&#66;`, "dash \u2014 \u2014 caf\u00e9 AB"},
		{"decoded once", `\&mdash; &amp;mdash; &amp;amp;`, `&mdash; &mdash; &amp;`},
		{"not references", `AT&T &nosuch; & &#xZZ; &#12345678;`, `AT&T &nosuch; & &#xZZ; &#12345678;`},
		{"typographer", `"Gentle" -- it's fine... really`, "\u201cGentle\u201d \u2013 it\u2019s fine\u2026 really"},
		{"escaped typography", `\"plain\" \-\- it\'s\.\.\.`, `"plain" -- it's...`},
		{"code span", "use `a\\*b &amp;` here", `use a\*b &amp; here`},
		{"link text", `[R\&D &amp; more](https://acme.example) and <https://acme.example/a&amp;b>`, "R&D & more and https://acme.example/a&amp;b"},
		{"emphasis", `**bold &amp; \*star\*** and *it&#39;s*`, `bold & *star* and it's`},
		{"reference white space", `one&#10;two&#9;three`, `one two three`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "BEGIN " + tt.md + " END\n"
			var h bytes.Buffer
			if err := md.Convert([]byte(src), &h); err != nil {
				t.Fatal(err)
			}
			fromHTML := between(htmlText(h.String()), "BEGIN", "END")
			if fromHTML != tt.want {
				t.Fatalf("goldmark's HTML shows %q, want %q (the test's expectation is wrong)", fromHTML, tt.want)
			}
			res := &content.Resolved{Handout: f.h, Title: "Fixture", Source: []byte(src)}
			var buf bytes.Buffer
			if _, err := Render(&buf, res, f.env, f.opt); err != nil {
				t.Fatal(err)
			}
			if got := between(pdfText(t, buf.Bytes()), "BEGIN", "END"); got != fromHTML {
				t.Errorf("PDF text %q, HTML text %q", got, fromHTML)
			}
		})
	}
}

// TestBrandValuesPrintAsWritten: a brand's values go into the text as
// text, not Markdown: a product named with Markdown's and the
// typographer's characters prints exactly as written in the PDF and the
// HTML, wherever the placeholder stands.
func TestBrandValuesPrintAsWritten(t *testing.T) {
	f := setup(t)
	rend, err := html.New(layouts.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, product, body string
	}{
		{"markdown characters", `C*E Ferulic_Plus [Rx] #2`, "BEGIN {{product.serum}} END\n"},
		{"typographer and entities", `Dr. O'Brien's "Best" -- Serum... & &amp; &#x41; ~x~ <b>hi</b> \ok`, "BEGIN {{product.serum}} END\n"},
		{"link-like", `www.acme.example (see https://acme.example) _x_ ![y](z)`, "BEGIN {{product.serum}} END\n"},
		{"at a line start: list", `1. First-aid Serum`, "BEGIN\n{{product.serum}} END\n"},
		{"at a line start: bullet", `- Serum +plus`, "BEGIN\n{{product.serum}} END\n"},
		{"at a line start: heading", `# Serum`, "BEGIN\n{{product.serum}} END\n"},
		{"at a line start: quote", `> Serum`, "BEGIN\n{{product.serum}} END\n"},
		{"in emphasis", `Serum **2**`, "BEGIN **{{product.serum}}** END\n"},
		{"two lines", "Serum\nnumber 2", "BEGIN {{product.serum}} END\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := f.env
			b := *env.Brand
			b.Products = map[string]string{"serum": tt.product}
			env.Brand = &b
			h := *f.h
			h.Body, h.Front.Summary, h.SummaryLines = []byte(tt.body), nil, nil
			res, err := h.Resolve(env, false)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Join(strings.Fields(tt.product), " ")
			var page bytes.Buffer
			if err := rend.Render(&page, res, env, html.Options{Images: f.opt.Images}); err != nil {
				t.Fatal(err)
			}
			if got := between(htmlText(page.String()), "BEGIN", "END"); got != want {
				t.Errorf("HTML shows %q, want %q", got, want)
			}
			var pdf bytes.Buffer
			if _, err := Render(&pdf, res, env, f.opt); err != nil {
				t.Fatal(err)
			}
			if got := between(pdfText(t, pdf.Bytes()), "BEGIN", "END"); got != want {
				t.Errorf("PDF shows %q, want %q", got, want)
			}
		})
	}
}

// TestUnprintableInText: a control or bidirectional character is refused
// at its file and line whether written as the character or as a
// reference, in the body and in a summary point.
func TestUnprintableInText(t *testing.T) {
	f := setup(t)
	const file = "content/treatments/microneedling/sheet.md"
	tests := []struct {
		name, md, want string
	}{
		{"literal override", "Line.\n\nRinse \u202Eonly.\n", file + ":11: character U+202E (right-to-left override) is an invisible control that reorders the text around it, so the handout would not read as written; remove it"},
		{"hex reference", "Rinse &#x202E;only.\n", file + `:9: character U+202E (right-to-left override), written "&#x202E;", is an invisible control that reorders the text around it, so the handout would not read as written; remove it`},
		{"isolate reference", "Rinse &#8294;only.\n", file + `:9: character U+2066 (left-to-right isolate), written "&#8294;", is an invisible control that reorders the text around it, so the handout would not read as written; remove it`},
		{"named mark", "Rinse &rlm;only.\n", file + `:9: character U+200F (right-to-left mark), written "&rlm;", is an invisible control that reorders the text around it, so the handout would not read as written; remove it`},
		{"NUL reference", "Rinse &#0; only.\n", file + `:9: character U+FFFD (replacement character), written "&#0;", stands for a NUL or a broken character; remove it or write the character you meant`},
		{"C0 control", "Rinse\u0007 only.\n", file + ":9: character U+0007 is a control character, which prints as nothing or as a box; remove it"},
		{"C1 reference", "Rinse &#x85; only.\n", file + `:9: character U+0085, written "&#x85;", is a control character, which prints as nothing or as a box; remove it`},
		{"in a table", "| a | b |\n|---|---|\n| x | &#x202D;y |\n", file + `:11: character U+202D (left-to-right override), written "&#x202D;", is an invisible control that reorders the text around it, so the handout would not read as written; remove it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := *f.h
			h.Body = []byte(tt.md)
			res, err := h.Resolve(f.env, false)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Layout(res, f.env, f.opt)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Layout error = %v\nwant %s", err, tt.want)
			}
		})
	}
	t.Run("summary point", func(t *testing.T) {
		h := *f.h
		h.SummaryLines = []int{5, 6}
		res := &content.Resolved{Handout: &h, Title: "Fixture", Summary: []string{"Rest.", "No makeup &#x202E;today."}, Source: []byte("Text.\n")}
		want := file + `:6: character U+202E (right-to-left override), written "&#x202E;", is an invisible control that reorders the text around it, so the handout would not read as written; remove it`
		if _, err := Layout(res, f.env, f.opt); err == nil || err.Error() != want {
			t.Errorf("Layout error = %v\nwant %s", err, want)
		}
	})
}

// TestPatientNameNFC: a name typed with a combining accent ("Jose" and
// U+0301) prints as one accented letter.
func TestPatientNameNFC(t *testing.T) {
	f := setup(t)
	opt := f.opt
	opt.Patient = "Jose\u0301"
	h := *f.h
	var buf bytes.Buffer
	if _, err := Render(&buf, &content.Resolved{Handout: &h, Title: "Fixture", Source: []byte("Text.\n")}, f.env, opt); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if !strings.Contains(text, "Jos\u00e9") || strings.Contains(text, "\u0301") {
		t.Errorf("PDF text does not name Jos\u00e9 with a precomposed \u00e9:\n%q", text)
	}
}
