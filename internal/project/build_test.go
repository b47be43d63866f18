package project

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"handouts/fonts"
	"handouts/internal/browser"
	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/internal/output"
	"handouts/internal/pdftest"
	"handouts/internal/racetest"
	"handouts/layouts"
)

const realContent = "../../content"

func sources(dir string) Sources {
	return Sources{Content: os.DirFS(dir), ContentName: "content", Layouts: layouts.FS, LayoutsName: "layouts", Fonts: fonts.FS, FontsName: "fonts"}
}

var (
	matrixOnce sync.Once
	matrixDir  string
	matrixErr  error
)

// builtMatrix builds the real content once for the tests of this package.
func builtMatrix(t *testing.T) (string, output.Manifest) {
	t.Helper()
	matrixOnce.Do(func() {
		matrixDir, matrixErr = os.MkdirTemp("", "handouts-matrix-")
		if matrixErr == nil {
			_, matrixErr = Run(sources(realContent), matrixDir, Config{})
		}
	})
	if matrixErr != nil {
		t.Fatalf("build: %v", matrixErr)
	}
	return matrixDir, readManifest(matrixDir)
}

// raceSkip are the tests left out under the race detector when neither
// -run nor -skip chooses, so that the race run keeps to this package's
// concurrent paths: the build's workers and shards, concurrent builds, the
// cache and the write path, which the tests not named here take, on small
// fixtures and the real content. Left out: the tests that render the real
// content whole, often several times over (hundreds of PDFs, poppler
// reading them back), which under -race take more than ten minutes on 2
// cores; the incremental build's slower steps, whose concurrent paths the
// remaining cache and shard tests take; every test that drives Chromium
// (the race detector sees only this process, where a browser test's work is
// waiting on the browser); and the tests that compile the command with go
// build (the program they run has no race detector in it either way).
// make test runs them without the race detector (racetest.RaceRan). Any
// new test runs under -race: a test is left out only by being named
// here (TestRaceSkipNamesTests keeps the names true).
var raceSkip = []string{
	"TestBritishSpelling", "TestBrowserFrontDesk", "TestBrowserHTML", "TestBrowserPageBreak",
	"TestBrowserPendingLanguage", "TestBrowserPhoneChecklist", "TestBrowserScreens",
	"TestBuildFollowsOffers", "TestBuildWithoutNetwork", "TestCacheCorruptedInPlace",
	"TestCacheRecordEdited", "TestCalendarCommandPDF", "TestCalendarForThePen",
	"TestCalendarHTMLSaysWhatThePDFSays", "TestCalendarICS", "TestCalendarPDFFillsThePage",
	"TestCheckPersonalCopy", "TestCommandWritePhase", "TestDatedCalendar", "TestDefaultBuildHashes",
	"TestDeterministic", "TestEmailSizes", "TestFreshRecordsNeedNoHashing", "TestGuideSections",
	"TestHTMLSelfContained", "TestHTMLSizes", "TestIncrementalMatchesClean", "TestIndexLanguages",
	"TestLoadCopyRealContent", "TestManifest", "TestNewTreatmentIsContentOnly",
	"TestNoChangeLoadsNothing", "TestOffersBuildHashes", "TestOtherLanguageLine",
	"TestOtherProgramRendersAll", "TestPDFReadback", "TestPageModelMatrix", "TestPersonalMasthead",
	"TestPhoneNumbersWhole", "TestPublishedFileChangedByHand", "TestQRCode", "TestReadingLevel",
	"TestRespelling", "TestReviewLineEveryPage", "TestShardsFromOtherContent",
	"TestSheetAgreesWithCalendar", "TestSheetAndCalendarPDFsAgree", "TestSpanishDatedCalendar",
	"TestStaleReviews", "TestTaggedPDFs", "TestTemporaryFilesOfEarlierVersions",
	"TestTranslationsCoverSource", "TestUpToDateChecksManifestBytes", "TestVariantBlocks",
	"TestVariantDifferences",
}

func TestMain(m *testing.M) {
	code := racetest.Main(m, "handouts/internal/project", raceSkip)
	if matrixDir != "" {
		os.RemoveAll(matrixDir)
	}
	sharedDirs.removeAll()
	browser.CloseShared()
	os.Exit(code)
}

// TestRaceSkipNamesTests: raceSkip names tests of this package, each once,
// in order.
func TestRaceSkipNamesTests(t *testing.T) { racetest.CheckNames(t, raceSkip) }

