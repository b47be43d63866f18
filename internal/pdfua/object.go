// Package pdfua makes fpdf's output a tagged PDF (PDF/UA-1, ISO 14289-1).
// fpdf draws the pages but cannot write what a tagged PDF needs besides
// them: the structure tree and its parent tree, link annotations tied to
// their Link elements, pages with /StructParents and /Tabs /S, and a
// catalog with /MarkInfo, /Lang, /ViewerPreferences and XMP metadata
// naming PDF/UA. This package adds them.
//
// The painter marks what it draws (Doc.Mark gives the marked-content id
// for an element of a layout.Node tree; Doc.Link records a link's
// rectangle). Doc.Write then reads fpdf's file with a small reader of our
// own (File: cross-reference tables and streams, object streams, the
// object syntax) and writes it again (Rewrite) with the pages and the
// catalog replaced and the new objects added: every dictionary in one
// compressed object stream, the streams copied as they are, one
// cross-reference stream. Packing fpdf's own dictionaries saves about
// what the tree costs, so a tagged sheet is about the size of the
// untagged one. Every byte is a function of the input, so builds stay
// byte-identical.
package pdfua

import (
	"strconv"
	"unicode/utf16"
)

// Object is a PDF object: Name, Int, Real, String, Bool, Null, Ref,
// Array or *Dict, or a Keyword (a token kept as it was read).
type Object any

// Name is a PDF name, written /Name.
type Name string

// Int is an integer.
type Int int

// Real is a number written with at most two decimals.
type Real float64

// String is a PDF string's bytes (already encoded: see Text).
type String string

// Bool is true or false.
type Bool bool

// Null is the null object.
type Null struct{}

// Keyword is a token kept as it was read, such as a number with more
// decimals than Real writes.
type Keyword string

// Ref is a reference to object Num, generation 0.
type Ref int

// Array is a PDF array.
type Array []Object

// Dict is a PDF dictionary that keeps its keys in order, so that a
// rewritten dictionary is written the same way every time.
type Dict struct {
	keys []Name
	vals []Object
}

// NewDict returns a dictionary with the given keys and values in turn.
func NewDict(kv ...any) *Dict {
	d := &Dict{keys: make([]Name, 0, len(kv)/2+2), vals: make([]Object, 0, len(kv)/2+2)}
	for i := 0; i+1 < len(kv); i += 2 {
		d.Set(kv[i].(Name), kv[i+1])
	}
	return d
}

// Get returns the value of key k, or nil.
func (d *Dict) Get(k Name) Object {
	for i, key := range d.keys {
		if key == k {
			return d.vals[i]
		}
	}
	return nil
}

// Set sets key k to v, in place when k is present, else at the end.
func (d *Dict) Set(k Name, v Object) {
	for i, key := range d.keys {
		if key == k {
			d.vals[i] = v
			return
		}
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
}

// Keys returns the keys in order.
func (d *Dict) Keys() []Name { return d.keys }

// Text encodes s as a PDF text string (7.9.2.2): as it is when it is
// printable ASCII, else UTF-16BE with a byte order mark.
func Text(s string) String {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return String(s)
	}
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return String(b)
}

// regular reports whether c is a regular character (not white space or
// a delimiter): two tokens made of them need a space between them.
func regular(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}

// Append writes o in PDF syntax to b, compactly: a space only where two
// tokens would otherwise run together.
func Append(b []byte, o Object) []byte {
	switch o := o.(type) {
	case Name:
		b = append(b, '/')
		for i := 0; i < len(o); i++ {
			c := o[i]
			if c == '#' || !regular(c) || c < 0x21 || c > 0x7e {
				b = append(b, '#', "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
				continue
			}
			b = append(b, c)
		}
	case Int:
		b = sep(b, '0')
		b = strconv.AppendInt(b, int64(o), 10)
	case Real:
		b = sep(b, '0')
		b = appendReal(b, float64(o))
	case Keyword:
		b = sep(b, o[0])
		b = append(b, o...)
	case Bool:
		b = sep(b, 't')
		b = strconv.AppendBool(b, bool(o))
	case Null:
		b = sep(b, 'n')
		b = append(b, "null"...)
	case Ref:
		b = sep(b, '0')
		b = strconv.AppendInt(b, int64(o), 10)
		b = append(b, " 0 R"...)
	case String:
		b = appendString(b, string(o))
	case Array:
		b = append(b, '[')
		for _, v := range o {
			b = Append(b, v)
		}
		b = append(b, ']')
	case *Dict:
		b = append(b, "<<"...)
		for i, k := range o.keys {
			b = Append(b, k)
			b = Append(b, o.vals[i])
		}
		b = append(b, ">>"...)
	default:
		panic("pdfua: cannot write a value of this type")
	}
	return b
}

// sep adds the space needed before a token starting with first.
func sep(b []byte, first byte) []byte {
	if len(b) > 0 && regular(b[len(b)-1]) && regular(first) {
		b = append(b, ' ')
	}
	return b
}

// appendReal writes v with at most two decimals and no trailing zeros.
func appendReal(b []byte, v float64) []byte {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	if s == "-0" {
		s = "0"
	}
	return append(b, s...)
}

// appendString writes s as a literal string when it is mostly printable,
// else in hexadecimal.
func appendString(b []byte, s string) []byte {
	odd := 0
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			odd++
		}
	}
	if odd > 0 {
		b = append(b, '<')
		for i := 0; i < len(s); i++ {
			b = append(b, "0123456789ABCDEF"[s[i]>>4], "0123456789ABCDEF"[s[i]&15])
		}
		return append(b, '>')
	}
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '(' || c == ')' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, ')')
}
