package pdf

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"

	"handouts/internal/content"
	"handouts/internal/markdown"
)

// The PDF must print the characters the HTML page shows. goldmark's HTML
// renderer (v1.8.7, renderer/html) writes a Text node through its
// Writer, which undoes backslash escapes of ASCII punctuation, resolves
// entity names (&mdash;) and numeric character references (&#x2014;,
// &#8212;; invalid code points and &#0; become U+FFFD) and turns NUL into
// U+FFFD, all in one pass (so "\&mdash;" and "&amp;mdash;" stay
// "&mdash;"); a raw Text (a code span's) it writes as it is. A String
// node it writes through the same Writer, unless it is code (the
// typographer's quotes and dashes) or raw. Rather than copy those rules,
// TextValue runs that very Writer and undoes the HTML escaping it adds,
// so the two outputs cannot drift apart.

var unescapeHTML = strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">")

// decode returns v as goldmark's HTML Writer prints it, as plain text.
func decode(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, 0) < 0 {
		return string(v)
	}
	var buf bytes.Buffer
	w := bufio.NewWriterSize(&buf, 64)
	html.DefaultWriter.Write(w, v)
	w.Flush()
	// The Writer escapes exactly &, <, > and " (and nothing else), so
	// undoing those four gives the text back.
	return unescapeHTML.Replace(buf.String())
}

// TextValue returns the characters goldmark's HTML renderer shows for n,
// an *ast.Text or *ast.String with source src; "" for other nodes. Line
// breaks after the node are not included.
func TextValue(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			return string(n.Segment.Value(src))
		}
		return decode(n.Segment.Value(src))
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			return string(n.Value)
		}
		return decode(n.Value)
	}
	return ""
}

// reReference finds what may be an entity or a character reference.
var reReference = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);`)

// Reference returns the entity or character reference in raw (a text
// node's source) that stands for r, such as "&#x202E;", or "" when r is
// not written as one.
func Reference(raw []byte, r rune) string {
	for _, ref := range reReference.FindAll(raw, -1) {
		if strings.ContainsRune(decode(ref), r) {
			return string(ref)
		}
	}
	return ""
}

// printable fails (at byte offset at) when text, the decoded characters
// of raw, holds a character that must never be printed (a control or
// bidirectional character, or U+FFFD), naming the reference it was
// written as, if any. It reports whether text may be printed.
func (b *builder) printable(text string, raw []byte, at int) bool {
	r, bad := content.Unprintable(text)
	if !bad {
		return true
	}
	ref := ""
	if !bytes.ContainsRune(raw, r) {
		ref = Reference(raw, r)
	}
	b.fail(at, "%s", content.WhyUnprintable(r, ref))
	return false
}

// PlainText returns the words of Markdown src as a reader sees them on
// the HTML page: escapes and references decoded (see TextValue), links as
// their text, line breaks within a paragraph as spaces, and one line per
// paragraph or other text block. It is for plain-text outputs, such as a
// calendar file's description, that must say what the PDF and HTML say.
func PlainText(md goldmark.Markdown, src []byte) string {
	var b strings.Builder
	doc := markdown.Parse(md, src)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock && n.HasChildren() && n.FirstChild().Type() == ast.TypeInline {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(htmlSpace.Replace(TextValue(n, src)))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(htmlSpace.Replace(TextValue(n, src)))
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.Image: // its alt text is not read on the page
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
