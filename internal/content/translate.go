package content

import (
	"path"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Translations sit beside their source with the language in the file name,
// the way Hugo names them: sheet.es.md beside sheet.md, dry.es.yaml beside
// dry.yaml, treatment.es.yaml beside treatment.yaml, harbor.es.yaml beside
// harbor.yaml. The suffix is a language (es) or a language tag (es-MX); a
// clinic that offers es-MX reads the es-MX file where there is one and the
// es file otherwise. The source is English: en-GB, en-AU and en-CA print the
// same text in their own spelling (spelling.go), so there are no English
// translations.

// SourceLang is the language of the source text.
const SourceLang = "en"

// BrandText is a brand's words in another language:
// brands/<id>.<lang>.yaml.
type BrandText struct {
	File       string            `yaml:"-"`
	UrgentCare string            `yaml:"urgent_care"`
	Treatments map[string]string `yaml:"treatments"`
	// Products are the clinic's product names as this language prints
	// them, by role; a role left out prints as in the brand file (a
	// product's name is often the same in every language).
	Products map[string]string `yaml:"products"`
	// Available is one line, in this language, saying that the handout is
	// available in it and whom to ask; printed on the clinic's handouts in
	// its other languages.
	Available string `yaml:"available"`
	// Disclaimer is the clinic's disclaimer line in this language (see
	// Brand.Disclaimer); "" prints the language's own.
	Disclaimer string `yaml:"disclaimer"`
	texts      []Text
	node       *yaml.Node
}

// VariantText is a skin type's or area's words in another language:
// skin/<id>.<lang>.yaml, area/<id>.<lang>.yaml.
type VariantText struct {
	File   string            `yaml:"-"`
	Label  string            `yaml:"label"`
	Short  string            `yaml:"short"`
	Fields map[string]string `yaml:"fields"`
	texts  []Text
	node   *yaml.Node
}

// TreatmentText is a treatment's words in another language:
// treatments/<id>/treatment.<lang>.yaml, the name and each rule's short
// label by rule id. Times, kinds and conditions stay in treatment.yaml.
type TreatmentText struct {
	File  string            `yaml:"-"`
	Name  string            `yaml:"name"`
	Rules map[string]string `yaml:"rules"`
	texts []Text
	node  *yaml.Node
}

// splitLang splits a file name into its stem and language suffix:
// "dry.es.yaml" gives "dry", "es", true; "dry.yaml" gives "dry", "", false.
func splitLang(name, ext string) (stem, suffix string, translated bool) {
	stem = strings.TrimSuffix(name, ext)
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		return stem[:i], stem[i+1:], true
	}
	return stem, "", false
}

// checkSuffix refuses a file name's language suffix that names no
// supported language, or English (the source language).
func (l *loader) checkSuffix(file, suffix string) bool {
	base, _, _ := strings.Cut(suffix, "-")
	known := append(l.c.Langs.Bases(), l.c.Langs.Tags()...)
	switch {
	case base == SourceLang:
		l.e.addf(file, 0, "English is the source language, so there are no English translations: en-GB, en-AU and en-CA print the source text in their own spelling (content/spelling.yaml); remove this file or merge it into the source")
	case !slices.Contains(known, suffix):
		l.e.addf(file, 0, "unknown language %q in the file name; a translation is named like sheet.es.md, with one of %s; a new language is data: add layouts/lang/%s.yaml (its words) and a locale file such as layouts/lang/%s-CA.yaml (see README, \"Adding a language\")", suffix, strings.Join(without(known, SourceLang), ", "), base, base)
	default:
		return true
	}
	return false
}

func without(list []string, base string) []string {
	var out []string
	for _, s := range list {
		if s != base && !strings.HasPrefix(s, base+"-") {
			out = append(out, s)
		}
	}
	return out
}

// pick returns the translation for tag in m: the file for the full tag
// (es-MX), else the one for its language (es). It reports the suffix used.
func pick[T any](m map[string]T, tag string) (T, string, bool) {
	if v, ok := m[tag]; ok {
		return v, tag, true
	}
	base, _, _ := strings.Cut(tag, "-")
	v, ok := m[base]
	return v, base, ok
}

