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
	groupH := map[int]float64{}
	for _, it := range items {
		if it.Group != 0 {
			groupH[it.Group] += it.H
		}
	}
	// soft reports whether a page may end after item i under every rule
	// but keep-together groups.
	soft := func(i int) bool {
		it := items[i]
		switch {
		case it.Kind == KSpace:
			return false
		case i == len(items)-1 || items[i+1].Kind == KBreak:
			return true
		case it.NoBreakAfter:
			return false
		case it.ListItems > 1 && it.ListItem < it.ListItems && it.ListH <= g.Rest &&
			(it.ListItem < MinListSide || it.ListItems-it.ListItem < MinListSide):
			return false
		case startsWarning(it, nextSolid(items, i)) || nextSolid(items, i).Kind == KQR:
			return false
		}
		return true
	}
	allowed := func(i int) bool {
		it := items[i]
		if it.Group != 0 && groupH[it.Group] <= g.Rest && nextSolid(items, i).Group == it.Group {
			return false
		}
		return soft(i)
	}
	type entry struct {
		it     *Item
		idx    int
		repeat bool
	}
	var pages []Page
	var cur []entry
	y := 0.0
	lastOK, lastSoft := -1, -1
	okY := 0.0
	finish := func() {
		p := Page{}
		yy := 0.0
		for _, e := range cur {
			p.Items = append(p.Items, PlacedItem{e.it, yy, e.repeat})
			yy += e.it.H
		}
		// Spaces at the foot of a page are not part of it.
		for len(p.Items) > 0 && p.Items[len(p.Items)-1].Kind == KSpace {
			yy -= p.Items[len(p.Items)-1].H
			p.Items = p.Items[:len(p.Items)-1]
		}
		p.Used = yy
		pages = append(pages, p)
		cur, y, lastOK, lastSoft = nil, 0, -1, -1
	}
	for i := 0; i < len(items); {
		it := items[i]
		if it.Kind == KBreak {
			if len(cur) > 0 {
				finish()
				pages[len(pages)-1].Forced = true
			}
			i++
			continue
		}
		if len(cur) == 0 && it.Kind == KSpace {
			i++
			continue
		}
		empty := len(cur) == 0
		h := g.height(len(pages))
		// Repeat a table's header above a row that starts a page, when the
		// two fit together; a row taller than that is placed alone.
		if empty && it.Kind == KRow && it.Header != nil && !it.IsHeader && it.Header.H+it.H <= h+0.01 {
			cur = append(cur, entry{it.Header, i, true})
			y += it.Header.H
		}
		if y+it.H <= h+0.01 || empty {
			cur = append(cur, entry{it, i, false})
			y += it.H
			if allowed(i) {
				lastOK, okY = i, y
			}
			if soft(i) {
				lastSoft = i
			}
			i++
			continue
		}
		cut := lastOK
		if lastSoft > lastOK && (lastOK < 0 || okY < MinFill*h) {
			cut = lastSoft
		}
		if cut >= 0 {
			for len(cur) > 0 && cur[len(cur)-1].idx > cut {
				cur = cur[:len(cur)-1]
			}
			i = cut + 1
		}
		// Without an allowed break on this page, cut here.
		finish()
	}
	if len(cur) > 0 || len(pages) == 0 {
		finish()
	}
	return pages
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
