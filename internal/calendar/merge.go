package calendar

import (
	"fmt"
	"slices"
	"sort"
)

// Merging. Where a patient has two treatments on the same day (say
// microneedling and a chemical peel), or one treatment on two areas, one
// calendar shows every rule of all of them in one grid. Merge joins the
// rule sets before Build computes the grid:
//
//   - Rules are matched by id: the same id in two sets is the same
//     instruction ("no-makeup" means no makeup whichever treatment says
//     so). Different ids are different lines, even with the same words.
//   - Where two rules avoid the same thing (kind avoid, same id), the
//     merged line takes the stricter window: from the earlier start to the
//     later end, with the text of the rule that ends later (the first on a
//     tie). "Later" is judged on the calendar's clock, as Build draws it: a
//     window written in hours runs from the time of treatment, one written
//     in days to a day's boundary, so on a calendar dated at 10:30 a 48h
//     window (day 2 at 10:30) ends after a 2d one (day 2 at 00:00).
//   - Daily tasks (kind do) with the same id merge the same way (the task
//     goes on until the later end), and the merged task is ticked at every
//     time of day either names.
//   - Milestones with the same id and the same time are one line; at
//     different times they stay two lines, each with its treatment, since
//     each says what to expect after that treatment. The milestones of
//     several sets are listed in the order they happen.
//   - The same id with two different kinds is an error: an id names one
//     instruction.
//
// Every merged rule records in From the names of the sets it comes from,
// in the order the sets are given, so each line can say which treatment
// it belongs to. Lines keep the order in which their ids first appear.

// Set is one treatment's rules, with its name as the patient reads it.
type Set struct {
	Name  string
	Rules []Rule
}

// Merge joins sets into one list of rules, as described above, with From
// set on every rule. opt is the calendar the rules are for: its time of
// treatment decides which of two windows ends later.
func Merge(sets []Set, opt Options) ([]Rule, error) {
	tod := 0
	if opt.HasTime && !opt.Start.IsZero() {
		tod = opt.Start.Hour()*60 + opt.Start.Minute()
	}
	// start and end are a window's bounds in minutes from day 0's midnight,
	// as Build computes them.
	start := func(r Rule) int {
		if r.StartHours {
			return tod + r.Start*60
		}
		return r.Start / 24 * 24 * 60
	}
	end := func(r Rule) int {
		if r.Hours {
			return tod + r.End*60
		}
		return r.End / 24 * 24 * 60
	}
	var out []Rule
	type first struct{ kind, set string }
	kinds := map[string]first{} // where each id was first seen
	for _, s := range sets {
		for _, r := range s.Rules {
			r.Times = slices.Clone(r.Times)
			r.From = []string{s.Name}
			if f, seen := kinds[r.ID]; !seen {
				kinds[r.ID] = first{r.Kind, s.Name}
			} else if f.kind != r.Kind {
				return nil, fmt.Errorf("rule %s is %s in %s but %s in %s; an id names one instruction, so give one of them another id", r.ID, article(f.kind), f.set, article(r.Kind), s.Name)
			}
			i := slices.IndexFunc(out, func(o Rule) bool {
				return o.ID == r.ID && (r.Kind != "milestone" || start(o) == start(r))
			})
			if i < 0 {
				out = append(out, r)
				continue
			}
			m := &out[i]
			if !slices.Contains(m.From, s.Name) {
				m.From = append(m.From, s.Name)
			}
			if r.Kind == "milestone" {
				continue
			}
			if start(r) < start(*m) {
				m.Start, m.StartHours = r.Start, r.StartHours
			}
			if end(r) > end(*m) {
				m.End, m.Hours, m.Text = r.End, r.Hours, r.Text
			}
			for _, tm := range r.Times {
				if !slices.Contains(m.Times, tm) {
					m.Times = append(m.Times, tm)
				}
			}
			sort.SliceStable(m.Times, func(a, b int) bool { return TimeOfDay[m.Times[a]] < TimeOfDay[m.Times[b]] })
		}
	}
	if len(sets) > 1 {
		// The milestones of several treatments in the order they happen.
		var ms []Rule
		for _, r := range out {
			if r.Kind == "milestone" {
				ms = append(ms, r)
			}
		}
		sort.SliceStable(ms, func(a, b int) bool { return start(ms[a]) < start(ms[b]) })
		for i := range out {
			if out[i].Kind == "milestone" {
				out[i], ms = ms[0], ms[1:]
			}
		}
	}
	return out, nil
}

// article returns kind with its article, for messages: "an avoid rule".
func article(kind string) string {
	if kind == "avoid" {
		return "an avoid rule"
	}
	return "a " + kind
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
