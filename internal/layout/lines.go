package layout

import (
	"strings"
	"unicode/utf8"
)

// seg is a piece of one word in one style.
type seg struct {
	text  string
	style Style
	link  string
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
	hard  bool
}

// breakAfter reports whether a line may break after rune r when next
// follows: after a slash or a hyphen inside a word (long web addresses,
// "pH-balanced"), as UAX #14 allows for these break-after classes.
func breakAfter(r, next rune) bool {
	switch r {
	case '/', '-', '\u2013', '\u2014', '?', '&':
		return next != ' ' && next != 0 && next != '/' && next != '-'
	}
	return false
}

// words splits spans into words at break opportunities.
func words(m Measurer, spans []Span) []word {
	var out []word
	cur := word{}
	flush := func() {
		if len(cur.segs) > 0 || cur.hard {
			out = append(out, cur)
		}
		cur = word{}
	}
	add := func(s string, sp Span) {
		if s == "" {
			return
		}
		n := len(cur.segs)
		if n > 0 && cur.segs[n-1].style == sp.Style && cur.segs[n-1].link == sp.Link {
			cur.segs[n-1].text += s
		} else {
			cur.segs = append(cur.segs, seg{s, sp.Style, sp.Link})
		}
	}
	for si, sp := range spans {
		text := sp.Text
		start := 0
		for i, r := range text {
			switch {
			case r == '\n':
				add(text[start:i], sp)
				cur.hard = true
				flush()
				start = i + 1
			case (r == ' ' || r == '\t') && !strings.HasPrefix(sp.Link, "tel:"):
				// A phone number never breaks across lines.
				add(text[start:i], sp)
				if len(cur.segs) > 0 {
					cur.space = true
					cur.spSt, cur.spLnk = sp.Style, sp.Link
					flush()
				} else if len(out) > 0 && !out[len(out)-1].hard {
					out[len(out)-1].space = true
				}
				start = i + 1
			default:
				next := rune(0)
				if j := i + utf8.RuneLen(r); j < len(text) {
					next, _ = utf8.DecodeRuneInString(text[j:])
				} else if si+1 < len(spans) && spans[si+1].Text != "" {
					next, _ = utf8.DecodeRuneInString(spans[si+1].Text)
				}
				if breakAfter(r, next) {
					j := i + utf8.RuneLen(r)
					add(text[start:j], sp)
					flush()
					start = j
				}
			}
		}
		add(text[start:], sp)
	}
	flush()
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
			if n > 0 && cur.segs[n-1].style == s.style && cur.segs[n-1].link == s.link {
				cur.segs[n-1].text += string(r)
			} else {
				cur.segs = append(cur.segs, seg{string(r), s.style, s.link})
			}
			cur.w += rw
		}
	}
	cur.space, cur.spW, cur.spSt, cur.spLnk, cur.hard = w.space, w.spW, w.spSt, w.spLnk, w.hard
	return append(out, cur)
}

// place turns the words of one line into placed spans, merging neighbours
// of one style so the PDF holds whole phrases (and text extraction keeps
// the spaces).
func place(m Measurer, ws []word, leading float64) Line {
	var spans []Span
	addSpan := func(text string, st Style, link string) {
		n := len(spans)
		if n > 0 && spans[n-1].Style == st && spans[n-1].Link == link {
			spans[n-1].Text += text
			return
		}
		spans = append(spans, Span{text, st, link})
	}
	size := 0.0
	for i, w := range ws {
		for _, s := range w.segs {
			addSpan(s.text, s.style, s.link)
			size = max(size, s.style.Size)
		}
		if w.space && i < len(ws)-1 {
			addSpan(" ", w.spSt, w.spLnk)
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

// TrimSpaces removes spaces at the start of spans (after a hard break).
func TrimSpaces(s string) string { return strings.TrimLeft(s, " ") }
