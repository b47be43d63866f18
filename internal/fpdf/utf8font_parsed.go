// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// UTF8Font is a TrueType font parsed once, to be added to any number of
// documents with AddUTF8FontParsed, from any number of goroutines.
//
// AddUTF8FontFromBytes parses the font's tables and names the font (a
// SHA-1 of its definition as JSON, 65,536 widths) for every document; a
// program that makes many documents with the same fonts pays that once per
// font with ParseUTF8Font. A document's output is byte for byte the same
// either way: the definition, its name and the embedded subset do not
// change, and each document still subsets the font for the characters it
// uses.
type UTF8Font struct {
	data []byte
	desc FontDescType
	up   int
	ut   int
	cw   []int // read-only once parsed
	// cwBlocks marks the blocks of cw that hold any width but 0.
	cwBlocks []bool

	mu      sync.Mutex
	ids     map[string]string      // font key (family and style) to its name
	subsets map[string]*utf8Subset // see ShareFontSubsets
}

// maxSharedSubsets bounds the subsets a UTF8Font keeps for sharing (about
// 10 KB each): past it, new sets of characters are subset per document.
const maxSharedSubsets = 256

// utf8Subset is what a document embeds of a UTF-8 font for the runes it
// uses: its /W entry, its CIDToGIDMap and the subset font, compressed.
type utf8Subset struct {
	widths      string
	cidToGidMap []byte
	font        []byte
	fontSize    int // uncompressed
}

// ShareFontSubsets lets the document take the font subsets it embeds
// (fonts added with AddUTF8FontParsed) from other documents that used the
// same characters of the same font, and give its own to them: a subset is
// made and compressed once for each set of characters rather than once
// for each document. The output is the same either way. The sets of
// characters are kept, in memory, for as long as the font: a document
// whose text identifies a person (a name, a date) must not share.
func (f *Fpdf) ShareFontSubsets(share bool) {
	f.shareSubsets = share
}

// utf8Subset returns the subset of font the document embeds, shared with
// other documents when both allow it.
func (f *Fpdf) utf8Subset(font *fontDefType) *utf8Subset {
	usedRunes := font.usedRunes
	delete(usedRunes, 0)
	shared := font.shared
	if !f.shareSubsets || f.protect.encrypted {
		shared = nil // putstream encrypts a stream in place
	}
	var key string
	if shared != nil {
		runes := make([]int, 0, len(usedRunes))
		for r := range usedRunes {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		b := make([]byte, 0, 2+len(runes)*6)
		b = append(b, font.Name...)
		b = append(b, 0)
		for _, r := range runes {
			b = binary.AppendUvarint(b, uint64(r))
			b = binary.AppendUvarint(b, uint64(usedRunes[r]))
		}
		key = string(b)
		shared.mu.Lock()
		sub := shared.subsets[key]
		shared.mu.Unlock()
		if sub != nil {
			return sub
		}
	}
	stream := font.utf8File.GenerateCutFont(usedRunes)
	codeSign := font.utf8File.CodeSymbolDictionary
	delete(codeSign, 0)
	sub := &utf8Subset{widths: cidFontWidths(font, font.utf8File.LastRune), fontSize: len(stream)}
	mem := compressCIDToGIDMap(codeSign)
	sub.cidToGidMap = mem.copy()
	mem.release()
	mem = xmem.compress(stream)
	sub.font = mem.copy()
	mem.release()
	if shared != nil {
		shared.mu.Lock()
		if len(shared.subsets) < maxSharedSubsets {
			shared.subsets[key] = sub
		}
		shared.mu.Unlock()
	}
	return sub
}

// utf8Subsets returns the subsets of the UTF-8 fonts among keys, by key.
// They depend on nothing but their own font and runes, so each after the
// first is made on a goroutine of its own: a document's faces are subset
// and compressed side by side on a machine with a core to spare. A panic
// in one is raised again here, as if it had been made here.
func (f *Fpdf) utf8Subsets(keys []string) map[string]*utf8Subset {
	var fonts []string
	for _, key := range keys {
		if f.fonts[key].Tp == "UTF8" {
			fonts = append(fonts, key)
		}
	}
	made := make([]*utf8Subset, len(fonts))
	panics := make([]any, len(fonts))
	var wg sync.WaitGroup
	for i := 1; i < len(fonts); i++ {
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			font := f.fonts[fonts[i]]
			made[i] = f.utf8Subset(&font)
		})
	}
	if len(fonts) > 0 {
		font := f.fonts[fonts[0]]
		made[0] = f.utf8Subset(&font)
	}
	wg.Wait()
	subs := make(map[string]*utf8Subset, len(fonts))
	for i, key := range fonts {
		if panics[i] != nil {
			panic(panics[i])
		}
		subs[key] = made[i]
	}
	return subs
}

