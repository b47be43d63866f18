package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/internal/golden"
)

func loadBase(t *testing.T) *Catalog {
	t.Helper()
	files, _ := golden.Tree(t, "testdata/base.txtar")
	c, err := Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatalf("Load(base) = %v", err)
	}
	return c
}

// TestErrors loads each broken tree in testdata/errors (laid over
// testdata/base.txtar) and checks the exact message, with file and line.
func TestErrors(t *testing.T) {
	cases, _ := filepath.Glob("testdata/errors/*.txtar")
	if len(cases) < 30 {
		t.Fatalf("only %d error cases; the corpus should hold at least 30", len(cases))
	}
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			files, want := golden.Tree(t, "testdata/base.txtar", path)
			_, err := Load(golden.MapFS(files), "content")
			if err == nil {
				t.Fatalf("Load = nil error, want %q", strings.TrimSpace(want))
			}
			if got := err.Error(); got != strings.TrimSpace(want) {
				t.Errorf("Load error =\n%s\nwant\n%s", got, strings.TrimSpace(want))
			}
		})
	}
}

func TestLoadBase(t *testing.T) {
	c := loadBase(t)
	if got := len(c.Brands); got != 1 {
		t.Fatalf("brands = %d, want 1", got)
	}
	if got, want := ids(c.Skins), "dry,oily"; strings.Join(got, ",") != want {
		t.Errorf("skins = %v, want %s (by order:)", got, want)
	}
	if got, want := ids(c.Areas), "chest-back,face"; strings.Join(got, ",") != want {
		t.Errorf("areas = %v, want %s (by id when order is equal)", got, want)
	}
	b := c.Brands[0]
	if len(b.LogoPNG) == 0 {
		t.Error("logo bytes not loaded")
	}
	h := c.Treatments[0].Handout("sheet")
	if h == nil || h.BodyLine != 9 {
		t.Fatalf("sheet body line = %v, want 9", h)
	}
}

func resolve(t *testing.T, c *Catalog, skin, area string, mod func(*Env)) *Resolved {
	t.Helper()
	env, err := c.Env("acme", "microneedling", skin, area)
	if err != nil {
		t.Fatal(err)
	}
	if mod != nil {
		mod(&env)
	}
	r, err := c.Treatments[0].Handout("sheet").Resolve(env, false)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestConditions: a block for one skin type appears in its sheets and in
// no other; a block with two conditions needs both.
func TestConditions(t *testing.T) {
	c := loadBase(t)
	tests := []struct {
		skin, area string
		dry, oily  bool
	}{
		{"dry", "face", true, false},
		{"dry", "chest-back", true, false},
		{"oily", "face", false, false},
		{"oily", "chest-back", false, true},
	}
	for _, tt := range tests {
		src := string(resolve(t, c, tt.skin, tt.area, nil).Source)
		if got := strings.Contains(src, "Dry skin only"); got != tt.dry {
			t.Errorf("%s/%s: dry block shown = %v, want %v", tt.skin, tt.area, got, tt.dry)
		}
		if got := strings.Contains(src, "Oily chest only"); got != tt.oily {
			t.Errorf("%s/%s: oily chest block shown = %v, want %v", tt.skin, tt.area, got, tt.oily)
		}
		if strings.Contains(src, "::: if") || strings.Contains(src, "{{") {
			t.Errorf("%s/%s: directives left in output:\n%s", tt.skin, tt.area, src)
		}
	}
}

// TestPlaceholders checks values, escaping, links and rule windows, dated
// and undated, with brand and patient overrides.
func TestPlaceholders(t *testing.T) {
	c := loadBase(t)
	start := time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		mod  func(*Env)
		want []string
	}{
		{"undated", nil, []string{
			"Call [(207) 555-0100](tel:2075550100) with questions about your AcmeGlow Microneedling.",
			"Dry skin only: Use serum at noon too.",
			"Skip actives for 7 days. Add one product from day 5.",
		}},
		{"dated", func(e *Env) { e.Start = start.Truncate(24 * time.Hour) }, []string{
			"Skip actives until Friday, March 20. Add one product from Wednesday, March 18.",
		}},
		{"patient override", func(e *Env) { e.Overrides = map[string]Offset{"no-actives": {Hours: 240, Unit: 'd'}} }, []string{
			"Skip actives for 10 days.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.ReplaceAll(string(resolve(t, c, "dry", "face", tt.mod).Source), "\u00a0", " ")
			for _, w := range tt.want {
				if !strings.Contains(src, w) {
					t.Errorf("resolved source lacks %q:\n%s", w, src)
				}
			}
		})
	}
	// The brand shortens no-makeup to 24h; a dated copy with a time ends at a clock time.
	r := resolve(t, c, "dry", "face", func(e *Env) { e.Start, e.HasTime = start, true })
	if got, want := strings.ReplaceAll(r.Summary[0], "\u00a0", " "), "No makeup until Saturday, March 14 at 10:30 AM."; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

// TestLineMap: lines of the resolved source map back to file lines.
func TestLineMap(t *testing.T) {
	c := loadBase(t)
	r := resolve(t, c, "oily", "face", nil)
	lines := strings.Split(string(r.Source), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "Skip actives") {
			if got := r.FileLine(i + 1); got != 20 {
				t.Errorf("FileLine(%d) = %d, want 20", i+1, got)
			}
			return
		}
	}
	t.Fatal("line not found")
}

