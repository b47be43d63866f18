package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Loading part of the library, for one copy
//
// A one-off copy (a sheet, a calendar, a packet for one visit) needs a
// small part of the library: one clinic, one language, the treatments of
// the visit, one skin type and its areas, one kind of handout or a few.
// LoadWith with Options.Part reads just that part: the clinic's brand file
// and its translations (every language's: a sheet names the clinic's other
// languages), the files of the chosen skin type, areas and treatments in
// the copy's language (the source, and the translation into the language
// if it is not English; of the handouts, those of the copy's kinds),
// spelling.yaml, and of every other brand file only the names a respelling
// must keep. Each file it reads is checked as a full load checks it, and
// its problems are reported at their file and line; a file it does not
// read cannot stop the copy, and `check` and `build` (a full load) still
// report it. What compares the whole library (a translation missing in a
// language the copy is not in, a brand rule naming another treatment's
// rule) is left to them too, and so are the walks of the whole tree
// (checkPortable: names another system cannot hold, which this one reads
// as they are; checkNoOutputs: a build's output folder inside the content,
// whose files a part, reading only .yaml and .md files by name, never
// takes for its own). The copy's file is byte for byte the one a full load
// makes (TestLoadCopyMakesTheSameFiles, TestLoadCopyRealContent in
// internal/project).

// Part names the part of the library one copy needs: a brand, its language
// ("" for the brand's first), the treatments (none, or "" among them: every
// one the brand offers), the areas (none, or "" among them: every one), the
// skin type and the kinds of handout (none: every kind).
type Part struct {
	Brand, Lang       string
	Treatments, Areas []string
	Skin              string
	Kinds             []Kind
}

// partPlan is a Part resolved against its brand file: what the loader
// reads.
type partPlan struct {
	Part
	// tag is the copy's language; "" when the brand file could not be
	// read for it (every translation is then read, and the brand file's
	// own problems are reported where it is loaded).
	tag        string
	treatments map[string]bool // nil: every one
	// present are the ids of every brand, skin type, area and treatment
	// the library has, read or not, by folder, sorted: what messages list
	// as known and what the checks of the files read accept as a name.
	present map[string][]string
}

// partBrand is what a part needs to know of its brand file before it is
// loaded: its languages and the treatments it offers.
type partBrand struct {
	Languages  []string             `yaml:"languages"`
	Treatments map[string]yaml.Node `yaml:"treatments"`
}

// brand reads p's brand file leniently (its problems are reported when it
// is loaded); the zero partBrand when it cannot be read.
func (p *Part) brand(fsys fs.FS) partBrand {
	var b partBrand
	data, err := ReadFile(fsys, path.Join("brands", p.Brand+".yaml"))
	if err != nil || !reID.MatchString(p.Brand) || yaml.Unmarshal(data, &b) != nil {
		return partBrand{}
	}
	return b
}

// Language returns the language of p's copy in the content folder fsys:
// p.Lang, or its brand's first; "" when the brand file cannot tell.
func (p *Part) Language(fsys fs.FS) string {
	if p.Lang != "" {
		return p.Lang
	}
	if b := p.brand(fsys); len(b.Languages) > 0 {
		return b.Languages[0]
	}
	return ""
}

// planPart resolves p against its brand file: its languages and the
// treatments it offers.
func (l *loader) planPart(p *Part) *partPlan {
	pl := &partPlan{Part: *p, present: map[string][]string{}}
	b := p.brand(l.c.FS)
	pl.tag = p.Lang
	if pl.tag == "" && len(b.Languages) > 0 {
		pl.tag = b.Languages[0]
	}
	if !every(p.Treatments) {
		pl.treatments = map[string]bool{}
		for _, id := range p.Treatments {
			pl.treatments[id] = true
		}
	} else if b.Treatments != nil {
		pl.treatments = map[string]bool{}
		for id := range b.Treatments {
			pl.treatments[id] = true
		}
	}
	return pl
}

