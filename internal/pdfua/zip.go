package pdfua

import (
	"bytes"
	"compress/zlib"
	"sync"
)

// Zippers keeps zlib writers for reuse by the documents of one build: a
// new writer allocates several hundred kilobytes of tables, more than the
// data a document compresses here. The zero value is ready and safe for
// concurrent use; a nil *Zippers makes a new writer each time.
type Zippers struct {
	pool sync.Pool
}

// deflate returns data compressed in the zlib format. The output depends
// on data alone, whichever writer made it.
func (z *Zippers) deflate(data []byte) []byte {
	var buf bytes.Buffer
	var zw *zlib.Writer
	if z != nil {
		zw, _ = z.pool.Get().(*zlib.Writer)
	}
	if zw == nil {
		zw, _ = zlib.NewWriterLevel(&buf, zlib.BestCompression)
	} else {
		zw.Reset(&buf)
	}
	zw.Write(data)
	zw.Close()
	if z != nil {
		z.pool.Put(zw)
	}
	return buf.Bytes()
}
