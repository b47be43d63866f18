package fpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"
	"time"
)

// generateFontID names a font as the SHA-1 of its definition marshalled by
// encoding/json, whether or not it has widths.
func TestGenerateFontIDAsJSON(t *testing.T) {
	cw := make([]int, 65536)
	for i := range cw {
		cw[i] = (i * 7919) % 3001
	}
	// A font's widths as parsed: a few blocks of widths, the rest 0, and
	// the blocks written marked (cwBlocks), with one marked block all 0.
	sparse := make([]int, 65536)
	blocks := make([]bool, len(sparse)/widthBlock)
	for _, r := range []int{0, 32, 65, 300, 0x2019, 0xFB01, 0xFFFD} {
		sparse[r] = 500 + r%400
		blocks[r/widthBlock] = true
	}
	blocks[100] = true
	for _, def := range []fontDefType{
		{Tp: "UTF8", Name: "body", Desc: FontDescType{Ascent: 800, Descent: -200, FontBBox: fontBoxType{-10, -250, 1200, 950}}, Up: -100, Ut: 50, Cw: cw},
		{Tp: "UTF8", Name: "sparse", Cw: sparse, cwBlocks: blocks},
		{Tp: "UTF8", Name: "sparse, blocks of another length", Cw: sparse, cwBlocks: blocks[1:]},
		{Tp: "UTF8", Name: `say "Cw":null`, Cw: []int{}},
		{Tp: "TrueType", Name: "core", Cw: []int{-1, 0, 1}, Diff: "x", File: "f.z", Size1: 3},
		{Tp: "Core", Name: "helvetica"},
	} {
		ref := def
		ref.File = ""
		b, err := json.Marshal(&ref)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%x", sha1.Sum(b))
		got, err := generateFontID(def)
		if err != nil || got != want {
			t.Errorf("%s: %s, %v; want %s", def.Name, got, err, want)
		}
	}
}

// Documents that share font subsets (ShareFontSubsets) are byte for byte
// what they are alone; the font keeps one subset per set of characters,
// and none from a document that does not share.
func TestShareFontSubsets(t *testing.T) {
	font := parsedRegular(t)
	doc := func(text string, share bool) []byte {
		f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 300, Ht: 300}})
		f.SetCatalogSort(true)
		// Both dates fixed: an unset ModDate is the clock's, which moves
		// between one document and the next on a busy machine.
		f.SetCreationDate(time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC))
		f.SetModificationDate(time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC))
		f.ShareFontSubsets(share)
		f.AddUTF8FontParsed("body", "", font)
		f.AddPage()
		f.SetFont("body", "", 12)
		f.Text(20, 40, text)
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	texts := []string{"Aftercare", "Aftercare", "Zoë, 14 días", "Aftercare"}
	var wg sync.WaitGroup
	shared := make([][]byte, len(texts))
	for i, text := range texts {
		wg.Go(func() { shared[i] = doc(text, true) })
	}
	wg.Wait()
	for i, text := range texts {
		if !bytes.Equal(shared[i], doc(text, false)) {
			t.Errorf("%q: differs when the subset is shared", text)
		}
	}
	if n := len(font.subsets); n != 2 {
		t.Errorf("%d subsets kept for 2 sets of characters", n)
	}
	doc("Ana María", false)
	if n := len(font.subsets); n != 2 {
		t.Errorf("a document that does not share left its subset: %d kept", n)
	}
}

// An encrypted document neither takes nor gives a shared subset: fpdf
// encrypts a stream's bytes in place.
func TestShareFontSubsetsEncrypted(t *testing.T) {
	font := parsedRegular(t)
	f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 300, Ht: 300}})
	f.SetProtection(0, "", "owner")
	f.ShareFontSubsets(true)
	f.AddUTF8FontParsed("body", "", font)
	f.AddPage()
	f.SetFont("body", "", 12)
	f.Text(20, 40, "Aftercare")
	if err := f.Output(io.Discard); err != nil {
		t.Fatal(err)
	}
	if n := len(font.subsets); n != 0 {
		t.Errorf("an encrypted document left %d subsets to share", n)
	}
}

// Deflate writes what a new zlib writer at fpdf's level writes, each
// time, with the writers it reuses.
func TestDeflate(t *testing.T) {
	data := bytes.Repeat([]byte("0 0 m 10 10 l S\n"), 500)
	var want bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
	zw.Write(data)
	zw.Close()
	for i := 0; i < 3; i++ {
		if got := Deflate(data); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("Deflate, time %d: %d bytes differ from a new writer's %d", i+1, len(got), want.Len())
		}
	}
}

