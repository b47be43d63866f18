package pdf

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"handouts/internal/content"
	"handouts/internal/lang"
	"handouts/internal/layout"
	"handouts/internal/pdfua"
)

// imagePrefix keeps a handout's image names apart from the logo's.
const imagePrefix = "image:"

// family is the name the body font is registered under in each document.
// fpdf names an embedded face "utf8" + family + style; output renames it to
// a subset name of the same length (see subsetNames).
const family = "handoutbody"

// painter draws a laid-out handout with fpdf.
type painter struct {
	f       *fpdf.Fpdf
	g       Geometry
	opt     Options
	primary layout.RGB
	text    layout.RGB
	muted   layout.RGB
	accent  layout.RGB
	outline int // level of the last bookmark, -1 before the first
	lang    *lang.Lang
	m       marks      // marked content and what it belongs to
	meta    pdfua.Meta // for the catalog and the XMP metadata
	cal     *calTags   // the calendar page's structure, when painting one
	// images is the prefix of the images' names in the document: one per
	// part of a packet, whose handouts may name different images alike.
	images string
	// title, when set, is the outline's entry for the next level-1
	// heading (a part's title in a packet) instead of its words.
	title string
	// shift is added to each bookmark's y: fpdf writes every outline
	// destination against the last page's height, so a packet whose parts
	// have pages of other heights (the calendar is landscape) shifts the
	// bookmarks of those pages by the difference.
	shift float64
}

// docInfo is a document's metadata: never patient data.
type docInfo struct {
	Title, Subject string
	Date           time.Time // the day the text was reviewed: builds stay byte-identical
}

// startDoc makes the painter for a new document: fixed dates, metadata
// without patient data, the logo registered once.
func startDoc(f *fpdf.Fpdf, res *content.Resolved, env content.Env, opt Options, subject string) *painter {
	f.ShareFontSubsets(shareSubsets(env, opt))
	return newDoc(f, docInfo{Title: res.Title, Subject: subject, Date: res.Handout.ReviewedOn()}, env, opt)
}

// shareSubsets reports whether a document may share its font subsets with
// the build's other documents (fpdf.ShareFontSubsets): only a published
// handout, never a copy for a patient (a name, a date, an override, a
// visit), whose characters would stay in memory with the font. A packet
// (newDoc alone) never shares.
func shareSubsets(env content.Env, opt Options) bool {
	return Published(env, opt.Patient)
}

// Published reports whether a document for env and patient (a first name
// or "") is a published handout, not a copy for a patient: no name, no
// date, no override, no visit.
func Published(env content.Env, patient string) bool {
	return patient == "" && !env.Dated() && len(env.Overrides) == 0 && env.Visit == nil
}

// newDoc makes the painter for a new document with metadata info.
func newDoc(f *fpdf.Fpdf, info docInfo, env content.Env, opt Options) *painter {
	f.SetCompression(false) // the tagged writer compresses the pages (internal/pdfua, with writers it reuses)
	f.SetCatalogSort(true)
	// Fixed dates from the content keep builds byte-identical.
	d := info.Date.Add(12 * time.Hour)
	f.SetCreationDate(d)
	f.SetModificationDate(d)
	f.SetProducer("handouts", false)
	f.SetCreator("handouts", false)
	// Metadata never carries patient data: no name, no treatment date.
	f.SetTitle(info.Title, true)
	f.SetAuthor(env.Brand.Name, true)
	f.SetSubject(info.Subject, true)
	f.SetLang(env.Lang.Tag)
	f.SetAutoPageBreak(false, 0)
	meta := pdfua.Meta{Title: info.Title, Author: env.Brand.Name, Subject: info.Subject, Lang: env.Lang.Tag, Producer: "handouts", Date: d}
	logo := opt.Logo
	if logo == nil {
		logo = env.Brand.LogoPNG
	}
	if len(logo) > 0 {
		f.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(logo))
	}
	return &painter{f: f, opt: opt, primary: hexRGB(env.Brand.Colors.Primary), accent: hexRGB(env.Brand.Colors.Accent),
		text: hexRGB(opt.Style.Text), muted: hexRGB(opt.Style.Muted), outline: -1, lang: env.Lang,
		meta: meta, images: imagePrefix}
}

func paint(w io.Writer, r *Result, res *content.Resolved, env content.Env, opt Options) error {
	g := r.Geom
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: g.W, Ht: g.H}})
	p := startDoc(f, res, env, opt, r.Labels.Treatment+" \u00b7 "+r.Labels.Variant)
	p.m.doc = pdfua.NewDoc()
	// Register only the faces the pages use: fpdf subsets and embeds each
	// face it is given.
	p.addFaces(usedFaces(r.Pages))
	p.addImages(r)
	p.paintPages(r, 0, len(r.Pages))
	return p.finish(w, r.Tree)
}

