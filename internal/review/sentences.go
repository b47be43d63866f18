package review

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"handouts/internal/content"
	"handouts/internal/markdown"
)

// sentence is one sentence a patient reads and the section it is in.
type sentence struct {
	section string
	text    string
}

// Sections of a handout that have no heading of their own.
const (
	secTitle   = "Title"
	secSummary = "Summary"
	secFooter  = "Footer"
)

// read returns the sentences of res in reading order (title, summary,
// the lines in the clinic's other languages, the body, the footer) and the
// words of its headings.
func (c *comparer) read(res *content.Resolved) ([]sentence, []string) {
	var out []sentence
	add := func(sec, text string) {
		for _, s := range splitSentences(text) {
			out = append(out, sentence{sec, s})
		}
	}
	add(secTitle, res.Title)
	for _, s := range res.Summary {
		add(secSummary, c.plain([]byte(s)))
	}
	for _, o := range res.Others {
		add("", o.Text)
	}
	var heads []string
	sec := ""
	doc := markdown.Parse(c.md, res.Source)
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch.Kind() {
			case ast.KindHeading:
				sec = inlineText(ch, res.Source)
				heads = append(heads, sec)
			case ast.KindParagraph, ast.KindTextBlock:
				add(sec, inlineText(ch, res.Source))
			case east.KindTableHeader, east.KindTableRow:
				var cells []string
				for cell := ch.FirstChild(); cell != nil; cell = cell.NextSibling() {
					cells = append(cells, inlineText(cell, res.Source))
				}
				add(sec, strings.Join(cells, " | "))
			case ast.KindThematicBreak, markdown.KindPageBreak:
			default:
				walk(ch)
			}
		}
	}
	walk(doc)
	if res.Footer != "" {
		add(secFooter, c.plain([]byte(res.Footer)))
	}
	return out, heads
}

// plain returns the words of a line of Markdown.
func (c *comparer) plain(src []byte) string {
	doc := markdown.Parse(c.md, src)
	var parts []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		parts = append(parts, inlineText(n, src))
	}
	return strings.Join(parts, " ")
}

// reviewText is how a reviewer reads a block's words: as a patient does
// (escapes and entities decoded, links as their words), with an autolink
// as its address, an image as its alternative text in brackets and a tick
// box as "☐".
var reviewText = markdown.TextOptions{
	AutoLinkURLs: true,
	Image:        func(alt string) string { return "[image: " + alt + "]" },
	TaskBox:      "☐ ",
}

// inlineText returns the words of a block's inline content as reviewText
// reads them.
func inlineText(n ast.Node, src []byte) string {
	return markdown.Text(n, src, reviewText)
}

// splitSentences cuts text after ".", "!", "?" or "…" (and a closing
// quote or bracket) where a space and a capital letter, a digit or an
// opening mark follow.
func splitSentences(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if !strings.ContainsRune(".!?…", r) {
			continue
		}
		j := i
		for j < len(text) && strings.ContainsRune(")\"'”’»", rune(text[j])) {
			j++
		}
		if j >= len(text) || text[j] != ' ' {
			continue
		}
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("¿¡\"“«(", next) {
			out = append(out, strings.TrimSpace(text[start:j]))
			start = k
			i = k
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// diff records the sentences that differ between a and b for variant w
// of file, and reports whether there were any.
func (c *comparer) diff(file string, w content.Where, cause Cause, a, b []sentence) bool {
	ops := lcs(texts(a), texts(b))
	changed := false
	// Runs of removed and added sentences between kept ones: pair them
	// up where they share most of their words.
	var dels, adds []int
	flush := func() {
		for _, p := range pairUp(a, b, dels, adds) {
			changed = true
			ch := &Change{Cause: cause}
			switch {
			case p[0] >= 0 && p[1] >= 0:
				ch.Section, ch.Old, ch.New, ch.pos = b[p[1]].section, a[p[0]].text, b[p[1]].text, p[1]
			case p[0] >= 0:
				ch.Section, ch.Old, ch.pos = a[p[0]].section, a[p[0]].text, len(b)+p[0]
			default:
				ch.Section, ch.New, ch.pos = b[p[1]].section, b[p[1]].text, p[1]
			}
			c.change(file, w, ch)
		}
		dels, adds = nil, nil
	}
	for _, op := range ops {
		switch {
		case op.a >= 0 && op.b >= 0:
			flush()
		case op.a >= 0:
			dels = append(dels, op.a)
		default:
			adds = append(adds, op.b)
		}
	}
	flush()
	return changed
}

// texts returns the words of each sentence, which the diff compares.
func texts(ss []sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.text
	}
	return out
}

// change records one changed sentence for one variant.
func (c *comparer) change(file string, w content.Where, ch *Change) {
	// The same words changed in several variants are one change, even
	// under headings whose words differ ("Face: extra care", "Hands: extra
	// care"); it is then named without its heading.
	k := fmt.Sprintf("%s\x00%d\x00%s\x00%s", file, ch.Cause, ch.Old, ch.New)
	g := c.groups[k]
	switch {
	case g == nil:
		g = &group{h: c.handouts[file], change: ch}
		c.groups[k] = g
		g.h.Changes = append(g.h.Changes, ch)
	default:
		if ch.Section != g.change.Section {
			g.change.Section = ""
		}
		g.change.pos = min(g.change.pos, ch.pos)
	}
	g.ws = append(g.ws, w)
}

// pairUp pairs removed and added sentences, in order, that share at least
// half their words: the same sentence, edited. The rest stay alone (-1 on
// the other side).
func pairUp(a, b []sentence, dels, adds []int) [][2]int {
	var out [][2]int
	j := 0
	for _, d := range dels {
		best := -1
		for k := j; k < len(adds); k++ {
			if similar(a[d].text, b[adds[k]].text) {
				best = k
				break
			}
		}
		if best < 0 {
			out = append(out, [2]int{d, -1})
			continue
		}
		for ; j < best; j++ {
			out = append(out, [2]int{-1, adds[j]})
		}
		out = append(out, [2]int{d, adds[best]})
		j = best + 1
	}
	for ; j < len(adds); j++ {
		out = append(out, [2]int{-1, adds[j]})
	}
	return out
}

// similar reports whether two sentences share at least half the words of
// the longer (in any case, punctuation aside).
func similar(x, y string) bool {
	words := func(s string) []string {
		var out []string
		for _, w := range strings.Fields(strings.ToLower(s)) {
			if w = strings.TrimFunc(w, unicode.IsPunct); w != "" {
				out = append(out, w)
			}
		}
		return out
	}
	wx, wy := words(x), words(y)
	count := map[string]int{}
	for _, w := range wx {
		count[w]++
	}
	common := 0
	for _, w := range wy {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2*common >= max(len(wx), len(wy))
}
