package html

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// labelTableCells gives every body cell of every table a data-label
// attribute with the words of its column's header, so that on a narrow
// screen the style sheet can show each row as a card ("When: The first
// 48 hours") instead of a squeezed grid.
func labelTableCells(doc ast.Node, src []byte) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*east.Table)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var heads []string
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() == east.KindTableHeader {
				for h := c.FirstChild(); h != nil; h = h.NextSibling() {
					heads = append(heads, plainText(h, src))
				}
				continue
			}
			i := 0
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if i < len(heads) && heads[i] != "" {
					cell.SetAttributeString("data-label", []byte(heads[i]))
				}
				i++
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// plainText is the text of n's inline content, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
