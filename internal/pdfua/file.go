package pdfua

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Stream is a stream object: its dictionary and its data as stored.
type Stream struct {
	Dict *Dict
	Raw  []byte
}

// Decode returns the stream's data decoded: as stored without a filter,
// inflated with FlateDecode (the only filter fpdf and this package write
// for data that is read back; images keep theirs).
func (s *Stream) Decode() ([]byte, error) {
	switch s.Dict.Get("Filter") {
	case nil:
		return s.Raw, nil
	case Name("FlateDecode"):
		if s.Dict.Get("DecodeParms") != nil {
			return nil, fmt.Errorf("pdf: stream predictors are not supported")
		}
		r, err := zlib.NewReader(bytes.NewReader(s.Raw))
		if err != nil {
			return nil, fmt.Errorf("pdf: %v", err)
		}
		return io.ReadAll(r)
	}
	return nil, fmt.Errorf("pdf: unsupported filter %v", s.Dict.Get("Filter"))
}

// entry is where an object is: at byte offset off (kind 1), or at index
// idx of object stream stm (kind 2).
type entry struct {
	kind     byte
	off      int
	stm, idx int
}

// File is a PDF read for updating: its bytes, its newest trailer and
// where each object is. It reads cross-reference tables and streams,
// following /Prev through earlier updates, and object streams, which is
// what fpdf and this package write; it is not a general PDF reader (no
// encryption, no repair of broken files).
type File struct {
	Data      []byte
	Trailer   *Dict
	StartXref int // offset of the newest cross-reference section
	xref      map[int]entry
	stms      map[int]*objStream
}

type objStream struct {
	data  []byte
	first int
	offs  []int // offset of each object after first
}

// Read reads the cross-reference sections of the PDF in data.
func Read(data []byte) (*File, error) {
	f := &File{Data: data, xref: map[int]entry{}, stms: map[int]*objStream{}}
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("pdf: no startxref")
	}
	p := &parser{b: data, pos: i + len("startxref")}
	off, err := strconv.Atoi(p.token())
	if err != nil {
		return nil, fmt.Errorf("pdf: bad startxref")
	}
	f.StartXref = off
	seen := map[int]bool{}
	for {
		if off < 0 || off >= len(data) || seen[off] {
			return nil, fmt.Errorf("pdf: bad cross-reference offset %d", off)
		}
		seen[off] = true
		var tr *Dict
		if bytes.HasPrefix(data[off:], []byte("xref")) {
			tr, err = f.readTable(off)
		} else {
			tr, err = f.readXrefStream(off)
		}
		if err != nil {
			return nil, err
		}
		if f.Trailer == nil {
			f.Trailer = tr
		}
		prev, ok := tr.Get("Prev").(Int)
		if !ok {
			return f, nil
		}
		off = int(prev)
	}
}

// set records an entry unless a newer section already did.
func (f *File) set(num int, e entry) {
	if _, ok := f.xref[num]; !ok {
		f.xref[num] = e
	}
}

func (f *File) readTable(off int) (*Dict, error) {
	p := &parser{b: f.Data, pos: off + len("xref")}
	for {
		tok := p.token()
		if tok == "trailer" {
			o, err := p.object()
			if err != nil {
				return nil, err
			}
			d, ok := o.(*Dict)
			if !ok {
				return nil, fmt.Errorf("pdf: trailer is not a dictionary")
			}
			return d, nil
		}
		start, err1 := strconv.Atoi(tok)
		count, err2 := strconv.Atoi(p.token())
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("pdf offset %d: bad cross-reference table", p.pos)
		}
		for k := 0; k < count; k++ {
			o, _ := strconv.Atoi(p.token())
			p.token() // generation
			if p.token() == "n" {
				f.set(start+k, entry{kind: 1, off: o})
			} else {
				f.set(start+k, entry{kind: 0})
			}
		}
	}
}

