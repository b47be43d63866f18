package pdfua

import (
	"bytes"
	"compress/zlib"
	"testing"
)

// Zippers.Fast, when set, makes the fastest level's streams (a program
// shares those writers with fpdf), and the best level's stay here.
func TestZippersFast(t *testing.T) {
	data := bytes.Repeat([]byte("BT /F1 12 Tf (Aftercare) Tj ET\n"), 200)
	var fast int
	z := &Zippers{Fast: func(b []byte) []byte {
		fast++
		return zipWith(nil, b, zlib.BestSpeed)
	}}
	want := zipWith(nil, data, zlib.BestSpeed)
	if got := z.deflateFast(data); !bytes.Equal(got, want) || fast != 1 {
		t.Errorf("deflateFast with Fast: %d bytes, Fast called %d times; want Fast's %d bytes, once", len(got), fast, len(want))
	}
	if got := z.deflate(data); !bytes.Equal(got, zipWith(nil, data, zlib.BestCompression)) || fast != 1 {
		t.Errorf("deflate with Fast: Fast called %d times or other bytes; want the best level's own writer", fast)
	}
	if got := (&Zippers{}).deflateFast(data); !bytes.Equal(got, want) {
		t.Errorf("deflateFast without Fast: %d bytes, want %d", len(got), len(want))
	}
}
