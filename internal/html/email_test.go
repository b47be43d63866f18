package html

import (
	"strings"
	"testing"
	"testing/fstest"

	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/layouts"
)

// TestEmail: the plain-text body says what the HTML body shows (links as
// their words, with the address where the words are not it, lists with
// their markers, escapes and references decoded), and what mail programs
// show badly (tables, boxes, images) is refused at its line.
func TestEmail(t *testing.T) {
	f := setup(t)
	tests := []struct {
		md, text, html, err string
	}{
		{"Hello,\n\nSee [our site](https://acme.example/care) or call [555-0100](tel:5550100).\n",
			"Hello,\n\nSee our site <https://acme.example/care> or call 555-0100.\n",
			`<p>See <a href="https://acme.example/care" style="color:#`, ""},
		{"Steps:\n\n- rinse\n- pat *dry*\n\n1. one\n2. two\n", "Steps:\n\n- rinse\n- pat dry\n\n1. one\n2. two\n", "<li>pat <em>dry</em></li>", ""},
		{"5\\* &amp; &#x2014; https://acme.example\n", "5* & — https://acme.example\n", "5* &amp; —", ""},
		{"| a | b |\n|---|---|\n| 1 | 2 |\n", "", "", "an email holds paragraphs, headings, lists and links only; a Table does not belong in it"},
		{"Hi\n\n::: warning\nCall us.\n:::\n", "", "", "a Warning does not belong in it"},
		{"![logo](logo.png)\n", "", "", "a Image does not belong in it"},
	}
	for _, tt := range tests {
		res := &content.Resolved{Handout: f.h, Title: "Your papers", Source: []byte(tt.md)}
		l, err := f.r.Email(res, f.env, EmailVisit{})
		text, page := l.Text, l.HTML
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Email(%q) error = %v, want %q", tt.md, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Email(%q): %v", tt.md, err)
		}
		// The letter: the clinic, the greeting (the content's own gives way),
		// the content.
		if want := "Acme Skin\n\nHello,\n\n" + strings.TrimPrefix(tt.text, "Hello,\n\n"); text != want {
			t.Errorf("Email(%q) text = %q, want %q", tt.md, text, want)
		}
		if !strings.Contains(page, tt.html) || !strings.Contains(page, `<html lang="en-US">`) || !strings.Contains(page, "<title>Your papers</title>") {
			t.Errorf("Email(%q) HTML lacks %q:\n%s", tt.md, tt.html, page)
		}
	}
}

// layoutsWith is the default layouts folder with extra files.
func layoutsWith(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	files := golden.Files(t, layouts.FS)
	for k, v := range extra {
		files[k] = []byte(v)
	}
	return golden.MapFS(files)
}

// TestEmailClinicTemplate: a clinic's own email/<brand>.html.tmpl and
// .txt.tmpl replace the default letter for that clinic, with words.tmpl's
// words; one without the other is refused, naming the file.
func TestEmailClinicTemplate(t *testing.T) {
	f := setup(t)
	r, err := New(layoutsWith(t, map[string]string{
		"email/acme.html.tmpl": `<!DOCTYPE html><html lang="{{.Lang}}"><body><h1>Acme letter</h1><p>{{template "greeting" .}}</p>{{.Body}}</body></html>`,
		"email/acme.txt.tmpl":  "ACME LETTER\n\n" + `{{template "greeting" .}}` + "\n\n{{.Text}}",
	}))
	if err != nil {
		t.Fatal(err)
	}
	res := &content.Resolved{Handout: f.h, Title: "Your papers", Source: []byte("Hello,\n\nSee you soon.\n")}
	l, err := r.Email(res, f.env, EmailVisit{Name: "Ana"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Text != "ACME LETTER\n\nHello Ana,\n\nSee you soon.\n" || !strings.Contains(l.HTML, "<h1>Acme letter</h1><p>Hello Ana,</p><p>See you soon.</p>") {
		t.Errorf("the clinic's letter was not used:\n%s\n%s", l.Text, l.HTML)
	}
	if _, err := New(layoutsWith(t, map[string]string{"email/acme.html.tmpl": `<p>x</p>`})); err == nil || !strings.Contains(err.Error(), "email/acme.txt.tmpl") {
		t.Errorf("a clinic's HTML letter without its text: %v, want refused naming email/acme.txt.tmpl", err)
	}
}