// isSource reports whether tag is a language of the source text.
func isSource(tag string) bool {
	base, _, _ := strings.Cut(tag, "-")
	return base == SourceLang
}

// loadVariantText reads a skin type's or area's translation.
func (l *loader) loadVariantText(p string, data []byte) *VariantText {
	v := &VariantText{File: l.name(p)}
	node, err := decodeStrict(v.File, data, v)
	if err != nil {
		l.e.add(err)
		return nil
	}
	v.node = node
	scalarTexts(v.File, node, "", &v.texts)
	if strings.TrimSpace(v.Label) == "" {
		l.e.addf(v.File, lineOf(node, "label"), "missing label; add `label:` with the translated name patients read")
	}
	if v.Short == "" {
		v.Short = strings.ToLower(v.Label)
	}
	return v
}

// attachVariantTexts gives each translation to its variant, checking it
// names one and has the same fields.
func (l *loader) attachVariantTexts(axis string, vs []*Variant, trs map[string]map[string]*VariantText) {
	for stem, bySuffix := range trs {
		v := find(vs, stem)
		for _, sfx := range sortedKeys(bySuffix) {
			t := bySuffix[sfx]
			if v == nil {
				l.e.addf(t.File, 0, "no %s %q to translate; name a translation after its source, as %s/%s.%s.yaml beside %s/%s.yaml", axisName(axis), stem, axis, "ID", sfx, axis, "ID")
				continue
			}
			for k := range v.Fields {
				if _, ok := t.Fields[k]; !ok {
					l.e.addf(t.File, lineOf(t.node), "missing field %q, which the source has at %s:%d; add it under fields:", k, v.File, textLine(v.texts, "fields."+k))
				}
			}
			for k := range t.Fields {
				if _, ok := v.Fields[k]; !ok {
					l.e.addf(t.File, lineOf(t.node, "fields", k), "field %q is not in the source %s; translate only the source's fields", k, v.File)
				}
			}
			if v.tr == nil {
				v.tr = map[string]*VariantText{}
			}
			v.tr[sfx] = t
		}
	}
}

func axisName(axis string) string {
	if axis == "skin" {
		return "skin type"
	}
	return "area"
}

// loadTreatmentText reads treatment.<lang>.yaml and checks it against
// the treatment's rules.
func (l *loader) loadTreatmentText(t *Treatment, p string) *TreatmentText {
	data, ok := l.readFile(p)
	if !ok || !l.checkText(p, data) {
		return nil
	}
	tt := &TreatmentText{File: l.name(p)}
	node, err := decodeStrict(tt.File, data, tt)
	if err != nil {
		l.e.add(err)
		return nil
	}
	tt.node = node
	scalarTexts(tt.File, node, "", &tt.texts)
	if strings.TrimSpace(tt.Name) == "" {
		l.e.addf(tt.File, lineOf(node), "missing name; add `name:` with the treatment's translated name")
	}
	for _, r := range t.Rules {
		if strings.TrimSpace(tt.Rules[r.ID]) == "" {
			l.e.addf(tt.File, lineOf(node, "rules"), "rule %q (%s:%d) has no translation; add `%s: …` under rules:", r.ID, t.File, r.Line, r.ID)
		}
	}
	for _, id := range sortedKeys(tt.Rules) {
		if t.rule(id) == nil {
			l.e.addf(tt.File, lineOf(node, "rules", id), "unknown rule %q%s; %s has no such rule (translate the rules listed there)", id, didYouMean(id, ruleIDs(t)), t.File)
		}
	}
	return tt
}

