package layout

import "slices"

// Page is one page of placed items.
type Page struct {
	Items []PlacedItem
	Used  float64 // height used
	// Forced is set when the page ends at a forced page break (the
	// author's "::: pagebreak"): its room below is the author's choice.
	Forced bool
}

// PlacedItem is an item at Y from the top of the page body.
type PlacedItem struct {
	*Item
	Y float64
	// Repeat marks a table's header row repeated at the top of a page:
	// drawn again for the eye, but not again in the structure tree (an
	// artifact of pagination).
	Repeat bool
}

// Geometry gives the height of the page body: the first page has the
// masthead, later pages a smaller running header.
type Geometry struct {
	First, Rest float64
}

// Height is the height of the body of page (from 0).
func (g Geometry) Height(page int) float64 { return g.height(page) }

func (g Geometry) height(page int) float64 {
	if page == 0 {
		return g.First
	}
	return g.Rest
}

// MinListSide is the fewest items of a list that a page break may leave
// on either side of it: a list of six is never split 2/4 or 4/2, a list of
// five or fewer is kept whole (when it fits on a page).
const MinListSide = 3

// MinFill is the least part of a page's height that a page other than the
// last is filled to, where a break allowed by the softer rules (a box or
// list item split where it must be) gives more: a page that is more than
// half empty reads as if something were missing.
const MinFill = 0.5

// Paginate cuts items into pages. A page may end after an item only where
// the rules allow it: not after a heading or its keep-with-next lines, not
// inside a paragraph where it would leave fewer than the minimum lines at
// the foot or the head of a page (the builder marks these), not inside a
// keep-together group that fits on one page, not inside a list where it
// would leave fewer than MinListSide of its items on a side (when the
// list fits on a page), not just before a warning box or the QR code (each
// is kept with the block before it, so it never stands alone on a page),
// and never
// after a space. Where the last such break would leave the page less than
// MinFill full, a break that only splits a keep-together group too tall
// for the rest of the page is taken instead when it fills the page more
// (a box or list item that could not have stayed whole without leaving
// half a page blank). Spaces at the top of a page are dropped; a table
// row that starts a page is preceded by its table's header row. When a
// page has no allowed break the items are cut where they overflow, so
// nothing is ever lost.
func Paginate(items []*Item, g Geometry) []Page {
	p := newPaginator(items, g)
	for i := 0; i < len(items); {
		i = p.step(i)
	}
	if len(p.cur) > 0 || len(p.pages) == 0 {
		p.finish()
	}
	return p.pages
}

// paginator is Paginate's state: the pages finished, the page being
// filled and the last places it may end.
type paginator struct {
	items  []*Item
	g      Geometry
	groupH map[int]float64 // each keep-together group's height

	pages    []Page
	cur      []entry // the page being filled
	y        float64 // the height of cur
	lastOK   int     // the last item after which cur may end (-1: none)
	okY      float64 // the height of cur up to lastOK
	lastSoft int     // the last item after which cur may end under the softer rules
}

// entry is an item on the page being filled: items[idx], or its table's
// header repeated above it.
type entry struct {
	it     *Item
	idx    int
	repeat bool
}

func newPaginator(items []*Item, g Geometry) *paginator {
	groupH := map[int]float64{}
	for _, it := range items {
		if it.Group != 0 {
			groupH[it.Group] += it.H
		}
	}
	return &paginator{items: items, g: g, groupH: groupH, lastOK: -1, lastSoft: -1}
}

// soft reports whether a page may end after item i under every rule
// but keep-together groups.
func (p *paginator) soft(i int) bool {
	items := p.items
	it := items[i]
	switch {
	case it.Kind == KSpace:
		return false
	case i == len(items)-1 || items[i+1].Kind == KBreak:
		return true
	case it.NoBreakAfter:
		return false
	case it.ListItems > 1 && it.ListItem < it.ListItems && it.ListH <= p.g.Rest &&
		(it.ListItem < MinListSide || it.ListItems-it.ListItem < MinListSide):
		return false
	case startsWarning(it, nextSolid(items, i)) || nextSolid(items, i).Kind == KQR:
		return false
	}
	return true
}

// allowed reports whether a page may end after item i under every rule.
func (p *paginator) allowed(i int) bool {
	it := p.items[i]
	if it.Group != 0 && p.groupH[it.Group] <= p.g.Rest && nextSolid(p.items, i).Group == it.Group {
		return false
	}
	return p.soft(i)
}