// TestManifest: a PDF and an HTML sheet for every brand × language ×
// skin × area, each entry true to its file.
func TestManifest(t *testing.T) {
	dir, m := builtMatrix(t)
	c := loadCatalog(t).Catalog
	count := map[string]int{}
	langs := map[string]int{}
	for _, e := range m.Files {
		count[string(e.Kind)+"/"+string(e.Format)]++
		langs[e.Brand+"/"+e.Lang]++
		data, err := os.ReadFile(filepath.Join(dir, e.Path))
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != e.SHA256 || len(data) != e.Bytes {
			t.Errorf("%s: sha256 %s, %d bytes; manifest says %s, %d", e.Path, got, len(data), e.SHA256, e.Bytes)
		}
		want := fmt.Sprintf("%s/%s/%s/%s-%s/%s.%s", e.Brand, e.Lang, e.Treatment, e.Skin, e.Area, e.Kind, e.Format)
		if e.Path != want {
			t.Errorf("path %s, want %s", e.Path, want)
		}
		if (e.Format == "pdf") != (e.Pages > 0) {
			t.Errorf("%s: pages = %d", e.Path, e.Pages)
		}
		if want := map[string]string{"harbor": "letter", "thistle": "a4"}[e.Brand]; e.Paper != want {
			t.Errorf("%s: paper %s, want %s", e.Path, e.Paper, want)
		}
	}
	for _, k := range []string{"sheet/pdf", "sheet/html", "guide/pdf", "guide/html", "calendar/pdf", "calendar/html"} {
		if count[k] != 3*4*4 {
			t.Errorf("%s files = %d, want 48 (3 brand languages × 4 skin types × 4 areas)", k, count[k])
		}
	}
	// Every language each brand offers, and no other.
	for _, b := range c.Brands {
		for _, tag := range b.Languages {
			if n := langs[b.ID+"/"+tag]; n != 6*4*4 {
				t.Errorf("%s in %s: %d files, want 96", b.ID, tag, n)
			}
			delete(langs, b.ID+"/"+tag)
		}
	}
	if len(langs) > 0 {
		t.Errorf("files in languages no brand offers: %v", langs)
	}
	if got := fmt.Sprint(c.Brand("harbor").Languages, c.Brand("thistle").Languages); got != "[en-US es-US] [en-GB]" {
		t.Errorf("shipped languages = %s, want harbor in English and Spanish, thistle in British English", got)
	}
	if _, err := os.Stat(filepath.Join(dir, output.IndexName)); err != nil {
		t.Error(err)
	}
}

// TestPDFReadback reads every PDF back with poppler: page count and size,
// embedded fonts, the clinic phone on every page, "Page X of N", the area
// label, and the sheet's page limit. Each file is a parallel subtest, read
// with three poppler processes (pdfinfo, pdffonts, and pdftotext, whose
// layout text, split at form feeds, gives the pages: matrixText).
func TestPDFReadback(t *testing.T) {
	t.Parallel()
	golden.RequireTool(t, "pdftotext", "poppler-utils")
	dir, m := builtMatrix(t)
	c := loadCatalog(t).Catalog
	// Words every sheet says, by language.
	sheetWords := map[string][]string{
		"en": {"SPF 30", "48 hours", "hyaluronic acid", "retinoid", "fever"},
		"es": {"SPF 30", "48 horas", "ácido hialurónico", "retinoides", "fiebre"},
	}
	for _, e := range m.Files {
		if e.Format != "pdf" {
			continue
		}
		env, err := c.EnvIn(e.Brand, e.Lang, e.Treatment, e.Skin, e.Area)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(e.Path, func(t *testing.T) {
			t.Parallel()
			readBack(t, filepath.Join(dir, e.Path), e, env, c.Brand(e.Brand), sheetWords)
		})
	}
}

