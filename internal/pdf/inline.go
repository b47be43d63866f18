package pdf

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"

	"handouts/internal/layout"
	"handouts/internal/markdown"
)

// inlineState is the style and link in force while collecting spans.
type inlineState struct {
	style layout.Style
	link  string
	tag   *layout.Node // the link's Link element, not yet in the tree (see adopt)
	spans []layout.Span
}

// inline collects the spans of n's inline children in style st.
func (b *builder) inline(n ast.Node, st layout.Style) ([]layout.Span, error) {
	s := &inlineState{style: st}
	if err := b.inlineChildren(n, s); err != nil {
		return nil, err
	}
	// Trim spaces at the paragraph's ends.
	for len(s.spans) > 0 && strings.TrimSpace(s.spans[0].Text) == "" {
		s.spans = s.spans[1:]
	}
	if len(s.spans) > 0 {
		s.spans[0].Text = strings.TrimLeft(s.spans[0].Text, " ")
		last := &s.spans[len(s.spans)-1]
		last.Text = strings.TrimRight(last.Text, " \n")
	}
	return s.spans, nil
}

func (b *builder) inlineChildren(n ast.Node, s *inlineState) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		f, ok := b.inlines[c.Kind()]
		if !ok {
			if c.Kind() == ast.KindImage {
				b.fail(pos(n), "an image must stand alone in its paragraph, with a blank line before and after it")
				continue
			}
			b.fail(pos(n), "%s is not supported inside text in handouts", c.Kind())
			continue
		}
		if err := f(c, s); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) inlineSkip(ast.Node, *inlineState) error { return nil }

// add appends text in the current style, refusing characters that must
// never be printed (controls, bidirectional controls) and characters the
// font cannot draw (they would print as empty boxes).
func (b *builder) add(s *inlineState, text string, at int) {
	b.addText(s, text, []byte(text), at)
}

// addText is add for text decoded from raw, its source, so that a
// refusal can name the reference a character was written as.
func (b *builder) addText(s *inlineState, text string, raw []byte, at int) {
	if !b.printable(text, raw, at) {
		return
	}
	if r, bad := b.fonts.Missing(text); bad {
		b.fail(at, "character %q (U+%04X) has no glyph in the font, so it cannot be printed; replace or remove it", string(r), r)
		return
	}
	st := s.style
	if s.link != "" {
		st.Underline = true
		st.Color = b.primary
	}
	if n := len(s.spans); n > 0 && s.spans[n-1].Style == st && s.spans[n-1].Link == s.link && s.spans[n-1].Tag == s.tag {
		s.spans[n-1].Text += text
		return
	}
	s.spans = append(s.spans, layout.Span{Text: text, Style: st, Link: s.link, Tag: s.tag})
}

// inlineText adds a text node's characters as the HTML page shows them
// (see markdown.TextValue): escapes and references decoded. White space a
// reference writes (&#10;, &#9;) or a code span's line end is a space
// in HTML, so it is one here too rather than a line break.
func (b *builder) inlineText(n ast.Node, s *inlineState) error {
	t := n.(*ast.Text)
	b.addText(s, htmlSpace.Replace(markdown.TextValue(t, b.src)), t.Segment.Value(b.src), t.Segment.Start)
	switch {
	case t.HardLineBreak():
		b.add(s, "\n", t.Segment.Start)
	case t.SoftLineBreak():
		b.add(s, " ", t.Segment.Start)
	}
	return nil
}

// htmlSpace turns the white space HTML shows as a space into one.
var htmlSpace = strings.NewReplacer("\n", " ", "\t", " ", "\r", " ")

func (b *builder) inlineString(n ast.Node, s *inlineState) error {
	str := n.(*ast.String)
	b.addText(s, htmlSpace.Replace(markdown.TextValue(str, b.src)), str.Value, pos(n))
	return nil
}

func (b *builder) inlineEmphasis(n ast.Node, s *inlineState) error {
	e := n.(*ast.Emphasis)
	saved := s.style
	if e.Level >= 2 {
		s.style.Face |= layout.Bold
	}
	if e.Level == 1 {
		s.style.Face |= layout.Italic
	}
	err := b.inlineChildren(n, s)
	s.style = saved
	return err
}

func (b *builder) inlineLink(n ast.Node, s *inlineState) error {
	l := n.(*ast.Link)
	saved, savedTag := s.link, s.tag
	s.link, s.tag = string(l.Destination), &layout.Node{Role: layout.RoleLink}
	err := b.inlineChildren(n, s)
	s.link, s.tag = saved, savedTag
	return err
}

func (b *builder) inlineAutoLink(n ast.Node, s *inlineState) error {
	a := n.(*ast.AutoLink)
	label := string(a.Label(b.src))
	url := string(a.URL(b.src))
	if a.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
		url = "mailto:" + url
	} else if strings.HasPrefix(strings.ToLower(url), "www.") {
		url = "https://" + url
	}
	saved, savedTag := s.link, s.tag
	s.link, s.tag = url, &layout.Node{Role: layout.RoleLink}
	b.add(s, label, pos(n))
	s.link, s.tag = saved, savedTag
	return nil
}

// adopt makes the Link elements of spans (made while collecting them,
// outside the tree) kids of tag, the element the spans' text belongs to,
// in the order they appear.
func adopt(tag *layout.Node, spans []layout.Span) {
	for _, sp := range spans {
		if sp.Tag != nil && sp.Tag.Parent == nil {
			tag.Append(sp.Tag)
		}
	}
}

func hexRGB(h string) layout.RGB {
	var r, g, bl uint8
	fmt.Sscanf(h, "#%02x%02x%02x", &r, &g, &bl)
	return layout.RGB{R: r, G: g, B: bl}
}
