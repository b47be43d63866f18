package review

import (
	"fmt"
	"slices"
	"strings"

	"handouts/internal/content"
)

// ruleChanges lists, per treatment both versions have, each rule whose
// window (start, end), label, reach (when:) or optional flag changed, as
// each clinic both versions have applies it (a clinic may set a window's
// end), grouped by what changed.
func ruleChanges(from, to *content.Catalog) []*RuleChange {
	var brands []string
	for _, b := range to.Brands {
		if from.Brand(b.ID) != nil {
			brands = append(brands, b.ID)
		}
	}
	var out []*RuleChange
	for _, nt := range to.Treatments {
		ot := from.Treatment(nt.ID)
		if ot == nil {
			continue
		}
		var ids []string
		for _, r := range nt.Rules {
			ids = append(ids, r.ID)
		}
		for _, r := range ot.Rules {
			if !slices.Contains(ids, r.ID) {
				ids = append(ids, r.ID)
			}
		}
		for _, id := range ids {
			byWhat := map[string]*RuleChange{}
			var order []string
			var clinics = map[string][]string{}
			for _, b := range brands {
				ob, nb := from.Brand(b), to.Brand(b)
				or, nr := ot.RuleFor(id, ob), nt.RuleFor(id, nb)
				what := ruleDiff(or, nr, ob, nb)
				if len(what) == 0 {
					continue
				}
				k := strings.Join(what, "\x00")
				if byWhat[k] == nil {
					rc := &RuleChange{Treatment: nt.ID, ID: id, File: nt.File, What: what}
					if nr != nil {
						rc.Text, rc.Line = nr.Text, nr.Line
					} else {
						rc.Text, rc.Line, rc.File = or.Text, or.Line, ot.File
					}
					// The clinic's own time changed, not the treatment's.
					none := &content.Brand{}
					if len(ruleDiff(ot.RuleFor(id, none), nt.RuleFor(id, none), none, none)) == 0 && nb.RuleLine(id) > 0 {
						rc.File, rc.Line = nb.File, nb.RuleLine(id)
					}
					byWhat[k] = rc
					order = append(order, k)
				}
				clinics[k] = append(clinics[k], b)
			}
			for _, k := range order {
				rc := byWhat[k]
				if len(clinics[k]) < len(brands) {
					rc.Clinics = plural(len(clinics[k]), "clinic ", "clinics ") + strings.Join(clinics[k], ", ")
				}
				out = append(out, rc)
			}
		}
	}
	return out
}

// ruleDiff words what changed between a rule's two versions, as clinics
// ob and nb apply it.
func ruleDiff(or, nr *content.Rule, ob, nb *content.Brand) []string {
	shown := func(r *content.Rule, b *content.Brand) bool {
		_, set := b.Rules[r.ID]
		return !r.Optional || set
	}
	switch {
	case or == nil && nr == nil:
		return nil
	case or == nil:
		return []string{"new: " + window(nr)}
	case nr == nil:
		return []string{"removed (was " + window(or) + ")"}
	}
	var what []string
	if shown(or, ob) != shown(nr, nb) {
		if shown(nr, nb) {
			what = append(what, "now shown (the clinic sets its time)")
		} else {
			what = append(what, "no longer shown (an optional rule the clinic does not set)")
		}
	}
	if or.Kind != nr.Kind {
		what = append(what, fmt.Sprintf("kind %s → %s", or.Kind, nr.Kind))
	}
	if or.Start.Hours != nr.Start.Hours {
		what = append(what, fmt.Sprintf("starts %s → %s", or.Start, nr.Start))
	}
	switch {
	case or.End == nil && nr.End != nil:
		what = append(what, fmt.Sprintf("now ends %s", nr.End))
	case or.End != nil && nr.End == nil:
		what = append(what, fmt.Sprintf("no longer ends (was %s)", or.End))
	case or.End != nil && or.End.Hours != nr.End.Hours:
		what = append(what, fmt.Sprintf("ends %s → %s", or.End, nr.End))
	}
	if or.Text != nr.Text {
		what = append(what, fmt.Sprintf("label %q → %q", or.Text, nr.Text))
	}
	if w0, w1 := whenText(or.When), whenText(nr.When); w0 != w1 {
		what = append(what, fmt.Sprintf("for %s → %s", w0, w1))
	}
	if strings.Join(or.Times, ",") != strings.Join(nr.Times, ",") {
		what = append(what, fmt.Sprintf("times %s → %s", timesText(or.Times), timesText(nr.Times)))
	}
	return what
}

// window words a rule's time: "0h to 48h", or "at 5d" for a milestone.
func window(r *content.Rule) string {
	if r.End == nil {
		return "at " + r.Start.String()
	}
	return r.Start.String() + " to " + r.End.String()
}

func whenText(c content.Condition) string {
	var parts []string
	if len(c.Skin) > 0 {
		parts = append(parts, plural(len(c.Skin), "skin type ", "skin types ")+strings.Join(c.Skin, ", "))
	}
	if len(c.Area) > 0 {
		parts = append(parts, plural(len(c.Area), "area ", "areas ")+strings.Join(c.Area, ", "))
	}
	if len(parts) == 0 {
		return "every variant"
	}
	return strings.Join(parts, " and ")
}

func timesText(t []string) string {
	if len(t) == 0 {
		return "none"
	}
	return strings.Join(t, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
