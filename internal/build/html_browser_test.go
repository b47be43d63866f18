package build

import (
	"bytes"
	"context"
	"fmt"
	"handouts/internal/content"
	"handouts/internal/html"
	"maps"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handouts/internal/browser"
)

// These tests open the built HTML in headless Chromium (see package
// internal/browser): the handouts must load from file:// with no console
// error and no request outside file: and data:, carry the brand's language,
// and print on the brand's paper; the index's filters and search must show
// the right rows, and its links must point at built files.

// browserBrands is what each brand's pages must declare.
var browserBrands = map[string]struct{ lang, paper string }{
	"harbor":  {lang: "en-US", paper: "letter"},
	"thistle": {lang: "en-GB", paper: "a4"},
}

// browserPaper is each paper's size in PDF points. Chromium prints A4 as
// 594.96 x 841.92, so sizes match to within browserPaperSlack.
var browserPaper = map[string][2]float64{
	"letter": {612, 792},
	"a4":     {595.276, 841.89},
}

const browserPaperSlack = 1.0

// The HTML pages opened, per brand: every sheet of one area, and one guide.
var (
	browserSheetArea    = map[string]string{"harbor": "face", "thistle": "chest-back"}
	browserGuideVariant = map[string]string{"harbor": "dry-neck-decollete", "thistle": "oily-abdomen-thighs"}
)

// browserBuild builds the real content into a temporary folder and returns
// the folder and its manifest.
func browserBuild(t *testing.T) (string, Manifest) {
	t.Helper()
	return builtMatrix(t)
}

// browserFileURL is the file:// URL of a file in the output folder.
func browserFileURL(out, rel string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, filepath.FromSlash(rel)))}).String()
}

// browserCheckLoad fails the test on console errors and on a request for
// anything but a local file or a data: URI.
func browserCheckLoad(t *testing.T, u string, errs, reqs []string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	if len(errs) > 0 {
		t.Errorf("got console errors %q, want none", errs)
	}
	if len(reqs) == 0 || reqs[0] != u {
		t.Errorf("got requests %q, want the page %s first", reqs, u)
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r, "file:") && !strings.HasPrefix(r, "data:") {
			t.Errorf("got request %q, want only file: and data: URLs", r)
		}
	}
}

// browserSample picks the HTML handouts to open, and checks that it covers
// both kinds for every brand.
func browserSample(t *testing.T, m Manifest) []Entry {
	t.Helper()
	var sample []Entry
	count := map[string]int{}
	for _, e := range m.Files {
		want, ok := browserBrands[e.Brand]
		if !ok {
			t.Fatalf("got brand %q in the manifest, want it in browserBrands with its language and paper", e.Brand)
		}
		if e.Paper != want.paper {
			t.Errorf("%s: got paper %q, want %q", e.Path, e.Paper, want.paper)
		}
		if e.Format != "html" {
			continue
		}
		if ((e.Kind == "sheet" || e.Kind == "calendar") && e.Area == browserSheetArea[e.Brand]) ||
			(e.Kind == "guide" && e.Skin+"-"+e.Area == browserGuideVariant[e.Brand]) {
			sample = append(sample, e)
			count[e.Brand+" "+e.Kind]++
		}
	}
	for b := range browserBrands {
		for _, k := range []string{"sheet", "guide", "calendar"} {
			if count[b+" "+k] == 0 {
				t.Errorf("got no %s %s.html in the sample, want at least one", b, k)
			}
		}
	}
	return sample
}

// browserPageSizes runs pdfinfo on a PDF and returns the size of each page
// in points.
func browserPageSizes(t *testing.T, pdfinfo string, pdf []byte) [][2]float64 {
	t.Helper()
	name := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(name, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdfinfo, "-f", "1", "-l", "1000", name).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	var sizes [][2]float64
	pages := -1
	for _, line := range strings.Split(string(out), "\n") {
		if m := browserSizeLine.FindStringSubmatch(line); m != nil {
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			sizes = append(sizes, [2]float64{w, h})
		} else if f, ok := strings.CutPrefix(line, "Pages:"); ok {
			pages, _ = strconv.Atoi(strings.TrimSpace(f))
		}
	}
	if pages < 1 || len(sizes) != pages {
		t.Fatalf("got %d page sizes for %d pages from pdfinfo, want one per page:\n%s", len(sizes), pages, out)
	}
	return sizes
}

