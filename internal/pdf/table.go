package pdf

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"handouts/internal/layout"
)

// cellPad is the space between a table cell's text and its rules.
const cellPad = 4.0

// table lays out a table as rows that may be split between pages; the
// header row repeats at the top of each new page.
// Its structure is a Table with the header row in a THead (cells TH,
// scoped to their column) and the others in a TBody (cells TD); every row
// has one cell per column, empty ones too, so the grid stays regular.
func (b *builder) table(n ast.Node) error {
	var rows [][][]layout.Span
	var head []bool
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		_, isHead := r.(*east.TableHeader)
		st := b.bodyStyle()
		if isHead {
			st.Face = layout.Bold
		}
		var cells [][]layout.Span
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			spans, err := b.inline(c, st)
			if err != nil {
				return err
			}
			cells = append(cells, spans)
		}
		rows = append(rows, cells)
		head = append(head, isHead)
	}
	if len(rows) == 0 {
		return nil
	}
	cols := len(rows[0])
	table := b.parent.Add(layout.RoleTable)
	var thead, tbody *layout.Node
	widths := b.columnWidths(rows, cols)
	lh := layout.LineHeight(b.st.BodySize, b.st.Leading)
	var header *layout.Item
	b.space(b.st.ParagraphSpace / 2)
	for i, cells := range rows {
		var tr *layout.Node
		if head[i] {
			if thead == nil {
				thead = table.Add(layout.RoleTHead)
			}
			tr = thead.Add(layout.RoleTR)
		} else {
			if tbody == nil {
				tbody = table.Add(layout.RoleTBody)
			}
			tr = tbody.Add(layout.RoleTR)
		}
		it := &layout.Item{Kind: layout.KRow, W: b.w, Color: hexRGB(b.st.TableRule), Src: pos(n), Tag: tr}
		x := b.x
		maxLines := 1
		for j := 0; j < cols; j++ {
			var spans []layout.Span
			if j < len(cells) {
				spans = cells[j]
			}
			cell := tr.Add(layout.RoleTD)
			if head[i] {
				cell.Role, cell.Scope = layout.RoleTH, layout.ScopeColumn
			}
			adopt(cell, spans)
			lines := b.breaks.Break(b.fonts, spans, widths[j]-2*cellPad, b.st.Leading)
			it.Cells = append(it.Cells, layout.Cell{X: x, W: widths[j], Lines: lines, Head: head[i], Tag: cell})
			maxLines = max(maxLines, len(lines))
			x += widths[j]
		}
		it.H = float64(maxLines)*lh + 2*cellPad
		if head[i] {
			it.IsHeader, it.NoBreakAfter = true, true
			header = it
		} else {
			it.Header = header
		}
		b.push(it)
	}
	b.space(b.st.ParagraphSpace)
	return nil
}

// columnWidths shares the measure between columns by their natural widths,
// giving each at least its longest word.
func (b *builder) columnWidths(rows [][][]layout.Span, cols int) []float64 {
	natural := make([]float64, cols)
	least := make([]float64, cols)
	for _, cells := range rows {
		for j := 0; j < cols && j < len(cells); j++ {
			w := 0.0
			for _, s := range cells[j] {
				w += b.fonts.Width(s.Style.Face, s.Style.Size, s.Text)
				for _, word := range strings.Fields(s.Text) {
					least[j] = max(least[j], b.fonts.Width(s.Style.Face, s.Style.Size, word)+2*cellPad)
				}
			}
			natural[j] = max(natural[j], w+2*cellPad)
		}
	}
	total := 0.0
	for _, w := range natural {
		total += w
	}
	out := make([]float64, cols)
	if total <= b.w {
		extra := (b.w - total) / float64(cols)
		for j := range out {
			out[j] = natural[j] + extra
		}
		return out
	}
	// Too wide even for the longest words: share the measure by those
	// widths; long words then break between characters, as in paragraphs.
	sumLeast := 0.0
	for _, l := range least {
		sumLeast += l
	}
	if sumLeast > b.w {
		for j := range out {
			out[j] = b.w * least[j] / sumLeast
		}
		return out
	}
	// Too wide: give each column its least, then share the rest by natural width.
	rest := b.w
	for _, l := range least {
		rest -= l
	}
	for j := range out {
		out[j] = least[j]
		if rest > 0 {
			out[j] += rest * natural[j] / total
		}
	}
	return out
}
