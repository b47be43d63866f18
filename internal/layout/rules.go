package layout

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
