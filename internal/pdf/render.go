// Package pdf renders a resolved handout to PDF. It walks goldmark's tree
// with one function per node kind (builder.go, inline.go, table.go,
// image.go) into the page model of internal/layout, paginates it under the
// keep rules, checks the page limit, and paints the pages with fpdf
// (paint.go): masthead, running header, footer with the clinic's phone and
// "Page X of Y", boxes drawn as borders, tick boxes and bullets as vector
// shapes, links, an outline from the headings, and subset fonts.
//
// Every PDF is tagged (PDF/UA-1): the builder gives each block its
// structure element as it lays it out (a layout.Node tree in reading
// order), the painter draws each piece inside marked content tied to its
// element or as an artifact (tag.go, calendar_tags.go), and
// internal/pdfua writes the structure tree into fpdf's file.
//
// Render does no file I/O: it writes to an io.Writer and reads images
// through an ImageSource.
package pdf

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"golang.org/x/text/unicode/norm"

	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/markdown"
	"handouts/internal/pdfua"
	"handouts/internal/style"
)

// Options are what Render needs beyond the handout: shared, read-only
// resources loaded once per build.
type Options struct {
	Fonts    *Fonts
	Style    *style.Style
	Markdown goldmark.Markdown
	Images   ImageSource
	Patient  string         // a first name to print on page 1, or ""
	QR       string         // the address of this handout's HTML page, printed as a QR code; "" for none
	QRShort  string         // the clinic's short address for it, which the code and the words beside it give instead; "" for none
	Logo     []byte         // the logo as an opaque PNG at print size; the brand's own file when nil
	QRCodes  *QRCodes       // encoded QR codes shared by a build's workers; nil for none
	Zip      *pdfua.Zippers // zlib writers shared by a build's workers; nil for new ones each time
	// CalendarLabels are a calendar's masthead words when they are not its
	// Env's (a packet's calendar of several treatments or areas).
	CalendarLabels *Labels
	// CalendarExpectPage lets a calendar that does not fit its page put
	// its "what to expect" list on a second page (a packet's calendar of
	// several treatments); a calendar file is always one page.
	CalendarExpectPage bool
}

// Result describes a rendered PDF.
type Result struct {
	Pages    []layout.Page
	images   map[string]imageInfo // images the pages show, by name
	Geom     Geometry
	Labels   Labels
	Tree     *layout.Node // the structure tree: a Document in reading order
	Masthead Masthead
}

// Masthead is the structure of page 1's masthead: the logo, a figure
// named by the clinic's name, and one paragraph per line of words
// (clinic, treatment, variant, and the patient's line on a one-off copy).
type Masthead struct {
	Logo  *layout.Node // nil without a logo
	Lines []*layout.Node
}

// masthead adds the masthead's elements to the tree, first in reading
// order.
func masthead(tree *layout.Node, logo bool, l Labels) Masthead {
	var m Masthead
	if logo {
		m.Logo = tree.Add(layout.RoleFigure)
		m.Logo.Alt = l.Clinic
	}
	for _, s := range l.lines() {
		if s != "" {
			m.Lines = append(m.Lines, tree.Add(layout.RoleP))
		}
	}
	return m
}

// Paper sizes in points.
var papers = map[string][2]float64{
	"letter": {612, 792},
	"a4":     {595.28, 841.89},
}

const mm = 72 / 25.4

// Geometry is where things sit on the page, in points.
type Geometry struct {
	W, H, Margin  float64
	FirstTop, Top float64 // y of the body's top on page 1 and later pages
	Bottom        float64 // y of the body's bottom
	LogoH         float64
}

// geometry is the page's geometry; personal makes room under the
// masthead's rule for the patient's line (see painter.masthead).
func geometry(paper string, st *style.Style, personal int) Geometry {
	p := papers[paper]
	m := st.MarginMM * mm
	g := Geometry{W: p[0], H: p[1], Margin: m, LogoH: st.LogoHeightMM * mm}
	g.FirstTop = m + g.LogoH + 14
	if personal > 0 {
		g.FirstTop += float64(personal)*layout.LineHeight(st.BodySize, st.Leading) + 4
	}
	g.Top = m + st.SmallSize*1.4 + 10
	g.Bottom = g.H - m - st.SmallSize*1.4 - 8
	return g
}

// personalLines breaks the patient's line of a one-off copy ("Prepared
// for Ana · Treatment day (day 0): …") into lines that fit the page's
// width, between its parts: it is printed under the masthead's rule, in
// room of its own, so that a 40-character name and the longest date never
// squeeze the clinic's, treatment's and variant's lines beside the logo.
func personalLines(prepared string, width float64, fonts *Fonts, st *style.Style) []string {
	if prepared == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(prepared, " \u00b7 ") {
		if n := len(out); n > 0 && fonts.Width("B", st.BodySize, out[n-1]+" \u00b7 "+part) <= width {
			out[n-1] += " \u00b7 " + part
			continue
		}
		out = append(out, part)
	}
	return out
}

// Labels are the page furniture's words, from content and the language.
type Labels struct {
	Clinic, Phone, Treatment, Variant, Prepared string
	Personal                                    []string // Prepared, broken into the lines printed under the masthead
	Page                                        string   // "Page %d of %d"
}

// lines are the masthead's lines of words, top to bottom; the last is ""
// on a copy for no one in particular.
func (l Labels) lines() []string {
	return []string{l.Clinic, l.Treatment, l.Variant, l.Prepared}
}

