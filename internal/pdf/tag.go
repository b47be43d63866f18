package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"handouts/internal/layout"
	"handouts/internal/pdfua"
)

// Marked content. Everything the painter draws is inside a marked-content
// sequence (PDF 1.7, 14.6): either content of a structure element, with a
// marked-content id (MCID) the structure tree points to, or an artifact
// (14.8.2.2) that assistive technology skips: the running header and
// footer, rules, box borders, table rules and a repeated table header.
// The painter names the element (or the artifact) before each drawing
// call; a sequence stays open while the next drawing belongs to the same
// element, so a paragraph's lines on one page are one sequence.

// artifact is the property list of an artifact's sequence.
type artifact string

// Artifacts the painter draws.
const (
	artLayout = artifact("<</Type /Layout>>")                      // rules, borders, grid lines
	artHeader = artifact("<</Type /Pagination /Subtype /Header>>") // the running header
	artFooter = artifact("<</Type /Pagination /Subtype /Footer>>") // clinic, phone, "Page X of Y"
	artRepeat = artifact("<</Type /Pagination>>")                  // a table header repeated after a page break
)

// marks is the painter's marked-content state for one document.
type marks struct {
	doc  *pdfua.Doc
	node *layout.Node // element of the open sequence, if any
	art  artifact     // artifact of the open sequence, if any
}

// page returns the current page, counted from 0.
func (p *painter) page() int { return p.f.PageNo() - 1 }

// tag opens a sequence for element n unless one is open for it.
func (p *painter) tag(n *layout.Node) {
	if n == nil {
		p.f.SetError(fmt.Errorf("drawing without a structure element"))
		return
	}
	if p.m.node == n {
		return
	}
	p.endMark()
	mcid := p.m.doc.Mark(p.page(), n)
	p.f.RawWriteStr("/" + string(n.Role) + " <</MCID " + strconv.Itoa(mcid) + ">> BDC")
	p.m.node = n
}

// artifact opens a sequence for an artifact of kind a unless one is open.
func (p *painter) artifact(a artifact) {
	if p.m.art == a {
		return
	}
	p.endMark()
	p.f.RawWriteStr("/Artifact " + string(a) + " BDC")
	p.m.art = a
}

// endMark closes the open sequence, if any; a page must end with none.
func (p *painter) endMark() {
	if p.m.node != nil || p.m.art != "" {
		p.f.RawWriteStr("EMC")
	}
	p.m.node, p.m.art = nil, ""
}

// addPage closes the open sequence and starts a new page.
func (p *painter) addPage() {
	p.endMark()
	p.f.AddPage()
}

// rect converts a box from the painter's coordinates (y downwards from
// the top) to PDF user space.
func (p *painter) rect(x, y, w, h float64) pdfua.Rect {
	return pdfua.Rect{x, p.g.H - y - h, x + w, p.g.H - y}
}

// link records a link annotation over a span drawn for Link element n.
func (p *painter) link(n *layout.Node, uri, text string, x, y, w, h float64) {
	if n == nil || n.Role != layout.RoleLink {
		p.f.SetError(fmt.Errorf("link to %q drawn without a Link element", uri))
		return
	}
	p.m.doc.Link(p.page(), n, p.rect(x, y, w, h), uri)
	p.m.doc.LinkText(n, text)
}

// finish writes the document: fpdf's file with its subset fonts named,
// rewritten with the structure tree of root (see package pdfua).
func (p *painter) finish(w io.Writer, root *layout.Node) error {
	p.endMark()
	if err := p.f.Error(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return err
	}
	named := buf.Bytes()
	nameSubsets(named)
	p.m.doc.Zip = p.opt.Zip
	return p.m.doc.Write(w, named, root, p.meta)
}
