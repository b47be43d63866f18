package content

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"handouts/internal/calendar"
)

// A Schedule is the one set of rule windows for a visit: a clinic, a
// language, one or more treatments on one or more areas, a date, maybe a
// time, and the patient's overrides. Every document of the visit (each
// sheet's placeholders and summary, the calendar, the guides, the .ics,
// the email) reads its windows from it through Env.Rule, so no two of them
// can give one rule two dates.
//
// Windows are merged as calendar.Merge says: for one rule id, an avoid
// runs from the earlier start to the later end; a daily task starts at the
// later start (and waits for the rules it names in conflicts: to end); a
// milestone happens once, at the later time. Content joins two ids that
// mean the same thing with same_as: (a rule in one treatment naming the
// other treatment's id); the joined rules are one line under the id that
// sorts first.
type Schedule struct {
	Start   time.Time
	HasTime bool
	rules   map[string]Rule   // merged windows, by canonical id
	alias   map[string]string // rule id -> canonical id, where same_as joins ids
	// Merged says, for each rule whose window two parts of the visit
	// gave differently, which window the visit keeps and why, for check
	// to report: "no-actives: 0d to 7d (microneedling), not 0d to 5d
	// (dermaplaning): an avoid ends at the later end".
	Merged []string
}

// NewSchedule merges the rules of envs, the parts of one visit (each
// treatment on each area, all for one brand, language and date), into one
// schedule. Each env's own rules, with the brand's and the patient's
// overrides, are the input; the envs are left as they are (set their
// Visit to the result).
func NewSchedule(envs []Env) (*Schedule, error) {
	if len(envs) == 0 {
		return nil, fmt.Errorf("a visit needs at least one treatment and area")
	}
	s := &Schedule{Start: envs[0].Start, HasTime: envs[0].HasTime, rules: map[string]Rule{}}
	s.alias = aliases(envs)
	opt := calendar.Options{Start: s.Start, HasTime: s.HasTime}
	// units remembers how each offset was written, so that a merged window
	// still says "7 days" where its content did.
	units := map[int]byte{}
	var sets []calendar.Set
	origin := map[string][]*Rule{} // canonical id -> the rules it merges
	names := map[*Rule]string{}
	for _, e := range envs {
		e.Visit = nil
		set := calendar.Set{Name: e.Treatment.ID}
		for _, r := range e.Rules() {
			id := s.ID(r.ID)
			origin[id] = append(origin[id], r)
			names[r] = e.Treatment.ID
			for _, o := range []*Offset{&r.Start, r.End} {
				if o != nil && o.Unit != 'h' {
					if _, seen := units[o.Hours]; !seen {
						units[o.Hours] = o.Unit
					}
				}
			}
			cr := calendar.Rule{ID: id, Kind: r.Kind, Text: r.Text, Start: r.Start.Hours, StartHours: r.Start.Unit == 'h', Times: r.Times, Ongoing: r.Ongoing}
			for _, c := range r.Conflicts {
				cr.Conflicts = append(cr.Conflicts, s.ID(c))
			}
			if r.End != nil {
				cr.End, cr.Hours = r.End.Hours, r.End.Unit == 'h'
			}
			set.Rules = append(set.Rules, cr)
		}
		sets = append(sets, set)
	}
	merged, err := calendar.Merge(sets, opt)
	if err != nil {
		return nil, s.kindClash(err, origin)
	}
	offset := func(hours int, inHours bool) Offset {
		if inHours {
			return Offset{Hours: hours, Unit: 'h'}
		}
		if u, ok := units[hours]; ok {
			return Offset{Hours: hours, Unit: u}
		}
		return Offset{Hours: hours, Unit: 'd'}
	}
	kept := map[string]bool{}
	for _, m := range merged {
		kept[m.ID] = true
		r := Rule{ID: m.ID, Kind: m.Kind, Text: m.Text, Start: offset(m.Start, m.StartHours)}
		if m.Kind != calendar.KindMilestone {
			end := offset(m.End, m.Hours)
			r.End = &end
		}
		s.rules[m.ID] = r
		s.Merged = append(s.Merged, explain(r, origin[m.ID], names)...)
	}
	for _, id := range sortedKeys(origin) {
		if !kept[id] {
			r := origin[id][0]
			return nil, fmt.Errorf("%s:%d: rule %q has no time left in a visit with %s: it waits for the rules in its conflicts: to end, and it ends first; shorten the conflict or let the task run longer",
				r.file, r.Line, r.ID, strings.Join(treatmentIDs(envs), " and "))
		}
	}
	return s, nil
}

