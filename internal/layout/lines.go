package layout

import (
	"strings"

	"github.com/rivo/uniseg"
)

// seg is a piece of one word in one style.
type seg struct {
	text  string
	style Style
	link  string
	tag   *Node
}

// word is an unbreakable run of segs; space tells whether a space follows
// it (dropped at a line end), hard whether a forced line break follows.
type word struct {
	segs  []seg
	w     float64
	space bool
	spW   float64
	spSt  Style
	spLnk string
	spTag *Node
	hard  bool
}

// words splits spans into words at the line-break opportunities of
// Unicode's line breaking algorithm (UAX #14, from uniseg), computed over
// the text of all spans together: after spaces, after hyphens and slashes
// inside long web addresses, and so on. Spaces are dropped at line ends.
// A phone number (a tel: link) is never broken.
func words(m Measurer, spans []Span) []word {
	var all strings.Builder
	owner := make([]int, 0, 256) // span index of each byte of all
	for i, sp := range spans {
		all.WriteString(sp.Text)
		for range len(sp.Text) {
			owner = append(owner, i)
		}
	}
	text := all.String()
	var out []word
	cur := word{}
	add := func(s string, sp Span) {
		if s == "" {
			return
		}
		n := len(cur.segs)
		if n > 0 && cur.segs[n-1].style == sp.Style && cur.segs[n-1].link == sp.Link && cur.segs[n-1].tag == sp.Tag {
			cur.segs[n-1].text += s
		} else {
			cur.segs = append(cur.segs, seg{s, sp.Style, sp.Link, sp.Tag})
		}
	}
	state := -1
	off := 0
	for len(text[off:]) > 0 {
		segment, _, must, next := uniseg.FirstLineSegmentInString(text[off:], state)
		state = next
		start, end := off, off+len(segment)
		off = end
		body := strings.TrimRight(segment, " \t\n\r")
		bodyEnd := start + len(body)
		// The segment's text, span by span.
		for i := start; i < bodyEnd; {
			j := i
			for j < bodyEnd && owner[j] == owner[i] {
				j++
			}
			add(text[i:j], spans[owner[i]])
			i = j
		}
		trail := segment[len(body):]
		hard := must && strings.ContainsAny(trail, "\n\r")
		if strings.ContainsAny(trail, " \t") && !hard {
			cur.space = true
			sp := spans[owner[bodyEnd]]
			cur.spSt, cur.spLnk, cur.spTag = sp.Style, sp.Link, sp.Tag
		}
		// No break inside a phone number: join this word to the next.
		if !hard && end < len(text) && owner[end-1] == owner[end] && strings.HasPrefix(spans[owner[end]].Link, "tel:") {
			if cur.space {
				add(" ", spans[owner[bodyEnd]])
				cur.space = false
			}
			continue
		}
		cur.hard = hard
		if len(cur.segs) > 0 || cur.hard {
			out = append(out, cur)
		} else if cur.space && len(out) > 0 && !out[len(out)-1].hard {
			out[len(out)-1].space = true
		}
		cur = word{}
	}
	if len(cur.segs) > 0 {
		out = append(out, cur)
	}
	for i := range out {
		w := &out[i]
		for _, s := range w.segs {
			w.w += m.Width(s.style.Face, s.style.Size, s.text)
		}
		if w.space {
			w.spW = m.Width(w.spSt.Face, w.spSt.Size, " ")
		}
	}
	return out
}

// Break breaks spans into lines no wider than width: ragged right, no
// hyphenation, breaking at spaces and after slashes and hyphens; a word
// wider than a whole line is broken between characters.
func Break(m Measurer, spans []Span, width, leading float64) []Line {
	ws := words(m, spans)
	var lines []Line
	var cur []word
	curW := 0.0
	emit := func() {
		lines = append(lines, place(m, cur, leading))
		cur, curW = nil, 0
	}
	for _, w := range ws {
		gap := 0.0
		if n := len(cur); n > 0 && cur[n-1].space {
			gap = cur[n-1].spW
		}
		if len(cur) > 0 && curW+gap+w.w > width+0.01 {
			emit()
			gap = 0
		}
		if len(cur) == 0 && w.w > width {
			for _, part := range splitWord(m, w, width) {
				if len(cur) > 0 {
					emit()
				}
				cur, curW = []word{part}, part.w
			}
		} else {
			cur = append(cur, w)
			curW += gap + w.w
		}
		if w.hard {
			emit()
		}
	}
	if len(cur) > 0 {
		emit()
	}
	return lines
}

// splitWord cuts a too-long word into pieces that each fit width.
func splitWord(m Measurer, w word, width float64) []word {
	var out []word
	cur := word{}
	for _, s := range w.segs {
		for _, r := range s.text {
			rw := m.Width(s.style.Face, s.style.Size, string(r))
			if cur.w+rw > width && len(cur.segs) > 0 {
				out = append(out, cur)
				cur = word{}
			}
			n := len(cur.segs)
			if n > 0 && cur.segs[n-1].style == s.style && cur.segs[n-1].link == s.link && cur.segs[n-1].tag == s.tag {
				cur.segs[n-1].text += string(r)
			} else {
				cur.segs = append(cur.segs, seg{string(r), s.style, s.link, s.tag})
			}
			cur.w += rw
		}
	}
	cur.space, cur.spW, cur.spSt, cur.spLnk, cur.spTag, cur.hard = w.space, w.spW, w.spSt, w.spLnk, w.spTag, w.hard
	return append(out, cur)
}

// place turns the words of one line into placed spans, merging neighbours
// of one style so the PDF holds whole phrases (and text extraction keeps
// the spaces).
func place(m Measurer, ws []word, leading float64) Line {
	var spans []Span
	addSpan := func(text string, st Style, link string, tag *Node) {
		n := len(spans)
		if n > 0 && spans[n-1].Style == st && spans[n-1].Link == link && spans[n-1].Tag == tag {
			spans[n-1].Text += text
			return
		}
		spans = append(spans, Span{text, st, link, tag})
	}
	size := 0.0
	for i, w := range ws {
		for _, s := range w.segs {
			addSpan(s.text, s.style, s.link, s.tag)
			size = max(size, s.style.Size)
		}
		if w.space && i < len(ws)-1 {
			addSpan(" ", w.spSt, w.spLnk, w.spTag)
		}
	}
	var l Line
	x := 0.0
	for _, s := range spans {
		wd := m.Width(s.Style.Face, s.Style.Size, s.Text)
		l.Spans = append(l.Spans, Placed{Span: s, X: x, W: wd})
		x += wd
	}
	l.Width = x
	l.Ascent = LineHeight(size, leading)/2 + size*0.35
	return l
}

// LineHeight is the height of a line of text of size at leading.
func LineHeight(size, leading float64) float64 { return size * leading }