// parseHMTXTable marks the blocks of widths it writes: every block it
// leaves unmarked is all 0, and most are.
func TestWidthBlocks(t *testing.T) {
	font := parsedRegular(t)
	if len(font.cwBlocks)*widthBlock != len(font.cw) {
		t.Fatalf("%d blocks for %d widths", len(font.cwBlocks), len(font.cw))
	}
	unmarked := 0
	for b, marked := range font.cwBlocks {
		if marked {
			continue
		}
		unmarked++
		for j := b * widthBlock; j < (b+1)*widthBlock; j++ {
			if font.cw[j] != 0 {
				t.Fatalf("width %d of U+%04X in unmarked block %d", font.cw[j], j, b)
			}
		}
	}
	if unmarked < len(font.cwBlocks)/2 {
		t.Errorf("%d of %d blocks unmarked; a Latin font's widths are mostly 0", unmarked, len(font.cwBlocks))
	}
}

// UTF8Font.ID names the font as a document that adds it names it, by
// bytes (AddUTF8FontFromBytes) or parsed, whether asked before the
// document adds it or not.
func TestUTF8FontID(t *testing.T) {
	data, err := os.ReadFile("../../fonts/AtkinsonHyperlegible_700Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 300, Ht: 300}})
	f.AddUTF8FontFromBytes("body", "B", data)
	want := f.fonts[getFontKey("body", "B")].i
	if want == "" {
		t.Fatal("no name from AddUTF8FontFromBytes")
	}
	font, err := ParseUTF8Font(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := font.ID("body", "B"); err != nil || got != want {
		t.Errorf("ID = %q, %v; want the document's %q", got, err, want)
	}
	g := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 300, Ht: 300}})
	g.AddUTF8FontParsed("body", "B", font)
	if got := g.fonts[getFontKey("body", "B")].i; got != want {
		t.Errorf("AddUTF8FontParsed after ID: %q, want %q", got, want)
	}
	if other, _ := font.ID("body", ""); other == want {
		t.Errorf("ID under another style = %q, the same name", other)
	}
}

// compressCIDToGIDMap, made a page at a time, is the map's bytes up to its
// highest code compressed, for codes in one page, across pages, at both
// ends and none.
func TestCompressCIDToGIDMap(t *testing.T) {
	for _, codeSign := range []map[int]int{
		{},
		{32: 3, 65: 36, 0x2019: 900, 0x2048: 901, 0xFB01: 1200},
		{1: 1, 2047: 2, 2048: 3, 0xFFFF: 0x1234},
	} {
		whole := make([]byte, 256*256*2)
		end := 0
		for cc, glyph := range codeSign {
			whole[cc*2] = byte(glyph >> 8)
			whole[cc*2+1] = byte(glyph & 0xFF)
			end = max(end, cc*2+2)
		}
		want := xmem.compress(whole[:end]).copy()
		got := compressCIDToGIDMap(codeSign).copy()
		if !bytes.Equal(got, want) {
			t.Errorf("%v: %d bytes, want the map's to its highest code, %d", codeSign, len(got), len(want))
		}
	}
}

// utf8Subsets makes a document's faces' subsets side by side: each is the
// subset utf8Subset makes of that face alone.
func TestUTF8SubsetsSideBySide(t *testing.T) {
	f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 300, Ht: 300}})
	f.AddPage()
	for _, face := range []struct{ style, file, text string }{
		{"", "AtkinsonHyperlegible_400Regular.ttf", "Aftercare for Ana"},
		{"B", "AtkinsonHyperlegible_700Bold.ttf", "No exercise — 72 hours"},
		{"I", "AtkinsonHyperlegible_400Regular_Italic.ttf", "Zoë, 14 días"},
	} {
		data, err := os.ReadFile("../../fonts/" + face.file)
		if err != nil {
			t.Fatal(err)
		}
		font, err := ParseUTF8Font(data)
		if err != nil {
			t.Fatal(err)
		}
		f.AddUTF8FontParsed("body", face.style, font)
		f.SetFont("body", face.style, 12)
		f.Text(20, 40, face.text)
	}
	keys := []string{getFontKey("body", ""), getFontKey("body", "B"), getFontKey("body", "I")}
	got := f.utf8Subsets(keys)
	if len(got) != len(keys) {
		t.Fatalf("%d subsets for %d faces", len(got), len(keys))
	}
	for _, key := range keys {
		font := f.fonts[key]
		want := f.utf8Subset(&font)
		if g := got[key]; g == nil || g.widths != want.widths || !bytes.Equal(g.font, want.font) || !bytes.Equal(g.cidToGidMap, want.cidToGidMap) {
			t.Errorf("%s: the subset made side by side differs from the face's own", key)
		}
	}
}

// parsedRegular is the library's regular face, parsed afresh for the test.
func parsedRegular(t *testing.T) *UTF8Font {
	t.Helper()
	data, err := os.ReadFile("../../fonts/AtkinsonHyperlegible_400Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := ParseUTF8Font(data)
	if err != nil {
		t.Fatal(err)
	}
	return font
}