// step handles item i and returns the index of the next item to handle:
// a forced break or a space at the top of a page is passed over, an item
// that fits is placed, and one that does not ends the page at the best
// break, from where the items after it are handled again.
func (p *paginator) step(i int) int {
	it := p.items[i]
	if it.Kind == KBreak {
		if len(p.cur) > 0 {
			p.finish()
			p.pages[len(p.pages)-1].Forced = true
		}
		return i + 1
	}
	if len(p.cur) == 0 && it.Kind == KSpace {
		return i + 1
	}
	empty := len(p.cur) == 0
	h := p.g.height(len(p.pages))
	// Repeat a table's header above a row that starts a page, when the
	// two fit together; a row taller than that is placed alone.
	if empty && it.Kind == KRow && it.Header != nil && !it.IsHeader && it.Header.H+it.H <= h+0.01 {
		p.cur = append(p.cur, entry{it.Header, i, true})
		p.y += it.Header.H
	}
	if p.y+it.H <= h+0.01 || empty {
		p.place(i)
		return i + 1
	}
	return p.breakPage(i, h)
}

// place puts item i on the page being filled and notes whether the page
// may end after it.
func (p *paginator) place(i int) {
	p.cur = append(p.cur, entry{p.items[i], i, false})
	p.y += p.items[i].H
	if p.allowed(i) {
		p.lastOK, p.okY = i, p.y
	}
	if p.soft(i) {
		p.lastSoft = i
	}
}

// breakPage ends the page, of body height h, that item i overflows: at
// the last allowed break, or the last soft one when that fills the page
// more and the allowed one leaves it less than MinFill full, or (with
// neither) before item i. It returns the index of the item that starts
// the next page.
func (p *paginator) breakPage(i int, h float64) int {
	cut := p.lastOK
	if p.lastSoft > p.lastOK && (p.lastOK < 0 || p.okY < MinFill*h) {
		cut = p.lastSoft
	}
	if cut >= 0 {
		for len(p.cur) > 0 && p.cur[len(p.cur)-1].idx > cut {
			p.cur = p.cur[:len(p.cur)-1]
		}
		i = cut + 1
	}
	// Without an allowed break on this page, cut here.
	p.finish()
	return i
}

// finish places the items of the page being filled, less the spaces at
// its foot, as a finished page, and starts an empty one.
func (p *paginator) finish() {
	pg := Page{}
	yy := 0.0
	for _, e := range p.cur {
		pg.Items = append(pg.Items, PlacedItem{e.it, yy, e.repeat})
		yy += e.it.H
	}
	// Spaces at the foot of a page are not part of it.
	for len(pg.Items) > 0 && pg.Items[len(pg.Items)-1].Kind == KSpace {
		yy -= pg.Items[len(pg.Items)-1].H
		pg.Items = pg.Items[:len(pg.Items)-1]
	}
	pg.Used = yy
	p.pages = append(p.pages, pg)
	p.cur, p.y, p.lastOK, p.lastSoft = nil, 0, -1, -1
}

// startsWarning reports whether next begins a warning box that it, the
// item before it, is not in.
func startsWarning(it, next *Item) bool {
	for _, f := range next.Frames {
		if f.Kind == "warning" && !slices.Contains(it.Frames, f) {
			return true
		}
	}
	return false
}

// FrameSpan is the part of a frame on one page, from Y0 to Y1.
type FrameSpan struct {
	*Frame
	Y0, Y1 float64
}

// Frames returns the frames drawn on page p with their vertical extents.
func (p Page) Frames() []FrameSpan {
	var out []FrameSpan
	idx := map[*Frame]int{}
	for _, pi := range p.Items {
		for _, f := range pi.Frames {
			if j, ok := idx[f]; ok {
				out[j].Y1 = pi.Y + pi.H
				continue
			}
			idx[f] = len(out)
			out = append(out, FrameSpan{Frame: f, Y0: pi.Y, Y1: pi.Y + pi.H})
		}
	}
	return out
}

// nextSolid returns the first item after i that is not a space, or an
// empty item at the end.
func nextSolid(items []*Item, i int) *Item {
	for j := i + 1; j < len(items); j++ {
		if items[j].Kind != KSpace {
			return items[j]
		}
	}
	return &Item{}
}
