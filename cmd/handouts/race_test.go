package main

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"handouts/internal/racetest"
)

// reConcurrent finds code that runs goroutines or shares memory between
// them: a go statement, a WaitGroup's Go, or the sync packages.
var reConcurrent = regexp.MustCompile(`(?m)^\s+go\s+[\w(]|\.Go\(|"sync"|"sync/atomic"`)

// TestRacePackages: every package whose own code runs goroutines or
// shares memory between them is in the Makefile's RACE_PKGS, so that make
// test runs it under the race detector; a new one is not left out. And a
// package that leaves tests out under -race runs whole in the plain stream.
func TestRacePackages(t *testing.T) {
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^RACE_PKGS = ((?:.*\\\n)*.*)$`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("the Makefile has no RACE_PKGS line")
	}
	listed := strings.Fields(strings.ReplaceAll(string(m[1]), "\\\n", " "))
	var found []string
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() && p != root {
				// A module of its own (the fpdf fork), outside ./...: the
				// race stream runs its tests in its folder.
				if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
					rel, _ := filepath.Rel("../..", p)
					if !regexp.MustCompile(`(?m)^\tcd ` + regexp.QuoteMeta(filepath.ToSlash(rel)) + ` && .*\$\(GO\) test -race `).Match(mk) {
						t.Errorf("%s is a module of its own, but the Makefile does not run its tests under the race detector (cd %s && ... $(GO) test -race ...)", rel, rel)
					}
					return filepath.SkipDir
				}
			}
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if reConcurrent.Match(src) {
				rel, _ := filepath.Rel("../..", filepath.Dir(p))
				found = append(found, path.Join("handouts", filepath.ToSlash(rel)))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Contains(found, "handouts/internal/project") {
		t.Fatalf("found concurrent code in %q, not in internal/project: the search is broken", found)
	}
	checkRaceSkips(t, mk, listed)
	for _, pkg := range slices.Compact(slices.Sorted(slices.Values(found))) {
		if !slices.Contains(listed, pkg) {
			t.Errorf("%s runs goroutines or shares memory between them, but the Makefile's RACE_PKGS leaves it out: add it, so make test runs it under the race detector", pkg)
		}
	}
}

// reRaceSkip finds a test that leaves tests out under the race detector
// (racetest.Main).
var reRaceSkip = regexp.MustCompile(`racetest\.Main\(`)

// checkRaceSkips: every package whose tests leave some out under the race
// detector is in the Makefile's RACE_SKIP_PKGS, which the plain stream runs
// with HANDOUTS_RACE_RAN=1 (the tests left out), and in RACE_PKGS (the
// rest), so each of its tests runs once.
func checkRaceSkips(t *testing.T, mk []byte, racePkgs []string) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^RACE_SKIP_PKGS = (.*)$`).FindSubmatch(mk)
	if m == nil || !regexp.MustCompile(`(?m)^test-plain:\n\t`+racetest.RaceRan+`=1 .*\$\(RACE_SKIP_PKGS\)`).Match(mk) {
		t.Fatal("the Makefile has no RACE_SKIP_PKGS line that test-plain runs with " + racetest.RaceRan + "=1")
	}
	listed := strings.Fields(string(m[1]))
	for _, pkg := range listed {
		if !slices.Contains(racePkgs, path.Join("handouts", pkg)) {
			t.Errorf("%s is in RACE_SKIP_PKGS but not in RACE_PKGS: the tests it runs under -race would not run", pkg)
		}
	}
	var found []string
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
				return err
			}
			src, err := os.ReadFile(p)
			if err == nil && reRaceSkip.Match(src) {
				rel, _ := filepath.Rel("../..", filepath.Dir(p))
				found = append(found, "./"+filepath.ToSlash(rel))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Contains(found, "./internal/project") || !slices.Contains(found, "./cmd/handouts") {
		t.Fatalf("found racetest.Main in %q, not in internal/project and cmd/handouts: the search is broken", found)
	}
	for _, pkg := range found {
		if !slices.Contains(listed, pkg) {
			t.Errorf("%s leaves tests out under the race detector, but the Makefile's RACE_SKIP_PKGS leaves it out: add it, so make test runs the tests it leaves out without -race", pkg)
		}
	}
}

// TestMakeTestTrimsPaths: make test compiles with -trimpath (GOFLAGS,
// exported to every go command its targets run, the go builds the tests
// run among them), so Go's build cache keys a package by its contents, not
// by the folder of the clone: a fresh clone reuses what another clone on
// the machine compiled.
func TestMakeTestTrimsPaths(t *testing.T) {
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^([a-z -]+): export GOFLAGS := -trimpath \$\(GOFLAGS\)$`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("the Makefile does not export GOFLAGS := -trimpath $(GOFLAGS) for its test targets")
	}
	targets := strings.Fields(string(m[1]))
	for _, want := range []string{"test", "test-race", "test-plain", "vet-cross"} {
		if !slices.Contains(targets, want) {
			t.Errorf("GOFLAGS with -trimpath is exported for %q, not for %s", targets, want)
		}
	}
}
