package project

import (
	"bytes"
	"context"
	"fmt"
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
	"handouts/internal/content"
	"handouts/internal/html"
	"handouts/internal/output"
	"handouts/internal/wait"
)

// These tests open the built HTML in headless Chromium (see package
// internal/browser): the handouts must load from file:// with no console
// error and no request outside file: and data:, carry the brand's language,
// and print on the brand's paper; the index's filters and search must show
// the right rows, and its links must point at built files.

// browserBrands is what each brand's pages must declare: its languages
// (each page declares its own) and paper.
var browserBrands = map[string]struct {
	langs []string
	paper string
}{
	"harbor":  {langs: []string{"en-US", "es-US"}, paper: "letter"},
	"thistle": {langs: []string{"en-GB"}, paper: "a4"},
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
func browserBuild(t *testing.T) (string, output.Manifest) {
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
func browserSample(t *testing.T, m output.Manifest) []output.Entry {
	t.Helper()
	var sample []output.Entry
	count := map[string]int{}
	for _, e := range m.Files {
		want, ok := browserBrands[e.Brand]
		if !ok {
			t.Fatalf("got brand %q in the manifest, want it in browserBrands with its language and paper", e.Brand)
		}
		if e.Paper != want.paper {
			t.Errorf("%s: got paper %q, want %q", e.Path, e.Paper, want.paper)
		}
		if !slices.Contains(want.langs, e.Lang) {
			t.Errorf("%s: got language %q, want one of %q", e.Path, e.Lang, want.langs)
		}
		if e.Format != "html" {
			continue
		}
		// The calendar of every skin type of one area in the brand's first
		// language (how long its grid is, and so whether it prints on one
		// page, depends on the variant); one calendar in its others, and one
		// sheet in each language (a sheet's print size is its style
		// sheet's, the same for every variant).
		one := e.Skin == "dry"
		if ((e.Kind == "calendar" && (one || e.Lang == want.langs[0])) || (e.Kind == "sheet" && one)) && e.Area == browserSheetArea[e.Brand] ||
			(e.Kind == "guide" && e.Skin+"-"+e.Area == browserGuideVariant[e.Brand]) {
			sample = append(sample, e)
			count[e.Brand+" "+e.Lang+" "+string(e.Kind)]++
		}
	}
	for b, want := range browserBrands {
		for _, l := range want.langs {
			for _, k := range []string{"sheet", "guide", "calendar"} {
				if count[b+" "+l+" "+k] == 0 {
					t.Errorf("got no %s %s %s.html in the sample, want at least one", b, l, k)
				}
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

// TestBrowserHTML: the index's filters, search and links (index), and
// the calendars' tick boxes and their storage (checkboxes). Each handout's
// own load, language and print are checked where TestBrowserScreens
// audits it at the desktop width (browserHandout), one load for both.
func TestBrowserHTML(t *testing.T) {
	t.Parallel()
	ctx := browser.Shared(t) // skips, loudly, without Chromium; fails in CI
	out, m := browserBuild(t)

	// Ticks live in the browser's storage, shared by every file:// page: test
	// them one calendar at a time, the first of each clinic and language
	// (every calendar runs the same script; browserHandout checks each
	// one's boxes and labels).
	t.Run("checkboxes", func(t *testing.T) {
		seen := map[string]bool{}
		for _, e := range browserSample(t, m) {
			if e.Kind != "calendar" || seen[e.Brand+" "+e.Lang] {
				continue
			}
			seen[e.Brand+" "+e.Lang] = true
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
		u := browserFileURL(out, output.IndexName)
		errs, reqs, err := browser.Load(tab, u)
		browserCheckLoad(t, u, errs, reqs, err)

		t.Run("links", func(t *testing.T) {
			browserIndexLinks(t, tab, out, m)
		})
		t.Run("filters", func(t *testing.T) {
			browserIndexFilters(t, tab, out, m)
		})
	})
}

// browserHandout checks a handout of browserSample loaded in tab (by
// screenLoad: no console error, no request outside the page): the page
// declares its language and has a titled <h1>, a calendar's boxes have
// their labels, and it prints on the brand's paper (a calendar on one
// landscape page).
func browserHandout(t *testing.T, tab context.Context, e output.Entry) {
	want := browserBrands[e.Brand]
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
		t.Fatal(browserErr(tab, "reading the page's language, title and heading", err))
	}
	if got.Lang != e.Lang {
		t.Errorf("got lang %q, want %q", got.Lang, e.Lang)
	}
	if got.H1s < 1 || strings.TrimSpace(got.H1) == "" {
		t.Errorf("got %d <h1> (first %q), want one with text", got.H1s, got.H1)
	}
	if e.Kind == "calendar" {
		browserLabels(t, tab)
	}

	t.Run("print", func(t *testing.T) {
		pdfinfo := browser.Tool(t, "poppler-utils", "HTML print-size checks", "pdfinfo")
		pdf, err := browser.PrintPDF(tab)
		if err != nil {
			t.Fatal(browserErr(tab, "printing the page to PDF", err))
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
}

// browserLabels: a calendar has many checkboxes, each with a label with
// text.
func browserLabels(t *testing.T, tab context.Context) {
	type boxes struct {
		N         int `json:"n"`
		Unlabeled int `json:"unlabeled"`
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[boxes](`(() => {
		const all = Array.from(document.querySelectorAll('input[type=checkbox]'));
		const unlabeled = all.filter(b => !b.labels || b.labels.length === 0 || b.labels[0].textContent.trim() === '').length;
		return {n: all.length, unlabeled: unlabeled};
	})()`))
	if err != nil {
		t.Fatal(browserErr(tab, "reading the checkboxes' labels", err))
	}
	if got.N < 50 || got.Unlabeled != 0 {
		t.Errorf("got %d checkboxes, %d without a label; want many, all labelled", got.N, got.Unlabeled)
	}
}

// browserCheckboxes: a tick survives a reload (kept in localStorage, keyed
// by the variant).
func browserCheckboxes(t *testing.T, tab context.Context) {
	type boxes struct {
		First string `json:"first"`
		Keys  string `json:"keys"`
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[boxes](`(() => {
		const all = Array.from(document.querySelectorAll('input[type=checkbox]'));
		all[0].click();
		return {first: all[0].id, keys: Object.keys(localStorage).join(',')};
	})()`))
	if err != nil {
		t.Fatal(browserErr(tab, "ticking the first box", err))
	}
	if !strings.HasPrefix(got.Keys, "handouts:") || strings.Contains(got.Keys, "2026") {
		t.Errorf("localStorage keys %q: want one key naming the variant only", got.Keys)
	}
	browserWaitStored(t, tab, got.First)
	if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
		t.Fatal(browserErr(tab, "reloading the calendar", err))
	}
	browserWaitTicked(t, tab, got.First)
}

// browserWaitStored waits until the browser's storage holds the tick of box
// id, as a page in another tab of the browser reads it. A page's writes to
// localStorage reach the browser's storage in the background; a reload
// before they have may restore the page without them.
func browserWaitStored(t *testing.T, tab context.Context, id string) {
	t.Helper()
	probe := filepath.Join(t.TempDir(), "probe.html")
	if err := os.WriteFile(probe, []byte("<!DOCTYPE html><title>probe</title>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := browser.Tab(t, tab)
	if err := chromedp.Do(other, chromedp.Navigate(browserFileURL(filepath.Dir(probe), "probe.html"))); err != nil {
		t.Fatal(browserErr(other, "loading a page to read the storage from", err))
	}
	js := `Object.keys(localStorage).some(k => k.startsWith('handouts:') && localStorage.getItem(k).includes(` + strconvQuote(`"`+id+`":true`) + `))`
	wait.For(t, "the tick of box "+id+" to reach the browser's storage (read from another tab)", func() bool {
		ok, err := chromedp.Run(other, chromedp.Evaluate[bool](js))
		return err == nil && ok
	})
}

// browserWaitTicked waits until box id of the page in tab is ticked (the
// page restores ticks from storage as it loads).
func browserWaitTicked(t *testing.T, tab context.Context, id string) {
	t.Helper()
	js := `document.getElementById(` + strconvQuote(id) + `).checked`
	if err := wait.Until("box "+id+" to be ticked again after the reload", func() bool {
		ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](js))
		return err == nil && ok
	}); err != nil {
		dbg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`location.href + ' | ' + JSON.stringify(localStorage) + ' | ' + document.readyState + ' | ' + document.querySelectorAll('input:checked').length`))
		t.Errorf("%v; want the tick kept (page, storage, state, ticked: %s)", err, dbg)
	}
}

// browserErr says what a browser step was doing when it failed, and, when
// the tab's context ended, what the tab waited for (wait.Err).
func browserErr(tab context.Context, what string, err error) error {
	return fmt.Errorf("%s: %w", what, wait.Err(tab, err))
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// TestBrowserPageBreak: "::: pagebreak" starts a new page when the HTML is
// printed, as it does in the PDF.
func TestBrowserPageBreak(t *testing.T) {
	t.Parallel()
	ctx := browser.Shared(t)
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
		t.Fatal(browserErr(tab, "printing the page to PDF", err))
	}
	if n := len(browserPageSizes(t, pdfinfo, pdf)); n != 2 {
		t.Errorf("printed %d pages, want 2", n)
	}
}

// The phones of issue 11 (device emulation: mobile layout, touch), smaller
// first: every kind of page of both clinics is measured at each, and on a
// desktop 1280 px wide.
var screenPhones = []struct {
	name          string
	width, height int64
}{
	{"phone-360", 360, 740},
	{"phone-390", 390, 844},
}

// screenPages picks, per brand and language, one sheet, one guide and one
// calendar, and the index.
func screenPages(t *testing.T, m output.Manifest) []output.Entry {
	t.Helper()
	var pages []output.Entry
	seen := map[string]bool{}
	for _, e := range m.Files {
		if e.Format != "html" || seen[e.Brand+e.Lang+string(e.Kind)] {
			continue
		}
		if (e.Kind != "guide" && e.Skin == "dry" && e.Area == browserSheetArea[e.Brand]) || (e.Kind == "guide" && e.Skin+"-"+e.Area == browserGuideVariant[e.Brand]) {
			seen[e.Brand+e.Lang+string(e.Kind)] = true
			pages = append(pages, e)
		}
	}
	langs := 0
	for _, b := range browserBrands {
		langs += len(b.langs)
	}
	if len(pages) != 3*langs {
		t.Fatalf("got %d pages to audit, want a sheet, a guide and a calendar for each of %d brand languages", len(pages), langs)
	}
	return append(pages, output.Entry{Path: output.IndexName, Kind: "index"})
}

// screenLoad opens u in a new tab with the given screen, fails on console
// errors or outside requests, and waits for the page's fonts.
func screenLoad(t *testing.T, ctx context.Context, u string, width, height int64, phone bool) context.Context {
	t.Helper()
	tab := browser.Tab(t, ctx)
	if err := browser.Viewport(tab, width, height, phone); err != nil {
		t.Fatal(browserErr(tab, "setting the screen size", err))
	}
	errs, reqs, err := browser.Load(tab, u)
	browserCheckLoad(t, u, errs, reqs, err)
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(browserErr(tab, "waiting for the page's fonts", err))
	}
	return tab
}

// screenFacts is what the page reports about its layout.
type screenFacts struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Small       []string `json:"small"`     // interactive targets under 44 x 44 px
	Targets     int      `json:"targets"`   // interactive targets measured
	Faces       []string `json:"faces"`     // weights of the embedded typeface that loaded
	BodyFont    string   `json:"bodyFont"`  // computed font-family of the body
	SmallText   []string `json:"smallText"` // visible text under 16 px
	Order       []string `json:"order"`     // blocks that appear above the block before them
	LineChars   float64  `json:"lineChars"` // characters per line of the longest paragraph
	Columns     []string `json:"columns"`   // calendar days out of order left to right (grid)
	Broken      []string `json:"broken"`    // phone numbers broken across lines
}

// screenFactsJS measures the page. An input's target is its label when the
// label wraps it (the label is what takes the tap); a link's is its box.
// Reading order: visible blocks, in source order, must not start above
// the block before them (checked where the page is one column). Text
// size: every visible text block of the page's content.
const screenFactsJS = `(() => {
	const de = document.documentElement;
	const out = {scrollWidth: Math.max(de.scrollWidth, document.body.scrollWidth), clientWidth: de.clientWidth,
		small: [], targets: 0, faces: [], smallText: [], order: [], lineChars: 0, columns: [], broken: []};
	for (const a of document.querySelectorAll('a[href^="tel:"]')) {
		if (a.checkVisibility() && a.getClientRects().length > 1) out.broken.push(a.textContent.trim());
	}
	const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
	for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')) {
		if (!el.checkVisibility({visibilityProperty: true})) continue;
		const box = el.matches('input') && el.closest('label') ? el.closest('label') : el;
		const r = box.getBoundingClientRect();
		out.targets++;
		if (r.width < 44 || r.height < 44) out.small.push(name(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
	}
	for (const f of document.fonts) {
		if (f.family.replace(/["']/g, '') === 'Atkinson Hyperlegible' && f.status === 'loaded') out.faces.push(String(f.weight));
	}
	out.bodyFont = getComputedStyle(document.body).fontFamily;
	const blocks = Array.from(document.querySelectorAll('body h1, body h2, body h3, body p, body li, body td, body th, label, .day'))
		.filter(el => el.checkVisibility({visibilityProperty: true}) && !el.closest('[aria-hidden=true]') && el.getBoundingClientRect().height > 2);
	let prev = null;
	for (const el of blocks) {
		const r = el.getBoundingClientRect();
		if (prev && r.top < prev.top - 1 && !prev.el.contains(el)) out.order.push(name(el) + ' above ' + name(prev.el));
		prev = {el, top: r.top};
		if (el.closest('main') && !el.matches('.day') && el.textContent.trim() && parseFloat(getComputedStyle(el).fontSize) < 16) out.smallText.push(name(el) + ' ' + getComputedStyle(el).fontSize);
	}
	const ps = Array.from(document.querySelectorAll('main p')).filter(p => p.checkVisibility());
	const longest = ps.sort((a, b) => b.textContent.length - a.textContent.length)[0];
	if (longest) {
		const c = document.createElement('canvas').getContext('2d');
		const cs = getComputedStyle(longest);
		c.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
		const text = longest.textContent.replace(/\s+/g, ' ').trim();
		out.lineChars = longest.clientWidth / (c.measureText(text).width / text.length);
	}
	let left = -1;
	for (const d of document.querySelectorAll('.cal .day')) {
		const x = d.getBoundingClientRect().left;
		if (getComputedStyle(document.querySelector('.cal')).gridTemplateRows !== 'none' && x <= left) out.columns.push(d.id);
		left = x;
	}
	return out;
})()`

// TestBrowserScreens: every kind of page of both clinics, at 360 and 390
// px on a phone and at 1280 px on a desktop, has no horizontal scrolling,
// no phone number broken across lines, tap targets of at least 44 x 44 px, text of at least 16 px, the paper's
// typeface (regular and bold) loaded from the page itself, a reading order
// that follows the source, lines of 45-90 characters on the desktop, and
// no axe-core violation of WCAG 2.0, 2.1 and 2.2 A and AA (at 390 and
// 1280 px: see screenAudit); at 390 px the
// keyboard alone reaches every control (screenKeyboard); and the checklist
// keeps a touch tick, copes with blocked storage and puts today first
// (screenChecklist). The desktop tab of each handout of browserSample
// also checks its language, heading, labels and print (browserHandout):
// one load for both. Pages are audited in parallel tabs of one browser
// context, which Chromium renders in one process (browser.Flags; a context
// per CPU cost more processor time than the pages' overlap saved), each
// page's phone widths in one tab, turned from the first to the next.
func TestBrowserScreens(t *testing.T) {
	t.Parallel()
	ctx := browser.Shared(t)
	out, m := browserBuild(t)
	pages, sample := screenPages(t, m), browserSample(t, m)
	t.Run("pages", func(t *testing.T) {
		for _, e := range pages {
			u := browserFileURL(out, e.Path)
			// The phones in one tab: the page loaded at the first width is
			// measured, turned to the next (the viewport emulated anew,
			// as a phone turns; the page lays itself out again) and
			// measured there. No breakpoint falls between them
			// (screenSameLayout), so the page's layout is the one a load
			// at that width gives.
			t.Run(e.Path+"/phone", func(t *testing.T) {
				t.Parallel()
				tab := screenLoad(t, ctx, u, screenPhones[0].width, screenPhones[0].height, true)
				for j, s := range screenPhones {
					t.Run(s.name, func(t *testing.T) {
						if j > 0 {
							if err := browser.Viewport(tab, s.width, s.height, true); err != nil {
								t.Fatal(browserErr(tab, "turning the screen", err))
							}
						}
						screenAudit(t, tab, e, true, j == len(screenPhones)-1)
					})
				}
				// The keyboard on one phone width: one page of each
				// kind, and both calendars (their grids differ).
				if e.Brand != "thistle" || e.Kind == "calendar" {
					t.Run(screenPhones[len(screenPhones)-1].name+"/keyboard", func(t *testing.T) { screenKeyboard(t, tab, e) })
				}
			})
			t.Run(e.Path+"/desktop-1280", func(t *testing.T) {
				t.Parallel()
				tab := screenLoad(t, ctx, u, 1280, 900, false)
				screenAudit(t, tab, e, false, true)
				if slices.Contains(sample, e) {
					browserHandout(t, tab, e)
				}
			})
		}
		// The handouts of browserSample that are not audited above (the
		// calendars of the other skin types, whose grids differ in
		// length): loaded at the desktop width for browserHandout alone.
		for _, e := range sample {
			if slices.Contains(pages, e) {
				continue
			}
			t.Run(e.Path+"/desktop-1280", func(t *testing.T) {
				t.Parallel()
				browserHandout(t, screenLoad(t, ctx, browserFileURL(out, e.Path), 1280, 900, false), e)
			})
		}
	})
	// Ticks live in the browser's storage, shared by every file:// page:
	// these run after the parallel audits, one at a time.
	t.Run("checklist", func(t *testing.T) { screenChecklist(t, ctx, out, pages) })
}

// screenAudit checks one loaded page (see TestBrowserScreens), with
// axe-core when axe is set. Its rules read the markup and, for contrast and
// target size, the layout; the phone widths of screenPhones fall below every
// breakpoint of the style sheets (the first is 37.5rem, 600 px), so one phone
// width's audit stands for both, while the measures above run at each.
func screenAudit(t *testing.T, tab context.Context, e output.Entry, phone, axe bool) {
	f, err := chromedp.Run(tab, chromedp.Evaluate[screenFacts](screenFactsJS))
	if err != nil {
		t.Fatal(browserErr(tab, "measuring the page", err))
	}
	if f.ScrollWidth > f.ClientWidth {
		t.Errorf("page is %d px wide in a %d px window: it scrolls sideways", f.ScrollWidth, f.ClientWidth)
	}
	if f.Targets == 0 || len(f.Small) > 0 {
		t.Errorf("%d of %d tap targets are under 44 x 44 px: %s", len(f.Small), f.Targets, strings.Join(f.Small, "; "))
	}
	if len(f.SmallText) > 0 {
		t.Errorf("text under 16 px: %s", strings.Join(f.SmallText, "; "))
	}
	if !slices.Contains(f.Faces, "400") || !slices.Contains(f.Faces, "700") || !strings.HasPrefix(f.BodyFont, `"Atkinson Hyperlegible"`) {
		t.Errorf("embedded typeface: loaded weights %q, body font %s; want 400 and 700 loaded and used", f.Faces, f.BodyFont)
	}
	if phone && len(f.Order) > 0 {
		t.Errorf("reading order differs from the source: %s", strings.Join(f.Order, "; "))
	}
	if len(f.Columns) > 0 {
		t.Errorf("calendar grid: days %q are not left to right in source order", f.Columns)
	}
	if len(f.Broken) > 0 {
		t.Errorf("phone numbers broken across lines: %q", f.Broken)
	}
	if !phone && (e.Kind == "sheet" || e.Kind == "guide") && (f.LineChars < 45 || f.LineChars > 90) {
		t.Errorf("lines of %.0f characters, want 45-90", f.LineChars)
	}
	if !axe {
		screenSameLayout(t, tab, 360, 390)
		return
	}
	v, err := browser.Axe(tab)
	if err != nil {
		t.Fatal(browserErr(tab, "running axe-core", err))
	}
	for _, x := range v {
		t.Errorf("axe-core %s: %s", browser.AxeVersion, x)
	}
}

// screenSameLayout fails the test when a media query of the page's style
// sheets changes between widths from and to (CSS px): a breakpoint between
// them would give the two phone widths different layouts, each of which
// then needs its own axe-core audit.
func screenSameLayout(t *testing.T, tab context.Context, from, to int) {
	t.Helper()
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`((from, to) => {
		const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
		const out = [];
		const walk = rules => {
			for (const r of rules) {
				if (r.media) {
					for (const m of r.media.mediaText.matchAll(/(min|max)-width:\s*([0-9.]+)(rem|em|px)/g)) {
						const px = parseFloat(m[2]) * (m[3] === 'px' ? 1 : rem);
						if (px > from && px <= to) out.push(r.media.mediaText);
					}
				}
				if (r.cssRules) walk(r.cssRules);
			}
		};
		for (const s of document.styleSheets) walk(s.cssRules);
		return out;
	})(`+strconv.Itoa(from)+`, `+strconv.Itoa(to)+`)`))
	if err != nil {
		t.Fatal(browserErr(tab, "reading the style sheets' breakpoints", err))
	}
	if len(got) > 0 {
		t.Errorf("media queries %q change the layout between %d and %d px: audit both widths with axe-core", got, from, to)
	}
}

// keyStep is what the page records each time focus moves.
type keyStep struct {
	Index   int     `json:"index"`   // in the page's list of focusable elements, -1 if not in it
	Outline string  `json:"outline"` // computed outline style while focused
	Width   float64 `json:"width"`   // its width in px
}

// screenKeyboard: in a loaded page, the Tab key alone reaches every
// control in source order, each shows a visible focus outline, and on the
// calendar the space bar ticks the focused box.
func screenKeyboard(t *testing.T, tab context.Context, e output.Entry) {
	n, err := chromedp.Run(tab, chromedp.Evaluate[int](`(() => {
		window.focusables = Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])'))
			.filter(el => el.checkVisibility({visibilityProperty: true}) && !el.disabled);
		window.steps = [];
		document.addEventListener('focusin', ev => {
			const cs = getComputedStyle(ev.target);
			window.steps.push({index: window.focusables.indexOf(ev.target), outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth)});
		});
		document.activeElement && document.activeElement.blur();
		return window.focusables.length;
	})()`))
	if err != nil {
		t.Fatal(browserErr(tab, "listing the page's controls", err))
	}
	keys := make([]chromedp.Action[chromedp.Void], n)
	for i := range keys {
		keys[i] = chromedp.KeyEvent("\t")
	}
	if err := chromedp.Do(tab, keys...); err != nil {
		t.Fatal(browserErr(tab, "pressing Tab once per control", err))
	}
	steps, err := chromedp.Run(tab, chromedp.Evaluate[[]keyStep](`window.steps`))
	if err != nil {
		t.Fatal(browserErr(tab, "reading where focus went", err))
	}
	if len(steps) != n {
		t.Fatalf("%d Tab presses moved focus %d times, want once per control", n, len(steps))
	}
	for i, s := range steps {
		if s.Index != i {
			t.Errorf("Tab %d focused control %d, want %d (source order)", i+1, s.Index, i)
			break
		}
		if s.Outline == "none" || s.Width < 2 {
			t.Errorf("control %d: focus outline %s %gpx, want a visible outline of at least 2 px", i, s.Outline, s.Width)
			break
		}
	}
	if e.Kind != "calendar" {
		return
	}
	// Back to the first box, and tick it with the space bar.
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
		const b = document.querySelector('#checklist input[type=checkbox]');
		b.focus();
		window.firstBox = b;
		return b.id;
	})()`))
	if err != nil {
		t.Fatal(browserErr(tab, "focusing the first box", err))
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(browserErr(tab, "pressing the space bar", err))
	}
	ticked, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { const c = window.firstBox.checked; window.firstBox.click(); localStorage.clear(); return c; })()`))
	if err != nil || !ticked {
		t.Errorf("space on box %s: ticked %v (%v), want ticked", got, ticked, err)
	}
}

