package cache

import (
	"slices"
	"testing"

	"handouts/fonts"
	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/layouts"
)

// TestGroupOf: each input file belongs to the group of the files made
// from it; a file in no known place is global.
func TestGroupOf(t *testing.T) {
	files, _ := golden.Tree(t, "../content/testdata/base.txtar", "../content/testdata/es.txtar", "../project/testdata/incremental.txtar")
	cat, err := content.Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	inputs := TakeSnapshot(golden.MapFS(files), layouts.FS, fonts.FS)
	for _, tt := range []struct{ path, want string }{
		{"content/brands/acme.yaml", "brand:acme"},
		{"content/brands/acme.es.yaml", "brand:acme"},
		{"content/brands/acme.png", "brand:acme"},
		{"content/brands/shared-logo.png", "global"},
		{"content/brands/old/acme.yaml", "global"},
		{"content/skin/dry.yaml", "skin:dry"},
		{"content/skin/dry.es.yaml", "skin:dry"},
		{"content/area/chest-back.es.yaml", "area:chest-back"},
		{"content/area/elbow.yaml", "global"},
		{"content/treatments/microneedling/treatment.yaml", "treatment:microneedling"},
		{"content/treatments/microneedling/treatment.es.yaml", "treatment:microneedling"},
		{"content/treatments/microneedling/sheet.md", "handout:microneedling/sheet"},
		{"content/treatments/microneedling/sheet.es.md", "handout:microneedling/sheet"},
		{"content/treatments/microneedling/calendar.es.md", "handout:microneedling/calendar"},
		{"content/treatments/microneedling/sheet.png", "treatment:microneedling"},
		{"content/treatments/microneedling/img/sheet.md", "treatment:microneedling"},
		{"content/treatments/microneedling/notes.md", "treatment:microneedling"},
		{"content/treatments/peel/sheet.md", "global"},
		{"content/spelling.yaml", "global"},
		{"layouts/pdf/default.yaml", "global"},
		{"layouts/pdf/beta.yaml", "brand:beta"},
		{"layouts/pdf/gamma.yaml", "global"},
		{"layouts/html/style.css", "global"},
		{"fonts/AtkinsonHyperlegible_400Regular.ttf", "global"},
	} {
		if got := groupOf(cat, tt.path); got != tt.want {
			t.Errorf("groupOf(%s) = %s, want %s", tt.path, got, tt.want)
		}
	}
	// A brand's logo is in its group even when it is another brand's file.
	if files := groupFiles(inputs, cat)["brand:beta"]; !slices.Contains(files, "content/brands/beta.png") {
		t.Errorf("brand:beta holds %v, want its logo too", files)
	}
}
