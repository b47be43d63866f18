package project

import (
	"handouts/internal/layout"
	"handouts/internal/pdf"
	"handouts/internal/style"
)

// ahead is what a copy's project reads besides the content and can read
// before the content is loaded, because the copy names its clinic: the
// clinic's print style, its fonts' metrics and its body faces parsed and
// named for fpdf (the HTML templates wait until a copy asks for a page or
// an e-mail: Project.web). LoadCopy reads them on another goroutine while the content loads (on a machine
// with a spare core, the copy is made sooner; the work is the same), and
// load takes them where it would have read them, so a problem in them is
// reported where and as it was before (after the content's, which come
// first).
type ahead struct {
	brand string
	done  chan struct{}
	style *style.Style
	fonts *pdf.Fonts
	// errs are style.Load's and pdf.LoadFonts's.
	styleErr, fontsErr error
}

// readAhead starts reading brand's style and fonts.
func readAhead(src Sources, brand string) *ahead {
	a := &ahead{brand: brand, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		a.style, a.styleErr = style.Load(src.Layouts, src.LayoutsName, brand)
		if a.styleErr == nil {
			a.fonts, a.fontsErr = pdf.LoadFonts(src.Fonts, src.FontsName, a.style.Fonts)
		}
		if a.fontsErr == nil && a.fonts != nil {
			// The body's and the headings' faces, which every printed
			// handout uses: parsed and named for fpdf here rather than
			// when the copy's PDF first adds them.
			a.fonts.Prepare(layout.Regular, layout.Bold)
		}
	}()
	return a
}

// styleOf returns brand id's style: read ahead for the copy's brand, or
// read now.
func (a *ahead) styleOf(src Sources, id string) (*style.Style, error) {
	if a == nil || id != a.brand {
		return style.Load(src.Layouts, src.LayoutsName, id)
	}
	<-a.done
	return a.style, a.styleErr
}

// fontsOf returns the fonts of st: read ahead for the copy's style, or
// read now.
func (a *ahead) fontsOf(src Sources, st *style.Style) (*pdf.Fonts, error) {
	if a == nil {
		return pdf.LoadFonts(src.Fonts, src.FontsName, st.Fonts)
	}
	if <-a.done; st != a.style {
		return pdf.LoadFonts(src.Fonts, src.FontsName, st.Fonts)
	}
	return a.fonts, a.fontsErr
}
