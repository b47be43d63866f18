package build

import (
	"bytes"
	"html/template"
	"io/fs"
	"strings"

	"handouts/internal/html"
)

// IndexPage is what layouts/html/index.tmpl receives. The page is for
// the front desk, in English; each row names its handouts in their own
// language (marked with its lang attribute).
type IndexPage struct {
	Brands     []IndexBrand
	Langs      []IndexOption // each language by its own name; shown as a filter only when there are several
	Treatments []IndexOption // shown as a filter only when there are several
	Skins      []IndexOption
	Areas      []IndexOption
	Rows       []IndexRow
}

// IndexBrand is a clinic in the index.
type IndexBrand struct{ ID, Name string }

// IndexOption is a skin type or area in the index's filters.
type IndexOption struct{ ID, Label string }

// IndexRow is one variant: its files by kind and format.
type IndexRow struct {
	Lang, LangName                             string
	Brand, BrandName, Treatment, TreatmentName string
	Skin, SkinLabel, Area, AreaLabel           string
	Files                                      []IndexFile
	Search                                     string
}

// IndexFile is one link in a row.
type IndexFile struct{ Kind, Format, Path string }

// Index renders output/index.html, linking every file.
func (p *Project) Index(files []Entry) ([]byte, error) {
	c := p.Catalog
	pg := IndexPage{}
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Brand] = true
		seen["lang:"+f.Lang] = true
	}
	for _, b := range c.Brands {
		if seen[b.ID] {
			pg.Brands = append(pg.Brands, IndexBrand{b.ID, b.Name})
		}
	}
	for _, tag := range c.Languages() {
		if l, ok := p.Catalog.Langs.Get(tag); ok && seen["lang:"+tag] {
			pg.Langs = append(pg.Langs, IndexOption{tag, l.Name})
		}
	}
	for _, t := range c.Treatments {
		pg.Treatments = append(pg.Treatments, IndexOption{t.ID, t.Name})
	}
	for _, s := range c.Skins {
		pg.Skins = append(pg.Skins, IndexOption{s.ID, s.Label})
	}
	for _, a := range c.Areas {
		pg.Areas = append(pg.Areas, IndexOption{a.ID, a.Label})
	}
	rows := map[string]*IndexRow{}
	var order []string
	for _, f := range files {
		key := f.Brand + "/" + f.Lang + "/" + f.Treatment + "/" + f.Skin + "/" + f.Area
		r := rows[key]
		if r == nil {
			// The row's words in its own language; the search also finds
			// the English names.
			env, err := c.EnvIn(f.Brand, f.Lang, f.Treatment, f.Skin, f.Area)
			if err != nil {
				return nil, err
			}
			b, t, s, a := env.Brand, env.Treatment, env.Skin, env.Area
			r = &IndexRow{Lang: f.Lang, LangName: env.Lang.Name, Brand: b.ID, BrandName: b.Name, Treatment: t.ID, TreatmentName: b.TreatmentName(t),
				Skin: s.ID, SkinLabel: s.Label, Area: a.ID, AreaLabel: a.Label}
			r.Search = strings.Join([]string{b.Name, t.Name, s.Label, s.ID, a.Label, a.ID, env.Lang.Name,
				c.Treatment(f.Treatment).Name, c.Skin(f.Skin).Label, c.Area(f.Area).Label}, " ")
			rows[key] = r
			order = append(order, key)
		}
		r.Files = append(r.Files, IndexFile{f.Kind, f.Format, f.Path})
	}
	for _, k := range order {
		pg.Rows = append(pg.Rows, *rows[k])
	}
	var buf bytes.Buffer
	if err := p.index.Execute(&buf, pg); err != nil {
		return nil, err
	}
	// The front desk's page uses the paper's typeface too: the first
	// clinic's, cut to the page's characters like every handout.
	if len(p.Catalog.Brands) == 0 {
		return buf.Bytes(), nil
	}
	return html.EmbedFont(buf.Bytes(), p.typefaces[p.Catalog.Brands[0].ID])
}

func parseIndex(layouts fs.FS) (*template.Template, error) {
	return template.New("index.tmpl").ParseFS(layouts, "html/index.tmpl")
}
