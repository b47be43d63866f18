package review

import (
	"html/template"
	"io"
	"strings"

	"handouts/layouts"
)

// WriteHTML writes the report as one self-contained HTML page, to be
// printed and signed: each changed sentence before and after, with the
// words that differ struck through and underlined (not by colour alone),
// the rule windows as a table, a box to tick for each handout, and a
// sign-off with name, signature and date.
func (r *Report) WriteHTML(w io.Writer) error {
	t, err := template.New("review.tmpl").Funcs(template.FuncMap{"join": func(s []string) string { return strings.Join(s, ", ") }}).ParseFS(layouts.FS, "html/review.tmpl")
	if err != nil {
		return err
	}
	type change struct {
		*Change
		Why              string
		OldHTML, NewHTML template.HTML
	}
	type counted struct {
		*SectionChange
		For string
	}
	type pages struct {
		*PageChange
		For string
	}
	type handout struct {
		*Handout
		Summary  []string
		Count    string
		Changes  []change
		Sections []counted
		Pages    []pages
	}
	var hs []handout
	for _, h := range r.Handouts {
		v := handout{Handout: h, Count: h.count()}
		for _, line := range h.summaryLines() {
			v.Summary = append(v.Summary, strings.ToUpper(line[:1])+line[1:])
		}
		for _, c := range h.Changes {
			o, n := markWords(c.Old, c.New)
			if c.Old == "" {
				n = template.HTML("<ins>" + template.HTMLEscapeString(c.New) + "</ins>")
			}
			if c.New == "" {
				o = template.HTML("<del>" + template.HTMLEscapeString(c.Old) + "</del>")
			}
			why := c.heading()
			v.Changes = append(v.Changes, change{c, strings.ToUpper(why[:1]) + why[1:] + ", " + variants(c.Variants, c.Count, h.Compared), o, n})
		}
		for _, s := range h.Sections {
			v.Sections = append(v.Sections, counted{s, variants(s.Variants, s.Count, h.Compared)})
		}
		for _, p := range h.Pages {
			v.Pages = append(v.Pages, pages{p, variants(p.Variants, p.Count, h.Compared)})
		}
		hs = append(hs, v)
	}
	return t.Execute(w, struct {
		*Report
		Handouts []handout
	}{r, hs})
}
