// Package webfont makes the small web fonts an HTML handout embeds: a
// TrueType face cut down to the characters one page uses, wrapped as WOFF
// 1.0 (each table compressed with zlib), ready for a data: URI in an
// @font-face rule.
//
// The subset keeps every glyph's number (the way hb-subset's "retain
// glyph IDs" does): glyphs the page does not use are emptied, not removed,
// so the metrics (hmtx) and the glyph count stay valid without renumbering.
// The character map is rebuilt with only the page's characters, glyph
// names are dropped (post format 3), and the OpenType layout tables (GDEF,
// GPOS, GSUB) are left out: the PDFs are set without kerning or ligatures
// (fpdf applies neither), so the screen matches the paper, and a ligature
// could otherwise point at an emptied glyph. Composite glyphs keep the
// glyphs they are built from. Hinting (the glyphs' instructions and the
// fpgm, prep and cvt tables) is left out, as web font services do for
// all but old Windows: phones ignore it or hint automatically, and it is
// about two fifths of the outline data.
//
// No maintained Go module subsets TrueType and writes WOFF (the nearest,
// github.com/tdewolff/font, is not served by the module proxy here), and
// the part we need is small: TrueType outlines (glyf/loca) only, the Basic
// Multilingual Plane only, as the PDFs need anyway.
package webfont

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Font is one parsed TrueType face, read once and shared read-only.
type Font struct {
	tables    map[string][]byte
	numGlyphs int
	loca      []uint32 // numGlyphs+1 offsets into glyf
	cmap      map[rune]uint16

	fixedOnce sync.Once
	fixed     map[string]wtable // the tables every subset shares, compressed once
	cache     sync.Map          // WOFF bytes by the set of characters
	cache64   sync.Map          // the same in base64, by the set of characters
	zlibs     sync.Pool         // *zlib.Writer
}

// dropped are the tables a subset leaves out (see the package doc).
var dropped = map[string]bool{"GDEF": true, "GPOS": true, "GSUB": true, "DSIG": true, "hdmx": true, "LTSH": true, "VDMX": true, "kern": true,
	"fpgm": true, "prep": true, "cvt ": true}

// Parse reads a TrueType font (glyf outlines) from data. It keeps data's
// bytes; do not change them afterwards.
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("not a TrueType font: too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("not a TrueType font (version %08x); only TrueType outlines are supported", v)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("not a TrueType font: table directory cut short")
	}
	f := &Font{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tag)
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "maxp", "loca", "glyf", "cmap", "hmtx", "hhea"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("not a TrueType font with outlines: no %q table", t)
		}
	}
	head, maxp := f.tables["head"], f.tables["maxp"]
	if len(head) < 54 || len(maxp) < 6 {
		return nil, errors.New("head or maxp table too short")
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	loca := f.tables["loca"]
	long := binary.BigEndian.Uint16(head[50:]) == 1
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		switch {
		case long && len(loca) >= 4*i+4:
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		case !long && len(loca) >= 2*i+2:
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return nil, errors.New("loca table too short for the glyph count")
		}
		if f.loca[i] > uint32(len(f.tables["glyf"])) || (i > 0 && f.loca[i] < f.loca[i-1]) {
			return nil, fmt.Errorf("loca entry %d is out of order or past the glyf table", i)
		}
	}
	var err error
	if f.cmap, err = parseCmap(f.tables["cmap"]); err != nil {
		return nil, err
	}
	return f, nil
}

// Has reports whether the font has a glyph for r.
func (f *Font) Has(r rune) bool { return f.cmap[r] != 0 }

// Subset returns a TrueType font with the glyphs of the characters in text
// (and the .notdef glyph); characters the font lacks are left out.
func (f *Font) Subset(text string) []byte {
	out := map[string][]byte{}
	for tag, t := range f.tables {
		if !dropped[tag] {
			out[tag] = t
		}
	}
	for tag, t := range f.subsetTables(text) {
		out[tag] = t
	}
	return assemble(out)
}

