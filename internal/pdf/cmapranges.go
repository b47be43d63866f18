package pdf

import "encoding/binary"

// cmapRanges returns the ranges of characters that the Unicode subtables
// of a TrueType font's character map can map to a glyph (inclusive
// [first, last] pairs): every segment of every format 4 and 12 subtable,
// and the span of every format 0 and 6 one. sfnt maps a character through
// one of these subtables, so a character outside every range has no glyph
// (glyph 0), and parseFace asks sfnt only about the characters inside
// them rather than about all 65,536. ok is false when the map cannot be
// read or has a subtable of another format (sfnt's reading then decides,
// character by character).
func cmapRanges(data []byte) (ranges [][2]rune, ok bool) {
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(data) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(data[off:])), true
	}
	u32 := func(off int) (int, bool) {
		if off < 0 || off+4 > len(data) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(data[off:])), true
	}
	numTables, ok := u16(4)
	if !ok {
		return nil, false
	}
	cmap := -1
	for i := range numTables {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, false
		}
		if string(data[rec:rec+4]) == "cmap" {
			cmap, _ = u32(rec + 8)
			break
		}
	}
	if cmap < 0 {
		return nil, false
	}
	n, ok := u16(cmap + 2)
	if !ok {
		return nil, false
	}
	for i := range n {
		sub, ok := u32(cmap + 4 + 8*i + 4)
		if !ok {
			return nil, false
		}
		sub += cmap
		format, ok := u16(sub)
		if !ok {
			return nil, false
		}
		switch format {
		case 0:
			ranges = append(ranges, [2]rune{0, 255})
		case 4:
			segX2, ok := u16(sub + 6)
			if !ok {
				return nil, false
			}
			ends, starts := sub+14, sub+16+segX2
			for s := 0; s < segX2; s += 2 {
				end, ok1 := u16(ends + s)
				start, ok2 := u16(starts + s)
				if !ok1 || !ok2 {
					return nil, false
				}
				ranges = append(ranges, [2]rune{rune(start), rune(end)})
			}
		case 6:
			first, ok1 := u16(sub + 6)
			count, ok2 := u16(sub + 8)
			if !ok1 || !ok2 {
				return nil, false
			}
			ranges = append(ranges, [2]rune{rune(first), rune(first + count - 1)})
		case 12:
			groups, ok := u32(sub + 12)
			if !ok {
				return nil, false
			}
			for g := range groups {
				start, ok1 := u32(sub + 16 + 12*g)
				end, ok2 := u32(sub + 20 + 12*g)
				if !ok1 || !ok2 {
					return nil, false
				}
				ranges = append(ranges, [2]rune{rune(start), rune(end)})
			}
		case 14:
			// Variation sequences: sfnt's GlyphIndex does not read them.
		default:
			return nil, false
		}
	}
	return ranges, true
}
