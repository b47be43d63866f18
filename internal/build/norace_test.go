//go:build !race

package build

// raceDetector reports whether the tests run under the race detector.
const raceDetector = false
