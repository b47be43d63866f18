package content

import (
	"fmt"
	"handouts/internal/yamlcheck"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Offers
//
// A clinic offers the treatments its brand file lists under treatments:,
// each with its name for it:
//
//	treatments:
//	  microneedling: "HarborRenew™ Microneedling"
//	  dermaplaning:
//	    name: "Harbor Dermaplaning"
//	    pending: [es-US]     # offered in the clinic's other languages until its Spanish is ready
//
// A treatment the file does not list is not made for that clinic. A
// language under pending: is one of the clinic's languages in which the
// treatment is not offered yet (its translation is being written or
// reviewed): nothing is made in it, its translation is not required, the
// front desk's page says which language the handouts are in for now, and
// check warns. A treatment's applies_to: (treatment.yaml) limits it to
// some areas and skin types; other combinations are not made. EnvIn
// refuses what is not offered with a *NotOffered that names the file and
// key where it would be offered.

// Offer is one treatment a clinic offers: its name for it (empty: the
// treatment's own name) and the languages it waits for.
type Offer struct {
	Name string
	// Pending are language tags of the clinic in which the treatment is
	// not offered yet, while its translation is written.
	Pending []string
	line    int    // the line of the treatment's id under treatments:
	pline   int    // the line of pending:, or line
	field   string // the key of the name, for messages: treatments.ID or treatments.ID.name
}

// UnmarshalYAML reads an offer written as the clinic's name for the
// treatment, or as a mapping with name: and pending:.
func (o *Offer) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() != "!!null" {
			o.Name = n.Value
		}
		return nil
	case yaml.MappingNode:
	default:
		return &yamlcheck.Error{Line: n.Line, Msg: fmt.Sprintf("wrong type: %s where the clinic's name for the treatment, or name: and pending:, is expected", yamlcheck.NodeKind(n))}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return &yamlcheck.Error{Line: k.Line, Msg: fmt.Sprintf("key %q is given twice; keep one", k.Value)}
		}
		seen[k.Value] = true
		switch k.Value {
		case "name":
			if v.Kind != yaml.ScalarNode {
				return &yamlcheck.Error{Line: v.Line, Msg: fmt.Sprintf("wrong type: %s where text is expected; write the clinic's name for the treatment", yamlcheck.NodeKind(v))}
			}
			if v.ShortTag() != "!!null" {
				o.Name = v.Value
			}
		case "pending":
			if v.Kind != yaml.SequenceNode {
				return &yamlcheck.Error{Line: v.Line, Msg: fmt.Sprintf("wrong type: %s where a list is expected; write pending: [es-US]", yamlcheck.NodeKind(v))}
			}
			for _, c := range v.Content {
				if c.Kind != yaml.ScalarNode {
					return &yamlcheck.Error{Line: c.Line, Msg: fmt.Sprintf("wrong type: %s where a language tag is expected, such as es-US", yamlcheck.NodeKind(c))}
				}
				o.Pending = append(o.Pending, c.Value)
			}
			o.pline = k.Line
		default:
			msg := fmt.Sprintf("unknown key %q.", k.Value)
			if s := yamlcheck.Closest(k.Value, []string{"name", "pending"}); s != "" {
				msg = fmt.Sprintf("unknown key %q; did you mean %q?", k.Value, s)
			}
			return &yamlcheck.Error{Line: k.Line, Msg: msg + " Allowed keys here: name, pending"}
		}
	}
	return nil
}

// Offers reports whether clinic b offers treatment id in some language.
func (b *Brand) Offers(id string) bool {
	_, ok := b.Treatments[id]
	return ok
}

// OffersIn reports whether clinic b offers treatment id in language tag:
// it lists the treatment and the language, and the language is not
// pending for it.
func (b *Brand) OffersIn(id, tag string) bool {
	o, ok := b.Treatments[id]
	return ok && slices.Contains(b.Languages, tag) && !slices.Contains(o.Pending, tag)
}

// PendingIn reports whether clinic b offers treatment id but not yet in
// language tag, while its translation is written.
func (b *Brand) PendingIn(id, tag string) bool {
	o, ok := b.Treatments[id]
	return ok && slices.Contains(o.Pending, tag)
}

