package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handouts/fonts"
	"handouts/internal/golden"
	"handouts/layouts"
)

// TestFrenchFromData: a clinic offering en-CA and fr-CA builds with French
// added as data alone (testdata/french.txtar: layouts/lang/fr.yaml and
// fr-CA.yaml beside the built-in languages, and the clinic's French
// texts): its dated copies write French dates and clocks from CLDR's
// fr_CA names and the data file's words, and with no reading-level
// formula for French its handouts are reported "not graded", not refused.
func TestFrenchFromData(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "layouts"), layouts.FS); err != nil {
		t.Fatal(err)
	}
	base, _ := golden.Tree(t, "../content/testdata/base.txtar")
	golden.WriteTree(t, filepath.Join(root, "content"), base)
	fr, _ := golden.Tree(t, "testdata/french.txtar")
	golden.WriteTree(t, root, fr)
	src := Sources{Content: os.DirFS(filepath.Join(root, "content")), ContentName: "content",
		Layouts: os.DirFS(filepath.Join(root, "layouts")), LayoutsName: "layouts", Fonts: fonts.FS, FontsName: "fonts"}
	p, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	env, err := p.Catalog.EnvIn("acme", "fr-CA", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	env.Start, env.HasTime = time.Date(2026, 12, 14, 14, 0, 0, 0, time.UTC), true
	r, err := p.Render(Request{Env: env, Kind: "sheet", Format: "html", Patient: "Ana"})
	if err != nil {
		t.Fatal(err)
	}
	page := strings.ReplaceAll(string(r.Data), "\u00a0", " ")
	for _, want := range []string{
		`lang="fr-CA"`,
		"Pas de maquillage jusqu'au mardi 15 décembre à 14:00.", // the clinic's 24h from 14:00
		"Évitez les actifs jusqu'au lundi 21 décembre.",
		"Reprenez un produit à partir du samedi 19 décembre.",
		"Jour du traitement (jour 0) : lundi 14 décembre 2026 à 14:00",
		"Préparé pour Ana",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the French copy lacks %q:\n%s", want, page[strings.Index(page, "<main"):])
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := p.Build(out, Config{}); err != nil {
		t.Fatalf("the build with French: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "acme", "fr-CA", "microneedling", "dry-face", "sheet.pdf")); err != nil {
		t.Errorf("no French sheet in the build: %v", err)
	}
	grades, err := p.Grades()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range grades {
		if g.Lang == "fr-CA" && strings.HasSuffix(g.Handout.File, "sheet.fr.md") {
			found = true
			if !g.NoFormula || !strings.Contains(g.String(), "not graded") {
				t.Errorf("fr-CA sheet: %s; want it reported not graded (no formula for French)", g)
			}
		}
	}
	if !found {
		t.Error("the French sheet is not among the grades")
	}
}
