package pdf

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"handouts/internal/layout"
)

// Deflate compresses data at zlib.BestSpeed with the writers fpdf keeps
// for its own streams (fpdf.Deflate), for pdfua.Zippers.Fast: a document's
// page contents and its fonts share one writer's tables.
func Deflate(data []byte) []byte { return fpdf.Deflate(data) }

// Fonts is the body family's four faces, loaded once per build and shared
// read-only by every document; fpdf parses and names each face once, the
// first time a document uses it.
type Fonts struct {
	faces map[layout.Face]*Face
	files []layout.Face // the faces loaded, in layout.Faces' order
	// every has bit r set when every face has a glyph for r (r < 0x10000):
	// Has is asked for every character of every text a build lays out.
	every []uint64
}

// Face is one TrueType face: its bytes for fpdf and its advance widths for
// measuring, in thousandths of an em as fpdf rounds them.
type Face struct {
	File   string
	Data   []byte
	widths map[rune]float64

	// The face as fpdf parses and names it, once per build rather than
	// once per document (see fpdfFont).
	once   sync.Once
	parsed *fpdf.UTF8Font
}

// Data returns the bytes of face as LoadFonts read them, or nil when the
// style sheet names no such face: the HTML pages' typeface is cut from the
// same files, read once.
func (f *Fonts) Data(face layout.Face) []byte {
	if fc := f.faces[face]; fc != nil {
		return fc.Data
	}
	return nil
}

// Prepare parses faces for fpdf and names them as every document names
// them (fpdf.UTF8Font.ID), which a document's first use of a face would
// otherwise do: a copy prepares the faces all its pages use while its
// content loads, on another goroutine. Faces the style sheet does not
// name are skipped.
func (f *Fonts) Prepare(faces ...layout.Face) {
	for _, key := range faces {
		if fc := f.faces[key]; fc != nil {
			if parsed := fc.fpdfFont(); parsed != nil {
				parsed.ID(family, fpdfStyle(key))
			}
		}
	}
}

// fpdfFont returns the face parsed by fpdf, parsing it on first use; nil
// when fpdf cannot parse it (the document then hands fpdf the bytes, as
// before, and fpdf reports its own error).
func (fc *Face) fpdfFont() *fpdf.UTF8Font {
	fc.once.Do(func() {
		fc.parsed, _ = fpdf.ParseUTF8Font(fc.Data)
	})
	return fc.parsed
}

// LoadFonts reads the faces named by files (face key to file name) from
// fsys. It refuses files that are not TrueType fonts, so a bad font fails at
// load time rather than inside fpdf.
func LoadFonts(fsys fs.FS, root string, files map[layout.Face]string) (*Fonts, error) {
	f := &Fonts{faces: map[layout.Face]*Face{}}
	for _, key := range layout.Faces() {
		name, ok := files[key]
		if !ok {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s/%s: %w; the style sheet names this font", root, pe.Path, pe.Err)
			}
			return nil, fmt.Errorf("%s/%s: %w; the style sheet names this font", root, name, err)
		}
		face, err := parseFace(name, data)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %v", root, name, err)
		}
		f.faces[key] = face
		f.files = append(f.files, key)
	}
	f.every = make([]uint64, 0x10000/64)
	if len(f.files) > 0 {
		for r := range f.faces[f.files[0]].widths {
			if r < 0x10000 && f.hasEvery(r) {
				f.every[r/64] |= 1 << (r % 64)
			}
		}
	}
	return f, nil
}

func parseFace(name string, data []byte) (*Face, error) {
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("not a TrueType font: %v", err)
	}
	// The characters to ask sfnt about: those its character map can map
	// (cmapRanges), or all of the Basic Multilingual Plane.
	maybe := func(rune) bool { return true }
	if ranges, ok := cmapRanges(data); ok {
		in := make([]uint64, 0x10000/64)
		for _, rg := range ranges {
			for r := max(rg[0], 0); r <= min(rg[1], 0xFFFF); r++ {
				in[r/64] |= 1 << (r % 64)
			}
		}
		maybe = func(r rune) bool { return in[r/64]&(1<<(r%64)) != 0 }
	}
	face := &Face{File: name, Data: data, widths: faceWidths(sf, maybe)}
	if len(face.widths) < 95 {
		return nil, fmt.Errorf("the font covers only %d characters; is it a text font?", len(face.widths))
	}
	return face, nil
}

// faceWidths returns the advance width, in thousandths of an em as fpdf
// rounds them, of each character from U+0020 to U+FFFF (but surrogates)
// that maybe admits and sf has a glyph for.
func faceWidths(sf *sfnt.Font, maybe func(rune) bool) map[rune]float64 {
	var buf sfnt.Buffer
	upem := sf.UnitsPerEm()
	widths := map[rune]float64{}
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 || !maybe(r) {
			continue
		}
		gi, err := sf.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			continue
		}
		adv, err := sf.GlyphAdvance(&buf, gi, fixed.I(int(upem)), font.HintingNone)
		if err != nil {
			continue
		}
		widths[r] = math.Round(float64(adv) / 64 * 1000 / float64(upem))
	}
	return widths
}

// Width measures s in face at size points.
func (f *Fonts) Width(face layout.Face, size float64, s string) float64 {
	fc := f.faces[face]
	w := 0.0
	for _, r := range s {
		w += fc.widths[r]
	}
	return w * size / 1000
}

// Has reports whether every face has a glyph for r. Characters outside
// the Basic Multilingual Plane are never drawable (fpdf cannot embed them).
func (f *Fonts) Has(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	return f.every[r/64]&(1<<(r%64)) != 0
}

// hasEvery reports whether every face has a glyph for r.
func (f *Fonts) hasEvery(r rune) bool {
	for _, fc := range f.faces {
		if _, ok := fc.widths[r]; !ok {
			return false
		}
	}
	return true
}

// Missing returns the first character of s that a face lacks, if any.
func (f *Fonts) Missing(s string) (rune, bool) {
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if !f.Has(r) {
			return r, true
		}
	}
	return 0, false
}
