package content

import (
	"fmt"
	"strings"
)

// Paper is a paper size a clinic prints on, as its brand file names it
// (paper:). Its row in paperTable carries everything every output needs
// of it; adding a paper size is one row there.
type Paper string

// The paper sizes.
const (
	PaperLetter Paper = "letter"
	PaperA4     Paper = "a4"
)

// PaperSize is what the outputs need of a paper: its portrait size in
// points for the PDF, and its CSS page size for the HTML page's print
// style.
type PaperSize struct {
	W, H float64 // points, portrait
	CSS  string  // the @page size keyword
}

// paperTable is every paper size, in the order messages name them.
func paperTable() []struct {
	paper Paper
	size  PaperSize
} {
	return []struct {
		paper Paper
		size  PaperSize
	}{
		{PaperLetter, PaperSize{W: 612, H: 792, CSS: "letter"}},
		{PaperA4, PaperSize{W: 595.28, H: 841.89, CSS: "A4"}},
	}
}

// Papers returns every paper size, in the order messages name them.
func Papers() []Paper {
	var out []Paper
	for _, row := range paperTable() {
		out = append(out, row.paper)
	}
	return out
}

// Size returns what the outputs need of p, or an error that names the
// paper sizes there are: an unknown paper is never a page of size zero.
func (p Paper) Size() (PaperSize, error) {
	for _, row := range paperTable() {
		if row.paper == p {
			return row.size, nil
		}
	}
	var names []string
	for _, q := range Papers() {
		names = append(names, string(q))
	}
	return PaperSize{}, fmt.Errorf("paper %q: use %s", string(p), strings.Join(names, " or "))
}