// every reports whether ids, a part's choice, is every one: none, or ""
// among them.
func every(ids []string) bool { return len(ids) == 0 || slices.Contains(ids, "") }

// note notes that the library has a source of id on axis ("brands",
// "skin", "area", "treatments"), read or not.
func (l *loader) note(axis, id string) {
	if pl := l.part; pl != nil {
		if i, found := slices.BinarySearch(pl.present[axis], id); !found {
			pl.present[axis] = slices.Insert(pl.present[axis], i, id)
		}
	}
}

// wants reports whether the loader reads the source of id on axis.
func (l *loader) wants(axis, id string) bool {
	pl := l.part
	if pl == nil {
		return true
	}
	switch axis {
	case "brands":
		return id == pl.Brand
	case "skin":
		return id == pl.Skin
	case "area":
		return every(pl.Areas) || slices.Contains(pl.Areas, id)
	}
	return pl.treatments == nil || pl.treatments[id]
}

// wantsHandout reports whether the loader reads handout file p: one of
// the part's kinds, as its front matter says. A file whose kind cannot be
// told that way is read, and its problem reported.
func (l *loader) wantsHandout(p string) bool {
	if l.part == nil || len(l.part.Kinds) == 0 {
		return true
	}
	data, err := ReadFile(l.c.FS, p)
	if err != nil {
		return true
	}
	front, _, _, ok := SplitFrontMatter(data)
	var f struct {
		Kind Kind `yaml:"kind"`
	}
	if !ok || yaml.Unmarshal(front, &f) != nil || f.Kind == "" {
		return true
	}
	return slices.Contains(l.part.Kinds, f.Kind)
}

// wantsLang reports whether the loader reads a translation into suffix
// (a language, es, or a tag, es-MX) of a skin type, area or treatment:
// one into the copy's language, found as pick finds it.
func (l *loader) wantsLang(suffix string) bool {
	if l.part == nil || l.part.tag == "" {
		return true
	}
	base, _, _ := strings.Cut(l.part.tag, "-")
	return suffix == l.part.tag || suffix == base
}

// wantsTag reports whether the library is checked (and viewed) in
// language tag: every language in a full load, the copy's in a part.
func (l *loader) wantsTag(tag string) bool {
	return l.part == nil || l.part.tag == "" || tag == l.part.tag
}

// unread reports whether the source of id on axis is in the library but
// was not read: a name that is not unknown, only outside the part.
func (l *loader) unread(axis, id string) bool {
	return l.part != nil && slices.Contains(l.part.present[axis], id) && !l.wants(axis, id)
}

// partial reports whether some source on axis was not read.
func (l *loader) partial(axis string) bool {
	if l.part == nil {
		return false
	}
	for _, id := range l.part.present[axis] {
		if !l.wants(axis, id) {
			return true
		}
	}
	return false
}

// known returns the ids on axis that messages list: every one the library
// has (present), or those loaded.
func (c *Catalog) known(axis string, loaded []string) []string {
	if c.part == nil {
		return loaded
	}
	return c.part.present[axis]
}

// otherBrandNames are the names the brands outside the part give (see
// brandNames), read leniently from their brand files: a respelling keeps
// them as a full load does.
func (c *Catalog) otherBrandNames() []string {
	if c.part == nil {
		return nil
	}
	var out []string
	for _, id := range c.part.present["brands"] {
		if id == c.part.Brand {
			continue
		}
		data, err := ReadFile(c.FS, path.Join("brands", id+".yaml"))
		if err != nil {
			continue // the full load reports it
		}
		var b struct { // the names only (brandNames)
			Name       string            `yaml:"name"`
			Products   map[string]string `yaml:"products"`
			Treatments map[string]Offer  `yaml:"treatments"`
		}
		yaml.Unmarshal(data, &b) // what decodes: the full load reports the rest
		out = appendBrandNames(out, b.Name, b.Products, b.Treatments)
	}
	return out
}
