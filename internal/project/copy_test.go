package project

import (
	"bytes"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/layouts"
)

// copyTree writes the shared small content tree (one brand, acme, with
// its sheet), with extra appended to the sheet and archives laid over it,
// and returns its folder.
func copyTree(t *testing.T, extra string, archives ...string) string {
	t.Helper()
	files, _ := golden.Tree(t, append([]string{"../content/testdata/base.txtar"}, archives...)...)
	const sheet = "treatments/microneedling/sheet.md"
	files[sheet] = append(files[sheet], extra...)
	dir := t.TempDir()
	golden.WriteTree(t, dir, files)
	return dir
}

// TestLoadCopyChecksItsVariant: LoadCopy checks the handouts' text as the
// copy's variant shows it, not every variant's: a section empty for dry
// skin fails Load (check, build) and a dry-skin copy, while an oily-skin
// copy is made.
func TestLoadCopyChecksItsVariant(t *testing.T) {
	t.Parallel()
	dir := copyTree(t, "\n## Oily notes\n\n::: if skin=oily\nOily text.\n:::\n")
	const want = `section "Oily notes" has nothing under it`
	if _, err := Load(sources(dir)); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Load = %v, want the empty section for dry skin", err)
	}
	if _, err := LoadCopy(sources(dir), Copy{Brand: "acme", Skin: "dry", Areas: []string{"face"}}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("LoadCopy for dry skin = %v, want the empty section", err)
	}
	p, err := LoadCopy(sources(dir), Copy{Brand: "acme", Skin: "oily", Areas: []string{"face"}})
	if err != nil {
		t.Fatalf("LoadCopy for oily skin = %v, want its copy made", err)
	}
	env, err := p.Catalog.Env("acme", "microneedling", "oily", "face")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Render(Request{Env: env, Kind: "sheet", Format: "pdf"}); err != nil {
		t.Errorf("rendering the oily-skin copy: %v", err)
	}
}

// TestLoadCopyMakesTheSameFiles: what a project from LoadCopy renders is
// byte for byte what one from Load renders, in every format and language,
// dated and with a name.
func TestLoadCopyMakesTheSameFiles(t *testing.T) {
	t.Parallel()
	dir := copyTree(t, "", "../content/testdata/es.txtar")
	whole, err := Load(sources(dir))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		lang, skin, area, kind, format string
	}{
		{"", "dry", "face", "sheet", "pdf"},
		{"", "oily", "chest-back", "sheet", "html"},
		{"es-US", "dry", "face", "sheet", "pdf"},
		{"es-US", "oily", "chest-back", "sheet", "html"},
	} {
		p, err := LoadCopy(sources(dir), Copy{Brand: "acme", Lang: c.lang, Skin: c.skin, Areas: []string{c.area}})
		if err != nil {
			t.Fatalf("%v: LoadCopy: %v", c, err)
		}
		sameAsWhole(t, whole, p, "acme", c.lang, c.skin, c.area, c.kind, c.format, start, true)
	}
}

// sameAsWhole fails the test when copy renders the variant's kind and
// format, dated start (with its time when hasTime) and for a patient, other
// than whole does, byte for byte.
func sameAsWhole(t *testing.T, whole, copy *Project, brand, lang, skin, area, kind, format string, start time.Time, hasTime bool) {
	t.Helper()
	var files [2][]byte
	for i, proj := range []*Project{whole, copy} {
		env, err := proj.Catalog.EnvIn(brand, lang, "microneedling", skin, area)
		if err != nil {
			t.Fatal(err)
		}
		env.Start, env.HasTime = start, hasTime
		r, err := proj.Render(Request{Env: env, Kind: content.Kind(kind), Format: content.Format(format), Patient: "Ana"})
		if err != nil {
			t.Fatalf("%s %s %s-%s %s.%s: %v", brand, lang, skin, area, kind, format, err)
		}
		files[i] = r.Data
	}
	if len(files[0]) == 0 || !bytes.Equal(files[0], files[1]) {
		t.Errorf("%s %s %s-%s %s.%s: LoadCopy's file (%d bytes) differs from Load's (%d bytes)", brand, lang, skin, area, kind, format, len(files[1]), len(files[0]))
	}
}

// TestLoadCopyRealContent: on the shipped content, every kind a one-off
// makes (sheet, guide, calendar; PDF, HTML and the calendar's .ics), in
// each brand's languages, comes out of LoadCopy as it comes out of Load.
func TestLoadCopyRealContent(t *testing.T) {
	t.Parallel()
	whole := loadCatalog(t)
	start := time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC) // -date, no -time
	for _, c := range []struct {
		brand, lang, skin, area, kind, format string
	}{
		{"harbor", "", "dry", "face", "sheet", "pdf"},
		{"harbor", "es-US", "oily", "face", "guide", "pdf"},
		{"thistle", "", "sensitive", "face", "calendar", "pdf"},
		{"harbor", "en-US", "dry", "face", "calendar", "html"},
		{"harbor", "es-US", "dry", "face", "calendar", "ics"},
		{"thistle", "", "dry", "face", "sheet", "html"},
	} {
		p, err := LoadCopy(sources(realContent), Copy{Brand: c.brand, Lang: c.lang, Treatments: []string{"microneedling"}, Skin: c.skin, Areas: []string{c.area}})
		if err != nil {
			t.Fatalf("%v: LoadCopy: %v", c, err)
		}
		sameAsWhole(t, whole, p, c.brand, c.lang, c.skin, c.area, c.kind, c.format, start, false)
	}
}