// addFaces registers the body font's faces that used names, in the order
// of fpdf's names for them (which fixes their objects' place in the file).
func (p *painter) addFaces(used map[layout.Face]bool) {
	keys := slices.Clone(p.opt.Fonts.files)
	slices.SortFunc(keys, func(a, b layout.Face) int { return strings.Compare(fpdfStyle(a), fpdfStyle(b)) })
	for _, key := range keys {
		if !used[key] {
			continue
		}
		fc := p.opt.Fonts.faces[key]
		if parsed := fc.fpdfFont(); parsed != nil {
			p.f.AddUTF8FontParsed(family, fpdfStyle(key), parsed)
		} else {
			p.f.AddUTF8FontFromBytes(family, fpdfStyle(key), fc.Data)
		}
	}
}

// fpdfStyle is fpdf's name for a face: "", "B", "I" or "BI". The page
// model and the style sheet never see it: it is the engine's word.
func fpdfStyle(face layout.Face) string {
	s := ""
	if face&layout.Bold != 0 {
		s += "B"
	}
	if face&layout.Italic != 0 {
		s += "I"
	}
	return s
}

// addImages registers the images r shows under p.images.
func (p *painter) addImages(r *Result) {
	names := make([]string, 0, len(r.images))
	for name := range r.images {
		names = append(names, name)
	}
	sort.Strings(names) // a fixed order keeps the file byte-identical
	for _, name := range names {
		img := r.images[name]
		p.f.RegisterImageOptionsReader(p.images+name, fpdf.ImageOptions{ImageType: img.format}, bytes.NewReader(img.data))
	}
}

// paintPages paints r's pages as pages first+1 … of a document of total
// pages.
func (p *painter) paintPages(r *Result, first, total int) {
	g := r.Geom
	p.g = g
	p.f.SetMargins(g.Margin, g.Margin, g.Margin)
	for i, page := range r.Pages {
		p.addPage()
		top := g.Top
		if i == 0 {
			p.masthead(r.Labels, r.Masthead)
			top = g.FirstTop
		} else {
			p.runningHeader(r.Labels)
		}
		p.footer(r.Labels, r.Foot, first+i+1, total)
		p.artifact(artLayout)
		for _, fs := range page.Frames() {
			p.frame(fs, top)
		}
		for _, it := range page.Items {
			p.item(it, top)
		}
	}
}

// bookmark adds an outline entry at y on the current page: the part's
// title for its first level-1 entry when one is set.
func (p *painter) bookmark(title string, level int, y float64) {
	if level == 0 && p.title != "" {
		title, p.title = p.title, ""
	}
	p.f.Bookmark(title, level, y+p.shift)
	p.outline = level
}

// subsetNames maps fpdf's names of the embedded faces to names of the
// same length in the form PDF readers recognise as subsets ("ABCDEF+Name",
// PDF 1.7 section 9.6.4): fpdf embeds only the glyphs a document uses but
// does not tag them. Equal lengths keep every byte offset in the file,
// so nameSubsets renames them in place. At one place the first name that
// matches is taken, as a strings.Replacer of these pairs would.
var subsetNames = [][2]string{
	{"/utf8" + family + "BI", "/HDOUTD+BodyFontBI"},
	{"/utf8" + family + "B", "/HDOUTB+BodyFontB"},
	{"/utf8" + family + "I", "/HDOUTC+BodyFontI"},
	{"/utf8" + family, "/HDOUTA+BodyFont"},
}

// nameSubsets renames fpdf's faces in the file pdf, in place (subsetNames):
// the file is not copied twice (as a string and back), and the names are
// found with bytes.Index.
func nameSubsets(pdf []byte) {
	prefix := []byte(subsetNames[len(subsetNames)-1][0])
	for i := 0; ; {
		j := bytes.Index(pdf[i:], prefix)
		if j < 0 {
			return
		}
		i += j
		for _, n := range subsetNames {
			if bytes.HasPrefix(pdf[i:], []byte(n[0])) {
				copy(pdf[i:], n[1])
				i += len(n[0])
				break
			}
		}
	}
}

func (p *painter) font(face layout.Face, size float64, c layout.RGB) {
	p.styledFont(fpdfStyle(face), size, c)
}

// styledFont sets fpdf's font by its style string (a face's, maybe with
// "U" for an underline).
func (p *painter) styledFont(style string, size float64, c layout.RGB) {
	p.f.SetFont(family, style, size)
	p.f.SetTextColor(int(c.R), int(c.G), int(c.B))
}