// ParseUTF8Font parses a TrueType font's bytes for AddUTF8FontParsed. The
// caller must not change utf8Bytes afterwards.
func ParseUTF8Font(utf8Bytes []byte) (*UTF8Font, error) {
	utf8File := newUTF8Font(&fileReader{readerPosition: 0, array: utf8Bytes})
	if err := utf8File.parseFile(); err != nil {
		return nil, err
	}
	return &UTF8Font{
		data: utf8Bytes,
		desc: FontDescType{
			Ascent:       int(utf8File.Ascent),
			Descent:      int(utf8File.Descent),
			CapHeight:    utf8File.CapHeight,
			Flags:        utf8File.Flags,
			FontBBox:     utf8File.Bbox,
			ItalicAngle:  utf8File.ItalicAngle,
			StemV:        utf8File.StemV,
			MissingWidth: round(utf8File.DefaultWidth),
		},
		up:       int(round(utf8File.UnderlinePosition)),
		ut:       round(utf8File.UnderlineThickness),
		cw:       utf8File.CharWidths,
		cwBlocks: utf8File.widthBlocks,
		ids:      map[string]string{},
		subsets:  map[string]*utf8Subset{},
	}, nil
}

// AddUTF8FontParsed is AddUTF8FontFromBytes for a font parsed once with
// ParseUTF8Font.
func (f *Fpdf) AddUTF8FontParsed(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	if font == nil {
		f.err = errors.New("AddUTF8FontParsed: no font")
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	var sbarr map[int]int
	if f.aliasNbPagesStr == "" {
		sbarr = makeSubsetRange(57)
	} else {
		sbarr = makeSubsetRange(32)
	}
	def := fontDefType{
		Tp:   "UTF8",
		Name: fontkey,
		Desc: font.desc,
		Up:   font.up,
		Ut:   font.ut,
		Cw:   font.cw,
		// The document's own reader: subsetting moves it and keeps the
		// tables it reads.
		utf8File:  newUTF8Font(&fileReader{readerPosition: 0, array: font.data}),
		usedRunes: sbarr,
		shared:    font,
	}
	id, err := font.id(fontkey)
	if err != nil {
		f.err = err
		return
	}
	def.i = id
	f.fonts[fontkey] = def
}

// ID returns the name a document gives the font when it is added with
// AddUTF8FontParsed under familyStr and styleStr (a SHA-1 of its
// definition, 65,536 widths as JSON), computed once per family and style:
// a program can name its fonts ahead, on another goroutine, before its
// first document adds them.
func (font *UTF8Font) ID(familyStr, styleStr string) (string, error) {
	return font.id(getFontKey(fontFamilyEscape(familyStr), styleStr))
}

// id is ID by font key. The definition is AddUTF8FontParsed's as
// generateFontID reads it: the fields it marshals.
func (font *UTF8Font) id(fontkey string) (string, error) {
	font.mu.Lock()
	defer font.mu.Unlock()
	if id, ok := font.ids[fontkey]; ok {
		return id, nil
	}
	id, err := generateFontID(fontDefType{Tp: "UTF8", Name: fontkey, Desc: font.desc, Up: font.up, Ut: font.ut, Cw: font.cw, cwBlocks: font.cwBlocks})
	if err != nil {
		return "", err
	}
	font.ids[fontkey] = id
	return id, nil
}

// compressCIDToGIDMap returns the CIDToGIDMap of codeSign compressed: two
// bytes for each code from 0 to the highest code codeSign maps, the glyph
// codeSign maps it to or 0. The map ends at the highest code the subset
// uses: a reader maps only the codes the document shows, all of them
// within it. The whole range to 0xFFFF was 128 KiB a face before
// compression, which a reader such as poppler expands again each time it
// loads the font (for each structure element, in pdfinfo -struct-text).
// It is made and compressed a page at a time, the same bytes as the whole
// map's.
func compressCIDToGIDMap(codeSign map[int]int) *membuffer {
	codes := make([]int, 0, len(codeSign))
	for cc := range codeSign {
		codes = append(codes, cc)
	}
	slices.Sort(codes)
	const limit = 256 * 256 * 2
	size := 0
	if len(codes) > 0 {
		size = min((codes[len(codes)-1]+1)*2, limit)
	}
	return xmem.compressWith(size, func(zw io.Writer) error {
		page := make([]byte, 4096)
		next := 0
		for off := 0; off < size; off += len(page) {
			page = page[:min(cap(page), size-off)]
			clear(page)
			for ; next < len(codes) && codes[next]*2 < off+len(page); next++ {
				cc, glyph := codes[next], codeSign[codes[next]]
				if cc < 0 || cc*2+1 >= limit {
					panic(fmt.Errorf("character code %d out of the CIDToGIDMap", cc))
				}
				page[cc*2-off] = byte(glyph >> 8)
				page[cc*2+1-off] = byte(glyph & 0xFF)
			}
			if _, err := zw.Write(page); err != nil {
				return err
			}
		}
		return nil
	})
}
