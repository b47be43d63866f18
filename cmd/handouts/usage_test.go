package main

import (
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCommandTable: the package comment's usage lines and the usage
// message name the subcommands of the one table, in its order, so a new
// subcommand cannot be left out of either.
func TestCommandTable(t *testing.T) {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
		if c.summary == "" || c.run == nil {
			t.Errorf("command %s has no summary or no function", c.name)
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile(`(?m)^\thandouts ([a-z]+)`).FindAllStringSubmatch(f.Doc.Text(), -1) {
		documented = append(documented, m[1])
	}
	if !slices.Equal(documented, names) {
		t.Errorf("the package comment's usage names %q; the table has %q (same order)", documented, names)
	}
	var listed []string
	_, list, _ := strings.Cut(usage, "commands:\n")
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); strings.HasPrefix(line, "  ") && len(f) > 1 {
			listed = append(listed, f[0])
		}
	}
	if !slices.Equal(listed, names) {
		t.Errorf("the usage lists %q; the table has %q", listed, names)
	}
	for _, n := range names {
		if _, ok := lookup(n); !ok {
			t.Errorf("lookup(%q) finds nothing", n)
		}
	}
}
