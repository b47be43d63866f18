package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// offersContent is the real content with internal/project's offers fixture
// laid over it: harbor offers dermaplaning (face only) in English while
// its Spanish is pending; thistle does not offer it.
func offersContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	files, _ := golden.Tree(t, "../../internal/project/testdata/offers.txtar")
	golden.WriteTree(t, dir, files)
	return dir
}

// TestOneOffsFollowOffers: sheet, packet and email refuse what a clinic
// does not offer with exit status 1 and the file, line and key where it
// would be offered; what it offers is made.
func TestOneOffsFollowOffers(t *testing.T) {
	t.Parallel()
	dir := offersContent(t)
	out := t.TempDir()
	notThistle := `content/brands/thistle.yaml:17: clinic thistle does not offer treatment "dermaplaning"; to offer it, add ` + "`dermaplaning:`" + ` with the clinic's name for it under treatments: here`
	pending := `content/brands/harbor.yaml:22: clinic harbor offers dermaplaning in en-US only for now: es-US is pending; when its translation is written, remove es-US from pending: under treatments: dermaplaning:`
	faceOnly := `content/treatments/dermaplaning/treatment.yaml:2: treatment dermaplaning is for area face only, not area chest-back; to make it for chest-back, add it under applies_to: area:`
	one := []string{"-content", dir, "-skin", "dry", "-treatment", "dermaplaning"}
	visitOf := func(brand, lang, area string) []string {
		a := append([]string{"-brand", brand, "-area", area, "-date", "2026-03-13"}, one...)
		if lang != "" {
			a = append(a, "-lang", lang)
		}
		return a
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{append([]string{"sheet", "-brand", "thistle", "-area", "face", "-o", filepath.Join(out, "a.pdf")}, one...), notThistle},
		{append([]string{"sheet", "-brand", "harbor", "-lang", "es-US", "-area", "face", "-o", filepath.Join(out, "b.pdf")}, one...), pending},
		{append([]string{"sheet", "-brand", "harbor", "-area", "chest-back", "-o", filepath.Join(out, "c.pdf")}, one...), faceOnly},
		{append(append([]string{"packet"}, visitOf("thistle", "", "face")...), "-o", filepath.Join(out, "d.pdf")), notThistle},
		{append(append([]string{"packet"}, visitOf("harbor", "es-US", "face")...), "-o", filepath.Join(out, "e.pdf")), pending},
		{append(append([]string{"email"}, visitOf("harbor", "es-US", "face")...), "-to", "pat@example.org", "-o", filepath.Join(out, "f.eml")), pending},
	} {
		code, _, stderr := runCmd(tc.args...)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", strings.Join(tc.args[:3], " "), code, stderr, tc.want)
		}
	}
	if code, _, stderr := runCmd(append([]string{"sheet", "-brand", "harbor", "-area", "face", "-o", filepath.Join(out, "ok.pdf")}, one...)...); code != 0 {
		t.Errorf("harbor's English dermaplaning sheet: exit %d: %s", code, stderr)
	}
	// thistle offers one treatment: -treatment may be left out.
	if code, _, stderr := runCmd("sheet", "-content", dir, "-brand", "thistle", "-skin", "dry", "-area", "face", "-o", filepath.Join(out, "thistle.pdf")); code != 0 {
		t.Errorf("thistle's sheet without -treatment: exit %d: %s", code, stderr)
	}
}
