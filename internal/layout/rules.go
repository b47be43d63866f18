package layout

import "fmt"

// MarkParagraph sets where a page may not break inside a paragraph's
// lines: it would leave fewer than minOrphan lines at the foot of a page
// or fewer than minWidow at the head of the next.
func MarkParagraph(lines []*Item, minOrphan, minWidow int) {
	n := len(lines)
	for i, it := range lines {
		k := i + 1 // lines above a break after this one
		if k < n && (k < minOrphan || n-k < minWidow) {
			it.NoBreakAfter = true
		}
	}
}

// Balance checks laid-out pages of geometry g against the page-balance
// rules Paginate keeps, and describes every breach: a page that holds
// nothing but a warning box (or a warning box and the QR code after it) or
// nothing but the QR code, a
// page other than the last filled to less than MinFill of its height
// (unless the author forced its break), and a list of ListH no taller
// than a page split with fewer than MinListSide items on a side. Tests run
// it over every handout a build makes; an empty result means the pages
// are balanced.
func Balance(pages []Page, g Geometry) []string {
	var out []string
	for pi, p := range pages {
		alone, solid, qr := true, 0, 0
		for _, it := range p.Items {
			if it.Kind == KQR {
				qr++
			}
			if it.Kind == KSpace || it.Kind == KQR {
				continue
			}
			solid++
			if !inWarning(it.Item) {
				alone = false
			}
		}
		if len(pages) > 1 && solid > 0 && alone {
			out = append(out, fmt.Sprintf("page %d holds a warning box alone", pi+1))
		}
		if len(pages) > 1 && solid == 0 && qr > 0 {
			out = append(out, fmt.Sprintf("page %d holds the QR code alone", pi+1))
		}
		if pi == len(pages)-1 {
			continue
		}
		if h := g.Height(pi); !p.Forced && p.Used < MinFill*h {
			out = append(out, fmt.Sprintf("page %d is %.0f%% empty", pi+1, 100*(1-p.Used/h)))
		}
		var last *Item
		for _, it := range p.Items {
			if it.Kind != KSpace {
				last = it.Item
			}
		}
		if last != nil && last.ListItems > 1 && last.ListItem < last.ListItems && last.ListH <= g.Rest &&
			(last.ListItem < MinListSide || last.ListItems-last.ListItem < MinListSide) {
			out = append(out, fmt.Sprintf("page %d splits a list of %d items %d/%d", pi+1, last.ListItems, last.ListItem, last.ListItems-last.ListItem))
		}
	}
	return out
}

func inWarning(it *Item) bool {
	for _, f := range it.Frames {
		if f.Kind == "warning" {
			return true
		}
	}
	return false
}
