// Package html renders a resolved handout as one self-contained HTML page:
// the body from goldmark's HTML renderer (with the handouts' own blocks
// added), wrapped in layouts/html/page.tmpl with the CSS inline, the logo
// and images as data URIs, the paper's typeface embedded as a WOFF subset
// of the page's characters (font.go), and print CSS that sets the brand's
// paper size. The page loads nothing and needs no script to be read.
//
// Pages are made for phones first (layouts/html/style.css): one column,
// body text of 18 CSS px, the masthead stacked under 600 px, each table
// row shown as a card with its header's words (table.go adds them as
// data-label), and tap targets of at least 44 x 44 CSS px. The calendar
// (calendar.go) is a list of day cards on a narrow screen and the paper's
// grid on a wide one and in print, from one set of checkboxes.
package html

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"handouts/internal/content"
	"handouts/internal/markdown"
)

// Renderer holds the parsed templates and the Markdown set-up, made once
// per build and safe for concurrent use.
type Renderer struct {
	md       goldmark.Markdown
	page     *template.Template
	calendar *template.Template
	css      template.CSS
	email    map[string]emailTemplates // by clinic id; "email" is the default
}

// New parses the templates in fsys (html/page.tmpl, html/style.css,
// html/calendar.tmpl and the email's, email/*).
func New(fsys fs.FS) (*Renderer, error) {
	css, err := fs.ReadFile(fsys, "html/style.css")
	if err != nil {
		return nil, fmt.Errorf("layouts/html/style.css: %w", err)
	}
	page, err := template.New("page.tmpl").ParseFS(fsys, "html/page.tmpl")
	if err != nil {
		return nil, fmt.Errorf("layouts/html/page.tmpl: %w", err)
	}
	cal, err := template.New("calendar.tmpl").Funcs(template.FuncMap{"inc": func(n int) int { return n + 1 }}).ParseFS(fsys, "html/calendar.tmpl")
	if err != nil {
		return nil, fmt.Errorf("layouts/html/calendar.tmpl: %w", err)
	}
	email, err := parseEmail(fsys)
	if err != nil {
		return nil, err
	}
	md := markdown.New()
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodes{}, 100)))
	return &Renderer{md: md, page: page, calendar: cal, css: template.CSS(css), email: email}, nil
}

// Page is what page.tmpl receives.
type Page struct {
	Lang, Title, Clinic, Treatment, Variant string
	Phone, AfterHours, PhoneTel             string
	Prepared                                string
	Logo                                    template.URL
	Paper                                   string // CSS page size (content.PaperSize.CSS)
	Primary, Accent                         template.CSS
	CSS                                     template.CSS
	Summary                                 []template.HTML
	Body                                    template.HTML
	SummaryTitle, PageLabel                 string
	LogoAlt                                 string // the logo's text alternative, in the page's language
	// Others are lines in the clinic's other languages saying the handout
	// is available in them (sheets only), each marked with its language.
	Others []content.Other
	// Review and Disclaimer are the footer's lines: who reviewed the text
	// and when, and that it does not replace the provider's advice.
	Review, Disclaimer string
	// Today and StorageBlocked are the calendar's words for today's card
	// and for a browser that keeps no ticks.
	Today, StorageBlocked string
}

// newPage fills in what every page shows: the language, the masthead and
// the clinic's look and numbers.
func (r *Renderer) newPage(res *content.Resolved, env content.Env, opt Options) (Page, error) {
	b := env.Brand
	l := env.Lang
	paper, err := b.Paper.Size()
	if err != nil {
		return Page{}, err
	}
	pg := Page{
		Lang: l.Tag, Title: res.Title, Clinic: b.Name, Treatment: b.TreatmentName(env.Treatment),
		Variant: env.Skin.Label + " \u00b7 " + env.Area.Label,
		Phone:   b.Contact.Phone, AfterHours: b.Contact.AfterHours, PhoneTel: content.TelURI(b.Contact.Phone),
		Paper:   paper.CSS,
		Primary: template.CSS(b.Colors.Primary), Accent: template.CSS(b.Colors.Accent),
		CSS:      r.css,
		Prepared: env.Prepared(opt.Patient),
		LogoAlt:  fmt.Sprintf(l.LogoAlt, b.Name),
		Today:    l.Today, StorageBlocked: l.StorageBlocked,
		Others: res.Others,
		Review: env.ReviewLine(res.Handout), Disclaimer: env.Disclaimer(),
	}
	if len(b.LogoPNG) > 0 {
		pg.Logo = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b.LogoPNG))
	}
	return pg, nil
}

