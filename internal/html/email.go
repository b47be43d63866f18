package html

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"

	"handouts/internal/content"
	"handouts/internal/markdown"
)

// Email bodies. The message that carries a patient's handouts is written
// in content/ as a handout of kind email (its title is the subject) and
// sent as two bodies that say the same thing: plain text and HTML. Both
// come from one Markdown tree, so they cannot drift. An email holds
// paragraphs, headings, lists, emphasis and links only: no tables, boxes,
// images or page breaks, which mail programs show badly or not at all.
//
// The HTML is one small document with its styles inline (mail programs
// drop style sheets and never load fonts): the clinic's colour for links
// and headings, 17 px text, a measure of about 36 em. The plain text puts
// a blank line between blocks, a "- " or "1. " before list items, and a
// link's address in angle brackets after its words unless the words are
// the address, a phone number (tel:) or an email address (mailto:).

// emailAllowed are the node kinds an email may hold.
var emailAllowed = map[ast.NodeKind]bool{
	ast.KindDocument: true, ast.KindParagraph: true, ast.KindTextBlock: true, ast.KindHeading: true,
	ast.KindList: true, ast.KindListItem: true, ast.KindEmphasis: true, ast.KindLink: true,
	ast.KindAutoLink: true, ast.KindText: true, ast.KindString: true,
}

// The letter around the content is a template pair in the layouts
// folder: email/email.html.tmpl and email/email.txt.tmpl, with their
// shared words in email/words.tmpl (the greeting, the visit line, the
// checklist link, the attachment's name). A clinic restyles or rewords
// its email with email/<brand>.html.tmpl and email/<brand>.txt.tmpl, used
// in place of the default pair (both or neither; words.tmpl is parsed
// first, so a clinic's file may redefine its words).
//
// The content's first paragraph, when it is the template's greeting
// without a name ("Hello,", "Hola:"), gives way to the template's, which
// names the patient ("Hello Ana,", "Hola, Ana:").

// emailTemplates are one clinic's (or the default) pair.
type emailTemplates struct {
	html *template.Template
	text *texttemplate.Template
}

// parseEmail reads the default pair and every clinic's pair from fsys.
func parseEmail(fsys fs.FS) (map[string]emailTemplates, error) {
	words, err := fs.ReadFile(fsys, "email/words.tmpl")
	if err != nil {
		return nil, fmt.Errorf("layouts/email/words.tmpl: %w", err)
	}
	names, err := fs.Glob(fsys, "email/*.html.tmpl")
	if err != nil {
		return nil, err
	}
	out := map[string]emailTemplates{}
	for _, n := range names {
		id := strings.TrimSuffix(path.Base(n), ".html.tmpl")
		txtName := "email/" + id + ".txt.tmpl"
		hsrc, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		tsrc, err := fs.ReadFile(fsys, txtName)
		if err != nil {
			return nil, fmt.Errorf("layouts/%s: there is %s but no %s; give a clinic's email both bodies", txtName, n, txtName)
		}
		h, err := template.New("words").Parse(string(words))
		if err == nil {
			_, err = h.New(path.Base(n)).Parse(string(hsrc))
		}
		if err != nil {
			return nil, fmt.Errorf("layouts/%s: %v", n, err)
		}
		tt, err := texttemplate.New("words").Parse(string(words))
		if err == nil {
			_, err = tt.New(path.Base(txtName)).Parse(string(tsrc))
		}
		if err != nil {
			return nil, fmt.Errorf("layouts/%s: %v", txtName, err)
		}
		out[id] = emailTemplates{html: h.Lookup(path.Base(n)), text: tt.Lookup(path.Base(txtName))}
	}
	if _, ok := out["email"]; !ok {
		return nil, fmt.Errorf("layouts/email/email.html.tmpl: missing; the email needs its default templates")
	}
	return out, nil
}

// EmailVisit is what the letter says about the visit, beside the content.
type EmailVisit struct {
	Name       string    // the patient's first name, or ""
	Treatments []string  // the treatments' names as the clinic writes them
	Start      time.Time // the treatment date; zero leaves the visit line out
	Checklist  string    // the online checklist's address, or ""
	LogoCID    string    // the logo's Content-ID in the message, "" for none
}

// EmailPage is what the email templates receive.
type EmailPage struct {
	Lang, Base, Title, Clinic string
	Name                      string        // the patient's first name, or ""
	Treatment                 string        // "HarborRenew™ Microneedling", or several joined
	Date, DateISO             string        // "Monday, December 14"; "2026-12-14"
	Checklist                 string        // the online checklist's address, or ""
	Logo                      template.URL  // "cid:…", or ""
	Primary, Accent           template.CSS  // the clinic's colours
	Body                      template.HTML // the content, as HTML (the greeting left out)
	Text                      string        // the content, as plain text (the same)
}