// Layout builds the page model of a handout without drawing it.
func Layout(res *content.Resolved, env content.Env, opt Options) (*Result, error) {
	prepared := env.Prepared(opt.Patient)
	personal := personalLines(prepared, papers[env.Brand.Paper][0]-2*opt.Style.MarginMM*mm, opt.Fonts, opt.Style)
	g := geometry(env.Brand.Paper, opt.Style, len(personal))
	src := norm.NFC.Bytes(res.Source)
	doc := markdown.Parse(opt.Markdown, src)
	b := newBuilder(opt.Fonts, opt.Style, res, src, g.W-2*g.Margin, env.Brand.Colors.Primary, opt.Images)
	b.md = opt.Markdown
	l := env.Lang
	labels := Labels{
		Clinic:    env.Brand.Name,
		Phone:     env.Brand.Contact.Phone,
		Treatment: env.Brand.TreatmentName(env.Treatment),
		Variant:   env.Skin.Label + " \u00b7 " + env.Area.Label,
		Prepared:  prepared,
		Personal:  personal,
		Page:      l.Page,
	}
	tree := b.parent
	head := masthead(tree, env.Brand.LogoPNG != nil, labels)
	for _, p := range markdown.Check(doc, src) {
		b.fail(p.Pos, "%s", p.Msg)
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	title := norm.NFC.String(res.Title)
	b.lines([]layout.Span{{Text: title, Style: layout.Style{Face: "B", Size: opt.Style.TitleSize, Color: b.primary}}}, opt.Style.TitleSize, 1, 0, tree.Add(layout.Heading(1)))
	if r, bad := opt.Fonts.Missing(title); bad {
		b.errs = append(b.errs, content.Errorf(res.Handout.File, 2, "title: character %q (U+%04X) has no glyph in the font; replace or remove it", string(r), r))
	}
	b.space(opt.Style.HeadingSpaceAfter + 4)
	if err := b.summary(res, env); err != nil {
		return nil, err
	}
	if err := b.block(doc); err != nil {
		return nil, err
	}
	if opt.QR != "" {
		b.qr(cmp.Or(opt.QRShort, opt.QR), env.Lang.ReadOnline)
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	pages := layout.Paginate(b.items, layout.Geometry{First: g.Bottom - g.FirstTop, Rest: g.Bottom - g.Top})
	h := res.Handout
	if max := h.Front.MaxPages; max > 0 && len(pages) > max {
		over := 0.0
		for _, p := range pages[max:] {
			over += p.Used
		}
		lines := over / layout.LineHeight(opt.Style.BodySize, opt.Style.Leading)
		// One problem for every variant that runs long, at the heading of
		// the section where the first page too many begins, naming the
		// variants and the worst of them (content.ErrorList groups them).
		return nil, &content.Error{File: h.File, Line: overflowLine(res, pages, max),
			Msg:     fmt.Sprintf("the %s runs past its %d %s from this section", h.Front.Kind, max, map[bool]string{true: "page", false: "pages"}[max == 1]),
			Fix:     "shorten the text or raise max_pages in the front matter",
			Variant: h.Where(env), Rank: over,
			Detail: fmt.Sprintf("%d pages, %.0f lines of text (%.0f mm) over", len(pages), lines, over/mm)}
	}
	return &Result{Pages: pages, Geom: g, images: b.imgs, Labels: labels, Tree: tree, Masthead: head}, nil
}

// overflowLine returns the file line of the heading of the section in
// which page max+1 (the first one too many) begins, or of the text it
// begins with when no heading comes before it.
func overflowLine(res *content.Resolved, pages []layout.Page, max int) int {
	src := -1
	for _, p := range pages[:max] {
		for _, it := range p.Items {
			if it.Heading > 0 && !it.Repeat {
				src = it.Src
			}
		}
	}
	if len(pages[max].Items) > 0 {
		if first := pages[max].Items[0]; first.Heading > 0 || src < 0 {
			src = first.Src
		}
	}
	if src < 0 {
		return res.Handout.BodyLine
	}
	return res.LineAt(src)
}

// summary draws the front matter's key points in a bordered box.
func (b *builder) summary(res *content.Resolved, env content.Env) error {
	if len(res.Summary) == 0 {
		return nil
	}
	src := []byte("- " + strings.Join(res.Summary, "\n- ") + "\n")
	src = norm.NFC.Bytes(src)
	doc := markdown.Parse(b.md, src)
	saved := b.src
	b.src = src
	// A problem in a summary point is reported at that point's line.
	b.lineAt = func(pos int) int {
		i := bytes.Count(src[:min(pos, len(src))], []byte("\n"))
		if lines := res.Handout.SummaryLines; i < len(lines) {
			return lines[i]
		}
		return 2
	}
	defer func() { b.src, b.lineAt = saved, nil }()
	for _, p := range markdown.Check(doc, src) {
		b.fail(p.Pos, "summary: %s", p.Msg)
	}
	err := b.frame("summary", layout.RoleSect, b.st.BoxBorder, func() error {
		st := layout.Style{Face: "B", Size: b.st.H3Size, Color: b.primary}
		b.lines([]layout.Span{{Text: env.Lang.SummaryTitle, Style: st}}, b.st.H3Size, 2, 0, b.parent.Add(layout.Heading(2)))
		b.space(2)
		return b.children(doc)
	})
	return err
}

// Render lays out the handout and writes it as PDF to w.
func Render(w io.Writer, res *content.Resolved, env content.Env, opt Options) (*Result, error) {
	r, err := Layout(res, env, opt)
	if err != nil {
		return nil, err
	}
	if err := paint(w, r, res, env, opt); err != nil {
		return nil, fmt.Errorf("%s: drawing the PDF: %w", res.Handout.File, err)
	}
	return r, nil
}
