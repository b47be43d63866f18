package layout

// Page is one page of placed items.
type Page struct {
	Items []PlacedItem
	Used  float64 // height used
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

func (g Geometry) height(page int) float64 {
	if page == 0 {
		return g.First
	}
	return g.Rest
}

// Paginate cuts items into pages. A page may end after an item only where
// the rules allow it: not after a heading or its keep-with-next lines, not
// inside a paragraph where it would leave fewer than the minimum lines at
// the foot or the head of a page (the builder marks these), not inside a
// keep-together group that fits on one page, and never after a space.
// Spaces at the top of a page are dropped; a table row that starts a page
// is preceded by its table's header row. When a page has no allowed break
// the items are cut where they overflow, so nothing is ever lost.
func Paginate(items []*Item, g Geometry) []Page {
	groupH := map[int]float64{}
	for _, it := range items {
		if it.Group != 0 {
			groupH[it.Group] += it.H
		}
	}
	allowed := func(i int) bool {
		it := items[i]
		switch {
		case it.Kind == KSpace:
			return false
		case i == len(items)-1 || items[i+1].Kind == KBreak:
			return true
		case it.NoBreakAfter:
			return false
		case it.Group != 0 && groupH[it.Group] <= g.Rest && nextSolid(items, i).Group == it.Group:
			return false
		}
		return true
	}
	type entry struct {
		it     *Item
		idx    int
		repeat bool
	}
	var pages []Page
	var cur []entry
	y := 0.0
	lastOK := -1
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
		cur, y, lastOK = nil, 0, -1
	}
	for i := 0; i < len(items); {
		it := items[i]
		if it.Kind == KBreak {
			if len(cur) > 0 {
				finish()
			}
			i++
			continue
		}
		if len(cur) == 0 && it.Kind == KSpace {
			i++
			continue
		}
		empty := len(cur) == 0
		// Repeat a table's header above a row that starts a page, when the
		// two fit together; a row taller than that is placed alone.
		if empty && it.Kind == KRow && it.Header != nil && !it.IsHeader && it.Header.H+it.H <= g.height(len(pages))+0.01 {
			cur = append(cur, entry{it.Header, i, true})
			y += it.Header.H
		}
		if y+it.H <= g.height(len(pages))+0.01 || empty {
			cur = append(cur, entry{it, i, false})
			y += it.H
			if allowed(i) {
				lastOK = i
			}
			i++
			continue
		}
		if lastOK >= 0 {
			for len(cur) > 0 && cur[len(cur)-1].idx > lastOK {
				cur = cur[:len(cur)-1]
			}
			i = lastOK + 1
		}
		// Without an allowed break on this page, cut here.
		finish()
	}
	if len(cur) > 0 || len(pages) == 0 {
		finish()
	}
	return pages
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