// browserSizeLine matches "Page size: 612 x 792 pts (letter)" and, with -f
// and -l, "Page    1 size: 594.96 x 841.92 pts (A4)".
var browserSizeLine = regexp.MustCompile(`^Page\s+(?:\d+\s+)?size:\s+([0-9.]+) x ([0-9.]+) pts`)

func TestBrowserHTML(t *testing.T) {
	ctx := browser.New(t) // skips, loudly, without Chromium; fails in CI
	out, m := browserBuild(t)

	t.Run("handouts", func(t *testing.T) {
		for _, e := range browserSample(t, m) {
			want := browserBrands[e.Brand]
			t.Run(e.Path, func(t *testing.T) {
				t.Parallel()
				tab := browser.Tab(t, ctx)
				u := browserFileURL(out, e.Path)
				errs, reqs, err := browser.Load(tab, u)
				browserCheckLoad(t, u, errs, reqs, err)

				type page struct {
					Lang string `json:"lang"`
					H1s  int    `json:"h1s"`
					H1   string `json:"h1"`
				}
				got, err := chromedp.Run(tab, chromedp.Evaluate[page](`({
					lang: document.documentElement.lang,
					h1s: document.querySelectorAll('h1').length,
					h1: (document.querySelector('h1') || {}).textContent || ''
				})`))
				if err != nil {
					t.Fatal(err)
				}
				if got.Lang != want.lang {
					t.Errorf("got lang %q, want %q", got.Lang, want.lang)
				}
				if got.H1s < 1 || strings.TrimSpace(got.H1) == "" {
					t.Errorf("got %d <h1> (first %q), want one with text", got.H1s, got.H1)
				}

				t.Run("print", func(t *testing.T) {
					pdfinfo := browser.Tool(t, "poppler-utils", "HTML print-size checks", "pdfinfo")
					pdf, err := browser.PrintPDF(tab)
					if err != nil {
						t.Fatal(err)
					}
					size := browserPaper[want.paper]
					sizes := browserPageSizes(t, pdfinfo, pdf)
					if e.Kind == "calendar" {
						size = [2]float64{size[1], size[0]} // landscape
						if len(sizes) != 1 {
							t.Errorf("calendar prints on %d pages, want 1", len(sizes))
						}
					}
					for i, got := range sizes {
						if math.Abs(got[0]-size[0]) > browserPaperSlack || math.Abs(got[1]-size[1]) > browserPaperSlack {
							t.Errorf("page %d: got %g x %g pts, want %g x %g pts (%s)", i+1, got[0], got[1], size[0], size[1], want.paper)
						}
					}
				})
			})
		}
	})

	// Ticks live in the browser's storage, shared by every file:// page: test
	// them after the parallel page loads, one calendar at a time.
	t.Run("checkboxes", func(t *testing.T) {
		for _, e := range browserSample(t, m) {
			if e.Kind != "calendar" {
				continue
			}
			t.Run(e.Path, func(t *testing.T) {
				tab := browser.Tab(t, ctx)
				u := browserFileURL(out, e.Path)
				errs, reqs, err := browser.Load(tab, u)
				browserCheckLoad(t, u, errs, reqs, err)
				browserCheckboxes(t, tab)
			})
		}
	})

	t.Run("index", func(t *testing.T) {
		tab := browser.Tab(t, ctx)
		u := browserFileURL(out, IndexName)
		errs, reqs, err := browser.Load(tab, u)
		browserCheckLoad(t, u, errs, reqs, err)

		t.Run("links", func(t *testing.T) {
			browserIndexLinks(t, tab, out, m)
		})
		t.Run("filters", func(t *testing.T) {
			browserIndexFilters(t, tab, m)
		})
	})
}

// browserIndexLinks checks that every link of the index resolves to a built
// file, and that every file in the manifest is linked once.
func browserIndexLinks(t *testing.T, tab context.Context, out string, m Manifest) {
	hrefs, err := chromedp.Run(tab, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('a[href]'), a => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	root := browserFileURL(out, "") + "/"
	linked := map[string]int{}
	printed := 0
	for _, h := range hrefs {
		rel, ok := strings.CutPrefix(h, root)
		if !ok {
			t.Errorf("got link %q, want a file under %s", h, root)
			continue
		}
		rel, frag, _ := strings.Cut(rel, "#")
		if frag != "" && frag != "print" {
			t.Errorf("got link %q, want no fragment but #print", h)
		}
		p, err := url.PathUnescape(rel)
		if err != nil {
			t.Errorf("got link %q: %v", h, err)
			continue
		}
		if frag == "" {
			linked[p]++
		} else {
			printed++
		}
		if fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("got link %q, want an existing file (%v)", h, err)
		}
	}
	for _, e := range m.Files {
		if n := linked[e.Path]; n != 1 {
			t.Errorf("got %d links to %s, want 1", n, e.Path)
		}
	}
	html := 0
	for _, e := range m.Files {
		if e.Format == "html" {
			html++
		}
	}
	if len(hrefs)-printed != len(m.Files) || printed != html {
		t.Errorf("got %d open and %d print links, want %d (one per file) and %d (one per HTML file)", len(hrefs)-printed, printed, len(m.Files), html)
	}
}

