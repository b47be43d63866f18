package output

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsStandardLibraryOnly: the output folder's transaction imports
// nothing but the standard library (its package comment's rule), so the
// write path stays readable and testable without the content or the
// renderers.
func TestImportsStandardLibraryOnly(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			n++
			if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") || first == "handouts" {
				t.Errorf("%s imports %s, which is not the standard library", f, p)
			}
		}
	}
	if n == 0 {
		t.Fatal("found no imports: the search is broken")
	}
}
