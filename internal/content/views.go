package content

import (
	"fmt"
	"slices"
	"strings"

	"handouts/internal/lang"
)

// A view is the catalogue as one language reads it: the skin types,
// areas, treatments (with their rules' labels and handouts) and brands,
// translated or respelled. Each language a brand offers has one, made once
// at load; an Env points into one view, so every renderer reads the
// right words without knowing about languages. For en-US, the source's
// own language, the view is the source itself.
type view struct {
	lang       *lang.Lang
	skins      []*Variant
	areas      []*Variant
	treatments []*Treatment
	brands     []*Brand
}

func (v *view) brand(id string) *Brand {
	for _, b := range v.brands {
		if b.ID == id {
			return b
		}
	}
	return nil
}

func (v *view) treatment(id string) *Treatment {
	for _, t := range v.treatments {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// makeViews makes the view of every language a brand offers.
func (l *loader) makeViews() {
	c := l.c
	c.views = map[string]*view{}
	for _, tag := range c.Languages() {
		lg, ok := c.Langs.Get(tag)
		if !ok || !l.wantsTag(tag) {
			continue
		}
		if isSource(tag) {
			sp := c.Spelling.For(lg)
			if sp != nil {
				sp.keepNames(append(c.brandNames(), c.otherBrandNames()...))
			}
			c.views[tag] = c.sourceView(lg, sp)
		} else {
			c.views[tag] = c.translatedView(lg)
		}
	}
}

// brandNames are the names the brands give (the clinic's, its products',
// its treatments'), sorted: a respelling never changes them.
func (c *Catalog) brandNames() []string {
	var out []string
	for _, b := range c.Brands {
		out = appendBrandNames(out, b.Name, b.Products, b.Treatments)
	}
	return out
}

// appendBrandNames appends one brand's names to out: the clinic's, its
// products' and its treatments', each map in the order of its keys.
func appendBrandNames(out []string, name string, products map[string]string, treatments map[string]Offer) []string {
	out = append(out, name)
	for _, k := range sortedKeys(products) {
		out = append(out, products[k])
	}
	for _, k := range sortedKeys(treatments) {
		if n := treatments[k].Name; n != "" {
			out = append(out, n)
		}
	}
	return out
}

// sourceView is the English source in one locale's spelling (sp nil: as
// written).
func (c *Catalog) sourceView(lg *lang.Lang, sp *Speller) *view {
	v := &view{lang: lg, brands: c.Brands}
	if sp == nil {
		v.skins, v.areas, v.treatments = c.Skins, c.Areas, c.Treatments
		return v
	}
	respell := func(vs []*Variant) []*Variant {
		var out []*Variant
		for _, s := range vs {
			cp := *s
			cp.Label, cp.Short = sp.Text(s.Label), sp.Text(s.Short)
			cp.Fields = map[string]string{}
			for k, f := range s.Fields {
				cp.Fields[k] = sp.Text(f)
			}
			out = append(out, &cp)
		}
		return out
	}
	v.skins, v.areas = respell(c.Skins), respell(c.Areas)
	for _, t := range c.Treatments {
		cp := *t
		cp.Name = sp.Text(t.Name)
		cp.Rules = nil
		for _, r := range t.Rules {
			rc := *r
			rc.Text = sp.Text(r.Text)
			cp.Rules = append(cp.Rules, &rc)
		}
		cp.Handouts = nil
		for _, h := range t.Handouts {
			hc := *h
			hc.Treatment = &cp
			hc.Front.Title = sp.Markdown(h.Front.Title)
			hc.Front.Footer = sp.Markdown(h.Front.Footer)
			hc.Front.Summary = nil
			for _, s := range h.Front.Summary {
				hc.Front.Summary = append(hc.Front.Summary, sp.Markdown(s))
			}
			hc.Body = respellBody(sp, h.Body)
			cp.Handouts = append(cp.Handouts, &hc)
		}
		v.treatments = append(v.treatments, &cp)
	}
	return v
}

// respellBody respells a handout's Markdown line by line, leaving the
// ":::" directives (conditions name ids, not words) as they are.
func respellBody(sp *Speller, body []byte) []byte {
	lines := strings.Split(string(body), "\n")
	for i, ln := range lines {
		if !reDirective.MatchString(ln) {
			lines[i] = sp.Markdown(ln)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// translatedView is the catalogue in another language, from the
// translation files (checkTranslations made sure each is there).
func (c *Catalog) translatedView(lg *lang.Lang) *view {
	v := &view{lang: lg}
	tr := func(vs []*Variant) []*Variant {
		var out []*Variant
		for _, s := range vs {
			t, _, _ := pick(s.tr, lg.Tag)
			cp := *s
			if t != nil {
				cp.File, cp.Label, cp.Short, cp.Fields, cp.texts = t.File, t.Label, t.Short, t.Fields, t.texts
			}
			out = append(out, &cp)
		}
		return out
	}
	v.skins, v.areas = tr(c.Skins), tr(c.Areas)
	for _, t := range c.Treatments {
		cp := *t
		tt, _, _ := pick(t.tr, lg.Tag)
		cp.Rules = nil
		for _, r := range t.Rules {
			rc := *r
			if tt != nil {
				rc.Text = tt.Rules[r.ID]
			}
			cp.Rules = append(cp.Rules, &rc)
		}
		if tt != nil {
			cp.Name = tt.Name
		}
		cp.Handouts = nil
		for _, h := range t.Handouts {
			if th, _, ok := pick(h.tr, lg.Tag); ok {
				hc := *th
				hc.Treatment = &cp
				cp.Handouts = append(cp.Handouts, &hc)
			}
		}
		v.treatments = append(v.treatments, &cp)
	}
	for _, b := range c.Brands {
		cp := *b
		if !isSource(lg.Tag) {
			// The brand file's disclaimer is English: another language
			// prints its translation's, or the language's own.
			cp.Disclaimer = ""
		}
		if bt, _, ok := pick(b.tr, lg.Tag); ok {
			cp.Disclaimer = bt.Disclaimer
			cp.UrgentCare = bt.UrgentCare
			// The same offers, with this language's names for them.
			cp.Treatments = map[string]Offer{}
			for id, o := range b.Treatments {
				o.Name, o.field = bt.Treatments[id], ""
				cp.Treatments[id] = o
			}
			if len(bt.Products) > 0 {
				cp.Products = map[string]string{}
				for role, name := range b.Products {
					cp.Products[role] = name
				}
				for role, name := range bt.Products {
					cp.Products[role] = name
				}
			}
		}
		v.brands = append(v.brands, &cp)
	}
	return v
}

// EnvIn returns the environment for one brand in language tag (the
// brand's default when tag is ""), treatment, skin type and area, with an
// error naming the known ids or languages when one is not.
func (c *Catalog) EnvIn(brand, tag, treatment, skin, area string) (Env, error) {
	b := c.Brand(brand)
	if b == nil {
		known := c.known("brands", c.brandIDs())
		return Env{Catalog: c}, fmt.Errorf("unknown brand %q%s; known: %s", brand, didYouMean(brand, known), strings.Join(known, ", "))
	}
	if tag == "" {
		tag = b.Languages[0]
	}
	if !slices.Contains(b.Languages, tag) {
		return Env{Catalog: c, Brand: b}, fmt.Errorf("brand %s does not offer language %q; it offers %s", b.ID, tag, fmtLangs(b))
	}
	v := c.views[tag]
	if v == nil { // a part of the library, loaded in another language
		return Env{Catalog: c, Brand: b}, fmt.Errorf("language %s was not loaded; load the library in it", tag)
	}
	e := Env{Catalog: c, Brand: v.brand(b.ID), Treatment: v.treatment(treatment), Skin: find(v.skins, skin), Area: find(v.areas, area), Lang: v.lang}
	switch {
	case e.Treatment == nil:
		known := c.known("treatments", c.treatmentIDs())
		return e, fmt.Errorf("unknown treatment %q%s; known: %s", treatment, didYouMean(treatment, known), strings.Join(known, ", "))
	case e.Skin == nil:
		known := c.known("skin", ids(c.Skins))
		return e, fmt.Errorf("unknown skin type %q%s; known: %s", skin, didYouMean(skin, known), strings.Join(known, ", "))
	case e.Area == nil:
		known := c.known("area", ids(c.Areas))
		return e, fmt.Errorf("unknown area %q%s; known: %s", area, didYouMean(area, known), strings.Join(known, ", "))
	}
	if err := offered(b, tag, e.Treatment, e.Skin, e.Area); err != nil {
		return e, err
	}
	return e, nil
}

// In returns e in another language the brand offers.
func (e Env) In(tag string) (Env, error) {
	out, err := e.Catalog.EnvIn(e.Brand.ID, tag, e.Treatment.ID, e.Skin.ID, e.Area.ID)
	if err != nil {
		return out, err
	}
	out.Start, out.HasTime, out.Overrides = e.Start, e.HasTime, e.Overrides
	return out, nil
}

// Other is one line saying, in another language the clinic offers, that
// the handout is available in it.
type Other struct {
	Lang string // BCP 47 tag, for the lang attribute
	Text string
}

// Others returns, for a sheet in e's language, one line in each other
// language the clinic offers its treatment in (one per language, not per
// region; a pending language has none), in the order the brand lists
// them.
func (e Env) Others() []Other {
	b := e.Catalog.Brand(e.Brand.ID)
	var out []Other
	seen := map[string]bool{e.Lang.Base: true}
	for _, tag := range b.Languages {
		base, _, _ := strings.Cut(tag, "-")
		if seen[base] || !b.OffersIn(e.Treatment.ID, tag) {
			continue
		}
		seen[base] = true
		text := b.Available
		if !isSource(tag) {
			if bt, _, ok := pick(b.tr, tag); ok {
				text = bt.Available
			}
		}
		if strings.TrimSpace(text) != "" {
			out = append(out, Other{Lang: tag, Text: text})
		}
	}
	return out
}
