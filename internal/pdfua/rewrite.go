package pdfua

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Rewrite writes a file's objects again, with some replaced and some
// added, as a PDF 1.7 file (ISO 32000-1) of one section: every object
// that is not a stream goes into one compressed object stream (7.5.7),
// streams are copied as they are stored (those stored without a filter
// are compressed), and a cross-reference stream
// (7.5.8) indexes them all. Packing fpdf's dictionaries (pages, fonts,
// widths, outline) that way saves about as many bytes as the structure
// tree adds.
type Rewrite struct {
	Zip     *Zippers // zlib writers to reuse; nil for new ones
	f       *File
	next    int
	objs    map[int]Object  // replaced or new objects that are not streams
	streams map[int]pending // new streams
}

type pending struct {
	dict *Dict
	data []byte
	zip  bool
}

// NewRewrite starts a rewrite of f; new objects are numbered from the
// trailer's /Size.
func NewRewrite(f *File) (*Rewrite, error) {
	size, ok := f.Trailer.Get("Size").(Int)
	if !ok || size < 1 {
		return nil, fmt.Errorf("pdf: trailer has no /Size")
	}
	if f.Trailer.Get("Encrypt") != nil {
		return nil, fmt.Errorf("pdf: encrypted files cannot be rewritten")
	}
	return &Rewrite{f: f, next: int(size), objs: map[int]Object{}, streams: map[int]pending{}}, nil
}

// New returns the number of a new object.
func (u *Rewrite) New() int {
	u.next++
	return u.next - 1
}

// Put sets object num (new, or one of the file's to replace) to o, which
// must not be a stream.
func (u *Rewrite) Put(num int, o Object) { u.objs[num] = o }

// PutStream sets object num to a new stream with dictionary d and data,
// compressed with zlib when zip is true.
func (u *Rewrite) PutStream(num int, d *Dict, data []byte, zip bool) {
	u.streams[num] = pending{dict: d, data: data, zip: zip}
}

// WriteTo writes the new file. A Rewrite is written once.
func (u *Rewrite) WriteTo(w io.Writer) (int64, error) {
	fw := &fileWriter{u: u, out: make([]byte, 0, len(u.f.Data)+len(u.f.Data)/8)}
	// A binary comment after the header tells transfer programs the file
	// is binary (7.5.2).
	fw.out = append(fw.out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)
	for _, num := range u.objectNumbers() {
		if err := fw.object(num); err != nil {
			return 0, err
		}
	}
	fw.objectStream()
	fw.xref()
	n, err := w.Write(fw.out)
	return int64(n), err
}

// objectNumbers returns the numbers of the file's objects and the new
// ones, in order.
func (u *Rewrite) objectNumbers() []int {
	nums := u.f.Objects()
	for num := range u.objs {
		nums = append(nums, num)
	}
	for num := range u.streams {
		nums = append(nums, num)
	}
	slices.Sort(nums)
	return slices.Compact(nums)
}

// fileWriter is WriteTo's state: the file so far, its cross-reference
// entries, and the objects packed for the object stream.
type fileWriter struct {
	u      *Rewrite
	out    []byte
	xs     []xentry
	head   []byte // the object stream's header: number and offset pairs
	body   []byte // the object stream's objects
	packed []int  // the numbers of the objects in the object stream
}

// xentry is a cross-reference stream entry: object num of type kind
// (1: at offset a; 2: number b in object stream a).
type xentry struct{ num, kind, a, b int }

// stream writes stream object num with dictionary d and data.
func (fw *fileWriter) stream(num int, d *Dict, data []byte) {
	fw.xs = append(fw.xs, xentry{num, 1, len(fw.out), 0})
	fw.out = strconv.AppendInt(fw.out, int64(num), 10)
	fw.out = append(fw.out, " 0 obj\n"...)
	fw.out = Append(fw.out, d)
	fw.out = append(fw.out, "\nstream\n"...)
	fw.out = append(fw.out, data...)
	fw.out = append(fw.out, "\nendstream\nendobj\n"...)
}

// object writes object num: a new stream, or a stream of the file, on its
// own; any other object into the object stream.
func (fw *fileWriter) object(num int) error {
	u := fw.u
	if s, ok := u.streams[num]; ok {
		data := s.data
		if s.zip {
			data = u.Zip.deflate(data)
			s.dict.Set("Filter", Name("FlateDecode"))
		}
		s.dict.Set("Length", Int(len(data)))
		fw.stream(num, s.dict, data)
		return nil
	}
	if o, ok := u.objs[num]; ok {
		if _, isStream := o.(*Stream); isStream {
			return fmt.Errorf("pdf: object %d: a stream must be put with PutStream", num)
		}
		fw.pack(num)
		fw.body = append(Append(fw.body, o), '\n')
		return nil
	}
	// The file's own objects are copied as they are stored.
	raw, isStream, err := u.f.Raw(num)
	if err != nil {
		return err
	}
	if isStream {
		return fw.fileStream(num, raw)
	}
	fw.pack(num)
	fw.body = append(append(fw.body, raw...), '\n')
	return nil
}

