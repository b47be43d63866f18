package content

import (
	"fmt"
	"slices"
	"strings"

	"handouts/internal/yamlcheck"
)

// Checking visits. A patient can have any two treatments a clinic offers
// on one day, and the visit's schedule (Schedule) merges their rules by
// id. So that no packet fails at the desk, check tries every pair of
// treatments: an id with two kinds, a same_as or conflicts naming no
// rule, and a task with no time left are errors at their lines; ids or
// texts that look like one instruction under two ids (moisturise beside
// moisturize) are warnings, since the visit would print both lines; and
// what the merge settles is listed for `check` to show (Catalog.Merges).

// checkVisits checks the rules of every pair of treatments as one visit.
func (l *loader) checkVisits() {
	ts := l.c.Treatments
	known := map[string]bool{}
	for _, t := range ts {
		for _, r := range t.Rules {
			known[r.ID] = true
		}
	}
	// A rule named may be a quarantined treatment's: then names are not
	// checked (the treatment's own problem is reported).
	for _, t := range ts {
		for _, r := range t.Rules {
			if len(l.dropped) > 0 {
				continue
			}
			if r.SameAs != "" && !known[r.SameAs] {
				l.e.addf(t.File, r.Line, "rule %q: same_as %q names no rule of any treatment%s", r.ID, r.SameAs, didYouMean(r.SameAs, sortedKeys(known)))
			}
			for _, c := range r.Conflicts {
				if !known[c] {
					l.e.addf(t.File, r.Line, "rule %q: conflicts names %q, no rule of any treatment%s", r.ID, c, didYouMean(c, sortedKeys(known)))
				}
			}
		}
	}
	for i, a := range ts {
		for _, b := range ts[i+1:] {
			l.lookAlikes(a, b)
		}
	}
	if len(ts) < 2 || len(l.c.Brands) == 0 {
		return
	}
	// Every pair, for every clinic (its own windows), on every skin type
	// and area: the kind of a shared id and the time left for a task.
	seen := map[string]bool{}
	for _, b := range l.c.Brands {
		for i, a := range ts {
			for _, t := range ts[i+1:] {
				for _, skin := range l.c.Skins {
					for _, area := range l.c.Areas {
						envs := []Env{
							{Catalog: l.c, Brand: b, Treatment: a, Skin: skin, Area: area},
							{Catalog: l.c, Brand: b, Treatment: t, Skin: skin, Area: area},
						}
						s, err := NewSchedule(envs)
						if err != nil {
							if msg := err.Error(); !seen[msg] {
								seen[msg] = true
								if ce, ok := err.(*Error); ok {
									l.e.add(ce)
								} else {
									l.e.addf(a.File, 0, "%v", err)
								}
							}
							continue
						}
						for _, m := range s.Merged {
							note := a.ID + " + " + t.ID + ": " + m
							if !slices.Contains(l.c.merges, note) {
								l.c.merges = append(l.c.merges, note)
							}
						}
					}
				}
			}
		}
	}
}

// lookAlikes warns where two treatments give one instruction two ids:
// ids that differ by a letter or two (moisturise, moisturize) or rules
// with the same words, not joined by same_as.
func (l *loader) lookAlikes(a, b *Treatment) {
	joined := func(x, y *Rule) bool { return x.SameAs == y.ID || y.SameAs == x.ID }
	words := func(s string) string {
		return strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, ". "))), " ")
	}
	for _, x := range a.Rules {
		for _, y := range b.Rules {
			if x.ID == y.ID || joined(x, y) {
				continue
			}
			near := len(x.ID) > 5 && yamlcheck.EditDistance(x.ID, y.ID) <= 2
			same := words(x.Text) == words(y.Text)
			if !near && !same {
				continue
			}
			why := fmt.Sprintf("ids %q and %q differ by a letter or two", x.ID, y.ID)
			if same {
				why = fmt.Sprintf("rules %q and %q say the same words", x.ID, y.ID)
			}
			l.w.add(&Error{File: b.File, Line: y.Line,
				Msg: fmt.Sprintf("%s (%s:%d), so a visit with both treatments prints two lines for what may be one instruction", why, a.File, x.Line),
				Fix: fmt.Sprintf("if they are the same, add same_as: %s to this rule; if not, reword one", x.ID)})
		}
	}
}

// Merges lists, for every pair of treatments a visit may have, the rules
// whose windows the two treatments give differently and the window the
// visit keeps: "microneedling + dermaplaning: no-actives: 0d to 7d
// (microneedling), not 0d to 5d (dermaplaning): an avoid runs from the
// earlier start to the later end".
func (c *Catalog) Merges() []string { return c.merges }
