package project

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"runtime"
	"strings"
	"testing"
)

// hugePNG is a small PNG file that says it is w x h grey pixels and
// holds the first row of them: a decoder allocates the whole image before
// it finds the rest missing.
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
		c := append([]byte(kind), data...)
		b.Write(c)
		b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(c)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	chunk("IHDR", append(ihdr, 8, 0, 0, 0, 0)) // 8-bit greyscale
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1+w)) // one row: filter byte and pixels
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// TestPrintLogoChecksSizeFirst: a logo of 20000 x 20000 pixels (a file of
// a few kilobytes here) is refused from its header; nothing is decoded,
// so the refusal allocates almost nothing where decoding took hundreds of
// megabytes.
func TestPrintLogoChecksSizeFirst(t *testing.T) {
	data := hugePNG(20000, 20000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := loadLogo(data, 14)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.HasPrefix(err.Error(), "is 20000 x 20000 pixels, over the limit of 16 megapixels") {
		t.Errorf("loadLogo error = %v, want the size refused", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("loadLogo allocated %d MB refusing the logo; it decoded it", got>>20)
	}
	// A logo within the limit is still scaled for print.
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 400, 200))); err != nil {
		t.Fatal(err)
	}
	l, err := loadLogo(buf.Bytes(), 14)
	if err != nil || len(l.print()) == 0 {
		t.Errorf("loadLogo(400 x 200): %v; printed %d bytes", err, len(l.print()))
	}
}
