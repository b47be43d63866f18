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
type Zippers struct {
	best, fast sync.Pool
	// Fast, when set, compresses at zlib.BestSpeed in place of the
	// writers kept here: a writer the program shares with another
	// library that compresses at that level (fpdf.Deflate), one writer's
	// tables rather than two. It must return what a new writer would.
	Fast func(data []byte) []byte
}

// deflate returns data compressed in the zlib format at the best
// compression, for the streams this package makes (object streams,
// cross-reference streams, metadata). The output depends on data alone,
// whichever writer made it.
func (z *Zippers) deflate(data []byte) []byte {
	if z == nil {
		return zipWith(nil, data, zlib.BestCompression)
	}
	return zipWith(&z.best, data, zlib.BestCompression)
}

// deflateFast is deflate at the fastest level, for the page contents and
// other streams fpdf leaves uncompressed (fpdf compresses at this level
// too, with a new writer for each stream).
func (z *Zippers) deflateFast(data []byte) []byte {
	if z == nil {
		return zipWith(nil, data, zlib.BestSpeed)
	}
	if z.Fast != nil {
		return z.Fast(data)
	}
	return zipWith(&z.fast, data, zlib.BestSpeed)
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
