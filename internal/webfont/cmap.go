package webfont

import (
	"encoding/binary"
	"errors"
	"slices"
)

// parseCmap reads the font's Unicode character map (format 12 or 4) into a
// map from character to glyph.
func parseCmap(t []byte) (map[rune]uint16, error) {
	if len(t) < 4 {
		return nil, errors.New("cmap table too short")
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	if len(t) < 4+8*n {
		return nil, errors.New("cmap table too short for its records")
	}
	// Best first: full Unicode (format 12), then the BMP (format 4).
	best, bestRank := -1, 0
	for i := 0; i < n; i++ {
		rec := t[4+8*i:]
		pid, eid, off := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:]), int(binary.BigEndian.Uint32(rec[4:]))
		if off+2 > len(t) || (pid != 0 && !(pid == 3 && (eid == 1 || eid == 10))) {
			continue
		}
		rank := 0
		switch binary.BigEndian.Uint16(t[off:]) {
		case 12:
			rank = 2
		case 4:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return nil, errors.New("cmap has no Unicode subtable of format 4 or 12")
	}
	s := t[best:]
	m := map[rune]uint16{}
	if bestRank == 2 {
		if len(s) < 16 {
			return nil, errors.New("cmap format 12 subtable too short")
		}
		groups := int(binary.BigEndian.Uint32(s[12:]))
		if len(s) < 16+12*groups {
			return nil, errors.New("cmap format 12 subtable too short for its groups")
		}
		for i := 0; i < groups; i++ {
			g := s[16+12*i:]
			start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
			for c := start; c <= end && c < 0x110000 && end-start < 0x10000; c++ {
				m[rune(c)] = uint16(gid + c - start)
			}
		}
		return m, nil
	}
	if len(s) < 14 {
		return nil, errors.New("cmap format 4 subtable too short")
	}
	segs := int(binary.BigEndian.Uint16(s[6:])) / 2
	if len(s) < 16+8*segs {
		return nil, errors.New("cmap format 4 subtable too short for its segments")
	}
	ends, starts := s[14:], s[16+2*segs:]
	deltas, ranges := s[16+4*segs:], s[16+6*segs:]
	for i := 0; i < segs; i++ {
		end, start := binary.BigEndian.Uint16(ends[2*i:]), binary.BigEndian.Uint16(starts[2*i:])
		delta, ro := binary.BigEndian.Uint16(deltas[2*i:]), int(binary.BigEndian.Uint16(ranges[2*i:]))
		for c := uint32(start); c <= uint32(end) && c != 0xFFFF; c++ {
			var g uint16
			if ro == 0 {
				g = uint16(c) + delta
			} else {
				at := 16 + 6*segs + 2*i + ro + 2*int(c-uint32(start))
				if at+2 > len(s) {
					continue
				}
				if g = binary.BigEndian.Uint16(s[at:]); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				m[rune(c)] = g
			}
		}
	}
	return m, nil
}

// buildCmap writes a cmap table with one format 4 subtable (for Unicode
// and for Windows Unicode BMP) mapping exactly the characters given.
func buildCmap(m map[rune]uint16) []byte {
	type seg struct {
		start, end uint16
		delta      uint16
	}
	var segs []seg
	for _, r := range slices.Sorted(mapKeys(m)) {
		c, delta := uint16(r), m[r]-uint16(r)
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == c && segs[k].delta == delta {
			segs[k].end = c
			continue
		}
		segs = append(segs, seg{c, c, delta})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	sub := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(sub, 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	binary.BigEndian.PutUint16(sub[8:], uint16(2<<es))
	binary.BigEndian.PutUint16(sub[10:], uint16(es))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*n-2<<es))
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[14+2*i:], s.end)
		binary.BigEndian.PutUint16(sub[16+2*n+2*i:], s.start)
		binary.BigEndian.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0.
	}
	t := make([]byte, 4+16)
	binary.BigEndian.PutUint16(t[2:], 2)
	// (0, 3) Unicode BMP and (3, 1) Windows Unicode BMP share the subtable.
	binary.BigEndian.PutUint16(t[4:], 0)
	binary.BigEndian.PutUint16(t[6:], 3)
	binary.BigEndian.PutUint32(t[8:], uint32(len(t)))
	binary.BigEndian.PutUint16(t[12:], 3)
	binary.BigEndian.PutUint16(t[14:], 1)
	binary.BigEndian.PutUint32(t[16:], uint32(len(t)))
	return append(t, sub...)
}
