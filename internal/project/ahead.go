package project

import (
	"handouts/internal/html"
	"handouts/internal/pdf"
	"handouts/internal/style"
)

// ahead is what a copy's project reads besides the content and can read
// before the content is loaded, because the copy names its clinic: the
// clinic's print style, its fonts' metrics and the HTML templates. LoadCopy
// reads them on another goroutine while the content loads (on a machine
// with a spare core, the copy is made sooner; the work is the same), and
// load takes them where it would have read them, so a problem in them is
// reported where and as it was before (after the content's, which come
// first).
type ahead struct {
	brand string
	done  chan struct{}
	style *style.Style
	fonts *pdf.Fonts
	html  *html.Renderer
	// errs are style.Load's, pdf.LoadFonts's and html.New's.
	styleErr, fontsErr, htmlErr error
}

// readAhead starts reading brand's style and fonts and the HTML
// templates of src.
func readAhead(src Sources, brand string) *ahead {
	a := &ahead{brand: brand, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		a.style, a.styleErr = style.Load(src.Layouts, src.LayoutsName, brand)
		if a.styleErr == nil {
			a.fonts, a.fontsErr = pdf.LoadFonts(src.Fonts, src.FontsName, a.style.Fonts)
		}
		a.html, a.htmlErr = html.New(src.Layouts)
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

// htmlRenderer returns the HTML templates of src: read ahead for a copy,
// or read now.
func (a *ahead) htmlRenderer(src Sources) (*html.Renderer, error) {
	if a == nil {
		return html.New(src.Layouts)
	}
	<-a.done
	return a.html, a.htmlErr
}
