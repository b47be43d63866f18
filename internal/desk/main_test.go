package desk

import (
	"os"
	"testing"

	"handouts/internal/racetest"
)

// raceSkip are the tests left out under the race detector when neither
// -run nor -skip chooses (racetest): the slowest packets of the real
// content (sizes, languages, determinism, several treatments and areas,
// the e-mail of every language), whose concurrent paths, packets made at
// once from one shared project, the other tests take under -race too.
// make test runs them without the race detector (racetest.RaceRan).
var raceSkip = []string{
	"TestEmailTextEveryLanguage", "TestPacketDeterministic", "TestPacketOutlineAcrossPageSizes", "TestPacketSizes",
	"TestPacketSpanish", "TestPacketTwoAreas", "TestPacketTwoTreatments",
}

func TestMain(m *testing.M) { os.Exit(racetest.Main(m, "handouts/internal/desk", raceSkip)) }

// TestRaceSkipNamesTests: raceSkip names tests of this package, each once,
// in order.
func TestRaceSkipNamesTests(t *testing.T) { racetest.CheckNames(t, raceSkip) }
