package review

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark"

	"handouts/internal/content"
	"handouts/internal/markdown"
	"handouts/internal/project"
)

// Version is one version of the content, loaded.
type Version struct {
	Label   string           // how the report names it: "HEAD~1 (3f2a9c1)", a folder
	Project *project.Project // its content, style sheets and fonts
}

// Report is what patients will read differently between two versions.
type Report struct {
	From, To string        // the versions' labels
	Rules    []*RuleChange // rule windows that changed, by treatment
	Handouts []*Handout    // every handout with a change, in treatment and kind order
	Notes    []string      // what could not be compared, and why
}

// Changed reports whether patients will read anything differently.
func (r *Report) Changed() bool { return len(r.Rules) > 0 || len(r.Handouts) > 0 }

// Handout is what changed in one handout file (a source or a
// translation) over the variants it is printed for.
type Handout struct {
	File      string // as the new version names it (the old one's when it is gone)
	Treatment string
	Kind      content.Kind
	Langs     []string // the languages its variants are read in
	// Added and Removed: only one version has the handout; read it whole.
	Added, Removed bool
	// NewVariants and GoneVariants name the variants only one version
	// makes (a new skin type), to be read whole; "" when none.
	NewVariants, GoneVariants string
	Changes                   []*Change // changed, added and removed sentences
	Sections                  []*SectionChange
	Pages                     []*PageChange
	// Rules is set for a calendar whose grid changes with the rule
	// windows listed in the report.
	Rules bool
	// Unreviewed is set when its words changed but reviewed_on did not.
	Unreviewed bool
	ReviewedOn string // the new version's reviewed_on
	ReviewedBy string
	Variants   int // how many variants show it (in the new version, or the old when it is gone)
	Compared   int // how many of them both versions make: "all" in a change's variants is these
	order      int
	shownNew   int
	path       string // inside the content folder: the key both versions share
}

// Cause says why a sentence reads differently.
type Cause int

// Causes of a change.
const (
	// Edited: the handout's own words changed.
	Edited Cause = iota
	// Values: what a placeholder inserts changed: a rule's window, or a
	// clinic's, skin type's or area's value.
	Values
)

// Change is one sentence that reads differently, in every variant named.
type Change struct {
	Cause    Cause
	Section  string // the heading it is under ("" before the first)
	Old, New string // "" when the sentence is added (Old) or removed (New)
	Variants string // the variants it affects, in words; "" for all
	Count    int    // how many variants
	pos      int
}

// SectionChange is a heading that one version has and the other not.
type SectionChange struct {
	Title    string
	Added    bool
	Variants string
	Count    int
	pos      int
}

// PageChange is a change of a PDF's page count.
type PageChange struct {
	Old, New int
	Variants string
	Count    int
}

// RuleChange is a rule whose window, label or reach changed.
type RuleChange struct {
	Treatment string
	ID        string
	Text      string   // the rule's label (the new one)
	File      string   // treatment.yaml
	Line      int      // the rule's line in the new version (old when removed)
	What      []string // "ends 48h → 72h", "label "No makeup" → "No make-up""
	Clinics   string   // the clinics it changed for; "" for all
}

// Compare compares two loaded versions of the content.
func Compare(from, to *Version) *Report {
	c := &comparer{from: from, to: to, md: markdown.New(), handouts: map[string]*Handout{}, groups: map[string]*group{}}
	r := &Report{From: from.Label, To: to.Label}
	r.Rules = ruleChanges(from.Project.Catalog, to.Project.Catalog)
	c.rulesChanged = map[string]bool{}
	for _, rc := range r.Rules {
		c.rulesChanged[rc.Treatment] = true
	}
	c.compare()
	for _, h := range c.handouts {
		if h.Added || h.Removed || h.Rules || h.NewVariants != "" || h.GoneVariants != "" || len(h.Changes) > 0 || len(h.Sections) > 0 || len(h.Pages) > 0 {
			r.Handouts = append(r.Handouts, h)
		}
	}
	sort.SliceStable(r.Handouts, func(i, j int) bool { return r.Handouts[i].order < r.Handouts[j].order })
	r.Notes = c.notes
	return r
}