// readBack is TestPDFReadback's checks of one PDF.
func readBack(t *testing.T, path string, e output.Entry, env content.Env, b *content.Brand, sheetWords map[string][]string) {
	l := env.Lang
	info := runMatrix(t, "pdfinfo", path)
	if !strings.Contains(info, fmt.Sprintf("Pages:           %d\n", e.Pages)) {
		t.Errorf("%s: pdfinfo pages differ from manifest (%d):\n%s", e.Path, e.Pages, info)
	}
	size := map[string]string{"letter": "612 x 792 pts (letter)", "a4": "595.28 x 841.89 pts (A4)"}[e.Paper]
	if e.Kind == "calendar" { // landscape
		size = map[string]string{"letter": "792 x 612 pts (letter)", "a4": "841.89 x 595.28 pts (A4)"}[e.Paper]
	}
	if !strings.Contains(info, "Page size:       "+size) {
		t.Errorf("%s: page size is not %s:\n%s", e.Path, size, info)
	}
	fontsOut := pdftest.Run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(fontsOut), "\n")[2:]
	if len(lines) == 0 {
		t.Errorf("%s: no fonts", e.Path)
	}
	for _, l := range lines {
		if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("%s: font not embedded as a subset: %s", e.Path, l)
		}
	}
	all := matrixText(t, path)
	pages := golden.SplitPages(all)
	if len(pages) != e.Pages {
		t.Errorf("%s: pdftotext read %d pages, the manifest says %d", e.Path, len(pages), e.Pages)
	}
	for i, text := range pages {
		p := i + 1
		for _, want := range []string{b.Contact.Phone, fmt.Sprintf(l.Page, p, e.Pages)} {
			if !strings.Contains(text, want) {
				t.Errorf("%s page %d lacks %q", e.Path, p, want)
			}
		}
	}
	for _, want := range []string{env.Area.Label, env.Skin.Label, b.Contact.AfterHours} {
		if !strings.Contains(all, want) {
			t.Errorf("%s lacks %q", e.Path, want)
		}
	}
	if e.Kind == "sheet" && e.Pages > 2 {
		t.Errorf("%s: %d pages, a sheet must fit on 2", e.Path, e.Pages)
	}
	if e.Kind == "sheet" {
		for _, want := range sheetWords[l.Base] {
			if !strings.Contains(strings.Join(strings.Fields(all), " "), want) {
				t.Errorf("%s lacks %q", e.Path, want)
			}
		}
	}
	if e.Kind == "calendar" {
		if e.Pages != 1 {
			t.Errorf("%s: %d pages, a calendar must be one", e.Path, e.Pages)
		}
		text := strings.Join(pages, "\f")
		day := strings.TrimSpace(strings.ReplaceAll(l.DayN, "%d", ""))
		// The header's "Day" and the days' numbers (the legend of the
		// boxes' marks may come before them on the line).
		found := false
		for _, nums := range regexp.MustCompile(`(?m)`+day+`\s+((?:\d+\s+)+)`).FindAllStringSubmatch(text, -1) {
			found = found || strings.Join(strings.Fields(nums[1]), " ") == "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14"
		}
		if !found {
			t.Errorf("%s: no day header of days 0 to 14", e.Path)
		}
	}
}

func loadCatalog(t *testing.T) *Project {
	t.Helper()
	p, err := Load(sources(realContent))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// resource references: src, CSS url() and <link href>; plain <a href>
// links to the clinic's website are not loaded.
var reResource = regexp.MustCompile(`(?i)(src\s*=\s*["']?|url\(\s*["']?|<link[^>]*href\s*=\s*["']?)(https?:|//)`)

func TestHTMLSelfContained(t *testing.T) {
	dir, m := builtMatrix(t)
	for _, e := range m.Files {
		if e.Format != "html" {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Path))
		if loc := reResource.FindIndex(data); loc != nil {
			t.Errorf("%s loads a network resource: %s", e.Path, data[loc[0]:min(loc[1]+40, len(data))])
		}
		for _, bad := range []string{"<script src", "{{", "::: "} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s contains %q", e.Path, bad)
			}
		}
	}
}

// TestVariantBlocks: a sentence from each skin type's block appears in
// that skin type's sheets and in no other; likewise for areas; in English
// and in Spanish.
func TestVariantBlocks(t *testing.T) {
	dir, m := builtMatrix(t)
	for _, file := range []string{"sheet.md", "sheet.es.md"} {
		base := "en"
		if file == "sheet.es.md" {
			base = "es"
		}
		variantBlocks(t, dir, m, file, base)
	}
}

