// Package project is the matrix and its rendering: it loads and checks
// the content, layouts and fonts (Load, LoadCopy), enumerates the matrix
// (brand × language × treatment × skin type × area × handout kind ×
// format) from the formats table (Kinds), renders a file of it (Render:
// PDF, HTML, calendar, .ics) and the whole of it on all cores, and makes
// the index, the reading grades and check's warnings, the glyph checks,
// the logos and the typefaces. Build streams each rendered file into an
// output folder's transaction (internal/output: Put, then Commit with the
// index and the manifest) and keeps the files whose inputs did not change
// (internal/cache); a build may make one shard of the matrix, and
// Assemble joins the shards' folders into one (shard.go, assemble.go).
// Every dated copy the desk can make of a printed handout is laid out too,
// so a copy that runs long is the content's error (personal.go).
//
// It may import the content model and the renderers (internal/content,
// calendar, html, lang, markdown, pdf, pdfua, readability, style),
// internal/cache and internal/output; it writes files only through
// internal/output. What the front desk makes of it for one patient
// (packets, one-off copies, e-mail words) is internal/desk's, above it.
package project

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"

	"handouts/internal/cache"
	"handouts/internal/content"
	"handouts/internal/html"
	"handouts/internal/lang"
	"handouts/internal/layout"
	"handouts/internal/markdown"
	"handouts/internal/pdf"
	"handouts/internal/pdfua"
	"handouts/internal/style"
	"handouts/layouts"
)

// Sources are the three input folders.
type Sources struct {
	Content     fs.FS
	ContentName string // as the user names it, for messages
	Layouts     fs.FS
	LayoutsName string
	Fonts       fs.FS
	FontsName   string
}

// snapshot reads every input file of src, for the cache's keys.
func (src Sources) snapshot() cache.Snapshot {
	return cache.TakeSnapshot(src.Content, src.Layouts, src.Fonts)
}

// Project is everything loaded once per build and shared read-only by the
// workers: the catalogue, style sheets and fonts per brand, the Markdown
// set-up and the HTML templates.
type Project struct {
	Catalog *content.Catalog
	styles  map[string]*style.Style
	fonts   map[string]*pdf.Fonts
	logos   map[string]*logo // by brand, prepared for print on first use
	qr      pdf.QRCodes
	zip     pdfua.Zippers // zlib writers for the tagged PDFs' streams: fpdf's own (pdf.Deflate), one level for every stream
	breaks  layout.Breaks // published paragraphs' lines, for pdf.Options.Breaks
	md      goldmark.Markdown
	// The HTML pages' templates and, by brand, the typeface they embed:
	// made by Load, and by a copy's project on first use (web), so a PDF
	// copy reads and parses neither.
	webOnce   sync.Once
	webErr    error
	html      *html.Renderer
	typefaces map[string]*html.Typeface
	index     *template.Template
	src       Sources
	inputs    cache.Snapshot // every input file as it was before loading, for the cache's keys (internal/cache)
	copy      *Copy          // what LoadCopy loaded for; nil: everything
}

// Load reads and checks every input.
func Load(src Sources) (*Project, error) {
	return load(src, src.snapshot(), nil)
}

// Copy names one copy of a handout or packet, for LoadCopy: a brand, its
// language ("" for the brand's first), the treatments and the areas (none,
// or "" among them, for every one), the skin type and the kinds of
// handout (none: every kind). It is a content.Part.
type Copy struct {
	Brand, Lang       string
	Treatments, Areas []string
	Skin              string
	Kinds             []content.Kind
}

// wants reports whether env is the copy's variant.
func (c *Copy) wants(env content.Env) bool {
	lang := c.Lang
	if lang == "" && len(env.Brand.Languages) > 0 {
		lang = env.Brand.Languages[0]
	}
	return env.Brand.ID == c.Brand && env.Lang.Tag == lang && c.wantsTreatment(env.Treatment.ID) && env.Skin.ID == c.Skin && every(c.Areas, env.Area.ID)
}

// wantsTreatment reports whether the copy shows treatment id.
func (c *Copy) wantsTreatment(id string) bool { return every(c.Treatments, id) }

