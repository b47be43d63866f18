package layout

import "fmt"

// Violations checks laid-out pages against the pagination rules and
// describes every breach: a page that starts with fewer than minWidow or
// ends with fewer than minOrphan lines of a paragraph that has more, a
// heading as the last thing on a page, and a keep-together group split
// although it fits on one page of height rest. Tests run it over every
// variant; an empty result means the pages are clean.
func Violations(pages []Page, minOrphan, minWidow int, rest float64) []string {
	var out []string
	groupH := map[int]float64{}
	groupPage := map[int]int{}
	for pi, p := range pages {
		for _, it := range p.Items {
			if it.Group != 0 {
				groupH[it.Group] += it.H
				if first, ok := groupPage[it.Group]; ok && first != pi && groupH[it.Group] <= rest {
					out = append(out, fmt.Sprintf("page %d: a box or list item that fits on one page is split (it started on page %d)", pi+1, first+1))
					groupPage[it.Group] = pi
				} else if !ok {
					groupPage[it.Group] = pi
				}
			}
		}
	}
	for pi, p := range pages {
		if len(p.Items) == 0 {
			continue
		}
		if pi > 0 {
			first := firstSolid(p.Items)
			if first != nil && first.Kind == KText && first.ParaLine > 1 && first.ParaLines > 1 {
				n := 0
				for _, it := range p.Items {
					if it.Para == first.Para {
						n++
					}
				}
				if n < minWidow {
					out = append(out, fmt.Sprintf("page %d starts with %d line(s) of a paragraph (%q)", pi+1, n, first.Line.Text()))
				}
			}
		}
		if pi < len(pages)-1 {
			last := p.Items[len(p.Items)-1]
			if last.Kind == KText && last.Heading > 0 {
				out = append(out, fmt.Sprintf("page %d ends with a heading (%q)", pi+1, last.Title))
			}
			if last.Kind == KText && last.ParaLine < last.ParaLines {
				if last.ParaLine < minOrphan {
					out = append(out, fmt.Sprintf("page %d ends with %d line(s) of a paragraph (%q)", pi+1, last.ParaLine, last.Line.Text()))
				}
				if last.ParaLines-last.ParaLine < minWidow {
					out = append(out, fmt.Sprintf("page %d leaves %d line(s) of a paragraph for the next page", pi+1, last.ParaLines-last.ParaLine))
				}
			}
		}
	}
	return out
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

func firstSolid(items []PlacedItem) *Item {
	for _, it := range items {
		if it.Kind != KSpace {
			return it.Item
		}
	}
	return nil
}

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