func (f *File) readXrefStream(off int) (*Dict, error) {
	o, err := f.objectAt(off)
	if err != nil {
		return nil, err
	}
	s, ok := o.(*Stream)
	if !ok || s.Dict.Get("Type") != Name("XRef") {
		return nil, fmt.Errorf("pdf offset %d: not a cross-reference stream", off)
	}
	w, _ := s.Dict.Get("W").(Array)
	if len(w) != 3 {
		return nil, fmt.Errorf("pdf offset %d: bad /W", off)
	}
	var ws [3]int
	for i, v := range w {
		n, _ := v.(Int)
		ws[i] = int(n)
	}
	index, _ := s.Dict.Get("Index").(Array)
	if index == nil {
		size, _ := s.Dict.Get("Size").(Int)
		index = Array{Int(0), size}
	}
	data, err := s.Decode()
	if err != nil {
		return nil, err
	}
	field := func(n int) int {
		v := 0
		for i := 0; i < n; i++ {
			v = v<<8 | int(data[i])
		}
		data = data[n:]
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		start, _ := index[i].(Int)
		count, _ := index[i+1].(Int)
		for k := 0; k < int(count); k++ {
			if len(data) < ws[0]+ws[1]+ws[2] {
				return nil, fmt.Errorf("pdf offset %d: cross-reference stream too short", off)
			}
			kind := 1
			if ws[0] > 0 {
				kind = field(ws[0])
			}
			a, b := field(ws[1]), field(ws[2])
			switch kind {
			case 1:
				f.set(int(start)+k, entry{kind: 1, off: a})
			case 2:
				f.set(int(start)+k, entry{kind: 2, stm: a, idx: b})
			default:
				f.set(int(start)+k, entry{kind: 0})
			}
		}
	}
	return s.Dict, nil
}

// Object returns object num: a value, or a *Stream.
func (f *File) Object(num int) (Object, error) {
	e, ok := f.xref[num]
	switch {
	case !ok || e.kind == 0:
		return nil, fmt.Errorf("pdf: no object %d", num)
	case e.kind == 1:
		return f.objectAt(e.off)
	}
	s, err := f.objStream(e.stm)
	if err != nil {
		return nil, err
	}
	if e.idx >= len(s.offs) {
		return nil, fmt.Errorf("pdf: object %d: index %d past its object stream", num, e.idx)
	}
	p := &parser{b: s.data, pos: s.first + s.offs[e.idx]}
	return p.object()
}

// Raw returns object num as it is stored, without reading it: the text
// between "num gen obj" and "endobj", and whether it is a stream. It is
// how Rewrite copies the objects it does not change. An object inside an
// object stream is read and written again.
func (f *File) Raw(num int) ([]byte, bool, error) {
	e, ok := f.xref[num]
	if !ok || e.kind != 1 {
		o, err := f.Object(num)
		if err != nil {
			return nil, false, err
		}
		if s, ok := o.(*Stream); ok {
			b := Append(nil, s.Dict)
			b = append(b, "\nstream\n"...)
			b = append(b, s.Raw...)
			return append(b, "\nendstream"...), true, nil
		}
		return Append(nil, o), false, nil
	}
	p := &parser{b: f.Data, pos: e.off}
	p.token()
	p.token()
	if p.token() != "obj" {
		return nil, false, fmt.Errorf("pdf offset %d: no object here", e.off)
	}
	p.skip()
	start := p.pos
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			p.skip()
		case c == '(':
			if _, err := p.literal(); err != nil {
				return nil, false, err
			}
		case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
			p.pos += 2
		case c == '<':
			if _, err := p.hex(); err != nil {
				return nil, false, err
			}
		case !regular(c):
			p.pos++
		default:
			end := p.pos
			switch tok := p.tokenBytes(); string(tok) {
			case "endobj":
				return bytes.TrimRight(p.b[start:end], " \t\r\n"), false, nil
			case "stream":
				// A stream is copied whole: read its dictionary for /Length.
				dp := &parser{b: p.b, pos: start}
				o, err := dp.object()
				if err != nil {
					return nil, false, err
				}
				d, _ := o.(*Dict)
				if d == nil {
					return nil, false, fmt.Errorf("pdf offset %d: stream without a dictionary", e.off)
				}
				lo, err := f.Resolve(d.Get("Length"))
				n, ok := lo.(Int)
				if err != nil || !ok {
					return nil, false, fmt.Errorf("pdf offset %d: bad stream length", e.off)
				}
				data := p.pos
				if data < len(p.b) && p.b[data] == '\r' {
					data++
				}
				if data < len(p.b) && p.b[data] == '\n' {
					data++
				}
				q := &parser{b: p.b, pos: min(data+int(n), len(p.b))}
				if q.token() != "endstream" {
					return nil, false, fmt.Errorf("pdf offset %d: stream without endstream", e.off)
				}
				return p.b[start:q.pos], true, nil
			}
		}
	}
	return nil, false, fmt.Errorf("pdf offset %d: object without endobj", e.off)
}

