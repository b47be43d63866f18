package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// reFuzzFunc finds a fuzz target in a test file.
var reFuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w+)\(\w+ \*testing\.F\)`)

// reFuzzLine finds a fuzz target the Makefile's fuzz rule runs: its
// package and its name.
var reFuzzLine = regexp.MustCompile(`(?m)^\t\$\(GO\) test (\./\S+) -run '\^\$\$' -fuzz '\^(Fuzz\w+)\$\$'`)

// TestFuzzTargets: make fuzz runs every fuzz target in the code, in its
// own package, and nothing that is not one, so a new target is not left
// out (Go fuzzes one target per run, so each needs its line).
func TestFuzzTargets(t *testing.T) {
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, m := range reFuzzLine.FindAllStringSubmatch(string(mk), -1) {
		listed = append(listed, m[1]+" "+m[2])
	}
	var found []string
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("../..", filepath.Dir(p))
			for _, m := range reFuzzFunc.FindAllStringSubmatch(string(src), -1) {
				found = append(found, "./"+filepath.ToSlash(rel)+" "+m[1])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(found) < 5 {
		t.Fatalf("found only the fuzz targets %q: the search is broken", found)
	}
	for _, f := range found {
		if !slices.Contains(listed, f) {
			t.Errorf("fuzz target %s is not in the Makefile's fuzz rule: add `$(GO) test %s -run '^$$' -fuzz '^%s$$' -fuzztime $(FUZZTIME)`", f, strings.Fields(f)[0], strings.Fields(f)[1])
		}
	}
	for _, l := range listed {
		if !slices.Contains(found, l) {
			t.Errorf("the Makefile's fuzz rule runs %s, which is no fuzz target in that package", l)
		}
	}
}
