package webfont

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"io"
	"reflect"
	"testing"
	"unsafe"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"handouts/fonts"
)

func loadFace(t *testing.T, name string) (*Font, []byte) {
	t.Helper()
	data, err := fonts.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return f, data
}

// unWOFF is an independent reader of WOFF 1.0: it rebuilds the TrueType
// file from the WOFF table directory, checking offsets, lengths and
// checksums on the way.
func unWOFF(t *testing.T, w []byte) []byte {
	t.Helper()
	if string(w[:4]) != "wOFF" {
		t.Fatalf("signature %q, want wOFF", w[:4])
	}
	if got := binary.BigEndian.Uint32(w[8:]); int(got) != len(w) {
		t.Fatalf("WOFF header length %d, file is %d bytes", got, len(w))
	}
	n := int(binary.BigEndian.Uint16(w[12:]))
	type table struct {
		tag  string
		data []byte
		sum  uint32
	}
	var tables []table
	for i := 0; i < n; i++ {
		rec := w[44+20*i:]
		off, comp, orig := binary.BigEndian.Uint32(rec[4:]), binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if off%4 != 0 {
			t.Errorf("table %s at offset %d, want 4-byte alignment", rec[:4], off)
		}
		data := w[off : off+comp]
		if comp < orig {
			r, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("table %s: %v", rec[:4], err)
			}
			if data, err = io.ReadAll(r); err != nil {
				t.Fatalf("table %s: %v", rec[:4], err)
			}
		}
		if uint32(len(data)) != orig {
			t.Fatalf("table %s: %d bytes, directory says %d", rec[:4], len(data), orig)
		}
		tables = append(tables, table{string(rec[:4]), data, binary.BigEndian.Uint32(rec[16:])})
	}
	var tags []string
	var lens, sums []uint32
	for _, tb := range tables {
		tags, lens, sums = append(tags, tb.tag), append(lens, uint32(len(tb.data))), append(sums, tb.sum)
		sum := tb.data
		if tb.tag == "head" { // its checksum is taken with checkSumAdjustment 0
			sum = bytes.Clone(tb.data)
			binary.BigEndian.PutUint32(sum[8:], 0)
		}
		if checksum(sum) != tb.sum {
			t.Errorf("table %s: checksum %08x, directory says %08x", tb.tag, checksum(sum), tb.sum)
		}
	}
	font := directory(tags, lens, sums)
	for _, tb := range tables {
		font = append(font, tb.data...)
		for len(font)%4 != 0 {
			font = append(font, 0)
		}
	}
	if sum := checksum(font); sum != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %08x, want B1B0AFBA (head.checkSumAdjustment wrong)", sum)
	}
	if got := binary.BigEndian.Uint32(w[16:]); int(got) != len(font) {
		t.Errorf("totalSfntSize %d, rebuilt font is %d bytes", got, len(font))
	}
	return font
}