// subsetTables returns the tables that differ between subsets: glyf, loca,
// cmap, head and post.
func (f *Font) subsetTables(text string) map[string][]byte {
	runes := map[rune]uint16{}
	keep := map[uint16]bool{0: true}
	for _, r := range text {
		if g := f.cmap[r]; g != 0 && r < 0x10000 {
			runes[r] = g
			keep[g] = true
		}
	}
	glyf := f.tables["glyf"]
	// Composite glyphs need their components, which may be composite too.
	for todo := slices.Collect(mapKeys(keep)); len(todo) > 0; {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, c := range components(glyf[f.loca[g]:f.loca[g+1]]) {
			if int(c) < f.numGlyphs && !keep[c] {
				keep[c] = true
				todo = append(todo, c)
			}
		}
	}
	var newGlyf bytes.Buffer
	newLoca := make([]byte, 4*(f.numGlyphs+1))
	for g := 0; g < f.numGlyphs; g++ {
		binary.BigEndian.PutUint32(newLoca[4*g:], uint32(newGlyf.Len()))
		if keep[uint16(g)] {
			newGlyf.Write(unhinted(glyf[f.loca[g]:f.loca[g+1]]))
			for newGlyf.Len()%4 != 0 {
				newGlyf.WriteByte(0)
			}
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*f.numGlyphs:], uint32(newGlyf.Len()))

	out := map[string][]byte{}
	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	out["head"] = head
	out["glyf"], out["loca"] = newGlyf.Bytes(), newLoca
	out["cmap"] = buildCmap(runes)
	if post := f.tables["post"]; len(post) >= 32 {
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000) // no glyph names
		out["post"] = p
	}
	return out
}

// charset is text's distinct characters, sorted: the key of a subset.
func charset(text string) string {
	rs := []rune(text)
	slices.Sort(rs)
	return string(slices.Compact(rs))
}

// WOFF returns the subset for text (see Subset) as WOFF. Subsets are kept
// by their set of characters, so pages with the same characters share one;
// the tables every subset shares are compressed once.
func (f *Font) WOFF(text string) ([]byte, error) {
	key := charset(text)
	if w, ok := f.cache.Load(key); ok {
		return w.([]byte), nil
	}
	f.fixedOnce.Do(func() {
		f.fixed = map[string]wtable{}
		for tag, t := range f.tables {
			if !dropped[tag] {
				f.fixed[tag] = f.compress(tag, t)
			}
		}
	})
	tables := map[string]wtable{}
	for tag, t := range f.fixed {
		tables[tag] = t
	}
	for tag, t := range f.subsetTables(key) {
		tables[tag] = f.compress(tag, t)
	}
	// head's checkSumAdjustment covers the whole font: compute it from
	// the table checksums as assemble lays the file out.
	w := wrap(tables)
	f.cache.Store(key, w)
	return w, nil
}

// WOFFBase64 is WOFF(text) in standard base64 (RFC 4648), as a page's
// data: address holds it, kept by the set of characters as WOFF's is.
func (f *Font) WOFFBase64(text string) (string, error) {
	key := charset(text)
	if s, ok := f.cache64.Load(key); ok {
		return s.(string), nil
	}
	w, err := f.WOFF(text)
	if err != nil {
		return "", err
	}
	s := base64.StdEncoding.EncodeToString(w)
	f.cache64.Store(key, s)
	return s, nil
}

// wtable is one table of a WOFF file: its data as stored (compressed when
// that is smaller) and its original length and checksum.
type wtable struct {
	data    []byte
	origLen uint32
	origSum uint32
	orig    []byte // head only: patched with checkSumAdjustment
}

func (f *Font) compress(tag string, t []byte) wtable {
	e := wtable{data: t, origLen: uint32(len(t)), origSum: checksum(t)}
	if tag == "head" {
		e.orig = t
		return e
	}
	zw, _ := f.zlibs.Get().(*zlib.Writer)
	var z bytes.Buffer
	if zw == nil {
		zw, _ = zlib.NewWriterLevel(&z, zlib.BestCompression)
	} else {
		zw.Reset(&z)
	}
	zw.Write(t)
	zw.Close()
	f.zlibs.Put(zw)
	if z.Len() < len(t) {
		e.data = z.Bytes()
	}
	return e
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// components lists the glyphs a composite glyph is built from.
func components(g []byte) []uint16 {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []uint16
	for p := 10; p+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, binary.BigEndian.Uint16(g[p+2:]))
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return out
}

