package fpdf

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The fork leaves out the templates' gob serialization (Serialize,
// DeserializeTemplate, GobEncode, GobDecode), which handouts never calls:
// encoding/gob's package initialisation cost every run of the program
// about a millisecond. No file of the package imports it.
func TestNoGob(t *testing.T) {
	ents, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		files++
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "encoding/gob" {
				t.Errorf("%s imports encoding/gob", name)
			}
		}
	}
	if files == 0 {
		t.Fatal("no source files read")
	}
}
