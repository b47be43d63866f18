package pdfua

import (
	"bytes"
	"compress/zlib"
	"sync"
)

// Zippers keeps zlib writers for reuse by the documents of one build: a
// new writer allocates and clears several hundred kilobytes of tables,
// more than the data a document compresses here, and a build makes
// thousands of documents. The zero value is ready and safe for concurrent
// use; a nil *Zippers makes a new writer each time.
//
// Every stream this package compresses is compressed at one level,
// zlib.BestSpeed, the level fpdf compresses its fonts at: the page
// contents and the other streams fpdf leaves uncompressed, the object
// stream, the cross-reference stream and the metadata. A writer at the
// best level touches about 700 KB of tables of its own, which a one-off
// copy pays for in page faults and a build in processor time, to make
// these streams about 1,100 bytes smaller a PDF (the default build: 2%).
type Zippers struct {
	pool sync.Pool
	// Fast, when set, compresses in place of the writers kept here: a
	// writer the program shares with another library that compresses at
	// zlib.BestSpeed (fpdf.Deflate), one writer's tables rather than two.
	// It must return what a new writer would.
	Fast func(data []byte) []byte
}

// deflate returns data compressed in the zlib format at zlib.BestSpeed.
// The output depends on data alone, whichever writer made it.
func (z *Zippers) deflate(data []byte) []byte {
	if z == nil {
		return zipWith(nil, data, zlib.BestSpeed)
	}
	if z.Fast != nil {
		return z.Fast(data)
	}
	return zipWith(&z.pool, data, zlib.BestSpeed)
}

// zipWith compresses data at level with a writer from pool (nil: a new
// writer).
func zipWith(pool *sync.Pool, data []byte, level int) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	var zw *zlib.Writer
	if pool != nil {
		zw, _ = pool.Get().(*zlib.Writer)
	}
	if zw == nil {
		zw, _ = zlib.NewWriterLevel(&buf, level)
	} else {
		zw.Reset(&buf)
	}
	zw.Write(data)
	zw.Close()
	if pool != nil {
		pool.Put(zw)
	}
	return buf.Bytes()
}