// Resolve returns o, or the object o refers to.
func (f *File) Resolve(o Object) (Object, error) {
	if r, ok := o.(Ref); ok {
		return f.Object(int(r))
	}
	return o, nil
}

// Dict returns object num, which must be a dictionary.
func (f *File) Dict(num int) (*Dict, error) {
	o, err := f.Object(num)
	if err != nil {
		return nil, err
	}
	d, ok := o.(*Dict)
	if !ok {
		return nil, fmt.Errorf("pdf: object %d is not a dictionary", num)
	}
	return d, nil
}

// objectAt reads "num gen obj" at off and the object after it.
func (f *File) objectAt(off int) (Object, error) {
	p := &parser{b: f.Data, pos: off}
	p.token()
	p.token()
	if p.token() != "obj" {
		return nil, fmt.Errorf("pdf offset %d: no object here", off)
	}
	o, err := p.object()
	if err != nil {
		return nil, err
	}
	d, ok := o.(*Dict)
	if !ok {
		return o, nil
	}
	save := p.pos
	if p.token() != "stream" {
		p.pos = save
		return d, nil
	}
	// The data starts after the end of the line (CRLF or LF).
	if p.pos < len(p.b) && p.b[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.b) && p.b[p.pos] == '\n' {
		p.pos++
	}
	lo, err := f.Resolve(d.Get("Length"))
	if err != nil {
		return nil, err
	}
	n, ok := lo.(Int)
	if !ok || int(n) < 0 || p.pos+int(n) > len(p.b) {
		return nil, fmt.Errorf("pdf offset %d: bad stream length", off)
	}
	return &Stream{Dict: d, Raw: p.b[p.pos : p.pos+int(n)]}, nil
}

func (f *File) objStream(num int) (*objStream, error) {
	if s, ok := f.stms[num]; ok {
		return s, nil
	}
	o, err := f.Object(num)
	if err != nil {
		return nil, err
	}
	st, ok := o.(*Stream)
	if !ok || st.Dict.Get("Type") != Name("ObjStm") {
		return nil, fmt.Errorf("pdf: object %d is not an object stream", num)
	}
	n, _ := st.Dict.Get("N").(Int)
	first, _ := st.Dict.Get("First").(Int)
	data, err := st.Decode()
	if err != nil {
		return nil, fmt.Errorf("pdf: object stream %d: %v", num, err)
	}
	s := &objStream{data: data, first: int(first)}
	p := &parser{b: data}
	for i := 0; i < int(n); i++ {
		p.token() // object number
		o, err := strconv.Atoi(p.token())
		if err != nil {
			return nil, fmt.Errorf("pdf: object stream %d: bad header", num)
		}
		s.offs = append(s.offs, o)
	}
	f.stms[num] = s
	return s, nil
}

// Objects returns the numbers of the objects in use, in order.
func (f *File) Objects() []int {
	var out []int
	for num, e := range f.xref {
		if e.kind != 0 && num > 0 {
			out = append(out, num)
		}
	}
	slices.Sort(out)
	return out
}

// Pages returns the object numbers of the pages in order, walking the
// page tree from the catalog.
func (f *File) Pages() ([]int, error) {
	root, ok := f.Trailer.Get("Root").(Ref)
	if !ok {
		return nil, fmt.Errorf("pdf: trailer has no /Root")
	}
	cat, err := f.Dict(int(root))
	if err != nil {
		return nil, err
	}
	var out []int
	var walk func(num, depth int) error
	walk = func(num, depth int) error {
		if depth > 32 {
			return fmt.Errorf("pdf: page tree too deep")
		}
		d, err := f.Dict(num)
		if err != nil {
			return err
		}
		if d.Get("Type") == Name("Page") {
			out = append(out, num)
			return nil
		}
		kids, _ := d.Get("Kids").(Array)
		for _, k := range kids {
			r, ok := k.(Ref)
			if !ok {
				return fmt.Errorf("pdf: page tree kid is not a reference")
			}
			if err := walk(int(r), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	pages, ok := cat.Get("Pages").(Ref)
	if !ok {
		return nil, fmt.Errorf("pdf: catalog has no /Pages")
	}
	return out, walk(int(pages), 0)
}
