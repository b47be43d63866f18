package content

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

// Env returns the environment for one brand, in its default language,
// treatment, skin type and area, with an error that lists the known ids
// when one is unknown.
func (c *Catalog) Env(brand, treatment, skin, area string) (Env, error) {
	return c.EnvIn(brand, "", treatment, skin, area)
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
func (t *Treatment) Handout(kind Kind) *Handout {
	for _, h := range t.Handouts {
		if h.Front.Kind == kind {
			return h
		}
	}
	return nil
}

// Envs returns the environment of every brand, language, treatment, skin
// type and area that is offered (offers.go), in that order of nesting:
// the matrix a full build makes.
func (c *Catalog) Envs() []Env {
	var out []Env
	for _, b := range c.Brands {
		for _, tag := range b.Languages {
			v := c.views[tag]
			if v == nil {
				continue // a part of the library, loaded in another language
			}
			for _, t := range v.treatments {
				if !b.OffersIn(t.ID, tag) {
					continue
				}
				for _, s := range v.skins {
					for _, a := range v.areas {
						if !t.Applies(s.ID, a.ID) {
							continue
						}
						out = append(out, Env{Catalog: c, Brand: v.brand(b.ID), Treatment: t, Skin: s, Area: a, Lang: v.lang})
					}
				}
			}
		}
	}
	return out
}
