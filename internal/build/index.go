package build

import (
	"bytes"
	"html/template"
	"io/fs"
)

// IndexPage is what layouts/html/index.tmpl receives.
type IndexPage struct {
	Brands     []IndexBrand
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
	}
	for _, b := range c.Brands {
		if seen[b.ID] {
			pg.Brands = append(pg.Brands, IndexBrand{b.ID, b.Name})
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
		key := f.Brand + "/" + f.Treatment + "/" + f.Skin + "/" + f.Area
		r := rows[key]
		if r == nil {
			b, t, s, a := c.Brand(f.Brand), c.Treatment(f.Treatment), c.Skin(f.Skin), c.Area(f.Area)
			r = &IndexRow{Brand: b.ID, BrandName: b.Name, Treatment: t.ID, TreatmentName: b.TreatmentName(t),
				Skin: s.ID, SkinLabel: s.Label, Area: a.ID, AreaLabel: a.Label}
			r.Search = b.Name + " " + t.Name + " " + s.Label + " " + s.ID + " " + a.Label + " " + a.ID
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
	return buf.Bytes(), nil
}

func parseIndex(layouts fs.FS) (*template.Template, error) {
	return template.New("index.tmpl").ParseFS(layouts, "html/index.tmpl")
}