// ID returns the id rule id is merged under in the visit: its own, or,
// where same_as joins it to another, the id that sorts first.
func (s *Schedule) ID(id string) string {
	if s == nil {
		return id
	}
	if c, ok := s.alias[id]; ok {
		return c
	}
	return id
}

// window returns the visit's window for rule id (none without a visit).
func (s *Schedule) window(id string) (Rule, bool) {
	if s == nil {
		return Rule{}, false
	}
	r, ok := s.rules[s.ID(id)]
	return r, ok
}

// aliases joins the ids that same_as says are one instruction, each group
// under the id that sorts first, so the join does not depend on which
// treatment is listed first.
func aliases(envs []Env) map[string]string {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		root := find(p)
		parent[x] = root
		return root
	}
	for _, e := range envs {
		for _, r := range e.Treatment.Rules {
			if r.SameAs == "" {
				continue
			}
			a, b := find(r.ID), find(r.SameAs)
			if a == b {
				continue
			}
			if b < a {
				a, b = b, a
			}
			parent[b] = a
			parent[a] = a
		}
	}
	out := map[string]string{}
	for id := range parent {
		if root := find(id); root != id {
			out[id] = root
		}
	}
	return out
}

// explain says how the visit settled rule r where the rules it merges
// (from, by treatment in names) gave different windows.
func explain(r Rule, from []*Rule, names map[*Rule]string) []string {
	window := func(x *Rule) string {
		if x.End == nil {
			return x.Start.String()
		}
		return x.Start.String() + " to " + x.End.String()
	}
	kept := window(&r)
	var others []string
	var keptBy []string
	for _, x := range from {
		w := window(x) + " (" + names[x] + ")"
		if window(x) == kept {
			if !slices.Contains(keptBy, names[x]) {
				keptBy = append(keptBy, names[x])
			}
			continue
		}
		if !slices.Contains(others, w) {
			others = append(others, w)
		}
	}
	if len(others) == 0 {
		return nil
	}
	why := map[calendar.RuleKind]string{
		calendar.KindAvoid:     "an avoid runs from the earlier start to the later end",
		calendar.KindDo:        "a task starts at the later start (or when a rule it conflicts with ends) and runs to the later end",
		calendar.KindMilestone: "a shared milestone happens once, at the later time",
	}[r.Kind]
	by := strings.Join(keptBy, ", ")
	if by == "" {
		by = "merged"
	}
	return []string{fmt.Sprintf("%s: %s (%s), not %s: %s", r.ID, kept, by, strings.Join(others, ", not "), why)}
}

// kindClash turns calendar.Merge's error for an id with two kinds into
// one that names both rules' lines.
func (s *Schedule) kindClash(err error, origin map[string][]*Rule) error {
	for _, id := range sortedKeys(origin) {
		rs := origin[id]
		for _, r := range rs[1:] {
			if r.Kind != rs[0].Kind {
				return &Error{File: rs[0].file, Line: rs[0].Line,
					Msg: fmt.Sprintf("rule %q is %s here but %s in %s:%d; an id names one instruction in every treatment", rs[0].ID, rs[0].Kind.Article(), r.Kind.Article(), r.file, r.Line),
					Fix: "give one of them another id"}
			}
		}
	}
	return err
}

func treatmentIDs(envs []Env) []string {
	var out []string
	for _, e := range envs {
		if !slices.Contains(out, e.Treatment.ID) {
			out = append(out, e.Treatment.ID)
		}
	}
	return out
}
