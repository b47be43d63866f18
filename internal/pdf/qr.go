package pdf

import (
	"fmt"
	"strings"
	"sync"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"

	"handouts/internal/layout"
)

// QRSize is the printed side of the QR code's modules, the dark squares'
// square without its quiet zone: at least 20 mm (issue 22), whatever the
// address, so that a phone held at reading distance scans it easily. A
// short address (a clinic's short_url) needs fewer modules than a page's
// full address, so each prints larger.
//
// The quiet zone the standard asks for, 4 modules of white on every side,
// is not all the block's own room: it may share white that is there
// anyway. At the left it lies in the page's margin; at the right, in the
// gap before the words; above, in the space after the block before the
// code (less the ink of a box's border around it); below, in the gap
// between the page's body and the footer's rule. The block holds only the
// part of it above and below that this white does not give (QRTop and the
// room under the modules).
const QRSize = 20 * mm

// qrQuiet is the quiet zone, in modules.
const qrQuiet = 4

// qr adds the QR code block: the code, and beside it the words and the
// address it encodes, so a reader without a phone camera can type it. The
// code is a Figure whose alternative text is the address it leads to;
// the words are a P holding the address as a Link. clear is the white
// that the page gives above and below the body (Geometry.Clear).
func (b *builder) qr(url, words string, codes *QRCodes, clear float64) error {
	code, err := codes.encode(url)
	if err != nil {
		return fmt.Errorf("QR code for %s: %w", url, err)
	}
	quiet := qrQuiet * QRSize / float64(code.Bounds().Dx())
	// The words start 4 pt beyond the quiet zone at the code's right.
	gap := quiet + 4
	w := b.w - QRSize - gap
	// Where the block starts a page, the spaces above it are dropped and
	// the white is the page's own.
	top := max(0, quiet-min(b.whiteAbove(), clear))
	bottom := max(0, quiet-clear)
	fig := b.parent.Add(layout.RoleFigure)
	fig.Alt = url
	para := b.parent.Add(layout.RoleP)
	link := para.Add(layout.RoleLink)
	st := layout.Style{Size: b.st.BodySize, Color: b.text}
	lines := b.breaks.Break(b.fonts, []layout.Span{{Text: words, Style: st}}, w, b.st.Leading)
	lst := st
	lst.Underline, lst.Color = true, b.primary
	lines = append(lines, b.breaks.Break(b.fonts, []layout.Span{{Text: strings.TrimPrefix(url, "https://"), Style: lst, Link: url, Tag: link}}, w, b.st.Leading)...)
	h := top + max(QRSize+bottom, float64(len(lines))*layout.LineHeight(b.st.BodySize, b.st.Leading))
	b.push(&layout.Item{Kind: layout.KQR, H: h, W: QRSize, QRTop: top, QR: url, Tag: fig, Cells: []layout.Cell{{X: b.x + QRSize + gap, W: w, Lines: lines, Tag: para}}})
	return nil
}

// whiteAbove is the white at the foot of the items so far: their
// trailing spaces outside any box, less the ink that reaches into them
// from the item before (half a box's border, drawn on the edge of the
// box's last item, or of a table's rule under its row).
func (b *builder) whiteAbove() float64 {
	white := 0.0
	for i := len(b.items) - 1; i >= 0; i-- {
		it := b.items[i]
		if it.Kind == layout.KSpace && len(it.Frames) == len(b.frames) {
			white += it.H
			continue
		}
		ink := 0.0
		for _, f := range it.Frames {
			ink = max(ink, f.Width/2)
		}
		if it.Kind == layout.KRow {
			ink = max(ink, tableRule/2)
		}
		return white - ink
	}
	return white
}

// drawQR draws the code's modules as filled squares, size on a side from
// (x, y): vector, so it prints sharp at any size. Its quiet zone is the
// white around them that the layout keeps (builder.qr).
func (p *painter) drawQR(url string, x, y, size float64) error {
	code, err := p.opt.QRCodes.encode(url)
	if err != nil {
		return err
	}
	n := code.Bounds().Dx()
	m := size / float64(n)
	p.f.SetFillColor(0, 0, 0)
	for j := 0; j < n; j++ {
		for i := 0; i < n; {
			if r, _, _, _ := code.At(i, j).RGBA(); r != 0 {
				i++
				continue
			}
			run := i
			for run < n {
				if r, _, _, _ := code.At(run, j).RGBA(); r != 0 {
					break
				}
				run++
			}
			p.f.Rect(x+float64(i)*m, y+float64(j)*m, float64(run-i)*m, m, "F")
			i = run
		}
	}
	return nil
}

// QRCodes keeps encoded QR codes by address for one build, shared by its
// workers: a variant's code is the same on every copy (one-off copies for
// the same variant, rebuilds in the preview server), and encoding tries all
// eight masks, a good part of a sheet's cost. The zero value is ready; a
// nil *QRCodes encodes every time.
type QRCodes struct {
	mu    sync.Mutex
	codes map[string]barcode.Barcode
}

func (c *QRCodes) encode(url string) (barcode.Barcode, error) {
	if c == nil {
		return qr.Encode(url, qr.M, qr.Auto)
	}
	c.mu.Lock()
	code, ok := c.codes[url]
	c.mu.Unlock()
	if ok {
		return code, nil
	}
	code, err := qr.Encode(url, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.codes == nil {
		c.codes = map[string]barcode.Barcode{}
	}
	c.codes[url] = code
	c.mu.Unlock()
	return code, nil
}
