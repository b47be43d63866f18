package layout

import (
	"fmt"
	"strings"
	"testing"
)

// fixture builds a vertical list from a short script: "p N" a paragraph of
// N lines, "l N" a list of N one-line items (each its own keep-together
// group), "w N" a warning box of N lines, "b N" a callout box of N lines,
// "q N" a QR code N lines tall,
// and a space after each block. Every line is 12 pt.
func fixture(script string) []*Item {
	var items []*Item
	id := 0
	next := func() int { id++; return id }
	line := func(s string) *Item {
		return &Item{Kind: KText, H: 12, Line: &Line{Spans: []Placed{{Span: Span{Text: s}}}}}
	}
	for _, block := range strings.Split(script, ",") {
		var kind string
		var n int
		fmt.Sscanf(strings.TrimSpace(block), "%s %d", &kind, &n)
		switch kind {
		case "p":
			pid := next()
			var made []*Item
			for i := range n {
				it := line(fmt.Sprintf("p%d.%d", pid, i+1))
				it.Para, it.ParaLine, it.ParaLines = pid, i+1, n
				made = append(made, it)
			}
			MarkParagraph(made, 2, 2)
			items = append(items, made...)
		case "l":
			lid := next()
			for i := range n {
				it := line(fmt.Sprintf("item %d of %d", i+1, n))
				it.Group = next()
				it.List, it.ListItem, it.ListItems, it.ListH = lid, i+1, n, float64(12*n)
				items = append(items, it)
			}
		case "q":
			items = append(items, &Item{Kind: KQR, H: float64(12 * n), QR: "https://example.org/"})
		case "w", "b":
			f := &Frame{ID: next(), Kind: map[string]string{"w": "warning", "b": "callout"}[kind]}
			g := next()
			for i := range n {
				it := line(fmt.Sprintf("%s line %d", f.Kind, i+1))
				it.Frames, it.Group = []*Frame{f}, g
				items = append(items, it)
			}
		}
		items = append(items, &Item{Kind: KSpace, H: 4})
	}
	return items
}

// pageTexts lists each page's lines.
func pageTexts(pages []Page) [][]string {
	var out [][]string
	for _, p := range pages {
		var lines []string
		for _, it := range p.Items {
			if it.Kind == KText {
				lines = append(lines, it.Line.Text())
			}
		}
		out = append(out, lines)
	}
	return out
}

// TestPageBalance: the paginator never splits a list of six 2/4 (the
// items that fit below a long paragraph), never leaves the warning box
// alone on a page, and does not leave a page more than half empty to keep
// a box whole, nor the QR code alone; Balance finds no breach in what it makes.
func TestPageBalance(t *testing.T) {
	g := Geometry{First: 100, Rest: 100}
	for _, tc := range []struct {
		name, script string
		want         []int // lines on each page
	}{
		// 6 lines and a space leave room for 2 of the 6 items: the
		// whole list goes over instead.
		{"list 2/6", "p 6, l 6", []int{6, 6}},
		// 8 items: 6 fit below the paragraph, but 6/2 leaves two
		// alone; 5/3 does not.
		{"list of 8", "p 2, l 8", []int{7, 3}},
		// The box does not fit after 7 lines: 2 of them go with it.
		{"warning alone", "p 7, w 3", []int{5, 5}},
		// The QR code does not fit after 7 lines: 2 of them go with it.
		{"QR alone", "p 7, q 3", []int{5, 2}},
		// A box that fits on a page but would leave page 1 two-thirds
		// empty is split instead.
		{"half empty", "p 3, b 8", []int{8, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := Paginate(fixture(tc.script), g)
			var got []int
			for _, p := range pageTexts(pages) {
				got = append(got, len(p))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Paginate(%s) = %v lines a page, want %v:\n%q", tc.script, got, tc.want, pageTexts(pages))
			}
			if v := Balance(pages, g); len(v) > 0 {
				t.Errorf("Balance(%s) = %q, want none", tc.script, v)
			}
		})
	}
}

// TestBalanceFinds: Balance names each breach in pages cut by hand.
func TestBalanceFinds(t *testing.T) {
	g := Geometry{First: 100, Rest: 100}
	items := fixture("p 6, l 6, w 3")
	cut := func(parts ...[2]int) []Page {
		var pages []Page
		for _, p := range parts {
			pg := Page{}
			for _, it := range items[p[0]:p[1]] {
				pg.Items = append(pg.Items, PlacedItem{Item: it, Y: pg.Used})
				pg.Used += it.H
			}
			pages = append(pages, pg)
		}
		return pages
	}
	// items: 0-5 paragraph, 6 space, 7-12 list, 13 space, 14-16 box, 17 space
	got := Balance(cut([2]int{0, 9}, [2]int{9, 13}, [2]int{13, 18}), g)
	want := []string{"page 1 splits a list of 6 items 2/4", "page 2 is 52% empty", "page 3 holds a warning box alone"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Balance = %q, want %q", got, want)
	}
}
