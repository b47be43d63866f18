package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestConceptsInOneTable: a paper size's name, a rule kind's name and a
// handout kind's or format's name are written in one Go file each, their
// table (content/paper.go, calendar/kind.go, content/kinds.go); every
// other program file looks them up there, so no second table can fall out
// of step. ("do" is left out: it is also the form's button name; "sheet",
// "calendar", "guide" and "email", which are also subcommands or flags,
// and "html", also a package, are held by TestKindTable instead. Reading targets by kind are
// internal/readability's, one per formula: TestKindTable holds every
// graded kind to one.)
func TestConceptsInOneTable(t *testing.T) {
	tables := []struct {
		home string
		re   *regexp.Regexp
	}{
		{"internal/content/paper.go", regexp.MustCompile(`"(?i:a4|letter)"`)},
		{"internal/calendar/kind.go", regexp.MustCompile(`"(avoid|milestone)"`)},
		{"internal/content/kinds.go", regexp.MustCompile(`"(ics|pdf|aftercare|checklist)"`)},
	}
	found := map[string][]string{}
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "fpdf" {
				return filepath.SkipDir // the fpdf fork: the engine's own paper names, not ours
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("../..", p)
			for _, tb := range tables {
				if tb.re.Match(stripComments(src)) {
					found[tb.home] = append(found[tb.home], filepath.ToSlash(rel))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tb := range tables {
		got := found[tb.home]
		if len(got) != 1 || got[0] != tb.home {
			t.Errorf("%s is written in %q; want it in %s only (look it up there)", tb.re, got, tb.home)
		}
	}
}

// reComment finds a line comment (not inside a string, for the files
// this test reads).
var reComment = regexp.MustCompile(`(?m)^\s*//.*$|\s//\s.*$`)

func stripComments(src []byte) []byte { return reComment.ReplaceAll(src, nil) }
