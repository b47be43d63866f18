// Package racetest leaves a package's slowest tests out of its run under
// the race detector, by name, and keeps the names true: test support, no
// program code imports it. A package that uses it (its TestMain calls
// Main) runs the tests left out without the race detector, in the
// Makefile's plain stream (TestRacePackages in cmd/handouts holds the
// Makefile to that), so each test runs once: under -race unless named
// (any new test among them), and without it when named.
package racetest

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// RaceRan is the environment variable make test's plain stream sets
// (RaceRan=1): the race stream runs the package's other tests, so the
// plain stream runs only those skip names.
const RaceRan = "HANDOUTS_RACE_RAN"

// Main runs the tests of package pkg (its import path, for the note it
// prints) and returns the exit code. When neither -run nor -skip chooses:
// under the race detector the tests named in skip are left out; without
// it, with RaceRan=1 in the environment, only they run; otherwise (go test
// by hand) every test runs.
func Main(m *testing.M, pkg string, skip []string) int {
	flag.Parse()
	run, skipFlag := flag.Lookup("test.run"), flag.Lookup("test.skip")
	r, k, note := choose(Detector, os.Getenv(RaceRan) == "1", run.Value.String(), skipFlag.Value.String(), skip)
	if note != "" {
		fmt.Fprintf(os.Stderr, "%s%s\n", pkg, note)
	}
	run.Value.Set(r)
	skipFlag.Value.Set(k)
	return m.Run()
}

// choose returns the -run and -skip patterns Main runs the tests with, and
// the note it prints after the package's name (none when it changes
// nothing): race is whether the race detector is on, raceRan whether
// RaceRan=1 is set, run and skipFlag what the command line chose.
func choose(race, raceRan bool, run, skipFlag string, skip []string) (newRun, newSkip, note string) {
	if run != "" || skipFlag != "" {
		return run, skipFlag, ""
	}
	names := "^(" + strings.Join(skip, "|") + ")$"
	switch {
	case race:
		return "", names, fmt.Sprintf(" under -race: %d slow tests left out (raceSkip); make test runs them without -race", len(skip))
	case raceRan:
		return names, "", fmt.Sprintf(": only the tests the race run leaves out (raceSkip: %d; %s=1); make test runs the others under -race", len(skip), RaceRan)
	}
	return "", "", ""
}

// CheckNames fails t unless every test skip leaves out under -race is a
// test of the package in the current folder, named once, and the list is
// sorted: a renamed test is not left out by accident, and the list says
// what it skips.
func CheckNames(t *testing.T, skip []string) {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Test") {
				tests[fd.Name.Name] = true
			}
		}
	}
	if len(tests) == 0 {
		t.Fatal("found no tests in this package's files")
	}
	seen := map[string]bool{}
	for _, name := range skip {
		if !tests[name] {
			t.Errorf("raceSkip names %s, which is not a test of this package: remove or rename it", name)
		}
		if seen[name] {
			t.Errorf("raceSkip names %s twice", name)
		}
		seen[name] = true
	}
	if !slices.IsSorted(skip) {
		t.Error("raceSkip is not in alphabetical order; keep it sorted so a reader can find a name")
	}
}
