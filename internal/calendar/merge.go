package calendar

import (
	"fmt"
	"slices"
	"sort"
)

// Merging. Where a patient has two treatments on the same day (say
// microneedling and a chemical peel), or one treatment on two areas, one
// schedule holds every rule of all of them, and every document of the
// visit reads its windows from it (content.Schedule uses Merge; the
// calendar draws it). Merge joins the rule sets:
//
//   - Rules are matched by id: the same id in two sets is the same
//     instruction ("no-makeup" means no makeup whichever treatment says
//     so). Different ids are different lines, even with the same words,
//     unless content says they are the same (content's same_as, which
//     renames a rule to the other's id before Merge sees it).
//   - An avoid window shared by two treatments takes the stricter window:
//     from the earlier start to the later end, with the text of the rule
//     that ends later (the first on a tie). "Later" is judged on the
//     calendar's clock, as Build draws it: a window written in hours runs
//     from the time of treatment, one written in days to a day's boundary,
//     so on a calendar dated at 10:30 a 48h window (day 2 at 10:30) ends
//     after a 2d one (day 2 at 00:00).
//   - A daily task (kind do) shared by two treatments starts at the later
//     start (one treatment not yet allowing it is reason enough to wait)
//     and goes on until the later end; it is ticked at every time of day
//     either names. A task that names others in Conflicts (say a cleanser
//     beside "rinse with water only") starts no earlier than each of them
//     ends; one that then has no time left is left out.
//   - A milestone shared by two treatments happens once, at the later of
//     its times: "actives may come back" is true only when both
//     treatments allow them.
//   - The same id with two different kinds is an error: an id names one
//     instruction.
//
// Every merged rule records in From the names of the sets it comes from,
// in the order the sets are given, so each line can say which treatment
// it belongs to. Lines keep the order in which their ids first appear,
// but for the milestones of several sets, listed in the order they happen.

// Set is one treatment's rules, with its name as the patient reads it.
type Set struct {
	Name  string
	Rules []Rule
}

// Clock is where a calendar's offsets fall, in minutes from day 0's
// midnight, as Build draws them: a window written in hours runs from the
// time of treatment, one written in days from a day's boundary, and
// nothing starts before the treatment itself.
type Clock struct{ tod int }

// ClockOf returns the clock of a calendar with options opt.
func ClockOf(opt Options) Clock {
	if opt.HasTime && !opt.Start.IsZero() {
		return Clock{opt.Start.Hour()*60 + opt.Start.Minute()}
	}
	return Clock{}
}

// Start returns when r starts.
func (c Clock) Start(r Rule) int {
	if r.StartHours {
		return c.tod + r.Start*60
	}
	return max(r.Start/24*24*60, c.tod)
}

// End returns when r ends (for a do or avoid rule).
func (c Clock) End(r Rule) int {
	if r.Hours {
		return c.tod + r.End*60
	}
	return r.End / 24 * 24 * 60
}

// Merge joins sets into one list of rules, as described above, with From
// set on every rule. opt is the calendar the rules are for: its time of
// treatment decides which of two windows ends later.
func Merge(sets []Set, opt Options) ([]Rule, error) {
	clk := ClockOf(opt)
	var out []Rule
	type first struct {
		kind RuleKind
		set  string
	}
	kinds := map[string]first{} // where each id was first seen
	for _, s := range sets {
		for _, r := range s.Rules {
			r.Times = slices.Clone(r.Times)
			r.Conflicts = slices.Clone(r.Conflicts)
			r.From = []string{s.Name}
			if f, seen := kinds[r.ID]; !seen {
				kinds[r.ID] = first{r.Kind, s.Name}
			} else if f.kind != r.Kind {
				return nil, fmt.Errorf("rule %s is %s in %s but %s in %s; an id names one instruction, so give one of them another id", r.ID, f.kind.Article(), f.set, r.Kind.Article(), s.Name)
			}
			i := slices.IndexFunc(out, func(o Rule) bool { return o.ID == r.ID })
			if i < 0 {
				out = append(out, r)
				continue
			}
			m := &out[i]
			if !slices.Contains(m.From, s.Name) {
				m.From = append(m.From, s.Name)
			}
			switch r.Kind {
			case KindMilestone:
				if clk.Start(r) > clk.Start(*m) {
					m.Start, m.StartHours, m.Text = r.Start, r.StartHours, r.Text
				}
				continue
			case KindAvoid:
				if clk.Start(r) < clk.Start(*m) {
					m.Start, m.StartHours = r.Start, r.StartHours
				}
			default:
				if clk.Start(r) > clk.Start(*m) {
					m.Start, m.StartHours = r.Start, r.StartHours
				}
			}
			if clk.End(r) > clk.End(*m) {
				m.End, m.Hours, m.Text = r.End, r.Hours, r.Text
			}
			m.Ongoing = m.Ongoing || r.Ongoing
			for _, tm := range r.Times {
				if !slices.Contains(m.Times, tm) {
					m.Times = append(m.Times, tm)
				}
			}
			for _, id := range r.Conflicts {
				if !slices.Contains(m.Conflicts, id) {
					m.Conflicts = append(m.Conflicts, id)
				}
			}
			sort.SliceStable(m.Times, func(a, b int) bool { return TimeOfDay[m.Times[a]] < TimeOfDay[m.Times[b]] })
		}
	}
	out = waitForConflicts(out, clk)
	if len(sets) < 2 {
		return out, nil // one treatment's milestones as its content lists them
	}
	// The milestones of several treatments in the order they happen.
	var ms []Rule
	for _, r := range out {
		if r.Kind == KindMilestone {
			ms = append(ms, r)
		}
	}
	sort.SliceStable(ms, func(a, b int) bool { return clk.Start(ms[a]) < clk.Start(ms[b]) })
	for i := range out {
		if out[i].Kind == KindMilestone {
			out[i], ms = ms[0], ms[1:]
		}
	}
	return out, nil
}

// waitForConflicts starts each task that names others in Conflicts when
// the last of them still in the list ends; a task left with no time is
// dropped.
func waitForConflicts(rules []Rule, clk Clock) []Rule {
	var out []Rule
	for _, r := range rules {
		for _, id := range r.Conflicts {
			i := slices.IndexFunc(rules, func(o Rule) bool { return o.ID == id && o.Kind != KindMilestone })
			if i < 0 || clk.End(rules[i]) <= clk.Start(r) {
				continue
			}
			o := rules[i]
			r.Start, r.StartHours = o.End, o.Hours
		}
		if r.Kind != KindMilestone && clk.End(r) <= clk.Start(r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// Treatments returns the names of the treatments the calendar's lines
// come from, in the order they first appear; more than one means the
// calendar merges several, and each line says which it belongs to.
func (c *Calendar) Treatments() []string {
	var out []string
	add := func(r Rule) {
		for _, n := range r.From {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	for _, r := range c.Rows {
		add(r.Rule)
	}
	for _, m := range c.Milestones {
		add(m.Rule)
	}
	return out
}