func variantBlocks(t *testing.T, dir string, m output.Manifest, file, base string) {
	src, err := os.ReadFile(filepath.Join(realContent, "treatments/microneedling", file))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile(`(?m)^::: if (skin|area)=([a-z-]+)\n([\p{L} ,]+)`).FindAllStringSubmatch(string(src), -1)
	if len(blocks) < 8 {
		t.Fatalf("found %d single-condition blocks in %s, want one per skin type and area", len(blocks), file)
	}
	for _, bl := range blocks {
		axis, id := bl[1], bl[2]
		words := strings.Fields(bl[3])
		phrase := strings.Join(words[:min(4, len(words))], " ")
		for _, e := range m.Files {
			if e.Kind != "sheet" || e.Format != "html" || !strings.HasPrefix(e.Lang, base+"-") {
				continue
			}
			data, _ := os.ReadFile(filepath.Join(dir, e.Path))
			want := (axis == "skin" && e.Skin == id) || (axis == "area" && e.Area == id)
			if got := bytes.Contains(data, []byte(phrase)); got != want {
				t.Errorf("%s: %q (from the %s=%s block) shown = %v, want %v", e.Path, phrase, axis, id, got, want)
			}
		}
	}
}

// TestDeterministic: two builds of the same input are byte-identical
// (one clinic's files, in both its languages, built again on one worker
// and compared with the package's build of the matrix).
func TestDeterministic(t *testing.T) {
	t.Parallel()
	dir, m := builtMatrix(t)
	other := t.TempDir()
	if _, err := Run(sources(realContent), other, Config{Jobs: 1, Brands: []string{"harbor"}}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range m.Files {
		if e.Brand != "harbor" {
			continue
		}
		n++
		a, _ := os.ReadFile(filepath.Join(dir, e.Path))
		b, _ := os.ReadFile(filepath.Join(other, e.Path))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between builds", e.Path)
		}
	}
	if got := len(readManifest(other).Files); got != n || n == 0 {
		t.Errorf("the second build made %d files, want harbor's %d", got, n)
	}
}

// TestDefaultBuildHashes: the default build of the real content (what
// `handouts build -content content` makes) is byte for byte the one
// recorded in testdata/TestDefaultBuildHashes.golden, every file with its
// SHA-256 in the form of sha256sum, the manifest, the index and the marker
// among them (not the cache's records, which name inodes and the program).
// A change to the code that should not change the output (a restructuring,
// a faster engine) must leave it as it is; a change that should (an edit of
// the content, the layouts or the renderers) rewrites it with
// go test ./internal/project -run TestDefaultBuildHashes -update, and the
// diff of the list names every file that changed. The same list, from the
// command: handouts build -clean -content content -out DIR, then in DIR:
// find . -type f ! -path ./.cache/records | LC_ALL=C sort | xargs sha256sum
func TestDefaultBuildHashes(t *testing.T) {
	t.Parallel()
	dir, _ := builtMatrix(t)
	golden.Check(t, buildHashes(t, dir))
}

// TestOffersBuildHashes holds the build of the offers fixture
// (testdata/offers.txtar laid over the real content: a second treatment,
// offered by one clinic, in one language) to its recorded list, as
// TestDefaultBuildHashes holds the default build; -update rewrites it.
func TestOffersBuildHashes(t *testing.T) {
	_, out := offersBuild(t)
	golden.Check(t, buildHashes(t, out))
}

// buildHashes lists every file of the output folder dir with its SHA-256,
// as sha256sum writes them, sorted by path; the cache's records (inodes,
// the program's digest) are left out.
func buildHashes(t *testing.T, dir string) []byte {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel = filepath.ToSlash(rel); rel == output.RecordsName {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%x  ./%s", sha256.Sum256(data), rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
	return []byte(strings.Join(lines, "\n") + "\n")
}

func copyContent(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(realContent)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestFailedBuildLeavesOutput: bad content changes nothing in output/.
func TestFailedBuildLeavesOutput(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	if _, err := Run(ct.sources(), out, Config{Brands: []string{"acme"}}); err != nil {
		t.Fatal(err)
	}
	before := golden.Snapshot(t, out)
	ct.edit(t, "content/brands/acme.yaml", "", "colour: red\n")
	_, err := Run(ct.sources(), out, Config{})
	if err == nil || !strings.Contains(err.Error(), `content/brands/acme.yaml:`) || !strings.Contains(err.Error(), `unknown key "colour"`) {
		t.Fatalf("Run error = %v, want unknown key with file:line", err)
	}
	after := golden.Snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after a failed build, %d before", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed after a failed build", k)
		}
	}
}

