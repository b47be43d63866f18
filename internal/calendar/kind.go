package calendar

// RuleKind is what a rule asks of the patient, as content writes it in a
// treatment's rules (kind:). It decides how every output draws the rule:
// a tick box or a line on the grid, an event or a reminder in the .ics,
// a section of the phone's checklist. Content refuses any other value
// when it loads a treatment (content's treatment.go), so a Rule's Kind is
// always one of these.
type RuleKind string

// The rule kinds. These constants are the only place their names are
// written; everything else compares with them.
const (
	KindAvoid     RuleKind = "avoid"     // a window of something not to do, ending at a day or an hour
	KindDo        RuleKind = "do"        // a task to do through a window, at times of day
	KindMilestone RuleKind = "milestone" // a moment with no end (a follow-up visit)
)

// Article returns the kind with its article, for messages: "an avoid
// rule", "a do", "a milestone".
func (k RuleKind) Article() string {
	if k == KindAvoid {
		return "an avoid rule"
	}
	return "a " + string(k)
}

// RuleKinds returns every rule kind, in the order messages name them.
func RuleKinds() []RuleKind { return []RuleKind{KindAvoid, KindDo, KindMilestone} }
