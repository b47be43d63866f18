package html

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"handouts/internal/markdown"
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
					heads = append(heads, markdown.Text(h, src, tableLabel))
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

// tableLabel is how a header's words become a cell's label: links as
// their words, an image as its alternative text.
var tableLabel = markdown.TextOptions{Image: func(alt string) string { return alt }}