// browserRow is a row of the index as the page shows it.
type browserRow struct {
	Brand     string `json:"brand"`
	Treatment string `json:"treatment"`
	Skin      string `json:"skin"`
	Area      string `json:"area"`
	Links     []struct {
		Kind   string `json:"kind"`
		Format string `json:"format"`
	} `json:"links"`
}

func (r browserRow) key() string { return r.Brand + "/" + r.Treatment + "/" + r.Skin + "/" + r.Area }

// browserIndexFilters sets the index's filters as a user would and checks
// the rows it shows against the manifest.
func browserIndexFilters(t *testing.T, tab context.Context, m Manifest) {
	tests := []struct {
		name              string
		brand, skin, area string // select values; "" is all
		q                 string // typed into the search box
		match             func(e Entry) bool
	}{
		{name: "thistle sensitive chest-back", brand: "thistle", skin: "sensitive", area: "chest-back",
			match: func(e Entry) bool { return e.Brand == "thistle" && e.Skin == "sensitive" && e.Area == "chest-back" }},
		{name: "harbor sensitive chest-back", brand: "harbor", skin: "sensitive", area: "chest-back",
			match: func(e Entry) bool { return e.Brand == "harbor" && e.Skin == "sensitive" && e.Area == "chest-back" }},
		{name: "search oily back", q: "oily back",
			match: func(e Entry) bool { return e.Skin == "oily" && e.Area == "chest-back" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Set each field in the page and fire the event a user's
			// change fires. (chromedp.SetValue cannot set "": chromedp
			// v0.23.0 drops an empty string argument, so the field gets
			// undefined.)
			for _, f := range []struct{ id, value string }{{"brand", tt.brand}, {"skin", tt.skin}, {"area", tt.area}, {"q", ""}} {
				got, err := chromedp.Run(tab, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
					const e = document.getElementById(%q);
					e.value = %q;
					e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
					return e.tagName === 'SELECT' && e.selectedIndex < 0 ? '(no option selected)' : e.value;
				})()`, f.id, f.value)))
				if err != nil {
					t.Fatalf("setting #%s: %v", f.id, err)
				}
				if got != f.value {
					t.Fatalf("got #%s = %q, want %q", f.id, got, f.value)
				}
			}
			if tt.q != "" {
				if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("q"), tt.q)); err != nil {
					t.Fatalf("typing %q: %v", tt.q, err)
				}
				if got, err := chromedp.Run(tab, chromedp.Value(chromedp.ID("q"))); err != nil || got != tt.q {
					t.Fatalf("got #q = %q (%v), want %q", got, err, tt.q)
				}
			}

			type shown struct {
				Rows  []browserRow `json:"rows"`
				Count string       `json:"count"`
			}
			got, err := chromedp.Run(tab, chromedp.Evaluate[shown](`({
				rows: Array.from(document.querySelectorAll('#rows > li:not([hidden])'), li => ({
					brand: li.dataset.brand, treatment: li.dataset.treatment,
					skin: li.dataset.skin, area: li.dataset.area,
					links: Array.from(li.querySelectorAll('a[data-kind][data-format]'),
						a => ({kind: a.dataset.kind, format: a.dataset.format}))
				})),
				count: document.getElementById('count').textContent
			})`))
			if err != nil {
				t.Fatal(err)
			}

			want := map[string]bool{}
			for _, e := range m.Files {
				if tt.match(e) {
					want[e.Brand+"/"+e.Treatment+"/"+e.Skin+"/"+e.Area] = true
				}
			}
			if len(want) == 0 {
				t.Fatal("got no matching files in the manifest, want some: fix the test case")
			}
			var gotKeys []string
			for _, r := range got.Rows {
				gotKeys = append(gotKeys, r.key())
				if !tt.match(Entry{Brand: r.Brand, Treatment: r.Treatment, Skin: r.Skin, Area: r.Area}) {
					t.Errorf("got visible row %s, want only rows that match", r.key())
				}
				var links []string
				for _, l := range r.Links {
					links = append(links, l.Kind+"/"+l.Format)
				}
				for _, k := range []string{"sheet/pdf", "sheet/html", "guide/pdf", "guide/html"} {
					if !slices.Contains(links, k) {
						t.Errorf("row %s: got links %q, want %s among them", r.key(), links, k)
					}
				}
			}
			wantKeys := slices.Sorted(maps.Keys(want))
			slices.Sort(gotKeys)
			if !slices.Equal(gotKeys, wantKeys) {
				t.Errorf("got visible rows %q, want %q", gotKeys, wantKeys)
			}
			if !strings.HasPrefix(got.Count, strconv.Itoa(len(got.Rows))+" ") {
				t.Errorf("got count %q, want it to start with %d", got.Count, len(got.Rows))
			}
		})
	}
}

// browserCheckboxes: every checkbox of a calendar has a label with text,
// and a tick survives a reload (kept in localStorage, keyed by the variant).
func browserCheckboxes(t *testing.T, tab context.Context) {
	type boxes struct {
		N         int    `json:"n"`
		Unlabeled int    `json:"unlabeled"`
		First     string `json:"first"`
		Keys      string `json:"keys"`
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[boxes](`(() => {
		const all = Array.from(document.querySelectorAll('input[type=checkbox]'));
		const unlabeled = all.filter(b => !b.labels || b.labels.length === 0 || b.labels[0].textContent.trim() === '').length;
		all[0].click();
		return {n: all.length, unlabeled: unlabeled, first: all[0].id, keys: Object.keys(localStorage).join(',')};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.N < 50 || got.Unlabeled != 0 {
		t.Errorf("got %d checkboxes, %d without a label; want many, all labelled", got.N, got.Unlabeled)
	}
	if !strings.HasPrefix(got.Keys, "handouts:") || strings.Contains(got.Keys, "2026") {
		t.Errorf("localStorage keys %q: want one key naming the variant only", got.Keys)
	}
	// The browser commits localStorage in the background: wait until the
	// tick is stored before reloading, and let the page restore it.
	stored := `Object.values(localStorage).some(v => v.includes(` + strconvQuote(`"`+got.First+`":true`) + `))`
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](stored)); err == nil && ok {
			break
		}
	}
	time.Sleep(500 * time.Millisecond)
	if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	var checked bool
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		checked, err = chromedp.Run(tab, chromedp.Evaluate[bool](`document.getElementById(`+strconvQuote(got.First)+`).checked`))
		if err == nil && checked {
			break
		}
	}
	if !checked {
		dbg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`location.href + ' | ' + JSON.stringify(localStorage) + ' | ' + document.readyState + ' | ' + document.querySelectorAll('input:checked').length`))
		t.Errorf("box %s unticked after reload (%v); want the tick kept (page, storage, state, ticked: %s)", got.First, err, dbg)
	}
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// TestBrowserPageBreak: "::: pagebreak" starts a new page when the HTML is
// printed, as it does in the PDF.
func TestBrowserPageBreak(t *testing.T) {
	ctx := browser.New(t)
	pdfinfo := browser.Tool(t, "poppler-utils", "HTML print checks", "pdfinfo")
	p := loadCatalog(t)
	env, err := p.Catalog.Env("thistle", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	h := *env.Treatment.Handout("guide")
	h.Front.Summary = nil
	res := &content.Resolved{Handout: &h, Title: "Page break", Source: []byte("Before the break.\n\n::: pagebreak\n\nAfter the break.\n")}
	var buf bytes.Buffer
	if err := p.html.Render(&buf, res, env, html.Options{Images: p.images(&h)}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "break.html")
	os.WriteFile(file, buf.Bytes(), 0o644)
	tab := browser.Tab(t, ctx)
	u := (&url.URL{Scheme: "file", Path: file}).String()
	errs, reqs, err := browser.Load(tab, u)
	browserCheckLoad(t, u, errs, reqs, err)
	pdf, err := browser.PrintPDF(tab)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(browserPageSizes(t, pdfinfo, pdf)); n != 2 {
		t.Errorf("printed %d pages, want 2", n)
	}
}
