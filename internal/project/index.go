package project

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"io/fs"
	"slices"
	"strings"

	"handouts/internal/content"
	"handouts/internal/html"
	"handouts/internal/output"
)

// The index is the front desk's page: a chooser, not a list. The
// receptionist picks the clinic, language, treatment, skin type and area
// (large menus; the last choice is kept in that browser) or types a few
// words ("oily back") and picks a match; the page then shows that
// variant's three handouts, each with a big "Print" that opens its PDF
// and "Open on screen" for its HTML page, in the chosen clinic's logo and
// colours. Under `handouts serve` it also offers "Dated copy", "Packet"
// and "Email draft", which open the /make form filled from the same
// choice. Every variant's files are in the page as data (one JSON
// object), so the page works from disk with no server.

// IndexPage is what layouts/html/index.tmpl receives. The page is for
// the front desk, in English; each variant names its handouts in their
// own language.
type IndexPage struct {
	Brands     []IndexBrand
	Langs      []IndexOption // each language by its own name
	Treatments []IndexOption
	Skins      []IndexOption
	Areas      []IndexOption
	Variants   int          // how many variants the page offers
	Data       template.JS  // IndexData as JSON
	First      IndexVariant // the variant shown before the script runs
}

// IndexBrand is a clinic in the index.
type IndexBrand struct{ ID, Name string }

// IndexOption is a language, treatment, skin type or area in the chooser.
type IndexOption struct{ ID, Label string }

// IndexData is the page's data: the clinics' looks and offers, the
// treatments' areas and skin types, and every variant.
type IndexData struct {
	Brands     map[string]IndexLook    `json:"brands"`
	Treatments map[string]IndexApplies `json:"treatments"` // by treatment id
	Variants   map[string]IndexVariant `json:"variants"`   // by brand/lang/treatment/skin/area
}

// IndexLook is a clinic's logo and colours as the page shows them, and
// what it offers.
type IndexLook struct {
	Name       string   `json:"name"`
	Logo       string   `json:"logo"` // a data: URL, or ""
	Primary    string   `json:"primary"`
	Langs      []string `json:"langs"`      // the languages it has handouts in
	Treatments []string `json:"treatments"` // the treatments it has handouts for
	// Pending are, by "lang/treatment", the treatments the clinic offers
	// in other languages only while that language's translation is
	// written: the page says so and shows the handouts it has.
	Pending map[string]IndexPending `json:"pending,omitempty"`
}

// IndexPending is a treatment not offered yet in a language: the
// language its handouts are in for now, and the words that say so, in
// that language (layouts/lang, only_for_now: "English only for now").
type IndexPending struct {
	Lang string `json:"lang"`
	Note string `json:"note"`
}

// IndexApplies are the skin types and areas a treatment is for (its
// applies_to:); every one when empty.
type IndexApplies struct {
	Skins []string `json:"skins,omitempty"`
	Areas []string `json:"areas,omitempty"`
}

// IndexVariant is one variant: its words and its files.
type IndexVariant struct {
	Key    string `json:"key"`
	Lang   string `json:"lang"`
	Label  string `json:"label"` // "Harbor Skin Studio · HarborRenew™ Microneedling · Dry skin · Face · English"
	Search string `json:"search"`
	// Files by kind ("sheet", "calendar", "guide"), then format ("pdf", "html").
	Files map[string]map[string]string `json:"files"`
}

// IndexKinds are the handouts the chooser shows, in order, with the
// front desk's names for them (the kind table's Choice and Label).
func IndexKinds() []IndexOption {
	var kinds []content.KindInfo
	for _, k := range content.Kinds() {
		if k.Choice > 0 {
			kinds = append(kinds, k)
		}
	}
	slices.SortFunc(kinds, func(a, b content.KindInfo) int { return a.Choice - b.Choice })
	var out []IndexOption
	for _, k := range kinds {
		out = append(out, IndexOption{string(k.Kind), k.Label})
	}
	return out
}

