package main

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
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
	if !slices.Contains(found, "handouts/internal/build") {
		t.Fatalf("found concurrent code in %q, not in internal/build: the search is broken", found)
	}
	for _, pkg := range slices.Compact(slices.Sorted(slices.Values(found))) {
		if !slices.Contains(listed, pkg) {
			t.Errorf("%s runs goroutines or shares memory between them, but the Makefile's RACE_PKGS leaves it out: add it, so make test runs it under the race detector", pkg)
		}
	}
	racePlain(t, string(mk))
}

// racePlain: a package whose tests leave some out under the race detector
// (a raceSkip list in its tests) is named in the Makefile's plain stream
// as well, so that make test runs those tests too.
func racePlain(t *testing.T, mk string) {
	m := regexp.MustCompile(`(?m)^test-plain:\n\t(.*)$`).FindStringSubmatch(mk)
	if m == nil {
		t.Fatal("the Makefile has no test-plain target with its go test line")
	}
	plain := strings.Fields(m[1])
	var skipping []string
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if regexp.MustCompile(`(?m)^var raceSkip = `).Match(src) {
				rel, _ := filepath.Rel("../..", filepath.Dir(p))
				skipping = append(skipping, "./"+filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Contains(skipping, "./cmd/handouts") {
		t.Fatalf("found raceSkip lists in %q, not in cmd/handouts: the search is broken", skipping)
	}
	named := func(pkg string) bool {
		return slices.ContainsFunc(plain, func(f string) bool {
			prefix, tree := strings.CutSuffix(f, "/...")
			return f == pkg || tree && (pkg == prefix || strings.HasPrefix(pkg, prefix+"/"))
		})
	}
	for _, pkg := range skipping {
		if !named(pkg) {
			t.Errorf("%s leaves tests out under the race detector (raceSkip), but the Makefile's test-plain does not name it: add %s there, so make test runs those tests", pkg, pkg)
		}
	}
}
