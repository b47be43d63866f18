package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handouts/internal/racetest"
)

// raceSkip names the tests left out when this package's tests run under
// the race detector without -run or -skip. Each runs whole builds, checks
// or renders of the content (the real library or a fixture) through the
// command, in this process: under -race they took about 300 of the
// package's 320 seconds on 2 cores, and what they race-check is the code of
// internal/project, internal/content and the rest, whose own tests run under
// -race (make test's race stream). TestGitHubWorkflowActionlint runs an
// outside program (go run actionlint), which -race does not look into and
// which both streams would otherwise build at once. This package's own concurrent code is
// the desk start (deskStart, startProgram, lockedWriter), and no test
// named here drives it (TestRaceSkipNamesTests checks). make test runs the
// tests named here without -race (racetest.RaceRan). Every other test, and
// any new one, runs under -race: a test is left out only by being named here.
var raceSkip = []string{
	"TestAssemblePagesURL", "TestBadInput", "TestBuildPrintsWarnings", "TestCheckGrowErrors",
	"TestCheckWarnsAboutDrift", "TestConceptsInOneTable", "TestDiffBetweenCommits", "TestEmailDraft",
	"TestEmailDraftReproducible", "TestEmailPrivacy", "TestEmailRefuses", "TestEmailSend",
	"TestExitCodes", "TestGitHubWorkflow", "TestGitHubWorkflowActionlint", "TestGitLabWorkflow",
	"TestGrowthBuilds", "TestInputsRefused", "TestLimitsPrintFully", "TestOneOffsFollowOffers",
	"TestOutRefusesSources", "TestPatientNeverInErrors", "TestPlanRefusals", "TestPublishingPlan",
	"TestQRCodePrintSize", "TestReleaseBinary", "TestShortRedirects", "TestUnprintableCharacters",
}

func TestMain(m *testing.M) { os.Exit(racetest.Main(m, "handouts/cmd/handouts", raceSkip)) }

// TestRaceSkipNamesTests: every test raceSkip leaves out under -race is a
// test of this package, named once, in order, so that a renamed test is
// not left out by accident; and none of them names the package's own code
// that runs goroutines or holds a lock (concurrentNames), so that a test
// of that code always runs under the race detector.
func TestRaceSkipNamesTests(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(test bool) []*ast.File {
		files, err := filepath.Glob("*.go")
		if err != nil {
			t.Fatal(err)
		}
		var parsed []*ast.File
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") != test {
				continue
			}
			af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			parsed = append(parsed, af)
		}
		return parsed
	}
	tests := map[string]*ast.FuncDecl{}
	for _, af := range parse(true) {
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Test") {
				tests[fd.Name.Name] = fd
			}
		}
	}
	if len(tests) == 0 {
		t.Fatal("found no tests in this package's files")
	}
	concurrent := concurrentNames(parse(false))
	for _, want := range []string{"deskStart", "startProgram", "lockedWriter"} {
		if !concurrent[want] {
			t.Fatalf("the search for concurrent code found %v, not %s: the search is broken", slices.Sorted(maps.Keys(concurrent)), want)
		}
	}
	seen := map[string]bool{}
	for _, name := range raceSkip {
		fd := tests[name]
		if fd == nil {
			t.Errorf("raceSkip names %s, which is not a test of this package: remove or rename it", name)
			continue
		}
		if seen[name] {
			t.Errorf("raceSkip names %s twice", name)
		}
		seen[name] = true
		reported := false // once per test is enough
		ast.Inspect(fd, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if ok && concurrent[id.Name] && !reported {
				reported = true
				t.Errorf("raceSkip leaves out %s, which uses %s (%s): this package's code that runs goroutines or holds a lock is tested under the race detector; take %s out of raceSkip", name, id.Name, fset.Position(id.Pos()), name)
			}
			return !reported
		})
	}
	if !slices.IsSorted(raceSkip) {
		t.Error("raceSkip is not in alphabetical order; keep it sorted so a reader can find a name")
	}
}

// concurrentNames returns the package-level functions, methods, variables
// and types of files whose declaration runs a goroutine (a go statement)
// or uses the sync packages (a lock, a WaitGroup, an atomic).
func concurrentNames(files []*ast.File) map[string]bool {
	names := map[string]bool{}
	concurrent := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				found = true
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && (x.Name == "sync" || x.Name == "atomic") {
					found = true
				}
			}
			return !found
		})
		return found
	}
	for _, af := range files {
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if concurrent(d) {
					names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						if concurrent(s) {
							for _, id := range s.Names {
								names[id.Name] = true
							}
						}
					case *ast.TypeSpec:
						if concurrent(s) {
							names[s.Name.Name] = true
						}
					}
				}
			}
		}
	}
	return names
}
