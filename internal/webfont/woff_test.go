package webfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// WOFF wraps a whole TrueType file as WOFF 1.0, each table compressed
// with zlib where that makes it smaller, as Font.WOFF does a subset: the
// tests compare the two.
func WOFF(font []byte) ([]byte, error) {
	if len(font) < 12 {
		return nil, errors.New("not a font: too short")
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*n {
		return nil, errors.New("not a font: table directory cut short")
	}
	var f Font // for its pool of compressors
	tables := map[string]wtable{}
	for i := 0; i < n; i++ {
		rec := font[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(font)) {
			return nil, fmt.Errorf("table %q runs past the end of the font", rec[:4])
		}
		tag := string(rec[:4])
		t := font[off : off+ln]
		if tag == "head" && ln >= 12 {
			t = slices.Clone(t)
			binary.BigEndian.PutUint32(t[8:], 0)
		}
		tables[tag] = f.compress(tag, t)
	}
	return wrap(tables), nil
}