// comparer holds one comparison's state.
type comparer struct {
	from, to     *Version
	md           goldmark.Markdown
	handouts     map[string]*Handout // by path inside the content folder
	groups       map[string]*group   // changes by handout path and what changed
	scopes       map[string]*content.Scope
	rulesChanged map[string]bool // treatments with a changed rule
	notes        []string
}

// group collects the variants one change affects.
type group struct {
	h      *Handout
	ws     []content.Where
	change *Change
	sect   *SectionChange
	pages  *PageChange
}

type key struct{ brand, lang, treatment, skin, area string }

func keyOf(e content.Env) key {
	return key{e.Brand.ID, e.Lang.Tag, e.Treatment.ID, e.Skin.ID, e.Area.ID}
}

// use is one handout file as one variant reads it.
type use struct {
	old, new content.Env
	oh, nh   *content.Handout
}

// compare pairs every variant of every handout file across the two
// versions, then compares each file, in the order first seen.
func (c *comparer) compare() {
	p := c.pair()
	c.scopes = map[string]*content.Scope{}
	for _, f := range p.files {
		c.compareFile(f, p)
	}
	c.finish()
}

// pairing is every handout file's variants matched across the two
// versions.
type pairing struct {
	uses     map[string][]use                    // variants both versions make, by file
	files    []string                            // files in the order first seen
	only     map[string]map[bool][]content.Where // variants only one version makes, by file and side (true: new)
	shownOld map[string]int                      // variants the old version shows each file to
}

// addFile records file f, once, in the order first seen.
func (p *pairing) addFile(f string) {
	if _, ok := p.uses[f]; !ok {
		p.uses[f] = nil
		p.files = append(p.files, f)
	}
}

// addOnly records that only one version (side true: the new) makes
// file f for variant w.
func (p *pairing) addOnly(f string, side bool, w content.Where) {
	if p.only[f] == nil {
		p.only[f] = map[bool][]content.Where{}
	}
	p.only[f][side] = append(p.only[f][side], w)
}

// envsByKey returns c's Envs by brand, language, treatment and variant.
func envsByKey(c *content.Catalog) map[key]content.Env {
	out := map[key]content.Env{}
	for _, e := range c.Envs() {
		out[keyOf(e)] = e
	}
	return out
}

// pair matches the new version's handouts to the old's, variant by
// variant, marking those only one version has.
func (c *comparer) pair() *pairing {
	oldEnvs := envsByKey(c.from.Project.Catalog)
	newEnvs := envsByKey(c.to.Project.Catalog)
	p := &pairing{uses: map[string][]use{}, only: map[string]map[bool][]content.Where{}, shownOld: map[string]int{}}
	c.pairNew(p, oldEnvs)
	c.pairOld(p, newEnvs)
	return p
}

// pairNew walks the new version's handouts: a variant the old version
// also makes is a use to compare; else the handout is added for it.
func (c *comparer) pairNew(p *pairing, oldEnvs map[key]content.Env) {
	for _, ne := range c.to.Project.Catalog.Envs() {
		oe, both := oldEnvs[keyOf(ne)]
		for _, nh := range ne.Treatment.Handouts {
			p.addFile(nh.Path)
			var oh *content.Handout
			if both {
				oh = oe.Treatment.Handout(nh.Front.Kind)
			}
			c.handout(nh, ne).shownNew++
			switch {
			case oh != nil:
				p.uses[nh.Path] = append(p.uses[nh.Path], use{oe, ne, oh, nh})
			case both:
				c.handout(nh, ne).Added = true
			default:
				p.addOnly(nh.Path, true, ne.Variant())
			}
		}
	}
}

// pairOld walks the old version's handouts for those the new version
// no longer makes: removed for a variant both have, or gone with it.
func (c *comparer) pairOld(p *pairing, newEnvs map[key]content.Env) {
	for _, oe := range c.from.Project.Catalog.Envs() {
		ne, both := newEnvs[keyOf(oe)]
		for _, oh := range oe.Treatment.Handouts {
			p.shownOld[oh.Path]++
			if both && ne.Treatment.Handout(oh.Front.Kind) != nil {
				continue
			}
			p.addFile(oh.Path)
			h := c.handout(oh, oe)
			if both {
				h.Removed = true
				continue
			}
			p.addOnly(oh.Path, false, oe.Variant())
		}
	}
}

