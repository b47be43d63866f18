package content

import (
	"slices"
	"strings"
)

// One run of check reports every independent problem: a stage's problems
// do not stop the stages after it. Instead, what a stage finds broken is
// quarantined, dropped from the catalogue and its views, so the later
// stages run on whatever loaded cleanly and never on a file known to be
// broken:
//
//   - after the treatments and the brands load, a treatment with a
//     problem in a file of its folder other than a handout that loaded
//     (its treatment.yaml or a translation of it, a handout that could not
//     be read), and a brand with a problem in its brand file or a
//     translation of it. A handout that loaded with a problem (a
//     translation that differs from its source) is kept while the
//     translations are checked (it exists), and set aside once the views
//     are made: the handouts' own checks do not run on it.
//   - after the Markdown limits and the placeholders' places, each
//     handout with a problem (a source with its translations), so a
//     pathological handout is never parsed whole.
//
// A problem found later about something quarantined (a brand offering a
// dropped treatment, a rule of it) is not reported: it follows from the
// first.
//
// Two stages still stop the load: the tree's own (an output folder inside
// it, names that collide on another system: which file is meant is not
// known) and the skin types and areas (the variants every handout is
// checked over: a handout checked without one of them would report each
// mention of it as unknown).

// stageMark is the set of problems found so far, for quarantine to tell
// the new ones.
func (l *loader) stageMark() map[*Error]bool {
	seen := make(map[*Error]bool, len(l.e.list))
	for _, e := range l.e.list {
		seen[e] = true
	}
	return seen
}

// newProblemFiles returns the files the problems not in before name.
func (l *loader) newProblemFiles(before map[*Error]bool) map[string]bool {
	bad := map[string]bool{}
	for _, e := range l.e.list {
		if !before[e] {
			bad[e.File] = true
		}
	}
	return bad
}

// quarantineLoaded drops the treatments and brands that a problem not in
// before makes unusable (see above).
func (l *loader) quarantineLoaded(before map[*Error]bool) {
	bad := l.newProblemFiles(before)
	if len(bad) == 0 {
		return
	}
	loaded := map[string]bool{} // the handouts that read, sources and translations
	for _, t := range l.c.Treatments {
		for _, h := range t.AllHandouts() {
			loaded[h.File] = true
			if bad[h.File] {
				if l.unsound == nil {
					l.unsound = map[string]bool{}
				}
				l.unsound[h.File] = true
			}
		}
	}
	if l.dropped == nil {
		l.dropped = map[string]bool{}
	}
	// A treatment whose treatment.yaml did not load is not in the
	// catalogue, but its folder's name is its id.
	for f := range bad {
		if rest, ok := strings.CutPrefix(f, l.name("treatments")+"/"); ok && !loaded[f] {
			if id, _, ok := strings.Cut(rest, "/"); ok {
				l.dropped[id] = true
			}
		}
	}
	l.c.Treatments = slices.DeleteFunc(l.c.Treatments, func(t *Treatment) bool { return l.dropped[t.ID] })
	l.c.Brands = slices.DeleteFunc(l.c.Brands, func(b *Brand) bool {
		prefix := strings.TrimSuffix(b.File, ".yaml") + "."
		for f := range bad {
			if strings.HasPrefix(f, prefix) {
				return true
			}
		}
		return false
	})
}

// setAsideUnsound drops the handouts that loaded with a problem
// (quarantineLoaded), once the views are made.
func (l *loader) setAsideUnsound(map[*Error]bool) {
	l.dropHandouts(l.unsound)
}

// quarantineHandouts drops each handout that a problem not in before
// names.
func (l *loader) quarantineHandouts(before map[*Error]bool) {
	l.dropHandouts(l.newProblemFiles(before))
}

// dropHandouts drops the handouts whose files are bad (a source with its
// translations, or one translation), from the catalogue and from every
// view.
func (l *loader) dropHandouts(bad map[string]bool) {
	if len(bad) == 0 {
		return
	}
	drop := func(h *Handout) bool {
		return bad[h.File] || (h.Source != nil && bad[h.Source.File])
	}
	for _, t := range l.c.Treatments {
		for _, h := range t.Handouts {
			for sfx, tr := range h.tr {
				if bad[tr.File] {
					delete(h.tr, sfx)
				}
			}
		}
		t.Handouts = slices.DeleteFunc(slices.Clone(t.Handouts), drop)
	}
	for _, v := range l.c.views {
		for _, t := range v.treatments {
			t.Handouts = slices.DeleteFunc(slices.Clone(t.Handouts), drop)
		}
	}
}