func (t *Treatment) rule(id string) *Rule {
	for _, r := range t.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// loadBrandText reads brands/<id>.<lang>.yaml.
func (l *loader) loadBrandText(p string, data []byte) *BrandText {
	b := &BrandText{File: l.name(p)}
	node, err := decodeStrict(b.File, data, b)
	if err != nil {
		l.e.add(err)
		return nil
	}
	b.node = node
	scalarTexts(b.File, node, "", &b.texts)
	for _, t := range b.texts {
		if _, err := insert(t.Value, b.File, b.texts, t.Field, false); err != nil {
			l.e.add(err)
		}
	}
	if strings.TrimSpace(b.UrgentCare) == "" {
		l.e.addf(b.File, lineOf(node), "missing urgent-care instructions; add `urgent_care:` in this language")
	}
	for tid := range b.Treatments {
		if l.treatment(tid) == nil && !l.dropped[tid] && !l.unread("treatments", tid) {
			l.e.addf(b.File, lineOf(node, "treatments", tid), "unknown treatment %q%s; known: %s", tid, didYouMean(tid, l.treatmentIDs()), strings.Join(l.treatmentIDs(), ", "))
		}
	}
	return b
}

// checkBrandProducts refuses a translated product whose role the brand
// file does not list: a translation names the same products.
func (l *loader) checkBrandProducts(b *Brand, t *BrandText) {
	roles := sortedKeys(b.Products)
	for _, role := range sortedKeys(t.Products) {
		if b.Products[role] == "" {
			l.e.addf(t.File, lineOf(t.node, "products", role), "product %q is not among the clinic's products in %s%s; known: %s", role, b.File, didYouMean(role, roles), strings.Join(roles, ", "))
		}
	}
}

// attachHandoutTexts gives each translated handout to its source (the
// handout whose file name it carries) and checks it keeps the source's
// structure (drift.go).
func (l *loader) attachHandoutTexts(t *Treatment, trs []*Handout) {
	for _, h := range trs {
		stem, _, _ := splitLang(path.Base(h.Path), ".md")
		var src *Handout
		for _, s := range t.Handouts {
			if strings.TrimSuffix(path.Base(s.Path), ".md") == stem {
				src = s
			}
		}
		switch {
		case src == nil:
			l.e.addf(h.File, 0, "no source handout %s.md beside this translation; name a translation after its source, as sheet.es.md beside sheet.md", stem)
			continue
		case src.Front.Kind != h.Front.Kind:
			l.e.addf(h.File, 2, "kind %q differs from its source's (%s: %q); a translation keeps the kind", h.Front.Kind, src.File, src.Front.Kind)
			continue
		}
		h.Source = src
		if src.tr == nil {
			src.tr = map[string]*Handout{}
		}
		src.tr[h.Lang] = h
		l.compareStructure(src, h)
	}
}

// checkTranslations checks that every language a brand offers is complete:
// each of its texts (the brand's own, every skin type, area, treatment and
// handout) has a translation, and each clinic that offers more than one
// language says in each that its handouts are available in it.
func (l *loader) checkTranslations() {
	c := l.c
	for _, b := range c.Brands {
		bases := map[string]bool{}
		for i, tag := range b.Languages {
			line := b.langLines[i]
			base, _, _ := strings.Cut(tag, "-")
			bases[base] = true
			if isSource(tag) {
				continue
			}
			checkAll := l.wantsTag(tag) // a part reads its own language's translations only
			missing := func(src, example string) {
				l.e.addf(b.File, line, "offers %s, but %s has no translation into it; add %s, or remove %s from languages", tag, src, example, tag)
			}
			if bt, _, ok := pick(b.tr, tag); !ok {
				missing(b.File, l.name(path.Join("brands", b.ID+"."+base+".yaml"))+" (urgent_care, treatments, products, available)")
			} else if strings.TrimSpace(b.Disclaimer) != "" && strings.TrimSpace(bt.Disclaimer) == "" {
				// A reworded disclaimer in English only would print the
				// language's default wording in the others: say it in each.
				l.e.addf(bt.File, lineOf(bt.node), "%s rewords the disclaimer (disclaimer:), so its handouts in %s need it too: add `disclaimer:`, one line in this language", b.File, tag)
			}
			for _, vs := range [][]*Variant{c.Skins, c.Areas} {
				for _, v := range vs {
					if !checkAll {
						break
					}
					if _, _, ok := pick(v.tr, tag); !ok {
						missing(v.File, strings.TrimSuffix(v.File, ".yaml")+"."+base+".yaml (label, short)")
					}
				}
			}
			for _, t := range c.Treatments {
				if !checkAll || !b.OffersIn(t.ID, tag) {
					continue // not offered in tag, or pending: nothing is made in it
				}
				// A treatment's translation may be pending: the clinic
				// offers it in its other languages meanwhile (offers.go).
				missingT := func(src, example string) {
					l.e.addf(b.File, line, "offers %s, but %s has no translation into it; add %s, or offer %s in the clinic's other languages until it is written: under treatments:, write %s: with name: and pending: [%s]", tag, src, example, t.ID, t.ID, tag)
				}
				if _, _, ok := pick(t.tr, tag); !ok {
					missingT(t.File, strings.TrimSuffix(t.File, ".yaml")+"."+base+".yaml (name, and rules: id → label)")
				}
				for _, h := range t.Handouts {
					if _, _, ok := pick(h.tr, tag); !ok {
						missingT(h.File, strings.TrimSuffix(h.File, ".md")+"."+base+".md")
					}
				}
			}
		}
		if len(bases) < 2 {
			continue
		}
		for i, tag := range b.Languages {
			if isSource(tag) {
				if strings.TrimSpace(b.Available) == "" {
					l.e.addf(b.File, b.langLines[i], "offers several languages, so its handouts in the others say they are available in English: add `available:`, one line in English such as \"This sheet is available in English. Ask at the front desk.\"")
				}
				continue
			}
			if bt, _, ok := pick(b.tr, tag); ok && strings.TrimSpace(bt.Available) == "" {
				l.e.addf(bt.File, lineOf(bt.node), "the clinic offers several languages, so its handouts in the others say they are available in this one: add `available:`, one line in this language saying so and whom to ask")
			}
		}
	}
}

// checkLanguages checks a brand's list of languages.
func (l *loader) checkLanguages(b *Brand, node *yaml.Node) {
	seq := valueOf(node, "languages")
	if len(b.Languages) == 0 {
		l.e.addf(b.File, lineOf(node, "languages"), "missing languages; add `languages: [en-US]` (the first is the clinic's default; one of %s)", strings.Join(l.c.Langs.Tags(), ", "))
		return
	}
	seen := map[string]bool{}
	for i, tag := range b.Languages {
		line := lineOf(node, "languages")
		if seq != nil && i < len(seq.Content) {
			line = seq.Content[i].Line
		}
		b.langLines = append(b.langLines, line)
		if !slices.Contains(l.c.Langs.Tags(), tag) { // Get makes only a copy's own (lang.LoadOnly)
			l.e.addf(b.File, line, "unknown language %q; use one of %s, or add it as data: layouts/lang/%s.yaml (its dates and clock) beside its language's words (see README, \"Adding a language\")", tag, strings.Join(l.c.Langs.Tags(), ", "), tag)
		}
		if seen[tag] {
			l.e.addf(b.File, line, "language %s is listed twice; list each once", tag)
		}
		seen[tag] = true
	}
}

// valueOf returns the value node under key in a mapping, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// oldLanguageKey reports the brand format before languages: a single
// `language:` key, with a hint to list it under languages instead.
func (l *loader) oldLanguageKey(file string, node *yaml.Node) bool {
	if node == nil || node.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		if k := node.Content[i]; k.Value == "language" {
			l.e.addf(file, k.Line, "unknown key \"language\"; a clinic now lists the languages it offers, its default first: write `languages: [%s]`", node.Content[i+1].Value)
			return true
		}
	}
	return false
}

func sortedKeys[T any](m map[string]T) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Languages lists every language tag some brand offers, in brand order.
func (c *Catalog) Languages() []string {
	var out []string
	for _, b := range c.Brands {
		for _, t := range b.Languages {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// Translations returns every translated handout, in treatment and file
// order.
func (c *Catalog) Translations() []*Handout {
	var out []*Handout
	for _, t := range c.Treatments {
		for _, h := range t.Handouts {
			for _, sfx := range sortedKeys(h.tr) {
				out = append(out, h.tr[sfx])
			}
		}
	}
	return out
}

// AllHandouts returns the source handouts and their translations.
func (t *Treatment) AllHandouts() []*Handout {
	var out []*Handout
	for _, h := range t.Handouts {
		out = append(out, h)
		for _, sfx := range sortedKeys(h.tr) {
			out = append(out, h.tr[sfx])
		}
	}
	return out
}

// fmtLangs writes a brand's languages for messages.
func fmtLangs(b *Brand) string { return strings.Join(b.Languages, ", ") }