// every reports whether ids, a copy's choice, holds id: when it names it,
// or is empty or holds "" (every one).
func every(ids []string, id string) bool {
	return len(ids) == 0 || slices.Contains(ids, "") || slices.Contains(ids, id)
}

// LoadCopy reads what copy c needs and checks that: the content files of
// its part of the library (content.Part: the clinic, the language, the
// treatments, the skin type and the areas), the handouts' text as c's
// variant shows it, and only c's brand gets its style, fonts, logo and
// typeface (a one-off copy takes tens of milliseconds, where checking the
// whole library takes many times that). A broken file outside the part
// does not stop it. The project makes c (Render, NewPacket) and nothing
// else: Load, for check and build, reads and checks everything.
func LoadCopy(src Sources, c Copy) (*Project, error) {
	return load(src, nil, &c)
}

// load is Load with the inputs already read once, for the cache's keys
// (internal/cache): they must be read before the loader reads them; or, with
// copy, LoadCopy.
func load(src Sources, inputs cache.Snapshot, copy *Copy) (*Project, error) {
	// The languages: the built-in ones, with the layouts folder's lang/
	// files added or put in their place; a copy's own only.
	var tags []string
	var ah *ahead // a copy's style, fonts and templates, read meanwhile
	if copy != nil {
		ah = readAhead(src, copy.Brand)
		if t := (*content.Part)(copy).Language(src.Content); t != "" {
			tags = []string{t}
		}
	}
	langs, err := lang.LoadOnly(layouts.FS, src.Layouts, tags)
	if err != nil {
		return nil, err
	}
	opts := content.Options{Langs: langs}
	if copy != nil {
		opts.Only, opts.Part = copy.wants, (*content.Part)(copy)
	}
	cat, err := content.LoadWith(src.Content, src.ContentName, opts)
	if err != nil {
		return nil, err
	}
	p := &Project{Catalog: cat, styles: map[string]*style.Style{}, fonts: map[string]*pdf.Fonts{}, logos: map[string]*logo{}, md: markdown.New(), src: src, inputs: inputs, copy: copy,
		zip: pdfua.Zippers{Fast: pdf.Deflate}}
	byFiles := map[string]*pdf.Fonts{}
	for _, b := range p.brands() {
		st, err := ah.styleOf(src, b.ID)
		if err != nil {
			return nil, err
		}
		p.styles[b.ID] = st
		key := fmt.Sprint(st.Fonts)
		if byFiles[key] == nil {
			f, err := ah.fontsOf(src, st)
			if err != nil {
				return nil, err
			}
			byFiles[key] = f
		}
		p.fonts[b.ID] = byFiles[key]
		if p.logos[b.ID], err = loadLogo(b.LogoPNG, st.LogoHeightMM); err != nil {
			if lr, ok := err.(*lowResError); ok {
				return nil, fmt.Errorf("%s:%d: logo %s is %v", b.File, b.LogoLine, path.Join(path.Dir(b.File), b.Logo), lr)
			}
			return nil, fmt.Errorf("%s:%d: logo %s cannot be read (%v); export it as PNG again", b.File, b.LogoLine, path.Join(path.Dir(b.File), b.Logo), err)
		}
	}
	if err := p.checkGlyphs(); err != nil {
		return nil, err
	}
	if copy != nil {
		return p, nil // no index: a copy is one file; its web parts on first use
	}
	if err := p.web(); err != nil {
		return nil, err
	}
	if p.index, err = parseIndex(src.Layouts); err != nil {
		return nil, fmt.Errorf("%s/html/index.tmpl: %v", src.LayoutsName, err)
	}
	return p, nil
}

// brands returns the brands the project makes files for: every brand, or
// the copy's.
func (p *Project) brands() []*content.Brand {
	if p.copy == nil {
		return p.Catalog.Brands
	}
	if b := p.Catalog.Brand(p.copy.Brand); b != nil {
		return []*content.Brand{b}
	}
	return nil
}

// Request is one file to make.
type Request struct {
	Env     content.Env
	Kind    content.Kind
	Format  content.Format
	Patient string // first name for a one-off copy, or ""
}

// Rendered is a file made in memory.
type Rendered struct {
	Data  []byte
	Pages int // PDFs only
}

