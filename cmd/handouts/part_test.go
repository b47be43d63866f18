package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/layouts"
)

// TestOneOffReadsOnlyItsPart: a one-off reads the part of the library its
// copy needs. With broken files it does not need (another area, the
// Spanish text of its skin type, another clinic's brand file, another
// language's locale file) an English sheet for dry skin on the face is
// made, while check names every one of them; a broken file it does need
// stops it at that file and line.
func TestOneOffReadsOnlyItsPart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	content, lay := filepath.Join(dir, "content"), filepath.Join(dir, "layouts")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(lay, layouts.FS); err != nil {
		t.Fatal(err)
	}
	broken := map[string]string{
		"content/area/chest-back.yaml": "id: chest-back\nlabel: [\n",
		"content/skin/dry.es.yaml":     "label: Piel seca\ncolour: azul\n",
		"content/brands/thistle.yaml":  "name: Thistle\nbogus: 1\n",
		"layouts/lang/es-MX.yaml":      "dates: [\n",
	}
	for name, data := range broken {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sheet := func(more ...string) (int, string) {
		args := append([]string{"sheet", "-content", content, "-layouts", lay, "-brand", "harbor", "-skin", "dry", "-area", "face", "-date", "2026-12-14", "-name", "Ana", "-o", filepath.Join(dir, "a.pdf")}, more...)
		code, _, stderr := runCmd(args...)
		return code, stderr
	}
	if code, stderr := sheet(); code != 0 {
		t.Fatalf("sheet with broken files it does not need: exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(filepath.Join(dir, "a.pdf")); err != nil || st.Size() == 0 {
		t.Fatalf("no sheet: %v", err)
	}
	// check reads everything: it names each broken file, fixed one by
	// one (the languages first, then the content, variants before brands).
	for _, step := range []struct{ want, fix string }{
		{"layouts/lang/es-MX.yaml:1", "layouts/lang/es-MX.yaml"},
		{"area/chest-back.yaml:2", "content/area/chest-back.yaml"},
		{"skin/dry.es.yaml:2", "content/skin/dry.es.yaml"},
		{"brands/thistle.yaml:2", "content/brands/thistle.yaml"},
	} {
		if code, _, stderr := runCmd("check", "-content", content, "-layouts", lay); code != 1 || !strings.Contains(stderr, step.want) {
			t.Errorf("check = exit %d, %q; want exit 1 naming %s", code, stderr, step.want)
		}
		if err := os.WriteFile(filepath.Join(dir, step.fix), mustRead(t, filepath.Join("../..", step.fix)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file the copy needs: its skin type's, and in Spanish its translation.
	os.WriteFile(filepath.Join(content, "skin/dry.es.yaml"), []byte("label: Piel seca\ncolour: azul\n"), 0o644)
	if code, stderr := sheet("-lang", "es-US"); code != 1 || !strings.Contains(stderr, filepath.Join(content, "skin/dry.es.yaml")+`:2: unknown key "colour"`) {
		t.Errorf("Spanish sheet with its skin type's translation broken: exit %d, %q; want exit 1 at skin/dry.es.yaml:2", code, stderr)
	}
	os.WriteFile(filepath.Join(content, "skin/dry.yaml"), []byte("id: dry\nlabel: Dry skin\ncolour: blue\n"), 0o644)
	if code, stderr := sheet(); code != 1 || !strings.Contains(stderr, filepath.Join(content, "skin/dry.yaml")+`:3: unknown key "colour"`) {
		t.Errorf("sheet with its skin type broken: exit %d, %q; want exit 1 at skin/dry.yaml:3", code, stderr)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPacketReadsItsKinds: a packet reads the kinds of handout it holds:
// without -guide, a broken guide does not stop it; with -guide, it stops
// at the guide's file and line.
func TestPacketReadsItsKinds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	guide := filepath.Join(content, "treatments/microneedling/guide.md")
	data := mustRead(t, guide)
	if err := os.WriteFile(guide, append([]byte("---\nbogus: 1\n"), data[len("---\n"):]...), 0o644); err != nil {
		t.Fatal(err)
	}
	packet := func(more ...string) (int, string) {
		args := append([]string{"packet", "-content", content, "-brand", "harbor", "-skin", "dry", "-area", "face", "-date", "2026-12-14", "-o", filepath.Join(dir, "p.pdf")}, more...)
		code, _, stderr := runCmd(args...)
		return code, stderr
	}
	if code, stderr := packet(); code != 0 {
		t.Errorf("packet without -guide, the guide broken: exit %d: %s", code, stderr)
	}
	if code, stderr := packet("-guide"); code != 1 || !strings.Contains(stderr, guide+`:2: unknown key "bogus"`) {
		t.Errorf("packet -guide, the guide broken: exit %d, %q; want exit 1 at guide.md:2", code, stderr)
	}
}