// TestStaleFilesRemoved: files an earlier build made and this one does not
// are removed; files the tool did not make stay.
func TestStaleFilesRemoved(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	if _, err := Run(ct.sources(), out, Config{}); err != nil {
		t.Fatal(err)
	}
	perBrand := map[string]int{}
	for _, e := range readManifest(out).Files {
		perBrand[e.Brand]++
	}
	mine := filepath.Join(out, "notes.txt")
	os.WriteFile(mine, []byte("front desk notes"), 0o644)
	s, err := Run(ct.sources(), out, Config{Brands: []string{"acme"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Removed != perBrand["beta"] || s.Removed == 0 {
		t.Errorf("removed %d files, want %d (beta's)", s.Removed, perBrand["beta"])
	}
	if _, err := os.Stat(filepath.Join(out, "beta")); !os.IsNotExist(err) {
		t.Errorf("beta/ still exists: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file the tool did not make was removed: %v", err)
	}
	var m output.Manifest
	data, _ := os.ReadFile(filepath.Join(out, output.ManifestName))
	json.Unmarshal(data, &m)
	if len(m.Files) != perBrand["acme"] {
		t.Errorf("manifest lists %d files, want %d", len(m.Files), perBrand["acme"])
	}
}

// TestConcurrentBuilds: two builds into one folder at once leave a
// consistent manifest.
func TestConcurrentBuilds(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	perBrand := map[string]int{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, brands := range [][]string{{"acme"}, {"beta"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Run(ct.sources(), out, Config{Brands: brands, Jobs: 1})
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			perBrand[brands[0]] = s.Files
			mu.Unlock()
		}()
	}
	wg.Wait()
	m := readManifest(out)
	brand := m.Files[0].Brand
	if len(m.Files) != perBrand[brand] {
		t.Fatalf("manifest lists %d files, want %d (the last build's, %s)", len(m.Files), perBrand[brand], brand)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.IsDir() && e.Name() != brand && e.Name() != path.Dir(output.RecordsName) {
			t.Errorf("folder %s left beside the last build's %s", e.Name(), brand)
		}
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
}

// matrixReads holds, by command line, what a reader printed for a file of
// the package's build of the matrix (matrixRead).
var matrixReads sync.Map // string -> *matrixReadResult

type matrixReadResult struct {
	once sync.Once
	out  []byte
	err  error
}

// matrixRead runs a reader (pdfinfo, pdftotext) on a file of builtMatrix's
// folder, as name file args..., once for the package, its output and
// error shared by every test that runs the same command line: several
// tests read the same 144 PDFs back (TestPDFReadback, TestTaggedPDFs,
// TestOtherLanguageLine, TestBritishSpelling), and those files do not
// change once built. name is the program's name or path (its base name
// keys it); file must be under the matrix's folder, where nothing is
// written again.
func matrixRead(name, file string, args ...string) ([]byte, error) {
	if matrixDir == "" || !strings.HasPrefix(file, matrixDir+string(filepath.Separator)) {
		panic("matrixRead: " + file + " is not a file of the package's build of the matrix")
	}
	key := strings.Join(append([]string{filepath.Base(name), file}, args...), "\x00")
	v, _ := matrixReads.LoadOrStore(key, &matrixReadResult{})
	r := v.(*matrixReadResult)
	r.once.Do(func() {
		r.out, r.err = exec.Command(name, append([]string{file}, args...)...).CombinedOutput()
	})
	return r.out, r.err
}

// matrixText is the text of a PDF of the package's build of the matrix as
// pdftotext -layout reads it, pages ending in form feeds: one pdftotext
// run per file for every test that reads the matrix's text (matrixRead).
// Layout mode keeps each line's words in their order on the line and
// lines in their order on the page, as the calendar's day header needs; a
// test that looks for a phrase joins the text's words (plain).
func matrixText(t *testing.T, path string) string {
	t.Helper()
	return runMatrix(t, "pdftotext", path, "-layout", "-")
}

// runMatrix is run for a file of the package's build of the matrix, read
// once for the package (matrixRead), failing t as run would.
func runMatrix(t *testing.T, name, file string, args ...string) string {
	t.Helper()
	out, err := matrixRead(name, file, args...)
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, append([]string{file}, args...), err, out)
	}
	return string(out)
}

// sharedDirs are the folders of fixtures built once for the package
// (offersBuild), which TestMain removes when every test has run.
var sharedDirs dirList

type dirList struct {
	mu   sync.Mutex
	dirs []string
}

func (l *dirList) Add(dir string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.dirs = append(l.dirs, dir)
}

func (l *dirList) removeAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.dirs {
		os.RemoveAll(d)
	}
}
