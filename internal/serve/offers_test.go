package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/golden"
	"handouts/internal/project"
)

// offersServer serves the real content with internal/project's offers
// fixture laid over it: harbor offers dermaplaning (face only) in English
// while its Spanish is pending; thistle does not offer it.
func offersServer(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	files, _ := golden.Tree(t, "../project/testdata/offers.txtar")
	golden.WriteTree(t, dir, files)
	s := New(Config{Sources: sources(dir), Out: t.TempDir()})
	p, err := project.Load(s.cfg.Sources)
	if err != nil {
		t.Fatal(err)
	}
	s.project = p
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// TestFormFollowsOffers: the form lists the chosen clinic's treatments,
// says which language is pending, and refuses what is not offered,
// naming the file where it would be.
func TestFormFollowsOffers(t *testing.T) {
	t.Parallel()
	base := offersServer(t)
	page := func(q string) string {
		t.Helper()
		resp, err := http.Get(base + "/make?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if p := page("brand=thistle"); strings.Contains(p, `value="dermaplaning"`) || !strings.Contains(p, `value="microneedling"`) {
		t.Errorf("thistle's form offers dermaplaning, or not microneedling:\n%s", p)
	}
	if p := page("brand=harbor"); !strings.Contains(p, "Dermaplaning (español pending: English only for now)") {
		t.Errorf("harbor's form does not say dermaplaning's Spanish is pending:\n%s", p)
	}
	token := formToken(t, base)
	for _, tc := range []struct{ brand, lang, area, want string }{
		{"thistle", "", "face", `/brands/thistle.yaml:17: clinic thistle does not offer treatment "dermaplaning"; to offer it, add ` + "`dermaplaning:`" + ` with the clinic's name for it under treatments: here`},
		{"harbor", "es-US", "face", `/brands/harbor.yaml:22: clinic harbor offers dermaplaning in en-US only for now: es-US is pending`},
		{"harbor", "en-US", "chest-back", `/treatments/dermaplaning/treatment.yaml:2: treatment dermaplaning is for area face only, not area chest-back`},
	} {
		f := visitForm(token)
		f["treatment"] = []string{"dermaplaning"}
		f.Set("brand", tc.brand)
		f.Set("lang", tc.lang)
		f.Set("area", tc.area)
		code, _, body := postTimed(t, base, f)
		if code != http.StatusBadRequest || !strings.Contains(string(body), tc.want) {
			t.Errorf("%s %s %s: %d %q, want 400 with %q", tc.brand, tc.lang, tc.area, code, body, tc.want)
		}
	}
	f := visitForm(token)
	f["treatment"] = []string{"dermaplaning"}
	if code, _, body := postTimed(t, base, f); code != http.StatusOK {
		t.Errorf("harbor en-US dermaplaning on the face: %d %q, want 200", code, body)
	}
}