// Options are per-document inputs.
type Options struct {
	Images   func(name string) ([]byte, error)
	Patient  string
	Typeface *Typeface // embedded in the page; nil leaves the browser's fonts
}

// Render writes the handout as HTML to w.
func (r *Renderer) Render(w io.Writer, res *content.Resolved, env content.Env, opt Options) error {
	src := norm.NFC.Bytes(res.Source)
	doc := markdown.Parse(r.md, src)
	var el content.ErrorList
	for _, p := range markdown.Check(doc, src) {
		el = append(el, content.Errorf(res.Handout.File, res.LineAt(p.Pos), "%s", p.Msg))
	}
	labelTableCells(doc, src)
	if err := inlineImages(doc, opt.Images); err != nil {
		el = append(el, content.Errorf(res.Handout.File, 0, "%v", err))
	}
	if len(el) > 0 {
		return el.Dedup()
	}
	var body bytes.Buffer
	if err := r.md.Renderer().Render(&body, src, doc); err != nil {
		return err
	}
	pg, err := r.newPage(res, env, opt)
	if err != nil {
		return err
	}
	pg.Body = template.HTML(body.String())
	pg.SummaryTitle = env.Lang.SummaryTitle
	for _, s := range res.Summary {
		var sb bytes.Buffer
		sd := markdown.Parse(r.md, []byte(s))
		if err := r.md.Renderer().Render(&sb, []byte(s), sd); err != nil {
			return err
		}
		h := strings.TrimSpace(sb.String())
		h = strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>")
		pg.Summary = append(pg.Summary, template.HTML(h))
	}
	return execute(w, r.page, pg, opt.Typeface)
}

// execute runs a page template and embeds the typeface in its output.
func execute(w io.Writer, t *template.Template, data any, tf *Typeface) error {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return err
	}
	out, err := EmbedFont(buf.Bytes(), tf)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// inlineImages replaces each image's file name with a data URI.
func inlineImages(doc ast.Node, images func(string) ([]byte, error)) error {
	var err error
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok || err != nil {
			return ast.WalkContinue, nil
		}
		name := string(img.Destination)
		data, e := images(name)
		if e != nil {
			err = fmt.Errorf("image %q: %v", name, e)
			return ast.WalkStop, nil
		}
		img.Destination = []byte("data:" + imageType(data) + ";base64," + base64.StdEncoding.EncodeToString(data))
		return ast.WalkContinue, nil
	})
	return err
}

// imageType names the image formats handouts may show (the PDF renderer
// reads PNG and JPEG only).
func imageType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	}
	return "application/octet-stream"
}

// nodes renders the handouts' own blocks and escapes raw HTML, which
// Check refuses anyway.
type nodes struct{}

// RegisterFuncs registers the warning box, the page break and raw HTML.
func (nodes) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(markdown.KindWarning, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString("<aside class=\"warning\" role=\"note\">\n")
		} else {
			w.WriteString("</aside>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(markdown.KindPageBreak, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString("<div class=\"page-break\"></div>\n")
		}
		return ast.WalkContinue, nil
	})
	escape := func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				w.WriteString(template.HTMLEscapeString(string(s.Value(src))))
			}
			if r, ok := n.(*ast.RawHTML); ok {
				for i := 0; i < r.Segments.Len(); i++ {
					s := r.Segments.At(i)
					w.WriteString(template.HTMLEscapeString(string(s.Value(src))))
				}
			}
		}
		return ast.WalkSkipChildren, nil
	}
	reg.Register(ast.KindHTMLBlock, escape)
	reg.Register(ast.KindRawHTML, escape)
}

// inline renders short Markdown (an intro, a footer) to HTML.
func (r *Renderer) inline(src []byte) (template.HTML, error) {
	src = norm.NFC.Bytes(bytes.TrimSpace(src))
	doc := markdown.Parse(r.md, src)
	var b bytes.Buffer
	if err := r.md.Renderer().Render(&b, src, doc); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}
