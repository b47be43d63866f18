package browser

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// fileURL writes html to a temporary file and returns its file:// URL.
func fileURL(t *testing.T, name, html string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}

// A 1×1 transparent GIF.
const pixel = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

func TestChromiumLoad(t *testing.T) {
	ctx := Shared(t)
	tests := []struct {
		name       string
		body       string
		wantErrors []string // substrings, one per console error, in order
	}{
		{"clean", `<h1>ok</h1><img src="` + pixel + `" alt="">`, nil},
		{"console error", `<script>console.log("fine"); console.error("boom", 42)</script>`, []string{"console.error: boom 42"}},
		{"exception", `<script>throw new Error("kaput")</script>`, []string{"kaput"}},
		{"missing file", `<img src="missing.png" alt="">`, []string{"missing.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := Tab(t, ctx)
			u := fileURL(t, "page.html", "<!DOCTYPE html><html lang=en><title>t</title>"+tt.body)
			errs, reqs, err := Load(tab, u)
			if err != nil {
				t.Fatalf("Load(%s): %v", u, err)
			}
			if len(errs) != len(tt.wantErrors) {
				t.Fatalf("got console errors %q, want %d matching %q", errs, len(tt.wantErrors), tt.wantErrors)
			}
			for i, want := range tt.wantErrors {
				if !strings.Contains(errs[i], want) {
					t.Errorf("got console error %q, want it to contain %q", errs[i], want)
				}
			}
			if len(reqs) == 0 || reqs[0] != u {
				t.Errorf("got requests %q, want the page %s first", reqs, u)
			}
			for _, r := range reqs {
				if !strings.HasPrefix(r, "file:") && !strings.HasPrefix(r, "data:") {
					t.Errorf("got request %q, want only file: and data: URLs", r)
				}
			}
		})
	}
}

func TestChromiumLoadListenerEnds(t *testing.T) {
	// A second Load in the same tab reports only its own page.
	tab := Tab(t, Shared(t))
	bad := fileURL(t, "bad.html", `<!DOCTYPE html><script>console.error("first")</script>`)
	good := fileURL(t, "good.html", `<!DOCTYPE html><p>second</p>`)
	if errs, _, err := Load(tab, bad); err != nil || len(errs) != 1 {
		t.Fatalf("got %q, %v, want one console error", errs, err)
	}
	errs, reqs, err := Load(tab, good)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 0 {
		t.Errorf("got console errors %q, want none", errs)
	}
	if len(reqs) != 1 || reqs[0] != good {
		t.Errorf("got requests %q, want [%s]", reqs, good)
	}
}

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

func TestChromiumPrintPDF(t *testing.T) {
	tab := Tab(t, Shared(t))
	u := fileURL(t, "print.html", `<!DOCTYPE html><style>@page { size: 5in 4in; margin: 0 }</style><p>print me</p>`)
	if _, _, err := Load(tab, u); err != nil {
		t.Fatal(err)
	}
	pdf, err := PrintPDF(tab)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("got %.20q, want a PDF", pdf)
	}
	m := mediaBox.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("got no /MediaBox in the PDF, want one")
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	if w < 359 || w > 361 || h < 287 || h > 289 {
		t.Errorf("got page %g x %g pts, want 360 x 288 (the CSS @page size 5in 4in)", w, h)
	}
}

// TestAxe: the vendored axe-core runs in a page and reports what WCAG 2.2
// AA forbids, among them the two the issue found (a label that hides the
// visible words, a tick box too small); a clean page has no violations.
func TestAxe(t *testing.T) {
	ctx := Shared(t)
	tests := []struct {
		name string
		body string
		want []string // rule ids
	}{
		{"clean", `<main><h1>Fine</h1><p><a href="tel:2075550142">(207) 555-0142</a></p><label>Done <input type="checkbox"></label></main>`, nil},
		{"no alt", `<main><h1>x</h1><img src="` + pixel + `"></main>`, []string{"image-alt"}},
		{"name hides the words", `<main><h1>x</h1><p><a href="a.html">print sheet</a> <a href="b.html" aria-label="Print the guide">print guide</a></p></main>`, []string{"label-content-name-mismatch"}},
		{"tiny targets", `<main><h1>x</h1><div>` + strings.Repeat(`<input type="checkbox" aria-label="tick" style="width:10px;height:10px;margin:0">`, 3) + `</div></main>`, []string{"target-size"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tab := Tab(t, ctx)
			u := fileURL(t, "page.html", `<!DOCTYPE html><html lang="en"><title>t</title>`+tt.body)
			if _, _, err := Load(tab, u); err != nil {
				t.Fatal(err)
			}
			got, err := Axe(tab)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, v := range got {
				ids = append(ids, v.ID)
			}
			if strings.Join(ids, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got violations %q, want %q:\n%v", ids, tt.want, got)
			}
		})
	}
}
