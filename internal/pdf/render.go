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
	"slices"
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
	// Breaks remembers the lines of paragraphs for the build's other
	// documents; nil for none. Only for text that is no patient's: a
	// published handout, or a build's worst-case personal copy with its
	// made-up name and dates (layout.Breaks keeps the text in memory).
	Breaks *layout.Breaks
	// CalendarLabels are a calendar's masthead words when they are not its
	// Env's (a packet's calendar of several treatments or areas).
	CalendarLabels *Labels
	// Variant is the masthead's and running header's variant line when it
	// is not Env's ("Dry skin · Face + Neck": a packet's sheet or guide of
	// several areas); "" for Env's.
	Variant string
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
	// Foot is the footer's words on every page: the review line and the
	// disclaimer with the clinic's phone (footFor).
	Foot Foot
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

const mm = 72 / 25.4

// Geometry is where things sit on the page, in points.
type Geometry struct {
	W, H, Margin  float64
	FirstTop, Top float64 // y of the body's top on page 1 and later pages
	Bottom        float64 // y of the body's bottom
	LogoH         float64
	// Clear is the least white between the body and the rule above it
	// (the masthead's or the running header's) or below it (the
	// footer's): room that a QR code's quiet zone may share (qr.go).
	Clear float64
}

// thinRule is the width of the running header's and the footer's rules;
// ruleGap is the room between each of them and the body.
const thinRule, ruleGap = 0.8, 8

// headerRuleY is the y of the running header's rule.
func headerRuleY(margin, small float64) float64 { return margin + small*1.4 + 2 }

// mastheadRuleY is the y of the masthead's rule, under the logo.
func mastheadRuleY(g Geometry) float64 { return g.Margin + g.LogoH + 5 }

// geometry is the page's geometry; personal makes room under the
// masthead's rule for the patient's line (see painter.masthead).
func geometry(paper content.PaperSize, st *style.Style, personal, foot int) Geometry {
	m := st.MarginMM * mm
	g := Geometry{W: paper.W, H: paper.H, Margin: m, LogoH: st.LogoHeightMM * mm}
	g.FirstTop = mastheadRuleY(g) + 9
	if personal > 0 {
		g.FirstTop += float64(personal)*layout.LineHeight(st.BodySize, st.Leading) + 4
	}
	g.Top = headerRuleY(m, st.SmallSize) + ruleGap
	g.Bottom = footTop(g.H, st.SmallSize, foot) - ruleGap
	// Page 1's body starts 9 pt below the middle of the masthead's rule,
	// or 9 pt below the patient's lines (painter.masthead).
	g.Clear = min(ruleGap-thinRule/2, 9-st.RuleWidth/2)
	return g
}

// footMargin is how far the footer's last line sits from the page's
// foot: the calendar's margin, safe on Letter and A4 printers, below the
// body's margin so that the review line and the disclaimer cost the body
// as little room as they can.
const footMargin = 10 * mm

// footTop is the y of the footer's rule on a page of height h with foot
// lines above its last.
func footTop(h, size float64, foot int) float64 {
	return h - footMargin - size*1.4 - float64(foot)*footLH(size)
}

// footLH is the line height of the footer's lines, at the small size.
func footLH(size float64) float64 { return layout.LineHeight(size, 1.2) }

// Foot is what a page's footer prints under its rule: Lines (the
// disclaimer and, where it does not fit beside the clinic's phone, the
// review line), then the clinic's name and phone, the review line when it
// fits there, and "Page X of Y" at the right.
type Foot struct {
	Lines []string
	Left  string // the last line's words at the left
}