// unhinted returns glyph g without its instructions.
func unhinted(g []byte) []byte {
	if len(g) < 10 {
		return g
	}
	if n := int(int16(binary.BigEndian.Uint16(g))); n >= 0 {
		at := 10 + 2*n
		if at+2 > len(g) {
			return g
		}
		il := int(binary.BigEndian.Uint16(g[at:]))
		if at+2+il > len(g) {
			return g
		}
		out := make([]byte, 0, len(g)-il)
		out = append(out, g[:at]...)
		out = append(out, 0, 0)
		return append(out, g[at+2+il:]...)
	}
	// A composite: instructions follow the last component when its flags
	// say WE_HAVE_INSTRUCTIONS (0x0100).
	for p := 10; p+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[p:])
		q := p + 4
		if flags&0x0001 != 0 {
			q += 4
		} else {
			q += 2
		}
		switch {
		case flags&0x0008 != 0:
			q += 2
		case flags&0x0040 != 0:
			q += 4
		case flags&0x0080 != 0:
			q += 8
		}
		if q > len(g) {
			return g
		}
		if flags&0x0020 == 0 {
			if flags&0x0100 == 0 {
				return g
			}
			out := slices.Clone(g[:q])
			binary.BigEndian.PutUint16(out[p:], flags&^0x0100)
			return out
		}
		p = q
	}
	return g
}

// assemble writes the tables as one TrueType file, in tag order, with
// checksums and the head table's checkSumAdjustment.
func assemble(tables map[string][]byte) []byte {
	tags := slices.Sorted(mapKeys(tables))
	var lens, sums []uint32
	for _, tag := range tags {
		lens = append(lens, uint32(len(tables[tag])))
		sums = append(sums, checksum(tables[tag]))
	}
	var buf bytes.Buffer
	buf.Write(directory(tags, lens, sums))
	headAt := 0
	for _, tag := range tags {
		if tag == "head" {
			headAt = buf.Len()
		}
		buf.Write(tables[tag])
		for buf.Len()%4 != 0 {
			buf.WriteByte(0)
		}
	}
	b := buf.Bytes()
	binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b
}

// directory is a TrueType file's offset table and table records for
// tables laid out in tags' order, each padded to 4 bytes.
func directory(tags []string, lens, sums []uint32) []byte {
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	hdr := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(hdr, 0x00010000)
	binary.BigEndian.PutUint16(hdr[4:], uint16(n))
	binary.BigEndian.PutUint16(hdr[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(hdr[8:], uint16(es))
	binary.BigEndian.PutUint16(hdr[10:], uint16(16*n-16<<es))
	off := uint32(len(hdr))
	for i, tag := range tags {
		rec := hdr[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], sums[i])
		binary.BigEndian.PutUint32(rec[8:], off)
		binary.BigEndian.PutUint32(rec[12:], lens[i])
		off += (lens[i] + 3) &^ 3
	}
	return hdr
}

// checksum is the OpenType table checksum: the sum of big-endian uint32s,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// wrap lays out a WOFF file: header, table directory in tag order, and
// the tables, each on a 4-byte boundary. It sets the head table's
// checkSumAdjustment for the TrueType file the WOFF unpacks to.
func wrap(tables map[string]wtable) []byte {
	tags := slices.Sorted(mapKeys(tables))
	n := len(tags)
	var lens, sums []uint32
	total := checksum(nil)
	sfntSize := 12 + 16*n
	for _, tag := range tags {
		e := tables[tag]
		lens = append(lens, e.origLen)
		sums = append(sums, e.origSum)
		total += e.origSum
		sfntSize += int((e.origLen + 3) &^ 3)
	}
	total += checksum(directory(tags, lens, sums))
	if h, ok := tables["head"]; ok && len(h.orig) >= 12 {
		head := slices.Clone(h.orig)
		binary.BigEndian.PutUint32(head[8:], 0xB1B0AFBA-total)
		h.data = head
		tables["head"] = h
	}
	hdr := make([]byte, 44+20*n)
	copy(hdr, "wOFF")
	binary.BigEndian.PutUint32(hdr[4:], 0x00010000) // flavor: TrueType
	binary.BigEndian.PutUint16(hdr[12:], uint16(n))
	binary.BigEndian.PutUint32(hdr[16:], uint32(sfntSize))
	binary.BigEndian.PutUint16(hdr[20:], 1) // version 1.0 of this font file
	off := len(hdr)
	for i, tag := range tags {
		e := tables[tag]
		rec := hdr[44+20*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], uint32(off))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(e.data)))
		binary.BigEndian.PutUint32(rec[12:], e.origLen)
		binary.BigEndian.PutUint32(rec[16:], e.origSum)
		off += (len(e.data) + 3) &^ 3
	}
	binary.BigEndian.PutUint32(hdr[8:], uint32(off))
	out := bytes.NewBuffer(make([]byte, 0, off))
	out.Write(hdr)
	for _, tag := range tags {
		out.Write(tables[tag].data)
		for out.Len()%4 != 0 {
			out.WriteByte(0)
		}
	}
	return out.Bytes()
}