// Format is one output format of a kind of handout: its name, file
// extension and renderer.
type Format struct {
	Name     content.Format
	Ext      string
	OnDemand bool // made only when asked for (dated files), not by a full build
	render   renderFunc
}

type renderFunc func(p *Project, res *content.Resolved, r Request) (Rendered, error)

// renderers says how each kind is drawn in each format it is made in
// (content's kind table says which formats those are; FormatsOf refuses a
// pair with no renderer here).
var renderers = map[content.Kind]map[content.Format]renderFunc{
	content.KindSheet:    {content.FormatPDF: (*Project).renderPDF, content.FormatHTML: (*Project).renderHTML},
	content.KindGuide:    {content.FormatPDF: (*Project).renderPDF, content.FormatHTML: (*Project).renderHTML},
	content.KindCalendar: {content.FormatPDF: (*Project).renderCalendarPDF, content.FormatHTML: (*Project).renderCalendarHTML, content.FormatICS: (*Project).renderICS},
}

// FormatsOf returns the formats kind is made in, in the kind table's
// order, each with its renderer; none for a kind that is never a file of
// the build (the email). An unknown kind, or a format with no renderer
// for the kind, is an error.
func FormatsOf(kind content.Kind) ([]Format, error) {
	info, err := kind.Info()
	if err != nil {
		return nil, err
	}
	var out []Format
	for _, name := range info.Formats {
		ext, err := name.Ext()
		if err != nil {
			return nil, err
		}
		render := renderers[kind][name]
		if render == nil {
			return nil, fmt.Errorf("a %s is made as %s, but there is no renderer for it", kind, name)
		}
		out = append(out, Format{Name: name, Ext: ext, OnDemand: slices.Contains(info.OnDemand, name), render: render})
	}
	return out, nil
}

