package project

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"handouts/internal/browser"
	"handouts/internal/golden"
	"handouts/internal/output"
)

// offer lists treatment id under treatments: in every brand file of the
// content folder dir, with no name of its own: a new treatment is built
// only for the clinics that offer it.
func offer(t testing.TB, dir, id string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "brands", "*.yaml"))
	n := 0
	for _, f := range files {
		if strings.Count(filepath.Base(f), ".") > 1 {
			continue // a translation
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(data), "\ntreatments:\n", "\ntreatments:\n  "+id+":\n", 1)
		if s == string(data) {
			t.Fatalf("%s has no treatments: to add %s to", f, id)
		}
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("no brand files in %s", dir)
	}
}

var (
	offersOnce sync.Once
	offersP    *Project
	offersOut  string
	offersErr  error
)

// offersBuild builds the real content with testdata/offers.txtar laid
// over it: harbor offers dermaplaning (face only) in English while its
// Spanish is pending; thistle does not offer it. It is built once for
// the package (TestBuildFollowsOffers and TestBrowserPendingLanguage read
// the same build, neither writes to it), in a folder TestMain removes.
func offersBuild(t *testing.T) (*Project, string) {
	t.Helper()
	offersOnce.Do(func() {
		// Said by later tests if this one stops here (golden's t.Fatal).
		offersErr = errors.New("stopped in the test that built it first: see its failure")
		root, err := os.MkdirTemp("", "handouts-offers-")
		if err != nil {
			offersErr = err
			return
		}
		sharedDirs.Add(root)
		dir, out := filepath.Join(root, "content"), filepath.Join(root, "out")
		if err := os.CopyFS(dir, os.DirFS(realContent)); err != nil {
			offersErr = err
			return
		}
		files, _ := golden.Tree(t, "testdata/offers.txtar")
		golden.WriteTree(t, dir, files)
		p, err := Load(sources(dir))
		if err == nil {
			_, err = Run(sources(dir), out, Config{})
		}
		offersP, offersOut, offersErr = p, out, err
	})
	if offersErr != nil {
		t.Fatalf("the build with testdata/offers.txtar: %v", offersErr)
	}
	return offersP, offersOut
}

