package project

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRaceSkipNamesTests: every test raceSkip leaves out under -race is a
// test of this package, named once, so that a renamed test is not left
// out by accident and the list says what it skips.
func TestRaceSkipNamesTests(t *testing.T) {
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
	for _, name := range raceSkip {
		if !tests[name] {
			t.Errorf("raceSkip names %s, which is not a test of this package: remove or rename it", name)
		}
		if seen[name] {
			t.Errorf("raceSkip names %s twice", name)
		}
		seen[name] = true
	}
	if !slices.IsSorted(raceSkip) {
		t.Error("raceSkip is not in alphabetical order; keep it sorted so a reader can find a name")
	}
}
