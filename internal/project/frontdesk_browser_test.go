package project

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handouts/internal/browser"
	"handouts/internal/output"
	"handouts/internal/wait"
)

// indexPanel is what the front desk's page shows for the current choice.
type indexPanel struct {
	Choice []string            `json:"choice"` // brand, lang, treatment, skin, area
	Title  string              `json:"title"`
	Print  map[string]string   `json:"print"`  // by kind: the "Print" link's href
	Screen map[string]string   `json:"screen"` // by kind: the "Open on screen" link's href
	Clinic string              `json:"clinic"`
	Logo   bool                `json:"logo"`
	Count  string              `json:"count"`
	Match  []string            `json:"matches"` // the search's match buttons' keys
	Labels map[string][]string `json:"labels"`  // the print links' words, by kind
}

const indexPanelJS = `(() => {
	const vis = el => el.checkVisibility({visibilityProperty: true});
	const out = {choice: ['brand', 'lang', 'treatment', 'skin', 'area'].map(id => document.getElementById(id).value),
		title: document.getElementById('choice-title').textContent, print: {}, screen: {}, labels: {},
		clinic: document.getElementById('clinic').textContent, logo: document.getElementById('logo').src.startsWith('data:image/png'),
		count: document.getElementById('count').textContent,
		matches: Array.from(document.querySelectorAll('#matches button')).filter(vis).map(b => b.dataset.key)};
	for (const c of document.querySelectorAll('#choice .card')) {
		if (!vis(c)) continue;
		const p = c.querySelector('a.print'), s = c.querySelector('a.screen');
		if (vis(p)) { out.print[c.dataset.kind] = p.href; out.labels[c.dataset.kind] = [p.textContent.trim()]; }
		if (vis(s)) out.screen[c.dataset.kind] = s.href;
	}
	return out;
})()`

// variantFiles are the manifest's files of one variant, by kind and format.
func variantFiles(m output.Manifest, key string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, e := range m.Files {
		if e.Brand+"/"+e.Lang+"/"+e.Treatment+"/"+e.Skin+"/"+e.Area != key {
			continue
		}
		if out[string(e.Kind)] == nil {
			out[string(e.Kind)] = map[string]string{}
		}
		out[string(e.Kind)][string(e.Format)] = e.Path
	}
	return out
}

// checkPanel checks that the page shows variant key's handouts: each
// kind's "Print" is its PDF (a real PDF file) and "Open on screen" its
// HTML page.
func checkPanel(t *testing.T, got indexPanel, out string, m output.Manifest, key string) {
	t.Helper()
	if strings.Join(got.Choice, "/") != key {
		t.Errorf("the chooser shows %s, want %s", strings.Join(got.Choice, "/"), key)
	}
	want := variantFiles(m, key)
	if len(want) == 0 {
		t.Fatalf("no files for %s in the manifest: fix the test case", key)
	}
	if len(got.Print) != len(want) || len(got.Screen) != len(want) {
		t.Errorf("%s: %d print and %d on-screen links, want %d of each", key, len(got.Print), len(got.Screen), len(want))
	}
	for kind, files := range want {
		for format, link := range map[string]string{"pdf": got.Print[kind], "html": got.Screen[kind]} {
			if link != browserFileURL(out, files[format]) {
				t.Errorf("%s %s: link %s, want %s", key, kind, link, files[format])
				continue
			}
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(files[format])))
			if err != nil {
				t.Error(err)
			} else if format == "pdf" && !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s %s: the Print target %s is not a PDF", key, kind, files[format])
			}
		}
		if l := got.Labels[kind]; len(l) != 1 || l[0] != "Print" {
			t.Errorf("%s %s: print link says %q, want Print", key, kind, l)
		}
	}
}