func glyph(t *testing.T, f *sfnt.Font, r rune) (sfnt.GlyphIndex, fixed.Int26_6, sfnt.Segments) {
	t.Helper()
	var b sfnt.Buffer
	g, err := f.GlyphIndex(&b, r)
	if err != nil {
		t.Fatal(err)
	}
	if g == 0 {
		return 0, 0, nil
	}
	adv, err := f.GlyphAdvance(&b, g, fixed.I(1000), font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.LoadGlyph(&b, g, fixed.I(1000), nil)
	if err != nil {
		t.Fatalf("glyph for %q: %v", r, err)
	}
	return g, adv, append(sfnt.Segments(nil), segs...)
}

// TestSubset: the subset's glyphs for the page's characters (a composite
// accented letter among them) are the original's, outline for outline;
// other characters are gone; the file is much smaller and the same every
// time.
func TestSubset(t *testing.T) {
	for _, name := range []string{"AtkinsonHyperlegible_400Regular.ttf", "AtkinsonHyperlegible_700Bold.ttf"} {
		t.Run(name, func(t *testing.T) {
			f, data := loadFace(t, name)
			orig, err := sfnt.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			text := "Décolleté: call (207) 555-0142 · ™ ®"
			w, err := f.WOFF(text)
			if err != nil {
				t.Fatal(err)
			}
			w2, err := WOFF(f.Subset(text))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(unWOFF(t, w), unWOFF(t, w2)) {
				t.Error("Font.WOFF and WOFF(Subset) unpack to different fonts")
			}
			if w3, _ := f.WOFF(text + text); !bytes.Equal(w, w3) {
				t.Error("two subsets of the same characters differ")
			}
			if len(w) > len(data)/3 {
				t.Errorf("WOFF subset is %d bytes, want well under a third of the %d-byte font", len(w), len(data))
			}
			sub, err := sfnt.Parse(unWOFF(t, w))
			if err != nil {
				t.Fatalf("parsing the subset: %v", err)
			}
			if sub.NumGlyphs() != orig.NumGlyphs() {
				t.Errorf("subset has %d glyphs, want the original's %d (numbers kept)", sub.NumGlyphs(), orig.NumGlyphs())
			}
			for _, r := range text {
				og, oadv, osegs := glyph(t, orig, r)
				sg, sadv, ssegs := glyph(t, sub, r)
				if og == 0 || sg != og || sadv != oadv || !reflect.DeepEqual(osegs, ssegs) {
					t.Errorf("%q: subset glyph %d (advance %v, %d segments), want the original's %d (advance %v, %d segments)",
						r, sg, sadv, len(ssegs), og, oadv, len(osegs))
				}
			}
			tables := tableTags(t, unWOFF(t, w))
			for _, tag := range []string{"fpgm", "prep", "cvt ", "GSUB", "GPOS"} {
				if tables[tag] {
					t.Errorf("subset keeps table %q; want hinting and layout tables left out", tag)
				}
			}
			for _, r := range "Zqxz!" {
				if g, _, _ := glyph(t, sub, r); g != 0 {
					t.Errorf("%q is in the subset (glyph %d); want only the text's characters", r, g)
				}
			}
		})
	}
}

// TestParseRefuses: files that are not TrueType fonts are refused with a
// message, not a panic.
func TestParseRefuses(t *testing.T) {
	_, data := loadFace(t, "AtkinsonHyperlegible_400Regular.ttf")
	cut := bytes.Clone(data[:200])
	otto := append([]byte("OTTO"), data[4:]...)
	for name, in := range map[string][]byte{"empty": nil, "text": []byte("hello, world, not a font"), "cut": cut, "CFF": otto} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%s) = nil error, want one", name)
		}
	}
}

func fontsFile(name string) ([]byte, error) { return fonts.FS.ReadFile(name) }

// tableTags lists the tables of a TrueType file.
func tableTags(t *testing.T, font []byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n; i++ {
		out[string(font[12+16*i:16+16*i])] = true
	}
	return out
}

// TestUnhinted: a simple glyph loses its instructions and keeps its
// outline bytes; a composite loses its WE_HAVE_INSTRUCTIONS flag.
func TestUnhinted(t *testing.T) {
	// One contour ending at point 0, 3 bytes of instructions, one flag
	// byte and two coordinate bytes.
	simple := []byte{0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 3, 0xb0, 0x01, 0x2f, 0x37, 5, 5}
	want := []byte{0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 0, 0x37, 5, 5}
	if got := unhinted(simple); !bytes.Equal(got, want) {
		t.Errorf("unhinted(simple) = % x, want % x", got, want)
	}
	// A composite of glyph 7 (byte offsets, no scale) with instructions.
	comp := []byte{0xff, 0xff, 0, 0, 0, 0, 0, 10, 0, 10, 0x01, 0x00, 0, 7, 1, 2, 0, 2, 0xb0, 0x01}
	got := unhinted(comp)
	if len(got) != 16 || binary.BigEndian.Uint16(got[10:])&0x0100 != 0 || binary.BigEndian.Uint16(got[12:]) != 7 {
		t.Errorf("unhinted(composite) = % x, want the component kept and the instructions and their flag gone", got)
	}
}

// TestWOFFBase64: the base64 a page embeds is WOFF's, for every order of
// the same characters, and one string is kept per set of characters.
func TestWOFFBase64(t *testing.T) {
	f, _ := loadFace(t, "AtkinsonHyperlegible_400Regular.ttf")
	text := "Décolleté: call (207) 555-0142"
	w, err := f.WOFF(text)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.WOFFBase64(text)
	if err != nil {
		t.Fatal(err)
	}
	if want := base64.StdEncoding.EncodeToString(w); s != want {
		t.Fatalf("WOFFBase64 = %.40q…, want %.40q…", s, want)
	}
	again, err := f.WOFFBase64("0142 (207) 555- Décolleté: call call")
	if err != nil {
		t.Fatal(err)
	}
	if again != s || unsafe.StringData(again) != unsafe.StringData(s) {
		t.Error("the same characters in another order were encoded again")
	}
	other, err := f.WOFFBase64(text + "Z")
	if err != nil {
		t.Fatal(err)
	}
	if other == s {
		t.Error("another set of characters gave the same font")
	}
}
