package markdown

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
)

// Every plain-text output must print the characters the HTML page shows.
// goldmark's HTML renderer (v1.8.7, renderer/html) writes a Text node
// through its Writer, which undoes backslash escapes of ASCII punctuation,
// resolves entity names (&mdash;) and numeric character references
// (&#x2014;, &#8212;; invalid code points and &#0; become U+FFFD) and turns
// NUL into U+FFFD, all in one pass (so "\&mdash;" and "&amp;mdash;" stay
// "&mdash;"); a raw Text (a code span's) it writes as it is. A String node
// it writes through the same Writer, unless it is code (the typographer's
// quotes and dashes) or raw. Rather than copy those rules, Decode runs
// that very Writer and undoes the HTML escaping it adds, so the outputs
// cannot drift apart.

var unescapeHTML = strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">")

// Decode returns v, a text node's source, as goldmark's HTML Writer
// prints it, as plain text: escapes undone, entities and character
// references decoded.
func Decode(v []byte) string {
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
		return Decode(n.Segment.Value(src))
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			return string(n.Value)
		}
		return Decode(n.Value)
	}
	return ""
}

// TextOptions say how Text writes what is more than words. The zero value
// writes a link as its words and leaves images and tick boxes out.
type TextOptions struct {
	// LinkURLs writes a link's address after its words, as " <address>",
	// unless the words are the address or it is a tel: or mailto: link (a
	// plain-text letter, where the reader cannot click).
	LinkURLs bool
	// AutoLinkURLs writes an autolink as the address it goes to (with the
	// "http://" goldmark adds to a bare www. address) rather than as
	// written.
	AutoLinkURLs bool
	// Image, when set, returns what an image stands for in the text, given
	// its alternative text; an image is left out when it is nil.
	Image func(alt string) string
	// TaskBox is written for a task list's tick box ("" leaves it out).
	TaskBox string
}

// Text returns the words of n's inline content as a reader sees them on
// the HTML page: escapes, entities and character references decoded (see
// TextValue), markup dropped, links and images as o says, and white space
// (line breaks and Unicode's spaces, a no-break space too) squeezed to
// single spaces. Raw HTML is left out.
func Text(n ast.Node, src []byte, o TextOptions) string {
	var b strings.Builder
	o.inline(&b, n, src)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (o TextOptions) inline(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(TextValue(c, src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(TextValue(c, src))
		case *ast.AutoLink:
			if o.AutoLinkURLs {
				b.Write(c.URL(src))
			} else {
				b.Write(c.Label(src))
			}
		case *ast.Link:
			if !o.LinkURLs {
				o.inline(b, c, src)
				continue
			}
			var words strings.Builder
			o.inline(&words, c, src)
			b.WriteString(words.String())
			dest := string(c.Destination)
			if !strings.HasPrefix(dest, "tel:") && !strings.HasPrefix(dest, "mailto:") && strings.TrimSpace(words.String()) != dest {
				b.WriteString(" <" + dest + ">")
			}
		case *ast.Image:
			if o.Image != nil {
				var alt strings.Builder
				o.inline(&alt, c, src)
				b.WriteString(o.Image(strings.Join(strings.Fields(alt.String()), " ")))
			}
		case *east.TaskCheckBox:
			b.WriteString(o.TaskBox)
		case *ast.RawHTML:
		default:
			o.inline(b, c, src)
		}
	}
}

// PlainText returns the words of Markdown src as Text writes them with
// zero options, one line per paragraph or other block of text (a heading,
// a list item's words, a table cell). It is for plain-text outputs, such
// as a calendar file's description, that must say what the PDF and HTML
// say.
func PlainText(md goldmark.Markdown, src []byte) string {
	var lines []string
	ast.Walk(Parse(md, src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || !n.HasChildren() || n.FirstChild().Type() != ast.TypeInline {
			return ast.WalkContinue, nil
		}
		if l := Text(n, src, TextOptions{}); l != "" {
			lines = append(lines, l)
		}
		return ast.WalkSkipChildren, nil
	})
	return strings.Join(lines, "\n")
}
