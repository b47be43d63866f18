package racetest

import "testing"

// TestChoose: under -race the named tests are left out; in make test's
// plain stream (RaceRan=1) only they run; by hand, or when -run or -skip
// is given, the command line decides.
func TestChoose(t *testing.T) {
	skip := []string{"TestSlow", "TestSlower"}
	for _, tt := range []struct {
		name             string
		race, raceRan    bool
		run, skipFlag    string
		wantRun, wantSkp string
	}{
		{"race", true, false, "", "", "", "^(TestSlow|TestSlower)$"},
		{"race, stream set too", true, true, "", "", "", "^(TestSlow|TestSlower)$"},
		{"plain stream", false, true, "", "", "^(TestSlow|TestSlower)$", ""},
		{"by hand", false, false, "", "", "", ""},
		{"-run given", true, true, "TestX", "", "TestX", ""},
		{"-skip given", false, true, "", "TestY", "", "TestY"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			run, skp, note := choose(tt.race, tt.raceRan, tt.run, tt.skipFlag, skip)
			if run != tt.wantRun || skp != tt.wantSkp {
				t.Errorf("got -run %q -skip %q, want -run %q -skip %q", run, skp, tt.wantRun, tt.wantSkp)
			}
			if changed := run != tt.run || skp != tt.skipFlag; changed != (note != "") {
				t.Errorf("note %q when the patterns changed: %v", note, changed)
			}
		})
	}
}
