package layout_test

import (
	"testing"

	"handouts/internal/layout"
	"handouts/internal/layout/layouttest"
)

// TestPaginateRules: Paginate keeps a paragraph's marked lines together
// and never ends a page with a heading, as layouttest.Violations checks.
func TestPaginateRules(t *testing.T) {
	line := func(para, i, n int) *layout.Item {
		return &layout.Item{Kind: layout.KText, H: 10, Para: para, ParaLine: i, ParaLines: n, Line: &layout.Line{}}
	}
	// A 4-line paragraph after 7 lines on a page of 10: breaking after its
	// third line would leave a widow; after its first, an orphan.
	var items []*layout.Item
	for i := 1; i <= 7; i++ {
		items = append(items, line(1, i, 7))
	}
	p2 := []*layout.Item{line(2, 1, 4), line(2, 2, 4), line(2, 3, 4), line(2, 4, 4)}
	layout.MarkParagraph(p2, 2, 2)
	items = append(items, p2...)
	pages := layout.Paginate(items, layout.Geometry{First: 100, Rest: 100})
	if v := layouttest.Violations(pages, 2, 2, 100); len(v) > 0 {
		t.Errorf("violations: %v", v)
	}
	if len(pages) != 2 || len(pages[0].Items) != 9 {
		t.Errorf("pages = %d, first holds %d items; want 2 pages, 9 items on the first (7 + 2 lines)", len(pages), len(pages[0].Items))
	}
	// A heading never ends a page.
	h := &layout.Item{Kind: layout.KText, H: 10, Heading: 2, Title: "Heading", NoBreakAfter: true, Line: &layout.Line{}}
	items = nil
	for i := 1; i <= 9; i++ {
		items = append(items, line(1, i, 9))
	}
	items = append(items, h, line(3, 1, 1))
	pages = layout.Paginate(items, layout.Geometry{First: 100, Rest: 100})
	if last := pages[0].Items[len(pages[0].Items)-1]; last.Heading != 0 {
		t.Error("page 1 ends with a heading")
	}
}