func formatFor(kind content.Kind, name content.Format) (Format, error) {
	fs, err := FormatsOf(kind)
	if err != nil {
		return Format{}, err
	}
	for _, f := range fs {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("a %s is not made as %s", kind, name)
}

// Render makes one file in memory.
func (p *Project) Render(r Request) (Rendered, error) {
	h := r.Env.Treatment.Handout(r.Kind)
	if h == nil {
		return Rendered{}, fmt.Errorf("treatment %s has no %s handout", r.Env.Treatment.ID, r.Kind)
	}
	f, err := formatFor(r.Kind, r.Format)
	if err != nil {
		return Rendered{}, err
	}
	res, err := h.Resolve(r.Env, false)
	if err != nil {
		return Rendered{}, err
	}
	if r.Patient != "" || r.Env.Dated() {
		// A copy made for one patient is in the language chosen for them:
		// it leaves out the lines offering the other languages.
		res.Others = nil
	}
	return f.render(p, res, r)
}

func (p *Project) images(h *content.Handout) func(string) ([]byte, error) {
	dir := path.Dir(h.Path)
	return func(name string) ([]byte, error) {
		return content.ReadImage(p.Catalog.FS, path.Join(dir, name))
	}
}

func (p *Project) renderPDF(res *content.Resolved, r Request) (Rendered, error) {
	var buf bytes.Buffer
	// The lines in the clinic's other languages open the body.
	res = res.WithOthers()
	out, err := pdf.Render(&buf, res, r.Env, p.PDFOptions(res, r))
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{Data: buf.Bytes(), Pages: len(out.Pages)}, nil
}

// PDFOptions are the options r's PDF of res is laid out and drawn with:
// the brand's fonts, style and logo, the images, the QR code and the
// patient's name.
func (p *Project) PDFOptions(res *content.Resolved, r Request) pdf.Options {
	return pdf.Options{
		Fonts: p.fonts[r.Env.Brand.ID], Style: p.styles[r.Env.Brand.ID], Markdown: p.md,
		Images: p.images(res.Handout), Patient: r.Patient, QR: QRAddress(r.Env, r.Kind), QRShort: ShortAddress(r.Env, r.Kind), Logo: p.logos[r.Env.Brand.ID].print(),
		QRCodes: &p.qr, Zip: &p.zip, Breaks: p.breaksFor(r),
	}
}

// HTML is the project's HTML renderer (its templates), for what is made
// of the content outside Render: the e-mail of a packet (internal/desk).
// A copy's project reads the templates now, the first time they are
// asked for.
func (p *Project) HTML() (*html.Renderer, error) {
	if err := p.web(); err != nil {
		return nil, err
	}
	return p.html, nil
}

// web makes the HTML pages' templates and typefaces once: Load makes them
// with the rest, a copy's project the first time one of its files is an
// HTML page or an e-mail.
func (p *Project) web() error {
	p.webOnce.Do(func() {
		if p.html, p.webErr = html.New(p.src.Layouts); p.webErr == nil {
			p.webErr = p.loadTypefaces(p.src)
		}
	})
	return p.webErr
}

// breaksFor is the build's remembered lines for r's document, or nil for
// a patient's copy, whose text must not stay in memory.
func (p *Project) breaksFor(r Request) *layout.Breaks {
	if pdf.Published(r.Env, r.Patient) {
		return &p.breaks
	}
	return nil
}

// QRAddress is the address a printed sheet's QR code points to: the
// variant's HTML page in the same language under the brand's base_url, or
// "" when the brand publishes none. It names the variant only, never a
// patient.
func QRAddress(env content.Env, kind content.Kind) string {
	if env.Brand.BaseURL == "" || kind != content.KindSheet {
		return ""
	}
	return strings.TrimSuffix(env.Brand.BaseURL, "/") + "/" + EntryPath(env, kind, ".html")
}

// ShortAddress is a printed sheet's short address: the brand's short_url
// and a code of shortCodeLen letters and digits made from the sheet's page
// (EntryPath), so the same variant keeps its code from build to build:
// "https://hsk.example/k3x9qd". "" where the brand sets no short_url.
// manifest.json lists each with its page, for the short domain's
// redirects.
func ShortAddress(env content.Env, kind content.Kind) string {
	if env.Brand.ShortURL == "" || QRAddress(env, kind) == "" {
		return ""
	}
	return env.Brand.ShortURL + "/" + shortCode(EntryPath(env, kind, ".html"))
}

// shortCodeLen is the length of a short address's code: 30 bits, so two of
// a clinic's few hundred sheets are unlikely to share one (and a build
// refuses it where they do).
const shortCodeLen = 6

// shortAlphabet has no letters read as digits (i, l, o, u), so a code
// typed from paper is typed right.
const shortAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// shortCode is the code of page p.
func shortCode(p string) string {
	sum := sha256.Sum256([]byte(p))
	out := make([]byte, shortCodeLen)
	bits, n, k := uint64(0), 0, 0
	for i := 0; k < shortCodeLen; {
		if n < 5 {
			bits, n = bits<<8|uint64(sum[i]), n+8
			i++
		}
		n -= 5
		out[k] = shortAlphabet[(bits>>n)&31]
		k++
	}
	return string(out)
}

// shortCollisions refuses two sheets of a clinic with one short code.
func shortCollisions(envs []content.Env) error {
	seen := map[string]string{}
	for _, env := range envs {
		a := ShortAddress(env, content.KindSheet)
		if a == "" {
			continue
		}
		p := EntryPath(env, content.KindSheet, ".html")
		if other, dup := seen[a]; dup && other != p {
			return fmt.Errorf("%s: short_url: %s and %s share the short address %s; set a different short_url path (such as %s/a)", env.Brand.File, other, p, a, env.Brand.ShortURL)
		}
		seen[a] = p
	}
	return nil
}

// EntryPath is a file's path in the output folder:
// <brand>/<lang>/<treatment>/<skin>-<area>/<kind><ext>.
func EntryPath(env content.Env, kind content.Kind, ext string) string {
	return path.Join(env.Brand.ID, env.Lang.Tag, env.Treatment.ID, env.Skin.ID+"-"+env.Area.ID, string(kind)+ext)
}

func (p *Project) renderHTML(res *content.Resolved, r Request) (Rendered, error) {
	if err := p.web(); err != nil {
		return Rendered{}, err
	}
	var buf bytes.Buffer
	if err := p.html.Render(&buf, res, r.Env, html.Options{Images: p.images(res.Handout), Patient: r.Patient, Typeface: p.typefaces[r.Env.Brand.ID]}); err != nil {
		return Rendered{}, err
	}
	return Rendered{Data: buf.Bytes()}, nil
}

// checkGlyphs refuses any printed string of the content (a clinic's name,
// a label, a product, a rule's text, a title) with a character the font
// cannot draw, naming the file and line where it was written. Before the
// fonts, it refuses, in every string and every handout body, characters
// that must never be printed whatever the font (control and
// bidirectional characters, U+FFFD; see content.Unprintable), written
// literally or, in Markdown, as an entity or character reference
// (&#x202E;), which the HTML page would otherwise show. Handout bodies'
// glyphs are checked as they are laid out.
func (p *Project) checkGlyphs() error {
	c := p.Catalog
	var errs content.ErrorList
	for _, t := range c.Texts() {
		if r, bad := content.Unprintable(t.Value); bad {
			errs = append(errs, content.Errorf(t.File, t.Line, "%s: %s", t.Field, content.WhyUnprintable(r, "")))
			continue
		}
		if t.Field == "summary" || t.Field == "footer" { // Markdown
			if probs := p.unprintableRefs([]byte(t.Value)); len(probs) > 0 {
				errs = append(errs, content.Errorf(t.File, t.Line, "%s: %s", t.Field, probs[0].msg))
				continue
			}
		}
		brands := p.brands()
		if b := c.BrandOf(t); b != nil {
			if p.fonts[b.ID] == nil {
				continue // another brand than the copy's
			}
			brands = []*content.Brand{b}
		}
		for _, b := range brands {
			if r, bad := p.fonts[b.ID].Missing(norm.NFC.String(t.Value)); bad {
				errs = append(errs, content.Errorf(t.File, t.Line, "%s: character %q (U+%04X) has no glyph in the font, so it cannot be printed; replace or remove it", t.Field, string(r), r))
				break
			}
		}
	}
	for _, t := range c.Treatments {
		if p.copy != nil && !p.copy.wantsTreatment(t.ID) {
			continue
		}
		for _, h := range t.AllHandouts() {
			line := func(at int) int { return h.BodyLine + bytes.Count(h.Body[:at], []byte("\n")) }
			for at, ln := 0, []byte(nil); at < len(h.Body); at += len(ln) {
				ln = h.Body[at:]
				if i := bytes.IndexByte(ln, '\n'); i >= 0 {
					ln = ln[:i+1]
				}
				if r, bad := content.Unprintable(string(ln)); bad {
					errs = append(errs, content.Errorf(h.File, line(at), "%s", content.WhyUnprintable(r, "")))
				}
			}
			for _, pr := range p.unprintableRefs(h.Body) {
				errs = append(errs, content.Errorf(h.File, line(pr.at), "%s", pr.msg))
			}
		}
	}
	if len(errs) > 0 {
		return errs.Dedup()
	}
	return nil
}

// charProblem is a character that must not be printed, at byte offset at.
type charProblem struct {
	at  int
	msg string
}

// unprintableRefs parses Markdown src and returns each text whose
// characters, as the HTML page shows them (escapes and references
// decoded), hold one that must never be printed although its source does
// not: one written as a reference such as &#x202E; or &#0;.
func (p *Project) unprintableRefs(src []byte) []charProblem {
	var out []charProblem
	doc := markdown.Parse(p.md, src)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		raw := t.Segment.Value(src)
		if r, bad := content.Unprintable(markdown.TextValue(t, src)); bad && !bytes.ContainsRune(raw, r) {
			out = append(out, charProblem{t.Segment.Start, content.WhyUnprintable(r, pdf.Reference(raw, r))})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// CheckPrintable returns an error when s (a patient's name), in NFC as it
// is printed, has a character that must never be printed (a control or
// bidirectional character) or that brand's font cannot print.
func (p *Project) CheckPrintable(brand, s string) error {
	s = norm.NFC.String(s)
	if r, bad := content.Unprintable(s); bad {
		return fmt.Errorf("%s", content.WhyUnprintable(r, ""))
	}
	f := p.fonts[brand]
	if f == nil {
		return nil
	}
	if r, bad := f.Missing(s); bad {
		// Which character, by place only: the character itself is part
		// of the patient's name.
		at := utf8.RuneCountInString(s[:strings.IndexRune(s, r)]) + 1
		return fmt.Errorf("character %d cannot be printed with the clinic's font; leave it out or write the name in Latin letters", at)
	}
	return nil
}