// compareFile compares handout file f: how many variants show it, which
// only one version makes, what changed for each variant and whether the
// change was reviewed.
func (c *comparer) compareFile(f string, p *pairing) {
	var all []content.Where
	for _, u := range p.uses[f] {
		all = append(all, u.new.Variant())
	}
	c.scopes[f] = content.NewScope(all)
	h := c.handouts[f]
	h.Compared = len(all)
	h.Variants = h.shownNew
	if h.Variants == 0 {
		h.Variants = p.shownOld[f]
	}
	if len(all) == 0 {
		// No variant has it in both versions (a new treatment, a
		// handout of a new language): it is new, or gone, as a whole.
		h.Added, h.Removed = len(p.only[f][true]) > 0, len(p.only[f][true]) == 0
	}
	describeOnly(h, all, p.only[f])
	c.compareUses(h, p.uses[f])
}

// describeOnly names, on h, the variants only the new or only the old
// version makes (all are those both make); a handout new or gone as a
// whole is read whole anyway.
func describeOnly(h *Handout, all []content.Where, only map[bool][]content.Where) {
	for side, ws := range only {
		if h.Added || h.Removed {
			break // read whole anyway
		}
		d := content.NewScope(append(all, ws...)).Describe(ws)
		if d == "" {
			d = "all its variants"
		}
		if side {
			h.NewVariants = d
		} else {
			h.GoneVariants = d
		}
	}
}

// compareUses compares each variant both versions make of h, and
// records h's review line and whether a change went unreviewed.
func (c *comparer) compareUses(h *Handout, uses []use) {
	edited := false
	for _, u := range uses {
		if c.variant(u) {
			edited = true
		}
	}
	if len(uses) > 0 {
		u := uses[0]
		h.ReviewedOn, h.ReviewedBy = u.nh.Front.ReviewedOn, u.nh.Front.ReviewedBy
		h.Rules = h.Kind == content.KindCalendar && c.rulesChanged[h.Treatment]
		h.Unreviewed = (edited || len(h.Sections) > 0 || c.rulesChanged[h.Treatment]) && u.oh.Front.ReviewedOn == u.nh.Front.ReviewedOn
	}
}

// handout returns the report's entry for h, made on first use.
func (c *comparer) handout(h *content.Handout, e content.Env) *Handout {
	if r := c.handouts[h.Path]; r != nil {
		if !slices.Contains(r.Langs, e.Lang.Tag) {
			r.Langs = append(r.Langs, e.Lang.Tag)
		}
		return r
	}
	r := &Handout{File: h.File, path: h.Path, Treatment: e.Treatment.ID, Kind: h.Front.Kind, Langs: []string{e.Lang.Tag}, order: len(c.handouts)}
	c.handouts[h.Path] = r
	return r
}

