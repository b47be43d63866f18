//go:build race

package project

// raceDetector reports whether the tests run under the race detector.
const raceDetector = true
