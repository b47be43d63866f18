package calendar

import (
	"testing"
)

// TestRuleKinds walks every rule kind through the calendar: its article
// for messages, and the day's checklist the .ics writes, where a do is a
// tick box with its time of day, an avoid a line under "Avoid" and a
// milestone a line under "Expect". A new kind that no consumer draws
// fails here.
func TestRuleKinds(t *testing.T) {
	article := map[RuleKind]string{KindAvoid: "an avoid rule", KindDo: "a do", KindMilestone: "a milestone"}
	day1 := map[RuleKind][]string{
		KindDo:        {"[ ] Morning: Rule do"},
		KindAvoid:     {"", "Avoid:", "- Rule avoid"},
		KindMilestone: {"", "Expect:", "- Rule milestone"},
	}
	if got := RuleKinds(); len(got) != len(article) {
		t.Fatalf("RuleKinds() = %v, want the %d kinds this test knows", got, len(article))
	}
	o := ICSOptions{Avoid: "Avoid", Expect: "Expect", Ends: "%s: ends", Times: map[string]string{"morning": "morning"}}
	for _, k := range RuleKinds() {
		if got := k.Article(); got != article[k] {
			t.Errorf("%s.Article() = %q, want %q", k, got, article[k])
		}
		r := Rule{ID: "r", Kind: k, Text: "Rule " + string(k), Start: 24, End: 72}
		if k == KindDo {
			r.Times = []string{"morning"}
		}
		c, err := Build([]Rule{r}, Options{LastDay: 7})
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		got := c.dayChecklist(1, o)
		if len(got) != len(day1[k]) {
			t.Errorf("%s: day 1 = %q, want %q", k, got, day1[k])
			continue
		}
		for i := range got {
			if got[i] != day1[k][i] {
				t.Errorf("%s: day 1 = %q, want %q", k, got, day1[k])
				break
			}
		}
	}
}
