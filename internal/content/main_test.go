package content

import (
	"os"
	"testing"

	"handouts/internal/racetest"
)

// raceSkip are the tests left out under the race detector when neither
// -run nor -skip chooses (racetest): the loads of the real content with
// one fact dropped after another (TestCoverageCatchesDrops), whose
// concurrent checks TestCoverage and TestGrowth take under -race with
// one load each, and the placeholder scanner's hostile inputs, which run
// no goroutine. make test runs them without the race detector
// (racetest.RaceRan): under -race they took 8 of the package's 13 seconds.
var raceSkip = []string{"TestCoverageCatchesDrops", "TestPlaceholderScanHostile"}

func TestMain(m *testing.M) { os.Exit(racetest.Main(m, "handouts/internal/content", raceSkip)) }

// TestRaceSkipNamesTests: raceSkip names tests of this package, each once,
// in order.
func TestRaceSkipNamesTests(t *testing.T) { racetest.CheckNames(t, raceSkip) }