// OfferedLangs returns the languages in which clinic b offers treatment
// id, in the clinic's order.
func (b *Brand) OfferedLangs(id string) []string {
	var out []string
	for _, tag := range b.Languages {
		if b.OffersIn(id, tag) {
			out = append(out, tag)
		}
	}
	return out
}

// Applies reports whether treatment t is for skin type skin on area area
// (its applies_to:).
func (t *Treatment) Applies(skin, area string) bool { return t.AppliesTo.Matches(skin, area) }

// NotOffered is the refusal of something a clinic does not offer: a
// treatment it does not list, a language pending for it, or an area or
// skin type the treatment is not for. Its message names the file and the
// key where it would be offered.
type NotOffered struct {
	File string // the brand or treatment file
	Line int
	Msg  string
}

// Error returns the file, the line and what to do.
func (e *NotOffered) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// offered returns nil when clinic b offers treatment t for skin s on area
// a in language tag, or a *NotOffered that says where to offer it.
func offered(b *Brand, tag string, t *Treatment, s, a *Variant) error {
	o, ok := b.Treatments[t.ID]
	switch {
	case !ok:
		return &NotOffered{File: b.File, Line: keyLine(b.node, "treatments"),
			Msg: fmt.Sprintf("clinic %s does not offer treatment %q; to offer it, add `%s:` with the clinic's name for it under treatments: here", b.ID, t.ID, t.ID)}
	case slices.Contains(o.Pending, tag):
		return &NotOffered{File: b.File, Line: o.pline,
			Msg: fmt.Sprintf("clinic %s offers %s in %s only for now: %s is pending; when its translation is written, remove %s from pending: under treatments: %s:", b.ID, t.ID, strings.Join(b.OfferedLangs(t.ID), ", "), tag, tag, t.ID)}
	case !in(t.AppliesTo.Area, a.ID):
		return &NotOffered{File: t.File, Line: t.appliesLine,
			Msg: fmt.Sprintf("treatment %s is for %s only, not area %s; to make it for %s, add it under applies_to: area:", t.ID, whenWords(Condition{Area: t.AppliesTo.Area}), a.ID, a.ID)}
	case !in(t.AppliesTo.Skin, s.ID):
		return &NotOffered{File: t.File, Line: t.appliesLine,
			Msg: fmt.Sprintf("treatment %s is for %s only, not skin type %s; to make it for %s, add it under applies_to: skin:", t.ID, whenWords(Condition{Skin: t.AppliesTo.Skin}), s.ID, s.ID)}
	}
	return nil
}

// checkOffers checks a clinic's treatments: each names a treatment, and
// each pending language is one the clinic lists and not English (the
// source is always there).
func (l *loader) checkOffers(b *Brand, node *yaml.Node) {
	tnode := valueOf(node, "treatments")
	for _, tid := range sortedKeys(b.Treatments) {
		o := b.Treatments[tid]
		o.line = lineOf(node, "treatments", tid)
		if k := keyNode(tnode, tid); k != nil {
			o.line = k.Line
		}
		if o.pline == 0 {
			o.pline = o.line
		}
		o.field = "treatments." + tid
		if v := valueOf(tnode, tid); v != nil && v.Kind == yaml.MappingNode {
			o.field += ".name"
		}
		b.Treatments[tid] = o
		if l.treatment(tid) == nil {
			if l.dropped[tid] || l.unread("treatments", tid) {
				continue // its treatment.yaml is broken (reported there), or outside the part read
			}
			l.e.addf(b.File, o.line, "unknown treatment %q%s; known: %s", tid, didYouMean(tid, l.treatmentIDs()), strings.Join(l.treatmentIDs(), ", "))
			continue
		}
		seen := map[string]bool{}
		for _, tag := range o.Pending {
			switch {
			case seen[tag]:
				l.e.addf(b.File, o.pline, "treatment %s: language %s is pending twice; list it once", tid, tag)
			case !slices.Contains(b.Languages, tag):
				l.e.addf(b.File, o.pline, "treatment %s: pending language %q is not among the clinic's languages (%s); list one of them", tid, tag, fmtLangs(b))
			case isSource(tag):
				l.e.addf(b.File, o.pline, "treatment %s: %s is English, the source language, so its handouts are always there; remove it from pending:", tid, tag)
			}
			seen[tag] = true
		}
		if len(o.Pending) > 0 && len(b.OfferedLangs(tid)) == 0 {
			l.e.addf(b.File, o.pline, "treatment %s is pending in every language the clinic offers; offer it in one (remove that language from pending:) or remove %s from treatments: until it is ready", tid, tid)
		}
	}
}