// Index renders output/index.html, offering every file.
func (p *Project) Index(files []output.Entry) ([]byte, error) {
	c := p.Catalog
	pg := IndexPage{}
	data := IndexData{Brands: map[string]IndexLook{}, Treatments: map[string]IndexApplies{}, Variants: map[string]IndexVariant{}}
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Brand] = true
		seen["lang:"+f.Lang] = true
		seen["treatment:"+f.Treatment] = true
		seen[f.Brand+"/"+f.Lang] = true
		seen[f.Brand+"/"+f.Lang+"/"+f.Treatment] = true
		seen[f.Brand+"//"+f.Treatment] = true
	}
	for _, b := range c.Brands {
		if seen[b.ID] {
			pg.Brands = append(pg.Brands, IndexBrand{b.ID, b.Name})
			data.Brands[b.ID] = indexLook(c, b, seen)
		}
	}
	for _, tag := range c.Languages() {
		if l, ok := p.Catalog.Langs.Get(tag); ok && seen["lang:"+tag] {
			pg.Langs = append(pg.Langs, IndexOption{tag, l.Name})
		}
	}
	for _, t := range c.Treatments {
		if seen["treatment:"+t.ID] {
			pg.Treatments = append(pg.Treatments, IndexOption{t.ID, t.Name})
			data.Treatments[t.ID] = IndexApplies{Skins: t.AppliesTo.Skin, Areas: t.AppliesTo.Area}
		}
	}
	for _, s := range c.Skins {
		pg.Skins = append(pg.Skins, IndexOption{s.ID, s.Label})
	}
	for _, a := range c.Areas {
		pg.Areas = append(pg.Areas, IndexOption{a.ID, a.Label})
	}
	first, err := indexVariants(c, files, data.Variants)
	if err != nil {
		return nil, err
	}
	pg.Variants = len(data.Variants)
	pg.First = data.Variants[first]
	js, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	pg.Data = template.JS(js)
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

// indexLook is how the front desk's page shows clinic b: its name,
// colour, logo, the languages and treatments it has files in (seen, as
// Index keys them), and where a language is pending, the one its
// handouts are in for now.
func indexLook(c *content.Catalog, b *content.Brand, seen map[string]bool) IndexLook {
	look := IndexLook{Name: b.Name, Primary: b.Colors.Primary}
	if len(b.LogoPNG) > 0 {
		look.Logo = "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.LogoPNG)
	}
	for _, l := range b.Languages {
		if seen[b.ID+"/"+l] {
			look.Langs = append(look.Langs, l)
		}
	}
	for _, t := range c.Treatments {
		if !seen[b.ID+"//"+t.ID] {
			continue
		}
		look.Treatments = append(look.Treatments, t.ID)
		for _, tag := range b.Languages {
			if !b.PendingIn(t.ID, tag) {
				continue
			}
			for _, now := range b.OfferedLangs(t.ID) {
				if l, ok := c.Langs.Get(now); ok && seen[b.ID+"/"+now+"/"+t.ID] {
					if look.Pending == nil {
						look.Pending = map[string]IndexPending{}
					}
					look.Pending[tag+"/"+t.ID] = IndexPending{Lang: now, Note: l.OnlyForNow}
					break
				}
			}
		}
	}
	return look
}

// indexVariants adds to variants every variant files has, with its
// label and search words in its own language and its files by kind and
// format, and returns the key of the first.
func indexVariants(c *content.Catalog, files []output.Entry, variants map[string]IndexVariant) (string, error) {
	var first string
	for _, f := range files {
		key := f.Brand + "/" + f.Lang + "/" + f.Treatment + "/" + f.Skin + "/" + f.Area
		v, ok := variants[key]
		if !ok {
			// The variant's words in its own language; the search also
			// finds the English names.
			env, err := c.EnvIn(f.Brand, f.Lang, f.Treatment, f.Skin, f.Area)
			if err != nil {
				return "", err
			}
			b, t, s, a := env.Brand, env.Treatment, env.Skin, env.Area
			v = IndexVariant{Key: key, Lang: f.Lang, Files: map[string]map[string]string{},
				Label: strings.Join([]string{b.Name, b.TreatmentName(t), s.Label, a.Label, env.Lang.Name}, " · ")}
			v.Search = strings.ToLower(strings.Join([]string{b.Name, t.Name, s.Label, s.ID, a.Label, a.ID, env.Lang.Name,
				c.Treatment(f.Treatment).Name, c.Skin(f.Skin).Label, c.Area(f.Area).Label}, " "))
			if first == "" {
				first = key
			}
		}
		kind := string(f.Kind)
		if v.Files[kind] == nil {
			v.Files[kind] = map[string]string{}
		}
		v.Files[kind][string(f.Format)] = f.Path
		variants[key] = v
	}
	return first, nil
}

func parseIndex(layouts fs.FS) (*template.Template, error) {
	return template.New("index.tmpl").Funcs(template.FuncMap{"kinds": IndexKinds}).ParseFS(layouts, "html/index.tmpl")
}
