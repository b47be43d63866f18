// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"sync"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() any {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// zwriters holds zlib writers (zlib.BestSpeed) for reuse by compress.
var zwriters sync.Pool

func (pool *xmempool) compress(data []byte) *membuffer {
	return pool.compressWith(len(data), func(zw io.Writer) error {
		_, err := zw.Write(data)
		return err
	})
}

// compressWith compresses what write writes, n bytes, as compress
// compresses them: deflate's output does not depend on how the input is
// split into writes.
func (pool *xmempool) compressWith(n int, write func(io.Writer) error) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	// Room for what most streams compress to; one that compresses less
	// (a font subset is mostly glyphs) grows the buffer as it goes. A
	// large stream that is mostly 0 (a CIDToGIDMap) compresses to little.
	buf.Grow(min(n, 32<<10))

	// A zlib writer holds about a megabyte of tables that a new writer
	// clears; Reset reuses them and writes the same bytes.
	zw, _ := zwriters.Get().(*zlib.Writer)
	if zw == nil {
		var err error
		zw, err = zlib.NewWriterLevel(buf, zlib.BestSpeed)
		if err != nil {
			panic(fmt.Errorf("could not create zlib writer: %w", err))
		}
	} else {
		zw.Reset(buf)
	}
	defer zwriters.Put(zw)
	if err := write(zw); err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	if err := zw.Close(); err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

// Deflate returns data compressed in the zlib format at zlib.BestSpeed,
// the level fpdf compresses its streams at, with a writer from the pool
// fpdf's own streams use: a program that compresses its own streams at
// that level shares the writers (and their megabyte of tables) with fpdf
// rather than keeping its own. The output is the same as a new writer's.
func Deflate(data []byte) []byte {
	mem := xmem.compress(data)
	out := mem.copy()
	mem.release()
	return out
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
