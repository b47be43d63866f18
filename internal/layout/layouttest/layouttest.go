// Package layouttest holds what tests of several packages check laid-out
// pages with; no program code imports it.
package layouttest

import (
	"fmt"

	"handouts/internal/layout"
)

// Violations checks laid-out pages against the pagination rules and
// describes every breach: a page that starts with fewer than minWidow or
// ends with fewer than minOrphan lines of a paragraph that has more, a
// heading as the last thing on a page, and a keep-together group split
// although it fits on one page of height rest. Tests run it over every
// variant; an empty result means the pages are clean.
func Violations(pages []layout.Page, minOrphan, minWidow int, rest float64) []string {
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
			if first != nil && first.Kind == layout.KText && first.ParaLine > 1 && first.ParaLines > 1 {
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
			if last.Kind == layout.KText && last.Heading > 0 {
				out = append(out, fmt.Sprintf("page %d ends with a heading (%q)", pi+1, last.Title))
			}
			if last.Kind == layout.KText && last.ParaLine < last.ParaLines {
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

func firstSolid(items []layout.PlacedItem) *layout.Item {
	for _, it := range items {
		if it.Kind != layout.KSpace {
			return it.Item
		}
	}
	return nil
}