// pack enters object num in the object stream's header, at the offset
// in its body where the caller then writes the object and a newline.
func (fw *fileWriter) pack(num int) {
	fw.head = strconv.AppendInt(fw.head, int64(num), 10)
	fw.head = append(fw.head, ' ')
	fw.head = strconv.AppendInt(fw.head, int64(len(fw.body)), 10)
	fw.head = append(fw.head, ' ')
	fw.packed = append(fw.packed, num)
}

// fileStream writes the file's stream object num, stored as raw.
func (fw *fileWriter) fileStream(num int, raw []byte) error {
	// fpdf is told to leave page contents uncompressed (internal/pdf), so
	// that they are compressed here with a reused writer; so is every
	// other stream that has no filter (fpdf's ToUnicode maps and
	// palettes).
	s, plain, err := fw.u.plainStream(num)
	if err != nil {
		return err
	}
	if plain {
		data := fw.u.Zip.deflate(s.Raw)
		d := NewDict(Name("Filter"), Name("FlateDecode"), Name("Length"), Int(len(data)))
		for _, k := range s.Dict.Keys() {
			if k != "Length" {
				d.Set(k, s.Dict.Get(k))
			}
		}
		fw.stream(num, d, data)
		return nil
	}
	fw.xs = append(fw.xs, xentry{num, 1, len(fw.out), 0})
	fw.out = strconv.AppendInt(fw.out, int64(num), 10)
	fw.out = append(fw.out, " 0 obj\n"...)
	fw.out = append(fw.out, raw...)
	fw.out = append(fw.out, "\nendobj\n"...)
	return nil
}

// objectStream writes the object stream of the packed objects, if any.
func (fw *fileWriter) objectStream() {
	if len(fw.packed) == 0 {
		return
	}
	stm := fw.u.New()
	for i, num := range fw.packed {
		fw.xs = append(fw.xs, xentry{num, 2, stm, i})
	}
	data := fw.u.Zip.deflate(append(fw.head, fw.body...))
	fw.stream(stm, NewDict(Name("Type"), Name("ObjStm"), Name("N"), Int(len(fw.packed)), Name("First"), Int(len(fw.head)),
		Name("Filter"), Name("FlateDecode"), Name("Length"), Int(len(data))), data)
}

// xref writes the cross-reference stream, which lists itself too and
// carries the trailer's entries, and the file's end.
func (fw *fileWriter) xref() {
	u := fw.u
	self := u.New()
	fw.xs = append(fw.xs, xentry{self, 1, len(fw.out), 0})
	slices.SortFunc(fw.xs, func(a, b xentry) int { return a.num - b.num })
	wa, wb := 1, 1
	for _, x := range fw.xs {
		wa, wb = max(wa, width(x.a)), max(wb, width(x.b))
	}
	var index Array
	var rows []byte
	for i, x := range fw.xs {
		if i == 0 || fw.xs[i-1].num != x.num-1 {
			index = append(index, Int(x.num), Int(0))
		}
		index[len(index)-1] = index[len(index)-1].(Int) + 1
		rows = append(rows, byte(x.kind))
		rows = putField(rows, x.a, wa)
		rows = putField(rows, x.b, wb)
	}
	d := NewDict(Name("Type"), Name("XRef"), Name("Size"), Int(u.next), Name("Index"), index,
		Name("W"), Array{Int(1), Int(wa), Int(wb)})
	for _, k := range []Name{"Root", "Info", "ID"} {
		if v := u.f.Trailer.Get(k); v != nil {
			d.Set(k, v)
		}
	}
	data := u.Zip.deflate(rows)
	d.Set("Filter", Name("FlateDecode"))
	d.Set("Length", Int(len(data)))
	start := len(fw.out)
	fw.stream(self, d, data)
	fw.out = append(fw.out, "startxref\n"...)
	fw.out = strconv.AppendInt(fw.out, int64(start), 10)
	fw.out = append(fw.out, "\n%%EOF\n"...)
}

// plainStream returns stream object num of the file and whether it is
// stored without a filter.
func (u *Rewrite) plainStream(num int) (*Stream, bool, error) {
	o, err := u.f.Object(num)
	if err != nil {
		return nil, false, err
	}
	s, ok := o.(*Stream)
	if !ok {
		return nil, false, fmt.Errorf("pdf: object %d: not a stream", num)
	}
	return s, s.Dict.Get("Filter") == nil, nil
}

// width is the number of bytes v needs.
func width(v int) int {
	n := 1
	for v > 0xff {
		v >>= 8
		n++
	}
	return n
}

func putField(b []byte, v, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}
