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
	nums := u.f.Objects()
	for num := range u.objs {
		nums = append(nums, num)
	}
	for num := range u.streams {
		nums = append(nums, num)
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)

	out := make([]byte, 0, len(u.f.Data)+len(u.f.Data)/8)
	// A binary comment after the header tells transfer programs the file
	// is binary (7.5.2).
	out = append(out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)
	type xentry struct{ num, kind, a, b int }
	var xs []xentry
	stream := func(num int, d *Dict, data []byte) {
		xs = append(xs, xentry{num, 1, len(out), 0})
		out = strconv.AppendInt(out, int64(num), 10)
		out = append(out, " 0 obj\n"...)
		out = Append(out, d)
		out = append(out, "\nstream\n"...)
		out = append(out, data...)
		out = append(out, "\nendstream\nendobj\n"...)
	}
	var head, body []byte
	var packed []int
	for _, num := range nums {
		if s, ok := u.streams[num]; ok {
			data := s.data
			if s.zip {
				data = u.Zip.deflate(data)
				s.dict.Set("Filter", Name("FlateDecode"))
			}
			s.dict.Set("Length", Int(len(data)))
			stream(num, s.dict, data)
			continue
		}
		// The object stream's header pairs the number with the offset;
		// a stream object found below takes its entry back out.
		mark := len(head)
		head = strconv.AppendInt(head, int64(num), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(len(body)), 10)
		head = append(head, ' ')
		if o, ok := u.objs[num]; ok {
			if _, isStream := o.(*Stream); isStream {
				return 0, fmt.Errorf("pdf: object %d: a stream must be put with PutStream", num)
			}
			body = Append(body, o)
		} else {
			// The file's own objects are copied as they are stored.
			raw, isStream, err := u.f.Raw(num)
			if err != nil {
				return 0, err
			}
			if isStream {
				head = head[:mark]
				// fpdf is told to leave page contents uncompressed
				// (internal/pdf), so that they are compressed here with
				// a reused writer; so is every other stream that has no
				// filter (fpdf's ToUnicode maps and palettes).
				if s, plain, err := u.plainStream(num); err != nil {
					return 0, err
				} else if plain {
					data := u.Zip.deflateFast(s.Raw)
					d := NewDict(Name("Filter"), Name("FlateDecode"), Name("Length"), Int(len(data)))
					for _, k := range s.Dict.Keys() {
						if k != "Length" {
							d.Set(k, s.Dict.Get(k))
						}
					}
					stream(num, d, data)
					continue
				}
				xs = append(xs, xentry{num, 1, len(out), 0})
				out = strconv.AppendInt(out, int64(num), 10)
				out = append(out, " 0 obj\n"...)
				out = append(out, raw...)
				out = append(out, "\nendobj\n"...)
				continue
			}
			body = append(body, raw...)
		}
		body = append(body, '\n')
		packed = append(packed, num)
	}
	if len(packed) > 0 {
		stm := u.New()
		for i, num := range packed {
			xs = append(xs, xentry{num, 2, stm, i})
		}
		data := u.Zip.deflate(append(head, body...))
		stream(stm, NewDict(Name("Type"), Name("ObjStm"), Name("N"), Int(len(packed)), Name("First"), Int(len(head)),
			Name("Filter"), Name("FlateDecode"), Name("Length"), Int(len(data))), data)
	}
	// The cross-reference stream lists itself too.
	self := u.New()
	xs = append(xs, xentry{self, 1, len(out), 0})
	slices.SortFunc(xs, func(a, b xentry) int { return a.num - b.num })
	wa, wb := 1, 1
	for _, x := range xs {
		wa, wb = max(wa, width(x.a)), max(wb, width(x.b))
	}
	var index Array
	var rows []byte
	for i, x := range xs {
		if i == 0 || xs[i-1].num != x.num-1 {
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
	start := len(out)
	stream(self, d, data)
	out = append(out, "startxref\n"...)
	out = strconv.AppendInt(out, int64(start), 10)
	out = append(out, "\n%%EOF\n"...)
	n, err := w.Write(out)
	return int64(n), err
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