// screenChecklist: on a 390 px phone, a tick made by a touch survives a
// reload; with the browser's storage blocked the calendar still ticks,
// shows its notice and logs no error; and a dated copy opened three days
// after the treatment shows today's card first, marked, while the desktop
// grid keeps the days in order.
func screenChecklist(t *testing.T, ctx context.Context, out string, pages []output.Entry) {
	var cal output.Entry
	for _, e := range pages {
		if e.Kind == "calendar" {
			cal = e
			break
		}
	}
	u := browserFileURL(out, cal.Path)

	t.Run("touch tick survives reload", func(t *testing.T) {
		tab := screenLoad(t, ctx, u, 390, 844, true)
		defer chromedp.Run(tab, chromedp.Evaluate[bool](`localStorage.clear(), true`))
		id, err := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
			localStorage.clear();
			const b = document.querySelectorAll('#checklist input[type=checkbox]')[3];
			b.closest('label').scrollIntoView({block: 'center'});
			return b.id;
		})()`))
		if err != nil {
			t.Fatal(browserErr(tab, "finding the box to tap", err))
		}
		// Tap the middle of the label's words: the label is the target.
		if err := chromedp.Do(tab, chromedp.Tap(chromedp.CSS(`#`+id+` + span`))); err != nil {
			t.Fatal(browserErr(tab, "tapping the box's label", err))
		}
		browserWaitStored(t, tab, id)
		if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
			t.Fatal(browserErr(tab, "reloading the calendar", err))
		}
		browserWaitTicked(t, tab, id)
	})

	t.Run("storage blocked", func(t *testing.T) {
		tab := browser.Tab(t, ctx)
		if err := browser.Viewport(tab, 390, 844, true); err != nil {
			t.Fatal(browserErr(tab, "setting the screen size", err))
		}
		if err := browser.BeforeLoad(tab, `Object.defineProperty(window, 'localStorage', {configurable: true,
			get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});`); err != nil {
			t.Fatal(browserErr(tab, "blocking localStorage", err))
		}
		errs, reqs, err := browser.Load(tab, u)
		browserCheckLoad(t, u, errs, reqs, err)
		type state struct {
			Notice  bool   `json:"notice"`
			Text    string `json:"text"`
			Ticked  bool   `json:"ticked"`
			Blocked bool   `json:"blocked"`
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[state](`(() => {
			let blocked = false;
			try { window.localStorage; } catch (e) { blocked = true; }
			const n = document.getElementById('storage-note');
			const b = document.querySelector('#checklist input[type=checkbox]');
			b.click();
			return {notice: n.checkVisibility(), text: n.textContent, ticked: b.checked, blocked};
		})()`))
		if err != nil {
			t.Fatal(browserErr(tab, "ticking a box with storage blocked", err))
		}
		if !got.Blocked {
			t.Fatal("the init script did not block localStorage; the test proves nothing")
		}
		if !got.Notice || !strings.Contains(got.Text, "will not keep your ticks") || !got.Ticked {
			t.Errorf("with storage blocked: notice shown %v (%q), box ticks %v; want the notice and a working box", got.Notice, got.Text, got.Ticked)
		}
		logs, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('.notice:not([hidden])').length`))
		if err != nil || logs != 1 {
			t.Errorf("got %d notices shown (%v), want 1", logs, err)
		}
	})

	t.Run("today first", func(t *testing.T) {
		p := loadCatalog(t)
		now := time.Now()
		start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -3)
		env := datedEnv(t, p, cal.Brand, cal.Skin, cal.Area, start.Format("2006-01-02"), "00:00", nil)
		r, err := p.Render(Request{Env: env, Kind: "calendar", Format: "html"})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "calendar.html")
		if err := os.WriteFile(file, r.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		du := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
		type order struct {
			First   string `json:"first"`
			Current string `json:"current"`
			Badge   string `json:"badge"`
			Next    string `json:"next"`
			Last    string `json:"last"`
			Left    []int  `json:"left"`
		}
		js := `(() => {
			const days = Array.from(document.querySelectorAll('#checklist .day'));
			const byId = id => Math.round(document.getElementById(id).getBoundingClientRect().left);
			return {first: days[0].id, current: days[0].getAttribute('aria-current') || '',
				badge: (days[0].querySelector('.badge') || {}).textContent || '', next: days[1].id, last: days[days.length - 1].id,
				left: ['day-0', 'day-1', 'day-2', 'day-3', 'day-4'].map(byId)};
		})()`
		for _, s := range []struct {
			name          string
			width, height int64
			phone         bool
		}{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}} {
			tab := screenLoad(t, ctx, du, s.width, s.height, s.phone)
			got, err := chromedp.Run(tab, chromedp.Evaluate[order](js))
			if err != nil {
				t.Fatal(browserErr(tab, "reading the order of the calendar's cards", err))
			}
			if got.First != "day-3" || got.Current != "date" || got.Badge != "Today" || got.Next != "day-4" || got.Last != "day-2" {
				t.Errorf("%s: cards %s (aria-current %q, badge %q), %s, …, %s; want today's card day-3 first and marked, then day-4, the past days last", s.name, got.First, got.Current, got.Badge, got.Next, got.Last)
			}
			if !s.phone && !slices.IsSorted(got.Left) {
				t.Errorf("desktop grid: day columns at x %v, want days 0-4 left to right", got.Left)
			}
			v, err := browser.Axe(tab)
			if err != nil {
				t.Fatal(browserErr(tab, "running axe-core", err))
			}
			for _, x := range v {
				t.Errorf("%s: axe-core %s: %s", s.name, browser.AxeVersion, x)
			}
		}
	})
}
