package layout

import (
	"encoding/binary"
	"math"
	"reflect"
	"sync"
)

// Breaks remembers the lines Break made, for the documents of one build:
// a build lays out the same paragraphs many times (every skin and area of
// a treatment, the PDF and its longest personal copy), and breaking a
// paragraph into lines, Unicode's line-breaking rules and the widths of
// every word, was a fifth of a build's processor time. The lines depend
// only on the spans' text, styles and links, which spans share a structure
// element, the measurer, the width and the leading, so a remembered
// paragraph gives the lines Break would make, with the caller's own
// elements in them.
//
// What it holds stays in memory as long as the Breaks, so a caller hands
// it only text that is no patient's (published handouts, the build's
// made-up worst-case copies). It keeps at most MaxBreaks paragraphs: when
// full it forgets them all and starts again, so that a build of many
// clinics, which renders one clinic's files after another, keeps the
// paragraphs of the clinic at hand. The zero value is ready and safe for
// concurrent use; a nil *Breaks remembers nothing.
type Breaks struct {
	mu sync.RWMutex
	by map[Measurer]map[string]*breakEntry
	n  int
}

// MaxBreaks is how many paragraphs a Breaks keeps: about 4.5 MB of them
// (a paragraph of 180 characters takes about 1.1 kB). A build of the
// default content lays out 869 different ones.
const MaxBreaks = 1 << 12

// breakEntry is a remembered Break: its lines without their spans'
// structure elements, and for each placed span, in order, which of the
// spans' distinct elements it had (0: none; k: the k-th).
type breakEntry struct {
	lines  []Line
	tags   []int
	placed int
}

// Break is Break(m, spans, width, leading), remembered.
func (c *Breaks) Break(m Measurer, spans []Span, width, leading float64) []Line {
	if c == nil || m == nil || !reflect.TypeOf(m).Comparable() {
		return Break(m, spans, width, leading)
	}
	var tags [8]*Node
	distinct := tags[:0]
	key := breakKey(spans, width, leading, &distinct)
	c.mu.RLock()
	e := c.by[m][string(key)]
	c.mu.RUnlock()
	if e != nil {
		return e.with(distinct)
	}
	lines := Break(m, spans, width, leading)
	e = newBreakEntry(lines, distinct)
	c.mu.Lock()
	if e != nil {
		if c.n >= MaxBreaks {
			c.by, c.n = nil, 0
		}
		if c.by == nil {
			c.by = map[Measurer]map[string]*breakEntry{}
		}
		byKey := c.by[m]
		if byKey == nil {
			byKey = map[string]*breakEntry{}
			c.by[m] = byKey
		}
		if _, ok := byKey[string(key)]; !ok {
			byKey[string(key)] = e
			c.n++
		}
	}
	c.mu.Unlock()
	return lines
}

// breakKey writes what Break's lines depend on, besides the measurer:
// width, leading, and each span's text, style, link and structure
// element, the element as its place among distinct, the spans' distinct
// elements in order of first use (nil elements not counted).
func breakKey(spans []Span, width, leading float64, distinct *[]*Node) []byte {
	n := 16
	for _, sp := range spans {
		n += len(sp.Text) + len(sp.Link) + 41
	}
	k := make([]byte, 0, n)
	k = binary.LittleEndian.AppendUint64(k, math.Float64bits(width))
	k = binary.LittleEndian.AppendUint64(k, math.Float64bits(leading))
	for _, sp := range spans {
		k = binary.AppendUvarint(k, uint64(len(sp.Text)))
		k = append(k, sp.Text...)
		k = append(k, byte(sp.Style.Face))
		k = binary.LittleEndian.AppendUint64(k, math.Float64bits(sp.Style.Size))
		u := byte(0)
		if sp.Style.Underline {
			u = 1
		}
		k = append(k, sp.Style.Color.R, sp.Style.Color.G, sp.Style.Color.B, u)
		k = binary.AppendUvarint(k, uint64(len(sp.Link)))
		k = append(k, sp.Link...)
		k = binary.AppendUvarint(k, uint64(tagIndex(distinct, sp.Tag, true)))
	}
	return k
}

// tagIndex returns t's place among distinct, from 1 (0 for nil), adding
// it at the end when add is true and it is not there yet (-1 otherwise).
func tagIndex(distinct *[]*Node, t *Node, add bool) int {
	if t == nil {
		return 0
	}
	for i, d := range *distinct {
		if d == t {
			return i + 1
		}
	}
	if !add {
		return -1
	}
	*distinct = append(*distinct, t)
	return len(*distinct)
}

// newBreakEntry remembers lines, made from spans whose distinct elements
// are distinct; nil if a line holds an element none of the spans had.
func newBreakEntry(lines []Line, distinct []*Node) *breakEntry {
	e := &breakEntry{}
	if lines == nil {
		return e
	}
	e.lines = make([]Line, len(lines))
	for _, l := range lines {
		e.placed += len(l.Spans)
	}
	ps := make([]Placed, 0, e.placed)
	e.tags = make([]int, 0, e.placed)
	for i, l := range lines {
		e.lines[i] = l
		if len(l.Spans) == 0 {
			continue
		}
		start := len(ps)
		for _, p := range l.Spans {
			t := tagIndex(&distinct, p.Tag, false)
			if t < 0 {
				return nil
			}
			e.tags = append(e.tags, t)
			p.Tag = nil
			ps = append(ps, p)
		}
		e.lines[i].Spans = ps[start:len(ps):len(ps)]
	}
	return e
}

// with returns new lines as e's, with the elements of distinct.
func (e *breakEntry) with(distinct []*Node) []Line {
	if e.lines == nil {
		return nil
	}
	out := make([]Line, len(e.lines))
	ps := make([]Placed, 0, e.placed)
	j := 0
	for i, l := range e.lines {
		out[i] = l
		if len(l.Spans) == 0 {
			continue
		}
		start := len(ps)
		for _, p := range l.Spans {
			if t := e.tags[j]; t > 0 {
				p.Tag = distinct[t-1]
			}
			j++
			ps = append(ps, p)
		}
		out[i].Spans = ps[start:len(ps):len(ps)]
	}
	return out
}

// Len returns how many paragraphs c keeps.
func (c *Breaks) Len() int {
	if c == nil {
		return 0
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n
}
