package html

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"handouts/internal/content"
	"handouts/internal/markdown"
)

// Email bodies. The message that carries a patient's handouts is written
// in content/ as a handout of kind email (its title is the subject) and
// sent as two bodies that say the same thing: plain text and HTML. Both
// come from one Markdown tree, so they cannot drift. An email holds
// paragraphs, headings, lists, emphasis and links only: no tables, boxes,
// images or page breaks, which mail programs show badly or not at all.
//
// The HTML is one small document with its styles inline (mail programs
// drop style sheets and never load fonts): the clinic's colour for links
// and headings, 17 px text, a measure of about 36 em. The plain text puts
// a blank line between blocks, a "- " or "1. " before list items, and a
// link's address in angle brackets after its words unless the words are
// the address, a phone number (tel:) or an email address (mailto:).

// emailAllowed are the node kinds an email may hold.
var emailAllowed = map[ast.NodeKind]bool{
	ast.KindDocument: true, ast.KindParagraph: true, ast.KindTextBlock: true, ast.KindHeading: true,
	ast.KindList: true, ast.KindListItem: true, ast.KindEmphasis: true, ast.KindLink: true,
	ast.KindAutoLink: true, ast.KindText: true, ast.KindString: true,
}

var emailPage = template.Must(template.New("email").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title></head>
<body style="margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Verdana,Arial,sans-serif;font-size:17px;line-height:1.5">
<div style="max-width:36em">
{{.Body}}</div>
</body></html>
`))

// Email returns the email handout res for env as plain text and as an
// HTML document.
func (r *Renderer) Email(res *content.Resolved, env content.Env) (text, page string, err error) {
	src := norm.NFC.Bytes(res.Source)
	doc := markdown.Parse(r.md, src)
	var el content.ErrorList
	for _, p := range markdown.Check(doc, src) {
		el = append(el, content.Errorf(res.Handout.File, res.LineAt(p.Pos), "%s", p.Msg))
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && !emailAllowed[n.Kind()] {
			el = append(el, content.Errorf(res.Handout.File, res.LineAt(markdown.Pos(n)), "an email holds paragraphs, headings, lists and links only; a %s does not belong in it", n.Kind()))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(el) > 0 {
		return "", "", el.Dedup()
	}
	color := env.Brand.Colors.Primary
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindLink || n.Kind() == ast.KindAutoLink || n.Kind() == ast.KindHeading) {
			n.SetAttributeString("style", []byte("color:"+color))
		}
		return ast.WalkContinue, nil
	})
	var body bytes.Buffer
	if err := r.md.Renderer().Render(&body, src, doc); err != nil {
		return "", "", err
	}
	var out bytes.Buffer
	err = emailPage.Execute(&out, struct {
		Lang, Title string
		Body        template.HTML
	}{env.Lang.Tag, res.Title, template.HTML(body.String())})
	if err != nil {
		return "", "", err
	}
	return plainEmail(doc, src), out.String(), nil
}

// plainEmail is the plain-text body: blocks apart by a blank line.
func plainEmail(doc ast.Node, src []byte) string {
	var blocks []string
	var list func(n ast.Node, depth int)
	inline := func(n ast.Node) string {
		var b strings.Builder
		plainInline(&b, n, src)
		return strings.Join(strings.Fields(b.String()), " ")
	}
	list = func(n ast.Node, depth int) {
		l := n.(*ast.List)
		num := l.Start
		var items []string
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			mark := "- "
			if l.IsOrdered() {
				mark = strconv.Itoa(num) + ". "
				num++
			}
			var parts []string
			for c := it.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Kind() == ast.KindList {
					list(c, depth+1)
					parts = append(parts, blocks[len(blocks)-1])
					blocks = blocks[:len(blocks)-1]
					continue
				}
				parts = append(parts, inline(c))
			}
			items = append(items, strings.Repeat("  ", depth)+mark+strings.Join(parts, "\n"))
		}
		blocks = append(blocks, strings.Join(items, "\n"))
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindList {
			list(c, 0)
			continue
		}
		if s := inline(c); s != "" {
			blocks = append(blocks, s)
		}
	}
	return strings.Join(blocks, "\n\n") + "\n"
}

// plainInline writes the words of n's inline children.
func plainInline(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(textValue(c, src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.Link:
			var words strings.Builder
			plainInline(&words, c, src)
			b.WriteString(words.String())
			dest := string(c.Destination)
			if !strings.HasPrefix(dest, "tel:") && !strings.HasPrefix(dest, "mailto:") && strings.TrimSpace(words.String()) != dest {
				b.WriteString(" <" + dest + ">")
			}
		default:
			plainInline(b, c, src)
		}
	}
}

// textValue is a text node's words as the HTML shows them: backslash
// escapes undone, entities and character references decoded.
func textValue(t *ast.Text, src []byte) string {
	v := t.Segment.Value(src)
	return string(util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v))))
}
