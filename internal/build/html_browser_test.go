package build

import (
	"encoding/json"
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

	"github.com/chromedp/chromedp"

	"handouts/fonts"
	"handouts/internal/browser"
	"handouts/layouts"
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
	out := t.TempDir()
	src := Sources{
		Content: os.DirFS("../../content"), ContentName: "content",
		Layouts: layouts.FS, LayoutsName: "layouts",
		Fonts: fonts.FS, FontsName: "fonts",
	}
	if _, err := Run(src, out, Config{}); err != nil {
		t.Fatalf("building ../../content: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", ManifestName, err)
	}
	return out, m
}

// browserFileURL is the file:// URL of a file in the output folder.
func browserFileURL(out, rel string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, filepath.FromSlash(rel)))}).String()
}

// browserLoad opens u in the tab and fails the test on a console error or
// on a request for anything but a local file or a data: URI.
func browserLoad(t *testing.T, tab interface{ Done() <-chan struct{} }, u string) {
	t.Helper()
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
		if (e.Kind == "sheet" && e.Area == browserSheetArea[e.Brand]) ||
			(e.Kind == "guide" && e.Skin+"-"+e.Area == browserGuideVariant[e.Brand]) {
			sample = append(sample, e)
			count[e.Brand+" "+e.Kind]++
		}
	}
	for b := range browserBrands {
		for _, k := range []string{"sheet", "guide"} {
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
					for i, got := range browserPageSizes(t, pdfinfo, pdf) {
						if math.Abs(got[0]-size[0]) > browserPaperSlack || math.Abs(got[1]-size[1]) > browserPaperSlack {
							t.Errorf("page %d: got %g x %g pts, want %g x %g pts (%s)", i+1, got[0], got[1], size[0], size[1], want.paper)
						}
					}
				})
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
// file, and that every file in the manifest is linked.
func browserIndexLinks(t *testing.T, tab interface{ Done() <-chan struct{} }, out string, m Manifest) {
}