// TestLoadCopyReadsAheadInOrder: a copy's style, fonts and templates are
// read while its content loads, and their problems are reported as a
// whole-library load reports them: the style sheet's, after the content's.
func TestLoadCopyReadsAheadInOrder(t *testing.T) {
	t.Parallel()
	lay := layoutsCopy(t)
	lay["pdf/acme.yaml"] = &fstest.MapFile{Data: []byte("margins: wide\n")}
	c := Copy{Brand: "acme", Skin: "dry", Areas: []string{"face"}, Kinds: []content.Kind{content.KindSheet}}
	src := sources(copyTree(t, ""))
	src.Layouts = lay
	_, want := Load(src)
	_, got := LoadCopy(src, c)
	if want == nil || got == nil || got.Error() != want.Error() || !strings.Contains(got.Error(), "layouts/pdf/acme.yaml") {
		t.Errorf("LoadCopy = %v, want Load's %v, naming layouts/pdf/acme.yaml", got, want)
	}
	src = sources(copyTree(t, "\n::: if skin=dri\nText.\n:::\n"))
	src.Layouts = lay
	if _, err := LoadCopy(src, c); err == nil || !strings.Contains(err.Error(), `unknown skin "dri"`) || strings.Contains(err.Error(), "acme.yaml") {
		t.Errorf("LoadCopy with broken content and style = %v, want the content's problem first", err)
	}
}

// TestLoadCopyWebOnFirstUse: a copy's project reads the HTML templates
// the first time it makes a page, not for a PDF: with a broken page
// template, Load (check, build) fails, a copy's PDF is made, and the same
// copy's HTML page fails with Load's error.
func TestLoadCopyWebOnFirstUse(t *testing.T) {
	t.Parallel()
	lay := layoutsCopy(t)
	lay["html/page.tmpl"] = &fstest.MapFile{Data: []byte("{{if}}\n")}
	src := sources(copyTree(t, ""))
	src.Layouts = lay
	_, want := Load(src)
	if want == nil {
		t.Fatal("Load with a broken page template succeeded")
	}
	p, err := LoadCopy(src, Copy{Brand: "acme", Skin: "dry", Areas: []string{"face"}})
	if err != nil {
		t.Fatalf("LoadCopy = %v, want the copy loaded (its PDF needs no template)", err)
	}
	env, err := p.Catalog.Env("acme", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	if p.html != nil {
		t.Error("a copy's project parsed the HTML templates before any page was asked for")
	}
	if r, err := p.Render(Request{Env: env, Kind: "sheet", Format: "pdf"}); err != nil || len(r.Data) == 0 {
		t.Errorf("the copy's PDF: %v", err)
	}
	if p.html != nil {
		t.Error("a copy's PDF parsed the HTML templates")
	}
	if _, err := p.Render(Request{Env: env, Kind: "sheet", Format: "html"}); err == nil || err.Error() != want.Error() {
		t.Errorf("the copy's page: %v, want Load's %v", err, want)
	}
	if _, err := p.HTML(); err == nil || err.Error() != want.Error() {
		t.Errorf("HTML() = %v, want Load's %v", err, want)
	}
}

// countFS counts the files opened in an fs.FS.
type countFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestTypefaceFromPrintFonts: the HTML pages' typeface is cut from the
// bytes the print fonts were read in: a copy that makes its PDF and its
// page reads each font file once.
func TestTypefaceFromPrintFonts(t *testing.T) {
	t.Parallel()
	src := sources(copyTree(t, ""))
	cf := &countFS{FS: src.Fonts, opened: map[string]int{}}
	src.Fonts = cf
	p, err := LoadCopy(src, Copy{Brand: "acme", Skin: "dry", Areas: []string{"face"}})
	if err != nil {
		t.Fatal(err)
	}
	env, err := p.Catalog.Env("acme", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []content.Format{content.FormatPDF, content.FormatHTML} {
		if _, err := p.Render(Request{Env: env, Kind: "sheet", Format: format}); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
	}
	if p.typefaces["acme"] == nil {
		t.Fatal("no typeface for acme")
	}
	fonts := 0
	for name, n := range cf.opened {
		if !strings.HasSuffix(name, ".ttf") {
			continue
		}
		fonts++
		if n != 1 {
			t.Errorf("%s opened %d times, want once", name, n)
		}
	}
	if fonts == 0 {
		t.Fatal("no font file opened")
	}
}

// layoutsCopy returns the built-in layouts as a map a test can change.
func layoutsCopy(t *testing.T) fstest.MapFS { return golden.MapFS(golden.Files(t, layouts.FS)) }
