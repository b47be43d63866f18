package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"handouts/internal/markdown"
)

// checkPlaceholderPlaces refuses a placeholder where it would not print as
// filled-in text: inside code (backticks print what is between them as
// written), after a backslash (the escape then prints the value's own
// Markdown, "[0131 496 0123](tel:…)"), or in a link's address or text (the
// value of a phone number, e-mail or web address is a link already; in an
// address it would not be filled in as text at all). Each is named at its
// line, in the body (every "::: if" block included), the summary points
// and the footer.
func (l *loader) checkPlaceholderPlaces() {
	if l.md == nil {
		l.md = markdown.New()
	}
	for _, t := range l.c.Treatments {
		for _, h := range t.AllHandouts() {
			src, lines := withoutConditions(h.Body, h.BodyLine)
			l.placeholderPlaces(h.File, src, func(pos int) int { return lineAt(src, lines, pos) }, "")
			for i, s := range h.Front.Summary {
				line := 2
				if i < len(h.SummaryLines) {
					line = h.SummaryLines[i]
				}
				l.placeholderPlaces(h.File, []byte(s), func(int) int { return line }, "summary: ")
			}
			if h.Front.Footer != "" {
				l.placeholderPlaces(h.File, []byte(h.Front.Footer), func(int) int { return 2 }, "footer: ")
			}
		}
	}
}

// placeholderPlaces checks one piece of Markdown, src, of file; line maps
// a byte offset in src to the file's line.
func (l *loader) placeholderPlaces(file string, src []byte, line func(int) int, prefix string) {
	if !bytes.Contains(src, []byte("{{")) {
		return
	}
	s := string(src)
	for _, at := range placeholderSpans(s) {
		n := 0
		for i := at[0] - 1; i >= 0 && s[i] == '\\'; i-- {
			n++
		}
		if n%2 == 1 {
			l.e.addf(file, line(at[0]), "%splaceholder %s after a backslash: the escape would print the filled-in value's Markdown as written; remove the backslash", prefix, s[at[0]:at[1]])
		}
	}
	doc := markdown.Parse(l.md, src)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			if ref, pos := placeholderIn(n, src); ref != "" {
				l.e.addf(file, line(pos), "%splaceholder %s inside code (backticks): it would print as written, not filled in; take it out of the backticks", prefix, ref)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image:
			var dest []byte
			switch n := n.(type) {
			case *ast.Link:
				dest = n.Destination
			case *ast.Image:
				dest = n.Destination
			}
			ref, pos := placeholderIn(n, src)
			if ref != "" {
				l.e.addf(file, line(pos), "%splaceholder %s in a link's text: a phone number, e-mail or web address is filled in as a link of its own; write the placeholder outside the link", prefix, ref)
			}
			if refs := placeholderRefs(string(dest)); len(refs) > 0 {
				if pos < 0 {
					pos = markdown.Pos(n)
				}
				l.e.addf(file, line(pos), "%splaceholder {{%s}} in a link's address: it is not filled in there; write the placeholder alone (a phone number, e-mail or web address becomes a link by itself)", prefix, refs[0])
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// placeholderIn returns the first placeholder in the text inside n, as
// written, and its byte offset in src; "" and the offset of n's first
// text (or -1) when there is none.
func placeholderIn(n ast.Node, src []byte) (string, int) {
	var b strings.Builder
	first := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			if first < 0 {
				first = t.Segment.Start
			}
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	s := b.String()
	if spans := placeholderSpans(s); len(spans) > 0 {
		return s[spans[0][0]:spans[0][1]], first
	}
	return "", first
}