// keyNode returns the key node of key in mapping n, or nil.
func keyNode(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

// checkApplies checks a treatment's applies_to: names known skin types
// and areas.
func (l *loader) checkApplies(t *Treatment, node *yaml.Node) {
	t.appliesLine = keyLine(node, "applies_to")
	for _, ax := range []struct {
		axis string
		ids  []string
	}{{"skin", t.AppliesTo.Skin}, {"area", t.AppliesTo.Area}} {
		known := l.variantIDs(ax.axis)
		for _, id := range ax.ids {
			if !slices.Contains(known, id) {
				l.e.addf(t.File, lineOf(node, "applies_to", ax.axis), "applies_to: unknown %s %q%s; known: %s", axisName(ax.axis), id, didYouMean(id, known), strings.Join(known, ", "))
			}
		}
	}
}

// checkUnoffered tells, once per clinic, which treatments it does not
// offer, and for each pending language what is still to write.
func (l *loader) checkUnoffered() {
	c := l.c
	for _, b := range c.Brands {
		var not []string
		for _, t := range c.Treatments {
			if !b.Offers(t.ID) {
				not = append(not, t.ID)
			}
		}
		if len(not) > 0 {
			l.w.addf(b.File, keyLine(b.node, "treatments"), "clinic %s does not offer %s (not under treatments:), so no handouts of %s are made for it; to offer one, add its id under treatments: with the clinic's name for it",
				b.ID, andList(not), map[bool]string{true: "it", false: "them"}[len(not) == 1])
		}
		for _, tid := range sortedKeys(b.Treatments) {
			o, t := b.Treatments[tid], c.Treatment(tid)
			if t == nil {
				continue
			}
			for _, tag := range o.Pending {
				if !slices.Contains(b.Languages, tag) || isSource(tag) {
					continue
				}
				missing := l.untranslated(b, t, tag)
				if len(missing) == 0 {
					l.w.addf(b.File, o.pline, "treatment %s is pending in %s, but its translation is all there; to offer it in %s, remove %s from pending:", tid, tag, tag, tag)
					continue
				}
				l.w.addf(b.File, o.pline, "treatment %s is offered in %s only for now: %s is pending, so nothing is made of it in %s and the front desk's page says so; to offer it, write %s and remove %s from pending:",
					tid, strings.Join(b.OfferedLangs(tid), ", "), tag, tag, andList(missing), tag)
			}
		}
	}
}

// untranslated lists treatment t's files that have no translation into
// tag, as the files to write.
func (l *loader) untranslated(b *Brand, t *Treatment, tag string) []string {
	base, _, _ := strings.Cut(tag, "-")
	var out []string
	if _, _, ok := pick(t.tr, tag); !ok {
		out = append(out, strings.TrimSuffix(t.File, ".yaml")+"."+base+".yaml")
	}
	for _, h := range t.Handouts {
		if _, _, ok := pick(h.tr, tag); !ok {
			out = append(out, strings.TrimSuffix(h.File, ".md")+"."+base+".md")
		}
	}
	return out
}

// key is the key of the offer's name in its file, for messages.
func (o Offer) key(id string) string {
	if o.field == "" {
		return "treatments." + id
	}
	return o.field
}

// checkOfferNames refuses a translated name for a treatment the clinic
// does not offer: the offer is made in the brand file.
func (l *loader) checkOfferNames(b *Brand, t *BrandText) {
	for _, tid := range sortedKeys(t.Treatments) {
		if l.treatment(tid) != nil && !b.Offers(tid) {
			l.e.addf(t.File, lineOf(t.node, "treatments", tid), "clinic %s does not offer treatment %q, so it has no name for it here; offer it under treatments: in %s, or remove this line", b.ID, tid, b.File)
		}
	}
}
