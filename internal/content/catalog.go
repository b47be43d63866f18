package content

import (
	"fmt"
	"strings"

	"handouts/internal/lang"
)

// checkHandouts resolves every handout for every brand with all blocks
// included, so that a bad placeholder or condition is found even when no
// variant shows it.
func (l *loader) checkHandouts() {
	c := l.c
	for _, t := range c.Treatments {
		kinds := map[string]string{}
		for _, h := range t.Handouts {
			if prev, dup := kinds[h.Front.Kind]; dup {
				l.e.addf(h.File, 2, "a second %q handout for %s (the first is %s); keep one per kind", h.Front.Kind, t.ID, prev)
			}
			kinds[h.Front.Kind] = h.File
			for _, b := range c.Brands {
				env, err := c.Env(b.ID, t.ID, c.Skins[0].ID, c.Areas[0].ID)
				if err != nil {
					l.e.add(err)
					continue
				}
				if _, err := h.Resolve(env, true); err != nil {
					l.e.add(err)
				}
			}
		}
	}
	// The same problem reported once per brand is one problem.
	seen := map[string]bool{}
	var list ErrorList
	for _, e := range l.e.list {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			list = append(list, e)
		}
	}
	l.e.list = list
}

// Brand returns the brand with id, or nil.
func (c *Catalog) Brand(id string) *Brand {
	for _, b := range c.Brands {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// Skin returns the skin type with id, or nil.
func (c *Catalog) Skin(id string) *Variant { return find(c.Skins, id) }

// Area returns the treatment area with id, or nil.
func (c *Catalog) Area(id string) *Variant { return find(c.Areas, id) }

// Treatment returns the treatment with id, or nil.
func (c *Catalog) Treatment(id string) *Treatment {
	for _, t := range c.Treatments {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func find(vs []*Variant, id string) *Variant {
	for _, v := range vs {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// Env returns the environment for one brand, treatment, skin type and
// area, with an error that lists the known ids when one is unknown.
func (c *Catalog) Env(brand, treatment, skin, area string) (Env, error) {
	e := Env{Catalog: c, Brand: c.Brand(brand), Treatment: c.Treatment(treatment), Skin: c.Skin(skin), Area: c.Area(area)}
	switch {
	case e.Brand == nil:
		return e, fmt.Errorf("unknown brand %q; known: %s", brand, strings.Join(c.brandIDs(), ", "))
	case e.Treatment == nil:
		return e, fmt.Errorf("unknown treatment %q; known: %s", treatment, strings.Join(c.treatmentIDs(), ", "))
	case e.Skin == nil:
		return e, fmt.Errorf("unknown skin type %q; known: %s", skin, strings.Join(ids(c.Skins), ", "))
	case e.Area == nil:
		return e, fmt.Errorf("unknown area %q; known: %s", area, strings.Join(ids(c.Areas), ", "))
	}
	e.Lang, _ = lang.Get(e.Brand.Language)
	return e, nil
}

func (c *Catalog) brandIDs() []string {
	var out []string
	for _, b := range c.Brands {
		out = append(out, b.ID)
	}
	return out
}

func (c *Catalog) treatmentIDs() []string {
	var out []string
	for _, t := range c.Treatments {
		out = append(out, t.ID)
	}
	return out
}

// Handout returns treatment t's handout of kind, or nil.
func (t *Treatment) Handout(kind string) *Handout {
	for _, h := range t.Handouts {
		if h.Front.Kind == kind {
			return h
		}
	}
	return nil
}

// Envs returns the environment of every brand, treatment, skin type and
// area, in that order of nesting: the matrix a full build makes.
func (c *Catalog) Envs() []Env {
	var out []Env
	for _, b := range c.Brands {
		l, _ := lang.Get(b.Language)
		for _, t := range c.Treatments {
			for _, s := range c.Skins {
				for _, a := range c.Areas {
					out = append(out, Env{Catalog: c, Brand: b, Treatment: t, Skin: s, Area: a, Lang: l})
				}
			}
		}
	}
	return out
}