// footFor packs the footer's words into the width: the review line ("Reviewed
// October 2026 by Dr. Jane Example, MD") beside the clinic's name and
// phone where it fits before the widest page number, else on a line above
// (with the disclaimer when both fit there); the disclaimer on a line of
// its own, broken between words where a clinic's own wording is longer
// than the line.
//
// The calendar, whose masthead names the clinic and whose box under the
// grid gives its phone numbers, prints its review line and disclaimer in
// the clinic's place where they fit there (clinic false), so that its one
// page loses no room to them.
func footFor(l Labels, review, disclaimer string, width float64, fonts *Fonts, size float64, clinic bool) Foot {
	review, disclaimer = strings.TrimSpace(review), strings.TrimSpace(disclaimer)
	ft := Foot{Left: l.Clinic + " \u00b7 " + l.Phone}
	fits := func(s string) bool { return fonts.Width(layout.Regular, size, s) <= width }
	// Room for the widest page number of a long packet, and a gap.
	num := fonts.Width(layout.Regular, size, fmt.Sprintf(l.Page, 88, 88)) + 2*size
	both := strings.Join(slices.DeleteFunc([]string{review, disclaimer}, func(s string) bool { return s == "" }), " \u00b7 ")
	switch {
	case !clinic && both != "" && fonts.Width(layout.Regular, size, both)+num <= width:
		ft.Left, review, disclaimer = both, "", ""
	case review == "":
	case fonts.Width(layout.Regular, size, ft.Left+" \u00b7 "+review)+num <= width:
		ft.Left += " \u00b7 " + review
	case disclaimer != "" && fits(review+" \u00b7 "+disclaimer):
		review, disclaimer = review+" \u00b7 "+disclaimer, ""
		fallthrough
	default:
		ft.Lines = append(ft.Lines, wrap(review, width, fonts, size)...)
	}
	if disclaimer != "" {
		ft.Lines = append(ft.Lines, wrap(disclaimer, width, fonts, size)...)
	}
	return ft
}

// wrap breaks s between words into lines no wider than width.
func wrap(s string, width float64, fonts *Fonts, size float64) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && fonts.Width(layout.Regular, size, line+" "+w) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
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
		if n := len(out); n > 0 && fonts.Width(layout.Bold, st.BodySize, out[n-1]+" \u00b7 "+part) <= width {
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
	paper, err := env.Brand.Paper.Size()
	if err != nil {
		return nil, err
	}
	width := paper.W - 2*opt.Style.MarginMM*mm
	personal := personalLines(prepared, width, opt.Fonts, opt.Style)
	foot := footFor(Labels{Clinic: env.Brand.Name, Phone: env.Brand.Contact.Phone, Page: env.Lang.Page},
		env.ReviewLine(res.Handout), env.Disclaimer(), width, opt.Fonts, opt.Style.SmallSize, true)
	g := geometry(paper, opt.Style, len(personal), len(foot.Lines))
	src := norm.NFC.Bytes(res.Source)
	doc := markdown.Parse(opt.Markdown, src)
	b := newBuilder(opt.Fonts, opt.Style, res, src, g.W-2*g.Margin, env.Brand.Colors.Primary, opt.Images)
	b.md, b.breaks = opt.Markdown, opt.Breaks
	l := env.Lang
	labels := Labels{
		Clinic:    env.Brand.Name,
		Phone:     env.Brand.Contact.Phone,
		Treatment: env.Brand.TreatmentName(env.Treatment),
		Variant:   cmp.Or(opt.Variant, env.Skin.Label+" \u00b7 "+env.Area.Label),
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
	b.lines([]layout.Span{{Text: title, Style: layout.Style{Face: layout.Bold, Size: opt.Style.TitleSize, Color: b.primary}}}, opt.Style.TitleSize, 1, 0, tree.Add(layout.Heading(1)))
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
		if err := b.qr(cmp.Or(opt.QRShort, opt.QR), env.Lang.ReadOnline, opt.QRCodes, g.Clear); err != nil {
			return nil, err
		}
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
	return &Result{Pages: pages, Geom: g, images: b.imgs, Labels: labels, Tree: tree, Masthead: head, Foot: foot}, nil
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
		st := layout.Style{Face: layout.Bold, Size: b.st.H3Size, Color: b.primary}
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
