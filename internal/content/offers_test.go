package content

import (
	"errors"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// offersCatalog loads testdata/offers.txtar over the small Spanish tree.
func offersCatalog(t *testing.T) *Catalog {
	t.Helper()
	files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar", "testdata/offers.txtar")
	c, err := Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatalf("Load = %v", err)
	}
	return c
}

// TestOffers: a clinic makes only the treatments it lists, a face-only
// treatment only for the face, and a treatment pending in Spanish only in
// English; check says so once per clinic and once per pending language.
func TestOffers(t *testing.T) {
	c := offersCatalog(t)
	got := map[string]int{}
	for _, e := range c.Envs() {
		got[e.Brand.ID+" "+e.Lang.Tag+" "+e.Treatment.ID+" "+e.Area.ID]++
	}
	want := map[string]int{
		"acme en-US microneedling face": 2, "acme en-US microneedling chest-back": 2,
		"acme es-US microneedling face": 2, "acme es-US microneedling chest-back": 2,
		"acme en-US dermaplaning face":   2, // face only, English only
		"bravo en-US microneedling face": 2, "bravo en-US microneedling chest-back": 2,
	}
	if len(got) != len(want) {
		t.Errorf("Envs = %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("Envs: %s: %d variants, want %d (all: %v)", k, got[k], n, got)
		}
	}
	warn := c.Warnings().Error()
	for _, w := range []string{
		`content/brands/bravo.yaml:12: clinic bravo does not offer dermaplaning (not under treatments:), so no handouts of it are made for it`,
		`content/brands/acme.yaml:20: treatment dermaplaning is offered in en-US only for now: es-US is pending, so nothing is made of it in es-US and the front desk's page says so; to offer it, write content/treatments/dermaplaning/treatment.es.yaml and content/treatments/dermaplaning/sheet.es.md and remove es-US from pending:`,
	} {
		if strings.Count(warn, w) != 1 {
			t.Errorf("warnings lack, or repeat, %q:\n%s", w, warn)
		}
	}
	if strings.Contains(warn, "acme does not offer") {
		t.Errorf("warnings say acme lacks a treatment it offers:\n%s", warn)
	}
}

// TestNotOffered: asking for what a clinic does not offer is refused with
// the file, line and key where it would be offered.
func TestNotOffered(t *testing.T) {
	c := offersCatalog(t)
	for _, tc := range []struct{ brand, lang, treatment, area, want string }{
		{"bravo", "", "dermaplaning", "face", `content/brands/bravo.yaml:12: clinic bravo does not offer treatment "dermaplaning"; to offer it, add ` + "`dermaplaning:`" + ` with the clinic's name for it under treatments: here`},
		{"acme", "es-US", "dermaplaning", "face", `content/brands/acme.yaml:20: clinic acme offers dermaplaning in en-US only for now: es-US is pending; when its translation is written, remove es-US from pending: under treatments: dermaplaning:`},
		{"acme", "en-US", "dermaplaning", "chest-back", `content/treatments/dermaplaning/treatment.yaml:2: treatment dermaplaning is for area face only, not area chest-back; to make it for chest-back, add it under applies_to: area:`},
	} {
		_, err := c.EnvIn(tc.brand, tc.lang, tc.treatment, "dry", tc.area)
		var no *NotOffered
		if !errors.As(err, &no) || err.Error() != tc.want {
			t.Errorf("EnvIn(%s, %s, %s, %s) = %v,\nwant %s", tc.brand, tc.lang, tc.treatment, tc.area, err, tc.want)
		}
	}
	if _, err := c.EnvIn("acme", "es-US", "microneedling", "dry", "chest-back"); err != nil {
		t.Errorf("EnvIn(acme es-US microneedling) = %v; it is offered", err)
	}
}

// TestOthersFollowOffers: a sheet offered in English only prints no line
// saying it is available in Spanish; one offered in both does.
func TestOthersFollowOffers(t *testing.T) {
	c := offersCatalog(t)
	for _, tc := range []struct {
		treatment string
		want      int
	}{{"microneedling", 1}, {"dermaplaning", 0}} {
		e, err := c.EnvIn("acme", "en-US", tc.treatment, "dry", "face")
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Others(); len(got) != tc.want {
			t.Errorf("%s: Others = %v, want %d lines", tc.treatment, got, tc.want)
		}
	}
}
