package pdfua

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"
)

// Zippers.Fast, when set, makes every stream (a program shares those
// writers with fpdf); without it, or with a nil *Zippers, the streams are
// the same bytes, at zlib.BestSpeed, and read back as the data.
func TestZippersFast(t *testing.T) {
	data := bytes.Repeat([]byte("BT /F1 12 Tf (Aftercare) Tj ET\n"), 200)
	var fast int
	z := &Zippers{Fast: func(b []byte) []byte {
		fast++
		return zipWith(nil, b, zlib.BestSpeed)
	}}
	var want bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
	zw.Write(data)
	zw.Close()
	if got := z.deflate(data); !bytes.Equal(got, want.Bytes()) || fast != 1 {
		t.Errorf("deflate with Fast: %d bytes, Fast called %d times; want Fast's %d bytes, once", len(got), fast, want.Len())
	}
	var pooled Zippers
	for i := range 2 { // a new writer, then the pool's
		if got := pooled.deflate(data); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("deflate without Fast (%d): %d bytes, want %d", i, len(got), want.Len())
		}
	}
	got := (*Zippers)(nil).deflate(data)
	zr, err := zlib.NewReader(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if back, err := io.ReadAll(zr); err != nil || !bytes.Equal(back, data) {
		t.Errorf("nil Zippers: read back %d bytes (%v), want the %d written", len(back), err, len(data))
	}
}