// readIndexData reads the front desk's page's data back.
func readIndexData(t *testing.T, out string) IndexData {
	t.Helper()
	page, err := os.ReadFile(filepath.Join(out, output.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	m := reIndexData.FindSubmatch(page)
	if m == nil {
		t.Fatal("the index has no data")
	}
	var data IndexData
	if err := json.Unmarshal(m[1], &data); err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBuildFollowsOffers: the manifest holds dermaplaning for harbor in
// English on the face only, and nothing of it for thistle or in Spanish;
// microneedling is built as before; the index offers each clinic its own
// treatments and says "English only for now" for harbor's Spanish; check
// warns of the pending Spanish and of thistle's missing offer.
func TestBuildFollowsOffers(t *testing.T) {
	t.Parallel()
	p, out := offersBuild(t)
	derma, micro := map[string]int{}, 0
	for _, e := range readManifest(out).Files {
		switch e.Treatment {
		case "dermaplaning":
			derma[e.Brand+" "+e.Lang+" "+e.Area]++
		case "microneedling":
			micro++
		}
	}
	// 4 skin types × sheet, guide and calendar × PDF and HTML.
	if len(derma) != 1 || derma["harbor en-US face"] != 24 {
		t.Errorf("dermaplaning files = %v, want harbor en-US face: 24 and nothing else", derma)
	}
	if micro != 288 {
		t.Errorf("microneedling files = %d, want 288 (3 brand languages × 16 variants × 3 kinds × PDF and HTML)", micro)
	}
	data := readIndexData(t, out)
	if got := data.Brands["thistle"].Treatments; !slices.Equal(got, []string{"microneedling"}) {
		t.Errorf("index: thistle's treatments = %v, want [microneedling]", got)
	}
	if got := data.Brands["harbor"].Treatments; !slices.Equal(got, []string{"dermaplaning", "microneedling"}) {
		t.Errorf("index: harbor's treatments = %v, want [dermaplaning microneedling]", got)
	}
	want := IndexPending{Lang: "en-US", Note: "English only for now"}
	if got := data.Brands["harbor"].Pending; len(got) != 1 || got["es-US/dermaplaning"] != want {
		t.Errorf("index: harbor's pending = %v, want es-US/dermaplaning: %v", got, want)
	}
	if got := data.Treatments["dermaplaning"].Areas; !slices.Equal(got, []string{"face"}) {
		t.Errorf("index: dermaplaning's areas = %v, want [face]", got)
	}
	for k := range data.Variants {
		if strings.Contains(k, "/dermaplaning/") && !strings.HasPrefix(k, "harbor/en-US/dermaplaning/") || strings.HasSuffix(k, "/dermaplaning/dry/chest-back") {
			t.Errorf("index: variant %s is not offered", k)
		}
	}
	warn := p.Catalog.Warnings().Error()
	for _, w := range []string{
		"content/brands/harbor.yaml:22: treatment dermaplaning is offered in en-US only for now: es-US is pending",
		"content/brands/thistle.yaml:17: clinic thistle does not offer dermaplaning (not under treatments:)",
	} {
		if strings.Count(warn, w) != 1 {
			t.Errorf("check's warnings lack, or repeat, %q:\n%s", w, warn)
		}
	}
}

// TestBrowserPendingLanguage: on the front desk's page, harbor in Spanish
// with dermaplaning shows "English only for now" above the English
// handouts; microneedling in Spanish shows no such line; thistle's
// treatment menu has no dermaplaning, and dermaplaning's area menu only
// the face.
func TestBrowserPendingLanguage(t *testing.T) {
	t.Parallel()
	ctx := browser.Shared(t)
	_, out := offersBuild(t)
	tab := screenLoad(t, ctx, browserFileURL(out, output.IndexName), 1280, 800, false)
	type seen struct {
		Note     string   `json:"note"`
		NoteLang string   `json:"noteLang"`
		Print    string   `json:"print"`
		Title    string   `json:"title"`
		Options  []string `json:"options"` // the visible options of the menu asked for
	}
	look := func(brand, lang, treatment, area, menu string) seen {
		t.Helper()
		js := `(() => {
			const f = document.getElementById('chooser');
			for (const [id, v] of [['brand', ` + jsq(brand) + `], ['lang', ` + jsq(lang) + `], ['treatment', ` + jsq(treatment) + `], ['skin', 'dry'], ['area', ` + jsq(area) + `]]) {
				const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change', {bubbles: true}));
			}
			const n = document.getElementById('pending');
			const vis = el => el.checkVisibility({visibilityProperty: true});
			return {note: vis(n) ? n.textContent : '', noteLang: n.lang,
				print: document.querySelector('#choice .card[data-kind=sheet] a.print').getAttribute('href'),
				title: document.getElementById('choice-title').textContent,
				options: Array.from(document.getElementById(` + jsq(menu) + `).options).filter(o => !o.hidden).map(o => o.value)};
		})()`
		got, err := chromedp.Run(tab, chromedp.Evaluate[seen](js))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := look("harbor", "es-US", "dermaplaning", "face", "area")
	if got.Note != "English only for now" || got.NoteLang != "en-US" || !strings.Contains(got.Print, "dermaplaning") || !strings.Contains(got.Title, "English") {
		t.Errorf("harbor es-US dermaplaning: note %q (lang %s), sheet %s, title %q; want \"English only for now\" (en-US) over the English sheet", got.Note, got.NoteLang, got.Print, got.Title)
	}
	if !slices.Equal(got.Options, []string{"face"}) {
		t.Errorf("dermaplaning's areas = %v, want [face]", got.Options)
	}
	if got := look("harbor", "es-US", "microneedling", "face", "treatment"); got.Note != "" || !strings.Contains(got.Title, "español") {
		t.Errorf("harbor es-US microneedling: note %q, title %q; want no note over the Spanish handouts", got.Note, got.Title)
	}
	if got := look("thistle", "en-GB", "microneedling", "face", "treatment"); !slices.Equal(got.Options, []string{"microneedling"}) {
		t.Errorf("thistle's treatments = %v, want [microneedling]", got.Options)
	}
}

// jsq quotes s for a script.
func jsq(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
