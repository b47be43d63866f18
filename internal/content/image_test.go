package content

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"

	"handouts/internal/golden"
)

// pngHeader is the start of a PNG file of w x h pixels: enough for its
// size to be read, nothing to decode.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// TestLogoTooLarge: a logo of 20000 x 20000 pixels (a small file that took
// 512 MB to decode) is refused from its header, with the brand file, its
// logo: line and what to do; 4000 x 4000 is within the limit.
func TestLogoTooLarge(t *testing.T) {
	for _, tt := range []struct {
		w, h uint32
		want string
	}{
		{20000, 20000, "content/brands/acme.yaml:4: logo content/brands/acme.png is 20000 x 20000 pixels, over the limit of 16 megapixels (such as 4000 x 4000); export it smaller: it prints about 14 mm high, so 1000 pixels across is plenty"},
		{4001, 4000, "content/brands/acme.yaml:4: logo content/brands/acme.png is 4001 x 4000 pixels, over the limit of 16 megapixels (such as 4000 x 4000); export it smaller: it prints about 14 mm high, so 1000 pixels across is plenty"},
		{4000, 4000, ""},
	} {
		files, _ := golden.Tree(t, "testdata/base.txtar")
		files["brands/acme.png"] = pngHeader(tt.w, tt.h)
		_, err := Load(golden.MapFS(files), "content")
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%d x %d logo: Load error =\n%s\nwant\n%s", tt.w, tt.h, got, tt.want)
		}
	}
}