func TestParseOffset(t *testing.T) {
	tests := []struct {
		in      string
		hours   int
		wantErr string
	}{
		{"48h", 48, ""}, {"7d", 168, ""}, {"2w", 336, ""}, {"0", 0, ""},
		{"-1h", 0, "negative"}, {"3m", 0, "unit"}, {"h", 0, "whole number"}, {"1.5d", 0, "whole number"},
		{"9999d", 0, "longer than a year"},
	}
	for _, tt := range tests {
		got, err := ParseOffset(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseOffset(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Hours != tt.hours {
			t.Errorf("ParseOffset(%q) = %v, %v; want %d hours", tt.in, got, err, tt.hours)
		}
	}
}

func TestContrastRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#FFFFFF", 21}, {"#FFFFFF", "#FFFFFF", 1}, {"#767676", "#FFFFFF", 4.54},
	}
	for _, tt := range tests {
		if got := ContrastRatio(tt.a, tt.b); got < tt.want-0.01 || got > tt.want+0.01 {
			t.Errorf("ContrastRatio(%s, %s) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSymlinkRefused: a link out of the tree is refused, not followed.
func TestSymlinkRefused(t *testing.T) {
	dir := t.TempDir()
	files, _ := golden.Tree(t, "testdata/base.txtar")
	golden.WriteTree(t, dir, files)
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	os.WriteFile(outside, []byte("id: normal\nlabel: Normal\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "skin", "normal.yaml")); err != nil {
		t.Skip(err)
	}
	_, err := Load(os.DirFS(dir), "content")
	want := "content/skin/normal.yaml: is a symbolic link; content must be real files inside content/, so copy the file in instead"
	if err == nil || err.Error() != want {
		t.Errorf("Load error = %v, want %q", err, want)
	}
}

// TestLargeFileRefused: a 50 MB file is refused by its size, unread.
func TestLargeFileRefused(t *testing.T) {
	dir := t.TempDir()
	files, _ := golden.Tree(t, "testdata/base.txtar")
	golden.WriteTree(t, dir, files)
	f, err := os.Create(filepath.Join(dir, "skin", "normal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(os.DirFS(dir), "content")
	want := "content/skin/normal.yaml: is 52428800 bytes, over the 1048576-byte limit for content files; is it the right file?"
	if err == nil || err.Error() != want {
		t.Errorf("Load error = %v, want %q", err, want)
	}
}

// TestTranslationErrors loads each broken translation in
// testdata/errors-es (laid over testdata/base.txtar and the valid Spanish
// of testdata/es.txtar) and checks the exact message, naming file and
// line on both sides where there are two.
func TestTranslationErrors(t *testing.T) {
	cases, _ := filepath.Glob("testdata/errors-es/*.txtar")
	if len(cases) < 10 {
		t.Fatalf("only %d translation error cases", len(cases))
	}
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			files, want := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar", path)
			_, err := Load(golden.MapFS(files), "content")
			if err == nil {
				t.Fatalf("Load = nil error, want %q", strings.TrimSpace(want))
			}
			if got := err.Error(); got != strings.TrimSpace(want) {
				t.Errorf("Load error =\n%s\nwant\n%s", got, strings.TrimSpace(want))
			}
		})
	}
}

// TestEveryProblemAtOnce loads each tree of testdata/errors-all (laid
// over testdata/base.txtar and testdata/es.txtar), whose problems are of
// several kinds found by different stages of the load (an unknown key in
// a second brand's file, a placeholder naming no field in a sheet and the
// Spanish sheet lacking it, a guide with no Spanish translation), and
// checks that one load reports them all, sorted by file and line: a
// broken file is skipped, not the rest.
func TestEveryProblemAtOnce(t *testing.T) {
	cases, _ := filepath.Glob("testdata/errors-all/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			files, want := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar", path)
			_, err := Load(golden.MapFS(files), "content")
			if err == nil {
				t.Fatalf("Load = nil error, want\n%s", strings.TrimSpace(want))
			}
			if got := err.Error(); got != strings.TrimSpace(want) {
				t.Errorf("Load error =\n%s\nwant\n%s", got, strings.TrimSpace(want))
			}
		})
	}
}

// TestSpanishView: the Spanish view of the base tree resolves the
// translation with Spanish labels, rule texts and window words, and
// offers the English line on the Spanish sheet and the reverse.
func TestSpanishView(t *testing.T) {
	files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar")
	c, err := Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.EnvIn("acme", "es-US", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	res, err := es.Treatment.Handout("sheet").Resolve(es, false)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.ReplaceAll(string(res.Source), "\u00a0", " ")
	for _, want := range []string{"Microagujas AcmeGlow", "Solo piel seca: Use también suero al mediodía.", "Evite los activos durante 7 días", "desde el día 5"} {
		if !strings.Contains(body, want) {
			t.Errorf("Spanish sheet lacks %q:\n%s", want, body)
		}
	}
	if got := strings.ReplaceAll(res.Summary[0], "\u00a0", " "); got != "Sin maquillaje durante 24 horas." {
		t.Errorf("summary = %q", got)
	}
	if r := es.Rule("extra-serum"); r.Text != "Más suero" {
		t.Errorf("rule text %q, want the Spanish label", r.Text)
	}
	if es.Skin.Label != "Piel seca" || es.Brand.UrgentCare != "En una emergencia, llame al 911." || es.Lang.Tag != "es-US" {
		t.Errorf("view: %q, %q, %q", es.Skin.Label, es.Brand.UrgentCare, es.Lang.Tag)
	}
	if got := res.Others; len(got) != 1 || got[0].Lang != "en-US" || !strings.HasPrefix(got[0].Text, "This sheet") {
		t.Errorf("Spanish sheet's other-language lines = %+v", got)
	}
	en, _ := es.In("en-US")
	if got := en.Others(); len(got) != 1 || got[0].Lang != "es-US" || !strings.HasPrefix(got[0].Text, "Esta hoja") {
		t.Errorf("English sheet's other-language lines = %+v", got)
	}
	if _, err := es.In("fr-FR"); err == nil || err.Error() != `brand acme does not offer language "fr-FR"; it offers en-US, es-US` {
		t.Errorf("In(fr-FR) = %v", err)
	}
	if n := len(c.Envs()); n != 2*2*2 {
		t.Errorf("Envs = %d, want 8 (2 languages × 2 skin types × 2 areas)", n)
	}
	// Not stamped yet: check warns.
	if d := c.Drift(); len(d) != 1 || !strings.Contains(d[0], "sheet.es.md:8: has no translated_from") {
		t.Errorf("Drift = %q", d)
	}
}

// TestCapitalizedWindows: a window's words that start a table cell, a
// line or a sentence begin with a capital letter; elsewhere they do not.
func TestCapitalizedWindows(t *testing.T) {
	tests := []struct {
		before string
		want   bool
	}{
		{"", true}, {"| ", true}, {"| a | ", true}, {"Done. ", true}, {"- ", true}, {"1. ", true}, {"**", true},
		{"Wait ", false}, {"- **Makeup** ", false}, {"a, ", false},
	}
	for _, tt := range tests {
		if got := startsSentence(tt.before); got != tt.want {
			t.Errorf("startsSentence(%q) = %v, want %v", tt.before, got, tt.want)
		}
	}
}

// TestSpanishProducts: a clinic's product names in its Spanish brand file
// print on its Spanish handouts; a role left out prints as in the brand
// file; the English handouts keep the brand file's names.
func TestSpanishProducts(t *testing.T) {
	files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar")
	files["brands/acme.yaml"] = []byte(strings.Replace(string(files["brands/acme.yaml"]), "  serum: \"Acme Serum\"", "  serum: \"Acme Serum\"\n  mist: \"Acme Mist\"", 1))
	files["brands/acme.es.yaml"] = []byte(string(files["brands/acme.es.yaml"]) + "products:\n  serum: \"Suero Acme\"\n")
	c, err := Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	es, _ := c.EnvIn("acme", "es-US", "microneedling", "dry", "face")
	en, _ := c.EnvIn("acme", "en-US", "microneedling", "dry", "face")
	for _, tc := range []struct {
		env       Env
		role, out string
	}{{es, "serum", "Suero Acme"}, {es, "mist", "Acme Mist"}, {en, "serum", "Acme Serum"}} {
		if got, err := tc.env.value("product."+tc.role, false); err != nil || got != tc.out {
			t.Errorf("%s {{product.%s}} = %q, %v; want %q", tc.env.Lang.Tag, tc.role, got, err, tc.out)
		}
	}
}

// TestDisclaimer: the line every page prints is the language's own unless
// the clinic rewords it, in its brand file for English and in its
// translation for each other language.
func TestDisclaimer(t *testing.T) {
	files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar")
	load := func() *Catalog {
		t.Helper()
		c, err := Load(golden.MapFS(files), "content")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	disclaimer := func(c *Catalog, tag string) string {
		t.Helper()
		env, err := c.EnvIn("acme", tag, "microneedling", "dry", "face")
		if err != nil {
			t.Fatal(err)
		}
		return env.Disclaimer()
	}
	c := load()
	for _, tag := range []string{"en-US", "es-US"} {
		l, _ := c.Langs.Get(tag)
		if got, want := disclaimer(c, tag), l.Disclaimer; got != want || want == "" {
			t.Errorf("%s: Disclaimer() = %q, want the language's own %q", tag, got, want)
		}
	}
	brand := "brands/acme.yaml"
	files[brand] = []byte(strings.Replace(string(files[brand]), "urgent_care:", "disclaimer: \"General advice only; ask us about your skin.\"\nurgent_care:", 1))
	files["brands/acme.es.yaml"] = append(slices.Clone(files["brands/acme.es.yaml"]), "disclaimer: \"Consejos generales; pregúntenos por su piel.\"\n"...)
	c = load()
	for tag, want := range map[string]string{"en-US": "General advice only; ask us about your skin.", "es-US": "Consejos generales; pregúntenos por su piel."} {
		if got := disclaimer(c, tag); got != want {
			t.Errorf("%s: Disclaimer() = %q, want the clinic's %q", tag, got, want)
		}
	}
}
