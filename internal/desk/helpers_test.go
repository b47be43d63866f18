package desk

import (
	"os"
	"path"
	"path/filepath"
	"testing"

	"handouts/fonts"
	"handouts/internal/golden"
	"handouts/internal/output/outputtest"
	"handouts/internal/project"
	"handouts/layouts"
)

// realContent is the repository's content, which the packets of the tests
// are made of.
const realContent = "../../content"

// sources are the input folders with the content in dir and the built-in
// layouts and fonts.
func sources(dir string) project.Sources {
	return project.Sources{Content: os.DirFS(dir), ContentName: "content", Layouts: layouts.FS, LayoutsName: "layouts", Fonts: fonts.FS, FontsName: "fonts"}
}

// loadCatalog loads the real content.
func loadCatalog(t *testing.T) *project.Project {
	t.Helper()
	p, err := project.Load(sources(realContent))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// smallContent writes the small content tree of the content tests (one
// clinic, two skin types, two areas, the sheet) into a temporary folder.
func smallContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := golden.Tree(t, "../content/testdata/base.txtar")
	golden.WriteTree(t, dir, files)
	return dir
}

// variantDir is the folder in out that holds the files of one skin type
// and area, as out's manifest lists them.
func variantDir(t *testing.T, out, skin, area string) string {
	t.Helper()
	m, err := outputtest.Manifest(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Files {
		if e.Skin == skin && e.Area == area {
			return filepath.Join(out, filepath.FromSlash(path.Dir(e.Path)))
		}
	}
	t.Fatalf("%s: no %s-%s files in the manifest", out, skin, area)
	return ""
}
