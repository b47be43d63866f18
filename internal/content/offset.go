package content

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"handouts/internal/yamlcheck"
)

// Offset is a time after the treatment, as written in content: "48h"
// (hours), "7d" (days) or "2w" (weeks). Day 0 is the treatment day; hour 0
// is the time of treatment. The unit is kept so text can say "48 hours"
// rather than "2 days" when that is what the writer meant.
type Offset struct {
	Hours int  // total hours after treatment
	Unit  byte // 'h', 'd' or 'w', as written
}

// ParseOffset parses "48h", "7d", "2w" or "0". Negative values are refused.
func ParseOffset(s string) (Offset, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return Offset{Unit: 'h'}, nil
	}
	if len(s) < 2 {
		return Offset{}, fmt.Errorf("duration %q: write a whole number and a unit, like 48h, 7d or 2w", s)
	}
	unit := s[len(s)-1]
	mult := map[byte]int{'h': 1, 'd': 24, 'w': 24 * 7}[unit]
	if mult == 0 {
		return Offset{}, fmt.Errorf("duration %q: unit must be h (hours), d (days) or w (weeks), like 48h, 7d or 2w", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil {
		return Offset{}, fmt.Errorf("duration %q: write a whole number and a unit, like 48h, 7d or 2w", s)
	}
	if n < 0 {
		return Offset{}, fmt.Errorf("duration %q is negative; times count forward from the treatment", s)
	}
	if n > 366*24/mult {
		return Offset{}, fmt.Errorf("duration %q is longer than a year; check the number", s)
	}
	return Offset{Hours: n * mult, Unit: unit}, nil
}

// UnmarshalYAML decodes an offset from a YAML scalar.
func (o *Offset) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &yamlcheck.Error{Line: n.Line, Msg: "a duration must be a single value like 48h, 7d or 2w"}
	}
	v, err := ParseOffset(n.Value)
	if err != nil {
		return &yamlcheck.Error{Line: n.Line, Msg: err.Error()}
	}
	*o = v
	return nil
}

// Amount returns the offset as a number in its written unit, e.g. 48 for "48h".
func (o Offset) Amount() int {
	switch o.Unit {
	case 'd':
		return o.Hours / 24
	case 'w':
		return o.Hours / (24 * 7)
	}
	return o.Hours
}

// String returns the offset as written, e.g. "48h".
func (o Offset) String() string {
	u := o.Unit
	if u == 0 {
		u = 'h'
	}
	return fmt.Sprintf("%d%c", o.Amount(), u)
}

// OverrideError is a per-patient rule override that cannot be used: the
// value as given (RULE=DURATION) and what is wrong with it. Error prints
// it as the command line's flag ("-override no-makeup=0h: …"); a form can
// show Spec and Msg under its own label.
type OverrideError struct {
	Spec string // as given, e.g. "no-makeup=0h"
	Msg  string // what is wrong and what to do
}

// Error returns "-override SPEC: MSG".
func (e *OverrideError) Error() string {
	spec := e.Spec
	if spec == "" || strings.ContainsAny(spec, " \t\n") {
		spec = strconv.Quote(spec)
	}
	return "-override " + spec + ": " + e.Msg
}

// ParseOverrides checks per-patient changes to the end of rule windows,
// each written RULE=DURATION ("no-exercise=72h"), against the rules that
// apply in env (its treatment, brand, skin type and area), and returns
// them by rule id for Env.Overrides. The sheet, the calendar and the
// preview server's form all use it, so they accept and refuse the same
// values: an unknown rule or one with no end (the message lists the rules
// that can be changed, with their ends), a malformed duration, a rule
// given twice, and an end at or before the rule's start, which would make
// a window no calendar can draw. The first problem is returned as an
// *OverrideError.
func ParseOverrides(env Env, specs []string) (map[string]Offset, error) {
	out := map[string]Offset{}
	given := map[string]string{}
	for _, spec := range specs {
		fail := func(format string, args ...any) (map[string]Offset, error) {
			return nil, &OverrideError{Spec: spec, Msg: fmt.Sprintf(format, args...)}
		}
		id, val, ok := strings.Cut(spec, "=")
		id, val = strings.TrimSpace(id), strings.TrimSpace(val)
		if !ok || id == "" || val == "" {
			return fail("write RULE=DURATION, such as no-exercise=72h; rules here: %s", changeable(env))
		}
		r := env.Rule(id)
		switch {
		case r == nil:
			return fail("no rule %q%s in %s; rules here: %s", id, didYouMean(id, ruleIDs(env.Treatment)), env.Treatment.File, changeable(env))
		case r.End == nil:
			return fail("%q is a %s, a moment with no end; rules here: %s", id, r.Kind, changeable(env))
		case !r.When.Matches(env.Skin.ID, env.Area.ID):
			return fail("rule %q does not apply to %s on the %s; rules here: %s", id, env.Skin.Short, env.Area.Short, changeable(env))
		}
		end, err := ParseOffset(val)
		if err != nil {
			return fail("%v", err)
		}
		if end.Hours <= r.Start.Hours {
			return fail("the window would end before it starts (it starts at %s); give a later end", r.Start)
		}
		if prev, dup := given[id]; dup {
			return fail("rule %q is already changed by -override %s; give each rule once", id, prev)
		}
		given[id] = spec
		out[id] = end
	}
	return out, nil
}

// changeable lists the rules of env whose end a patient override may
// change, each with its end: "no-makeup (48h), no-exercise (48h)".
func changeable(env Env) string {
	var list []string
	for _, r := range env.Rules() {
		if r.End != nil {
			list = append(list, fmt.Sprintf("%s (%s)", r.ID, r.End))
		}
	}
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