// variant compares one handout file as one variant reads it, and reports
// whether its own words (not only the values it inserts) changed.
func (c *comparer) variant(u use) bool {
	f := u.nh.Path
	w := u.new.Variant()
	a, errA := u.oh.Resolve(u.old, false)
	cNew, errC := u.nh.Resolve(u.new, false)
	if errA != nil || errC != nil {
		c.note(fmt.Sprintf("%s for %s: cannot be read: %v", u.nh.File, w, firstErr(errA, errC)))
		return false
	}
	// The old words with the new rules and values: what changed between
	// a and b comes from the values, between b and the new, from the words.
	b, errB := u.oh.Resolve(u.new, false)
	oldS, oldH := c.read(a)
	newS, newH := c.read(cNew)
	edited := false
	if errB != nil {
		edited = c.diff(f, w, Edited, oldS, newS)
	} else {
		midS, _ := c.read(b)
		c.diff(f, w, Values, oldS, midS)
		edited = c.diff(f, w, Edited, midS, newS)
	}
	for i, t := range newH {
		if !slices.Contains(oldH, t) {
			c.section(f, w, t, true, i)
			edited = true
		}
	}
	for i, t := range oldH {
		if !slices.Contains(newH, t) {
			c.section(f, w, t, false, i)
			edited = true
		}
	}
	if samePrint(a, cNew, u.old, u.new) {
		return edited
	}
	if info, err := u.nh.Front.Kind.Info(); err != nil {
		c.note(fmt.Sprintf("%s: %v", u.nh.File, err))
	} else if info.Reviewed {
		c.pages(u)
	}
	return edited
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// samePrint reports whether two resolved handouts print the same: the
// same words and the same masthead.
func samePrint(a, b *content.Resolved, ea, eb content.Env) bool {
	if string(a.Source) != string(b.Source) || a.Title != b.Title || strings.Join(a.Summary, "\n") != strings.Join(b.Summary, "\n") || fmt.Sprint(a.Others) != fmt.Sprint(b.Others) {
		return false
	}
	return ea.Brand.Name == eb.Brand.Name && ea.Brand.Paper == eb.Brand.Paper && ea.Brand.Contact.Phone == eb.Brand.Contact.Phone &&
		ea.Brand.TreatmentName(ea.Treatment) == eb.Brand.TreatmentName(eb.Treatment) &&
		ea.Skin.Label == eb.Skin.Label && ea.Area.Label == eb.Area.Label
}

// pages renders the variant's PDF in both versions and records a change
// of its page count.
func (c *comparer) pages(u use) {
	kind := u.nh.Front.Kind
	ro, err := c.from.Project.Render(project.Request{Env: u.old, Kind: kind, Format: content.FormatPDF})
	if err != nil {
		c.note(fmt.Sprintf("%s for %s: the old PDF cannot be made: %v", u.oh.File, u.old.Variant(), err))
		return
	}
	rn, err := c.to.Project.Render(project.Request{Env: u.new, Kind: kind, Format: content.FormatPDF})
	if err != nil {
		c.note(fmt.Sprintf("%s for %s: the new PDF cannot be made: %v", u.nh.File, u.new.Variant(), err))
		return
	}
	if ro.Pages == rn.Pages {
		return
	}
	k := fmt.Sprintf("%s\x00pages\x00%d\x00%d", u.nh.Path, ro.Pages, rn.Pages)
	g := c.groups[k]
	if g == nil {
		g = &group{h: c.handouts[u.nh.Path], pages: &PageChange{Old: ro.Pages, New: rn.Pages}}
		c.groups[k] = g
		g.h.Pages = append(g.h.Pages, g.pages)
	}
	g.ws = append(g.ws, u.new.Variant())
}

func (c *comparer) note(s string) {
	if !slices.Contains(c.notes, s) {
		c.notes = append(c.notes, s)
	}
}

// section records a heading one version has and the other not.
func (c *comparer) section(file string, w content.Where, title string, added bool, pos int) {
	k := fmt.Sprintf("%s\x00section\x00%v\x00%s", file, added, title)
	g := c.groups[k]
	if g == nil {
		g = &group{h: c.handouts[file], sect: &SectionChange{Title: title, Added: added, pos: pos}}
		c.groups[k] = g
		g.h.Sections = append(g.h.Sections, g.sect)
	}
	g.ws = append(g.ws, w)
}

// finish names the variants of every change and puts them in order.
func (c *comparer) finish() {
	for _, g := range c.groups {
		s := c.scopes[g.h.path]
		d, n := s.Describe(g.ws), countDistinct(g.ws)
		switch {
		case g.change != nil:
			g.change.Variants, g.change.Count = d, n
		case g.sect != nil:
			g.sect.Variants, g.sect.Count = d, n
		case g.pages != nil:
			g.pages.Variants, g.pages.Count = d, n
		}
	}
	for _, h := range c.handouts {
		sort.SliceStable(h.Changes, func(i, j int) bool {
			if h.Changes[i].Cause != h.Changes[j].Cause {
				return h.Changes[i].Cause < h.Changes[j].Cause
			}
			return h.Changes[i].pos < h.Changes[j].pos
		})
		sort.SliceStable(h.Sections, func(i, j int) bool { return h.Sections[i].pos < h.Sections[j].pos })
		sort.SliceStable(h.Pages, func(i, j int) bool { return h.Pages[i].New-h.Pages[i].Old > h.Pages[j].New-h.Pages[j].Old })
	}
}

func countDistinct(ws []content.Where) int {
	seen := map[string]bool{}
	for _, w := range ws {
		seen[w.String()] = true
	}
	return len(seen)
}