// choose sets the chooser's menus as a user would, firing the change
// event of each.
func choose(t *testing.T, tab context.Context, key string) indexPanel {
	t.Helper()
	parts := strings.Split(key, "/")
	for i, id := range []string{"brand", "lang", "treatment", "skin", "area"} {
		got, err := chromedp.Run(tab, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
			const e = document.getElementById(%q);
			e.value = %q;
			e.dispatchEvent(new Event('change', {bubbles: true}));
			return e.value;
		})()`, id, parts[i])))
		if err != nil || got != parts[i] {
			t.Fatalf("setting #%s to %s: got %q (%v)", id, parts[i], got, err)
		}
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[indexPanel](indexPanelJS))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// browserIndexLinks: the page offers every file of the manifest once, as
// its data, each a built file; every visible link is a built file, every
// "Print" a PDF.
func browserIndexLinks(t *testing.T, tab context.Context, out string, m output.Manifest) {
	paths, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`(() => {
		const d = JSON.parse(document.getElementById('handouts-data').textContent);
		return Object.values(d.variants).flatMap(v => Object.values(v.files).flatMap(f => Object.values(f)));
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	offered := map[string]int{}
	for _, p := range paths {
		offered[p]++
	}
	for _, e := range m.Files {
		if offered[e.Path] != 1 {
			t.Errorf("%s is offered %d times, want once", e.Path, offered[e.Path])
		}
	}
	if len(paths) != len(m.Files) {
		t.Errorf("the page offers %d files, the manifest has %d", len(paths), len(m.Files))
	}
	links, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('a[href]')).filter(a => a.checkVisibility()).map(a => (a.classList.contains('print') ? 'print ' : '') + a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	root := browserFileURL(out, "") + "/"
	for _, link := range links {
		l, print := strings.CutPrefix(link, "print ")
		rel, ok := strings.CutPrefix(l, root)
		p, err := url.PathUnescape(rel)
		if !ok || err != nil {
			t.Errorf("link %q, want a file under %s", l, root)
			continue
		}
		if fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("link %q, want a built file (%v)", l, err)
		}
		if print && !strings.HasSuffix(p, ".pdf") {
			t.Errorf("a Print link leads to %s, want a PDF", p)
		}
	}
}

// browserIndexFilters: choosing a clinic, language, treatment, skin type
// and area shows that variant's three handouts in the clinic's logo and
// name; typing "oily back" or "espalda grasa" lists the matches and
// choosing one shows it; the keyboard alone changes the choice; the last
// choice comes back after a reload.
func browserIndexFilters(t *testing.T, tab context.Context, out string, m output.Manifest) {
	for _, key := range []string{
		"harbor/es-US/microneedling/sensitive/chest-back",
		"thistle/en-GB/microneedling/oily/abdomen-thighs",
		"harbor/en-US/microneedling/dry/face",
	} {
		got := choose(t, tab, key)
		checkPanel(t, got, out, m, key)
		brand := loadCatalog(t).Catalog.Brand(strings.Split(key, "/")[0])
		if got.Clinic != brand.Name || !got.Logo || !strings.HasPrefix(got.Title, brand.Name) {
			t.Errorf("%s: masthead %q (logo %v), title %q; want the clinic's name and logo", key, got.Clinic, got.Logo, got.Title)
		}
	}
	for _, q := range []string{"oily back", "espalda grasa"} {
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(document.getElementById('q').value = '', true)`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("q"), q)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[indexPanel](indexPanelJS))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, e := range m.Files {
			k := e.Brand + "/" + e.Lang + "/" + e.Treatment + "/" + e.Skin + "/" + e.Area
			if e.Skin == "oily" && e.Area == "chest-back" && !slices.Contains(want, k) {
				want = append(want, k)
			}
		}
		slices.Sort(want)
		if !strings.HasPrefix(got.Count, fmt.Sprint(len(want))+" match") || len(got.Match) == 0 || len(got.Match) > 6 || !slices.Equal(got.Match, want[:len(got.Match)]) {
			t.Errorf("search %q: %q, buttons %q; want %d matches, the first (at most 6) shown of %q", q, got.Count, got.Match, len(want), want)
			continue
		}
		// Enter chooses the first match.
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("q"), "\r")); err != nil {
			t.Fatal(err)
		}
		got, err = chromedp.Run(tab, chromedp.Evaluate[indexPanel](indexPanelJS))
		if err != nil {
			t.Fatal(err)
		}
		checkPanel(t, got, out, m, want[0])
	}
	// The keyboard: the area menu focused, the down arrow picks the next
	// area and the handouts follow.
	start := "harbor/en-US/microneedling/dry/face"
	choose(t, tab, start)
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(document.getElementById('area').focus(), true)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	var got indexPanel
	if err := wait.Until("the down arrow on the area menu to pick the next area", func() bool {
		got, _ = chromedp.Run(tab, chromedp.Evaluate[indexPanel](indexPanelJS))
		return len(got.Choice) == 5 && got.Choice[4] != "face"
	}); err != nil {
		t.Fatalf("the down arrow on the area menu left %q: %v", got.Choice, err)
	}
	checkPanel(t, got, out, m, strings.Join(got.Choice, "/"))
	// Remembered on this computer.
	want := strings.Join(got.Choice, "/")
	if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	var back indexPanel
	if err := wait.Until("the reloaded page to show the remembered choice "+want, func() bool {
		back, _ = chromedp.Run(tab, chromedp.Evaluate[indexPanel](indexPanelJS))
		return strings.Join(back.Choice, "/") == want
	}); err != nil {
		t.Errorf("after a reload the front desk shows %q: %v", back.Choice, err)
	}
	checkPanel(t, back, out, m, want)
}

// TestBrowserFrontDesk: the front desk's page at 1280 x 800 shows the
// chooser and one variant's handouts with at most 60 visible controls and
// without scrolling; axe finds nothing.
func TestBrowserFrontDesk(t *testing.T) {
	t.Parallel()
	ctx := browser.Shared(t)
	out, _ := browserBuild(t)
	tab := screenLoad(t, ctx, browserFileURL(out, output.IndexName), 1280, 800, false)
	type facts struct {
		Controls int `json:"controls"`
		Height   int `json:"height"`
		Inner    int `json:"inner"`
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[facts](`({
		controls: Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary')).filter(el => el.checkVisibility({visibilityProperty: true})).length,
		height: document.documentElement.scrollHeight, inner: window.innerHeight})`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Controls == 0 || got.Controls > 60 || got.Height > got.Inner {
		t.Errorf("%d visible controls, the page %d px tall in a %d px window; want at most 60 and no scrolling", got.Controls, got.Height, got.Inner)
	}
	v, err := browser.Axe(tab)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range v {
		t.Errorf("axe-core %s: %s", browser.AxeVersion, x)
	}
}