// Letter is an email's two bodies and the name of the file it carries.
type Letter struct {
	Text, HTML, Attachment string
}

// Email returns the email handout res for env, in its clinic's letter, as
// plain text and as an HTML document, and the name the attachment goes
// by.
func (r *Renderer) Email(res *content.Resolved, env content.Env, v EmailVisit) (Letter, error) {
	src := norm.NFC.Bytes(res.Source)
	doc := markdown.Parse(r.md, src)
	var el content.ErrorList
	for _, p := range markdown.Check(doc, src) {
		el = append(el, content.Errorf(res.Handout.File, res.LineAt(p.Pos), "%s", p.Msg))
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && !emailAllowed[n.Kind()] {
			el = append(el, content.Errorf(res.Handout.File, res.LineAt(markdown.Pos(n)), "an email holds paragraphs, headings, lists and links only; a %s does not belong in it", n.Kind()))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(el) > 0 {
		return Letter{}, el.Dedup()
	}
	color := env.Brand.Colors.Primary
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindLink || n.Kind() == ast.KindAutoLink || n.Kind() == ast.KindHeading) {
			n.SetAttributeString("style", []byte("color:"+color))
		}
		return ast.WalkContinue, nil
	})
	t, ok := r.email[env.Brand.ID]
	if !ok {
		t = r.email["email"]
	}
	l := env.Lang
	pg := EmailPage{
		Lang: l.Tag, Base: l.Base, Title: res.Title, Clinic: env.Brand.Name,
		Treatment: strings.Join(v.Treatments, " + "), Checklist: v.Checklist,
		Primary: template.CSS(env.Brand.Colors.Primary), Accent: template.CSS(env.Brand.Colors.Accent),
	}
	// The content's greeting, the template's without a name, gives way to
	// the template's with it.
	var greet bytes.Buffer
	if err := t.text.ExecuteTemplate(&greet, "greeting", pg); err != nil {
		return Letter{}, fmt.Errorf("layouts/email: the greeting: %v", err)
	}
	if first := doc.FirstChild(); first != nil && first.Kind() == ast.KindParagraph && markdown.Text(first, src, emailText) == strings.Join(strings.Fields(greet.String()), " ") {
		doc.RemoveChild(doc, first)
	}
	var body bytes.Buffer
	if err := r.md.Renderer().Render(&body, src, doc); err != nil {
		return Letter{}, err
	}
	pg.Name, pg.Body, pg.Text = v.Name, template.HTML(body.String()), plainEmail(doc, src)
	if pg.Treatment == "" {
		pg.Treatment = env.Brand.TreatmentName(env.Treatment)
	}
	if v.LogoCID != "" {
		pg.Logo = template.URL("cid:" + v.LogoCID)
	}
	if !v.Start.IsZero() {
		pg.Date, pg.DateISO = l.Long(v.Start), v.Start.Format(time.DateOnly)
	}
	var name, text, page bytes.Buffer
	if err := t.text.ExecuteTemplate(&name, "attachment", pg); err != nil {
		return Letter{}, fmt.Errorf("layouts/email: the attachment's name: %v", err)
	}
	if err := t.text.Execute(&text, pg); err != nil {
		return Letter{}, fmt.Errorf("layouts/email: the text body: %v", err)
	}
	if err := t.html.Execute(&page, pg); err != nil {
		return Letter{}, fmt.Errorf("layouts/email: the HTML body: %v", err)
	}
	return Letter{Text: text.String(), HTML: page.String(), Attachment: strings.TrimSpace(name.String())}, nil
}

// emailText writes a plain-text letter's links with their addresses, which
// its reader cannot click, and an image as its alternative text.
var emailText = markdown.TextOptions{LinkURLs: true, Image: func(alt string) string { return alt }}

// plainEmail is the plain-text body: blocks apart by a blank line.
func plainEmail(doc ast.Node, src []byte) string {
	var blocks []string
	var list func(n ast.Node, depth int)
	inline := func(n ast.Node) string { return markdown.Text(n, src, emailText) }
	list = func(n ast.Node, depth int) {
		l := n.(*ast.List)
		num := l.Start
		var items []string
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			mark := "- "
			if l.IsOrdered() {
				mark = strconv.Itoa(num) + ". "
				num++
			}
			var parts []string
			for c := it.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Kind() == ast.KindList {
					list(c, depth+1)
					parts = append(parts, blocks[len(blocks)-1])
					blocks = blocks[:len(blocks)-1]
					continue
				}
				parts = append(parts, inline(c))
			}
			items = append(items, strings.Repeat("  ", depth)+mark+strings.Join(parts, "\n"))
		}
		blocks = append(blocks, strings.Join(items, "\n"))
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindList {
			list(c, 0)
			continue
		}
		if s := inline(c); s != "" {
			blocks = append(blocks, s)
		}
	}
	return strings.Join(blocks, "\n\n") + "\n"
}
