package content

import (
	"sort"

	"go.yaml.in/yaml/v3"
)

// Text is one string of content that is printed as it is (a clinic's
// name, a label, a rule's calendar text), with where it was written, so a
// check on its characters can name the file and line.
type Text struct {
	File  string
	Line  int
	Field string // e.g. "name" or "products.serum"
	Value string
}

// scalarTexts lists every string value in a YAML document with its key
// path and line, in document order.
func scalarTexts(file string, n *yaml.Node, prefix string, out *[]Text) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			scalarTexts(file, c, prefix, out)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if prefix != "" {
				key = prefix + "." + key
			}
			scalarTexts(file, n.Content[i+1], key, out)
		}
	case yaml.ScalarNode:
		*out = append(*out, Text{File: file, Line: n.Line, Field: prefix, Value: n.Value})
	}
}

// Texts returns every printed string of the catalogue: brands, skin types,
// areas, treatments' rules and handouts' front matter. Handout bodies are
// checked as they are rendered.
func (c *Catalog) Texts() []Text {
	var out []Text
	for _, b := range c.Brands {
		out = append(out, b.texts...)
		for _, tr := range b.tr {
			out = append(out, tr.texts...)
		}
	}
	for _, v := range append(append([]*Variant(nil), c.Skins...), c.Areas...) {
		out = append(out, v.texts...)
		for _, tr := range v.tr {
			out = append(out, tr.texts...)
		}
	}
	if c.Spelling != nil { // British forms replace words in patient text
		for _, p := range c.Spelling.Pairs {
			out = append(out, Text{File: c.Spelling.File, Field: "pairs.gb", Value: p.GB})
		}
		for _, t := range c.Spelling.Terms {
			for _, f := range []struct{ key, v string }{{"gb", t.GB}, {"au", t.AU}, {"ca", t.CA}} {
				if f.v != "" {
					out = append(out, Text{File: c.Spelling.File, Field: "terms." + f.key, Value: f.v})
				}
			}
		}
	}
	for _, t := range c.Treatments {
		// The treatment's own name is printed where a clinic gives none,
		// and in the front desk's index.
		out = append(out, Text{File: t.File, Line: t.nameLine, Field: "name", Value: t.Name})
		for _, r := range t.Rules {
			out = append(out, Text{File: t.File, Line: r.TextLine, Field: "rules." + r.ID + ".text", Value: r.Text})
		}
		for _, tr := range t.tr {
			out = append(out, tr.texts...)
		}
		for _, h := range t.AllHandouts() {
			out = append(out, h.texts...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// BrandOf returns the brand whose file holds t, or nil when t is shared
// content (printed for every brand).
func (c *Catalog) BrandOf(t Text) *Brand {
	for _, b := range c.Brands {
		if b.File == t.File {
			return b
		}
	}
	return nil
}