func (p *painter) masthead(l Labels, m Masthead) {
	g, f := p.g, p.f
	x := g.Margin
	if m.Logo != nil {
		info := f.GetImageInfo("logo")
		w := g.LogoH * info.Width() / info.Height()
		p.tag(m.Logo)
		f.ImageOptions("logo", g.Margin, g.Margin, w, g.LogoH, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		p.m.doc.BBox(m.Logo, p.rect(g.Margin, g.Margin, w, g.LogoH))
		x += w + 12
	}
	right := g.W - g.Margin
	lines := []struct {
		text string
		face layout.Face
		size float64
		c    layout.RGB
	}{
		{l.Clinic, layout.Bold, p.opt.Style.BodySize + 2, p.primary},
		{l.Treatment, layout.Regular, p.opt.Style.BodySize, p.text},
		{l.Variant, layout.Bold, p.opt.Style.BodySize, p.text},
	}
	y := g.Margin
	step := (g.LogoH) / float64(len(lines))
	for i, ln := range lines {
		p.tag(m.Lines[i])
		p.font(ln.face, ln.size, ln.c)
		w := p.opt.Fonts.Width(ln.face, ln.size, ln.text)
		y += step
		f.Text(max(x, right-w), y-2, ln.text)
	}
	p.artifact(artLayout)
	ruleY := mastheadRuleY(g)
	p.rule(g.Margin, ruleY, g.W-g.Margin, p.opt.Style.RuleWidth, p.accent)
	if len(l.Personal) > 0 {
		// The patient's line has room of its own under the rule
		// (geometry leaves it), at the body's left edge.
		p.tag(m.Lines[len(lines)])
		size := p.opt.Style.BodySize
		p.font(layout.Bold, size, p.text)
		y := ruleY + p.opt.Style.RuleWidth/2 + 3
		for _, s := range l.Personal {
			y += layout.LineHeight(size, p.opt.Style.Leading)
			f.Text(g.Margin, y-(layout.LineHeight(size, p.opt.Style.Leading)-size), s)
		}
		p.artifact(artLayout)
	}
}

func (p *painter) runningHeader(l Labels) {
	g := p.g
	s := p.opt.Style.SmallSize
	p.artifact(artHeader)
	p.font(layout.Regular, s, p.muted)
	p.f.Text(g.Margin, g.Margin+s, l.Clinic+" \u00b7 "+l.Treatment+" \u00b7 "+l.Variant)
	p.rule(g.Margin, headerRuleY(g.Margin, s), g.W-g.Margin, thinRule, p.accent)
}

// footer draws the page's footer: a rule, the lines of foot (the
// disclaimer, and the review line where it is not beside the clinic's
// phone), and at the foot the clinic's name and phone (and the review
// line) with "Page X of Y" at the right.
func (p *painter) footer(l Labels, foot Foot, page, pages int) {
	g := p.g
	s := p.opt.Style.SmallSize
	y := g.H - footMargin
	lh := footLH(s)
	p.artifact(artFooter)
	p.rule(g.Margin, footTop(g.H, s, len(foot.Lines)), g.W-g.Margin, thinRule, p.accent)
	p.font(layout.Regular, s, p.muted)
	for i, ln := range foot.Lines {
		p.f.Text(g.Margin, y-float64(len(foot.Lines)-i)*lh, ln)
	}
	p.f.Text(g.Margin, y, foot.Left)
	num := fmt.Sprintf(l.Page, page, pages)
	p.f.Text(g.W-g.Margin-p.opt.Fonts.Width(layout.Regular, s, num), y, num)
}

func (p *painter) rule(x0, y, x1, width float64, c layout.RGB) {
	p.f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	p.f.SetLineWidth(width)
	p.f.Line(x0, y, x1, y)
}

func (p *painter) frame(fs layout.FrameSpan, top float64) {
	f := p.f
	c := fs.Border
	f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	f.SetLineWidth(fs.Width)
	x := p.g.Margin + fs.X + fs.Width/2
	y0, y1 := top+fs.Y0, top+fs.Y1
	if fs.Kind == "callout" {
		f.SetLineWidth(fs.Width * 2.5)
		f.Line(x+fs.Width, y0, x+fs.Width, y1)
		return
	}
	f.Rect(x, y0, fs.W-fs.Width, y1-y0, "D")
}

func (p *painter) item(it layout.PlacedItem, top float64) {
	x := p.g.Margin + it.X
	y := top + it.Y
	switch it.Kind {
	case layout.KText:
		if it.Mark != nil {
			p.mark(it.Mark, y, it.H)
		}
		if it.Heading > 0 {
			p.bookmark(it.Title, min(it.Heading-1, p.outline+1), y)
		}
		p.drawLine(it.Line, it.Tag, x, y, it.H)
	case layout.KRule:
		p.artifact(artLayout)
		p.rule(x, y+it.H/2, x+it.W, it.H, it.Color)
	case layout.KImage:
		p.tag(it.Tag)
		p.f.ImageOptions(p.images+it.Image, x, y, it.W, it.H, false, fpdf.ImageOptions{}, 0, "")
		p.m.doc.BBox(it.Tag, p.rect(x, y, it.W, it.H))
	case layout.KRow:
		p.row(it, top)
	case layout.KQR:
		p.tag(it.Tag)
		y += it.QRTop
		if err := p.drawQR(it.QR, x, y, it.W); err != nil {
			p.f.SetError(err)
		}
		p.m.doc.BBox(it.Tag, p.rect(x, y, it.W, it.W))
		c := it.Cells[0]
		lh := p.opt.Style.BodySize * p.opt.Style.Leading
		for i := range c.Lines {
			p.drawLine(&c.Lines[i], c.Tag, p.g.Margin+c.X, y+float64(i)*lh, lh)
		}
	}
}

// drawLine draws a line of text as content of element tag (a span with
// its own element, a link, as content of that), each link with its
// annotation; with tag nil, as part of the artifact the caller opened.
func (p *painter) drawLine(l *layout.Line, tag *layout.Node, x, y, h float64) {
	base := y + l.Ascent
	for _, s := range l.Spans {
		if tag != nil {
			if s.Tag != nil {
				p.tag(s.Tag)
			} else {
				p.tag(tag)
			}
		}
		style := fpdfStyle(s.Style.Face)
		if s.Style.Underline {
			style += "U"
		}
		p.styledFont(style, s.Style.Size, s.Style.Color)
		p.f.Text(x+s.X, base, s.Text)
		if s.Link != "" && tag != nil {
			p.link(s.Tag, s.Link, s.Text, x+s.X, y, s.W, h)
		}
	}
}

func (p *painter) mark(m *layout.Mark, y, h float64) {
	f := p.f
	x := p.g.Margin + m.X
	size := m.Style.Size
	c := m.Style.Color
	f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	f.SetFillColor(int(c.R), int(c.G), int(c.B))
	mid := y + h/2
	p.tag(m.Tag)
	switch m.Kind {
	case layout.MarkBullet:
		f.Circle(x+p.opt.Style.ListIndent*0.4, mid, size*0.15, "F")
	case layout.MarkNumber:
		p.font(layout.Bold, size, c)
		f.Text(x, y+h/2+size*0.35, m.Text)
	case layout.MarkBox:
		s := size * 0.85
		f.SetLineWidth(1)
		f.Rect(x+1, mid-s/2, s, s, "D")
		if m.Checked {
			f.SetLineWidth(1.6)
			f.Line(x+1+s*0.2, mid, x+1+s*0.42, mid+s*0.25)
			f.Line(x+1+s*0.42, mid+s*0.25, x+1+s*0.82, mid-s*0.3)
		}
	}
}

func (p *painter) row(it layout.PlacedItem, top float64) {
	y := top + it.Y
	x0 := p.g.Margin + it.Cells[0].X
	x1 := p.g.Margin + it.Cells[len(it.Cells)-1].X + it.Cells[len(it.Cells)-1].W
	lh := p.opt.Style.BodySize * p.opt.Style.Leading
	if it.Repeat {
		p.artifact(artRepeat)
	}
	for _, c := range it.Cells {
		tag := c.Tag
		if it.Repeat {
			tag = nil
		}
		for i := range c.Lines {
			p.drawLine(&c.Lines[i], tag, p.g.Margin+c.X+cellPad, y+cellPad+float64(i)*lh, lh)
		}
	}
	if !it.Repeat {
		p.artifact(artLayout)
	}
	if it.IsHeader {
		p.rule(x0, y, x1, tableRule, p.primary)
		p.rule(x0, y+it.H, x1, tableRule, p.primary)
		return
	}
	p.rule(x0, y+it.H, x1, tableRule/2, it.Color)
}

// tableRule is the width of the rules above and below a table's header
// row; its other rows have rules half as wide under them.
const tableRule = 1.0

// usedFaces lists the faces drawn on pages, and the furniture's regular
// and bold.
func usedFaces(pages []layout.Page) map[layout.Face]bool {
	used := map[layout.Face]bool{layout.Regular: true, layout.Bold: true}
	add := func(l *layout.Line) {
		for _, s := range l.Spans {
			used[s.Style.Face] = true
		}
	}
	for _, p := range pages {
		for _, it := range p.Items {
			if it.Line != nil {
				add(it.Line)
			}
			for _, c := range it.Cells {
				for i := range c.Lines {
					add(&c.Lines[i])
				}
			}
		}
	}
	return used
}
