package cache

import (
	"os"
	"testing"

	"handouts/internal/racetest"
)

// raceSkip are the tests left out under the race detector when neither
// -run nor -skip chooses (racetest): TestProgramKeyedBySource compiles the
// command three times with go build, and the program it runs has no race
// detector in it either way. make test runs it without the race detector
// (racetest.RaceRan).
var raceSkip = []string{"TestProgramKeyedBySource"}

func TestMain(m *testing.M) { os.Exit(racetest.Main(m, "handouts/internal/cache", raceSkip)) }

// TestRaceSkipNamesTests: raceSkip names tests of this package, each once,
// in order.
func TestRaceSkipNamesTests(t *testing.T) { racetest.CheckNames(t, raceSkip) }
