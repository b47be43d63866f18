package pdf

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"handouts/fonts"
	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/style"
	"handouts/layouts"
)

// shippedFonts loads the default style's faces.
func shippedFonts(t *testing.T) *Fonts {
	t.Helper()
	st, err := style.Load(layouts.FS, "layouts", "acme")
	if err != nil {
		t.Fatal(err)
	}
	f, err := LoadFonts(fonts.FS, "fonts", st.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// fontDoc makes a small document in face key, registering the face with
// add, and returns its bytes.
func fontDoc(t *testing.T, key, text string, add func(f *fpdf.Fpdf)) []byte {
	t.Helper()
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 300, Ht: 300}})
	f.SetCompression(true)
	f.SetCatalogSort(true)
	day := time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(day)
	f.SetModificationDate(day)
	add(f)
	f.AddPage()
	f.SetFont(family, key, 12)
	f.Text(20, 40, text)
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A face parsed once and handed to many documents (fpdf.ParseUTF8Font,
// AddUTF8FontParsed; the build's path) makes each document byte for byte
// what the face's bytes handed to each document make
// (AddUTF8FontFromBytes): the same font name, widths and subset, each
// document's subset holding only its own characters. Documents are made
// side by side, as a build makes them (run under -race in make test).
func TestParsedFaceSameDocument(t *testing.T) {
	fs := shippedFonts(t)
	texts := []string{"Aftercare for Ana", "Résumé · Zoë — 14 días", "No exercise for 72 hours"}
	for _, face := range fs.files {
		fc, key := fs.faces[face], fpdfStyle(face)
		if fc.fpdfFont() == nil {
			t.Fatalf("%s: fpdf cannot parse the shipped face, so every document parses it again", fc.File)
		}
		var wg sync.WaitGroup
		got := make([][]byte, len(texts))
		for i, text := range texts {
			wg.Go(func() {
				got[i] = fontDoc(t, key, text, func(f *fpdf.Fpdf) { f.AddUTF8FontParsed(family, key, fc.fpdfFont()) })
			})
		}
		wg.Wait()
		for i, text := range texts {
			want := fontDoc(t, key, text, func(f *fpdf.Fpdf) { f.AddUTF8FontFromBytes(family, key, fc.Data) })
			if !bytes.Equal(got[i], want) {
				t.Errorf("%s, %q: the document with the face parsed once differs from the one given the face's bytes", key, text)
			}
		}
		if bytes.Equal(got[0], got[1]) {
			t.Errorf("%s: documents with different text are identical; the test compares nothing", key)
		}
	}
}

// A face fpdf cannot parse still reaches fpdf as bytes, which reports
// its own error, as before faces were parsed once.
func TestParsedFaceUnparsable(t *testing.T) {
	fc := &Face{File: "bad.ttf", Data: []byte("not a font at all, not at all")}
	if fc.fpdfFont() != nil {
		t.Fatal("fpdf parsed bytes that are not a font")
	}
	if _, err := fpdf.ParseUTF8Font(fc.Data); err == nil {
		t.Fatal("ParseUTF8Font accepted bytes that are not a font")
	}
}

// Has answers from a table built at load what asking every face answers:
// for every character of the Basic Multilingual Plane, and none beyond it.
func TestFontsHasEveryFace(t *testing.T) {
	fs := shippedFonts(t)
	n := 0
	for r := rune(-1); r <= 0x10001; r++ {
		want := r >= 0 && r < 0x10000
		for _, fc := range fs.faces {
			if _, ok := fc.widths[r]; !ok {
				want = false
			}
		}
		if fs.Has(r) != want {
			t.Fatalf("Has(%U) = %v, want %v", r, !want, want)
		}
		if want {
			n++
		}
	}
	if n < 95 || fs.Has(0x1F600) || !fs.Has('é') {
		t.Fatalf("%d characters in every face; é %v", n, fs.Has('é'))
	}
}

// Only a published handout shares its font subsets with the build's other
// documents: a copy with a name, a date, an override or a visit never
// does, so a patient's characters never stay in memory with the font.
func TestShareSubsetsOnlyPublished(t *testing.T) {
	f := fuzzSetup(t)
	if !shareSubsets(f.env, Options{}) {
		t.Error("a published handout does not share its font subsets")
	}
	dated := f.env
	dated.Start = time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)
	over := f.env
	over.Overrides = map[string]content.Offset{"no-exercise": {}}
	visit := f.env
	visit.Visit = &content.Schedule{}
	for name, c := range map[string]struct {
		env content.Env
		opt Options
	}{
		"a name": {f.env, Options{Patient: "Ana"}}, "a date": {dated, Options{}},
		"an override": {over, Options{}}, "a visit": {visit, Options{}},
	} {
		if shareSubsets(c.env, c.opt) {
			t.Errorf("a copy with %s shares its font subsets", name)
		}
	}
}

// Prepare parses the faces it is given and names them as a document
// names them; the others wait for their first document. A prepared face
// makes the same document as one parsed by the document.
func TestPrepare(t *testing.T) {
	prepared, plain := shippedFonts(t), shippedFonts(t)
	prepared.Prepare(layout.Regular, layout.Bold)
	for key, fc := range prepared.faces {
		if want := key == layout.Regular || key == layout.Bold; (fc.parsed != nil) != want {
			t.Errorf("face %v parsed %v after Prepare(Regular, Bold), want %v", key, fc.parsed != nil, want)
		}
	}
	if id, err := prepared.faces[layout.Bold].parsed.ID(family, "B"); err != nil || id == "" {
		t.Fatalf("bold face's name: %q, %v", id, err)
	}
	for _, key := range []layout.Face{layout.Regular, layout.Bold} {
		style := fpdfStyle(key)
		doc := func(fs *Fonts) []byte {
			return fontDoc(t, style, "Aftercare for Ana", func(f *fpdf.Fpdf) { f.AddUTF8FontParsed(family, style, fs.faces[key].fpdfFont()) })
		}
		if !bytes.Equal(doc(prepared), doc(plain)) {
			t.Errorf("face %v: the prepared face makes another document", key)
		}
	}
}
