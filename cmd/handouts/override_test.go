package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOverrideFlag: sheet and calendar check -override alike, with exit
// status 2 and a message about the flag, before anything is rendered.
func TestOverrideFlag(t *testing.T) {
	tests := []struct {
		spec string
		code int
		want string
	}{
		{"no-makeup=72h", 0, ""},
		{"no-makeup=0h", 2, "-override no-makeup=0h: the window would end before it starts (it starts at 0h); give a later end"},
		{"gentle-cleanse=2d", 2, "-override gentle-cleanse=2d: the window would end before it starts (it starts at 48h); give a later end"},
		{"no-sun=48h", 2, `-override no-sun=48h: no rule "no-sun" in ../../content/treatments/microneedling/treatment.yaml; rules here: water-rinse (48h), gentle-cleanse (14d), ha-serum (14d), ha-serum-extra (7d), moisturize (14d), mineral-sunscreen (14d), no-makeup (48h), no-exercise (48h), no-chemical-sunscreen (48h), no-actives (7d), no-fragrance (7d), no-scrubs (14d), no-picking (14d), wear-hat (48h)`},
		{"redness-eases=3d", 2, `-override redness-eases=3d: "redness-eases" is a milestone, a moment with no end; rules here: water-rinse (48h)`},
		{"loose-clothing=3d", 2, `-override loose-clothing=3d: rule "loose-clothing" does not apply to dry skin on the face; rules here: water-rinse (48h)`},
		{"no-makeup", 2, "-override no-makeup: write RULE=DURATION, such as no-exercise=72h; rules here: water-rinse (48h)"},
		{"no-makeup=3x", 2, `-override no-makeup=3x: duration "3x": unit must be h (hours), d (days) or w (weeks), like 48h, 7d or 2w`},
	}
	for _, cmd := range []string{"sheet", "calendar"} {
		for _, tt := range tests {
			t.Run(cmd+"/"+tt.spec, func(t *testing.T) {
				t.Parallel()
				out := filepath.Join(t.TempDir(), "x.html")
				code, _, stderr := runCmd(cmd, "-content", "../../content", "-brand", "harbor", "-skin", "dry", "-area", "face",
					"-format", "html", "-date", "2026-03-13", "-override", tt.spec, "-o", out)
				if tt.code == 0 {
					if code != 0 {
						t.Fatalf("exit %d: %s", code, stderr)
					}
					return
				}
				if want := "handouts " + cmd + ": " + tt.want; code != tt.code || !strings.HasPrefix(stderr, want) {
					t.Errorf("exit %d, stderr:\n%s\nwant exit %d and:\n%s", code, stderr, tt.code, want)
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("a file was written")
				}
			})
		}
	}
}
