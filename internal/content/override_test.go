package content

import (
	"errors"
	"testing"
)

// TestParseOverrides: per-patient rule ends are checked against the
// rules of the variant, with one message per problem naming the flag.
func TestParseOverrides(t *testing.T) {
	c := loadBase(t)
	env, err := c.Env("acme", "microneedling", "oily", "face")
	if err != nil {
		t.Fatal(err)
	}
	// acme shortens no-makeup to 24h; extra-serum is for dry skin only.
	const here = "rules here: no-makeup (24h), no-actives (7d)"
	tests := []struct {
		specs []string
		want  map[string]Offset
		err   string
	}{
		{nil, map[string]Offset{}, ""},
		{[]string{"no-makeup=72h", "no-actives=10d"}, map[string]Offset{"no-makeup": {72, 'h'}, "no-actives": {240, 'd'}}, ""},
		{[]string{"no-makeup=0h"}, nil, "-override no-makeup=0h: the window would end before it starts (it starts at 0h); give a later end"},
		{[]string{"no-actives=0d"}, nil, "-override no-actives=0d: the window would end before it starts (it starts at 0d); give a later end"},
		{[]string{"no-sun=48h"}, nil, `-override no-sun=48h: no rule "no-sun" in content/treatments/microneedling/treatment.yaml; ` + here},
		{[]string{"one-product-back=3d"}, nil, `-override one-product-back=3d: "one-product-back" is a milestone, a moment with no end; ` + here},
		{[]string{"extra-serum=3d"}, nil, `-override extra-serum=3d: rule "extra-serum" does not apply to oily skin on the face; ` + here},
		{[]string{"no-makeup"}, nil, "-override no-makeup: write RULE=DURATION, such as no-exercise=72h; " + here},
		{[]string{"=48h"}, nil, "-override =48h: write RULE=DURATION, such as no-exercise=72h; " + here},
		{[]string{""}, nil, `-override "": write RULE=DURATION, such as no-exercise=72h; ` + here},
		{[]string{"no-makeup=2x"}, nil, `-override no-makeup=2x: duration "2x": unit must be h (hours), d (days) or w (weeks), like 48h, 7d or 2w`},
		{[]string{"no-makeup=-5h"}, nil, `-override no-makeup=-5h: duration "-5h" is negative; times count forward from the treatment`},
		{[]string{"no-makeup=48h", "no-makeup=72h"}, nil, `-override no-makeup=72h: rule "no-makeup" is already changed by -override no-makeup=48h; give each rule once`},
	}
	for _, tt := range tests {
		got, err := ParseOverrides(env, tt.specs)
		if tt.err != "" {
			var oe *OverrideError
			if err == nil || err.Error() != tt.err || !errors.As(err, &oe) {
				t.Errorf("ParseOverrides(%q) error = %v\nwant %s", tt.specs, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseOverrides(%q) error = %v", tt.specs, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("ParseOverrides(%q) = %v, want %v", tt.specs, got, tt.want)
		}
		for id, o := range tt.want {
			if got[id] != o {
				t.Errorf("ParseOverrides(%q)[%s] = %v, want %v", tt.specs, id, got[id], o)
			}
		}
	}
}
