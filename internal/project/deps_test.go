package project

import (
	"os"
	"strings"
	"testing"
)

// TestDependencies: the design card's packages at their maintained homes
// and the versions the README names.
func TestDependencies(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mod := string(data)
	for _, want := range []string{"codeberg.org/go-pdf/fpdf v0.12.0", "github.com/yuin/goldmark v1.8.7", "go.yaml.in/yaml/v3 v3.0.6"} {
		if !strings.Contains(mod, want) {
			t.Errorf("go.mod does not require %s", want)
		}
	}
	for _, old := range []string{"github.com/go-pdf/fpdf", "gopkg.in/yaml.v3 v", "github.com/jung-kurt/gofpdf"} {
		if strings.Contains(mod, "\t"+old) {
			t.Errorf("go.mod requires the archived %s", old)
		}
	}
}
