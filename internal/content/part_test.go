package content

import (
	"strings"
	"testing"

	"handouts/internal/golden"
)

var englishDryFace = Part{Brand: "acme", Treatments: []string{"microneedling"}, Areas: []string{"face"}, Skin: "dry"}

// TestPartSkipsFilesItDoesNotNeed: a part of the library (one copy's: in
// English, for dry skin on the face) loads with a broken file it does not
// need, another treatment's, the Spanish text of dry skin, another area's
// or another clinic's, and makes the copy's environment, while a full
// load (check, build) names the broken file.
func TestPartSkipsFilesItDoesNotNeed(t *testing.T) {
	for _, tc := range []struct{ file, data string }{
		{"treatments/peel/treatment.yaml", "name: Peel\nrules: [\n"},
		{"skin/dry.es.yaml", "label: Piel seca\ncolour: azul\n"},
		{"area/chest-back.yaml", "id: chest-back\nlabel: [\n"},
		{"brands/other.yaml", "name: Other Clinic\nlanguages: [en-US]\nbogus: 1\n"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar")
			files[tc.file] = []byte(tc.data)
			files["treatments/peel/sheet.md"] = []byte("---\ntitle: Peel\nkind: sheet\n---\n\nText.\n")
			fsys := golden.MapFS(files)
			if _, err := Load(fsys, "content"); err == nil || !strings.Contains(err.Error(), "content/"+tc.file+":") {
				t.Errorf("Load = %v, want an error in content/%s", err, tc.file)
			}
			for _, p := range []Part{englishDryFace, {Brand: "acme", Areas: []string{"face"}, Skin: "dry"}} {
				c, err := LoadWith(fsys, "content", Options{Part: &p})
				if err != nil {
					t.Fatalf("LoadWith(%+v) = %v, want the copy's part loaded", p, err)
				}
				env, err := c.EnvIn("acme", "", "microneedling", "dry", "face")
				if err != nil {
					t.Fatalf("EnvIn: %v", err)
				}
				if env.Lang.Tag != "en-US" || env.Skin.Label != "Dry skin" || len(c.Treatments) != 1 {
					t.Errorf("env = %s %q with %d treatments, want en-US, Dry skin, microneedling only", env.Lang.Tag, env.Skin.Label, len(c.Treatments))
				}
			}
		})
	}
}

// TestPartReportsItsOwnFiles: a problem in a file the part reads stops it,
// at that file and line; the Spanish copy reads the Spanish files.
func TestPartReportsItsOwnFiles(t *testing.T) {
	tests := []struct {
		name, file, data string
		part             Part
		want             string
	}{
		{"skin", "skin/dry.yaml", "id: dry\nlabel: Dry skin\ncolour: blue\n", englishDryFace, `content/skin/dry.yaml:3: unknown key "colour"`},
		{"spanish skin", "skin/dry.es.yaml", "label: Piel seca\ncolour: azul\n", Part{Brand: "acme", Lang: "es-US", Areas: []string{"face"}, Skin: "dry"}, `content/skin/dry.es.yaml:2: unknown key "colour"`},
		{"condition", "treatments/microneedling/sheet.md", "\n::: if skin=dri\nText.\n:::\n", englishDryFace, `content/treatments/microneedling/sheet.md:28: unknown skin "dri" in condition (did you mean "dry"?); known: dry, oily`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar")
			if tc.name == "condition" {
				files[tc.file] = append(files[tc.file], tc.data...)
			} else {
				files[tc.file] = []byte(tc.data)
			}
			_, err := LoadWith(golden.MapFS(files), "content", Options{Part: &tc.part})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("LoadWith = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestPartKnowsTheWholeLibrary: a part names every skin type, area and
// clinic of the library as known, read or not: a rule's when: naming
// another skin type is no error, and a wrong id is told what exists.
func TestPartKnowsTheWholeLibrary(t *testing.T) {
	files, _ := golden.Tree(t, "testdata/base.txtar")
	c, err := LoadWith(golden.MapFS(files), "content", Options{Part: &Part{Brand: "acme", Areas: []string{"face"}, Skin: "oily"}})
	if err != nil {
		t.Fatalf("LoadWith for oily skin = %v (extra-serum's when: names dry skin, which it does not read)", err)
	}
	for _, tc := range []struct{ skin, area, want string }{
		{"dri", "face", `unknown skin type "dri" (did you mean "dry"?); known: dry, oily`},
		{"oily", "fac", `unknown area "fac" (did you mean "face"?); known: chest-back, face`},
	} {
		if _, err := c.EnvIn("acme", "", "microneedling", tc.skin, tc.area); err == nil || err.Error() != tc.want {
			t.Errorf("EnvIn(%s, %s) = %v, want %q", tc.skin, tc.area, err, tc.want)
		}
	}
}

// TestPartKinds: a part for some kinds of handout reads those handouts
// only, as their front matter names their kind: a sheet is made with the
// guide broken, and the guide's part stops at its file and line.
func TestPartKinds(t *testing.T) {
	files, _ := golden.Tree(t, "testdata/base.txtar")
	files["treatments/microneedling/guide.md"] = []byte("---\ntitle: The guide\nkind: guide\nbogus: 1\n---\n\nText.\n")
	fsys := golden.MapFS(files)
	const want = `content/treatments/microneedling/guide.md:4: unknown key "bogus"`
	if _, err := Load(fsys, "content"); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load = %v, want %q", err, want)
	}
	sheet := englishDryFace
	sheet.Kinds = []Kind{KindSheet}
	c, err := LoadWith(fsys, "content", Options{Part: &sheet})
	if err != nil {
		t.Fatalf("LoadWith for a sheet = %v, want it loaded without the guide", err)
	}
	if tr := c.Treatment("microneedling"); tr == nil || tr.Handout("sheet") == nil || tr.Handout("guide") != nil {
		t.Errorf("a sheet's part holds %v; want the sheet only", tr)
	}
	guide := englishDryFace
	guide.Kinds = []Kind{KindGuide}
	if _, err := LoadWith(fsys, "content", Options{Part: &guide}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("LoadWith for the guide = %v, want %q", err, want)
	}
}

// TestPartKeepsOtherClinicsNames: a part respells its copy as a full load
// does, keeping as written the names of the clinics it does not read
// ("Other Colour Balm" in the shared source stays British in the US copy).
func TestPartKeepsOtherClinicsNames(t *testing.T) {
	files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/spelling/british-source.txtar")
	other := strings.Replace(string(files["brands/acme.yaml"]), "name: Acme Colour Studio", "name: Other Clinic", 1)
	files["brands/other.yaml"] = []byte(strings.Replace(other, `balm: "Acme Moisturising Colour Balm"`, `balm: "Other Colour Balm"`, 1))
	files["treatments/microneedling/sheet.md"] = append(files["treatments/microneedling/sheet.md"], "\nOther Colour Balm is not the colour balm we sell.\n"...)
	fsys := golden.MapFS(files)
	sheet := func(c *Catalog) string {
		t.Helper()
		env, err := c.EnvIn("acme", "en-US", "microneedling", "dry", "face")
		if err != nil {
			t.Fatal(err)
		}
		res, err := env.Treatment.Handout("sheet").Resolve(env, false)
		if err != nil {
			t.Fatal(err)
		}
		return string(res.Source)
	}
	whole, err := Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	part, err := LoadWith(fsys, "content", Options{Part: &englishDryFace})
	if err != nil {
		t.Fatal(err)
	}
	want, got := sheet(whole), sheet(part)
	if !strings.Contains(want, "Other Colour Balm is not the color balm") {
		t.Fatalf("the whole library's sheet does not keep the other clinic's name:\n%s", want)
	}
	if got != want {
		t.Errorf("the part's sheet =\n%s\nwant the whole library's\n%s", got, want)
	}
}

// TestPartSkipsTheTreeChecks: the checks of the whole tree's names (a
// name Windows cannot hold, a build output folder inside the content) are
// check's and build's; a part, which reads neither, loads.
func TestPartSkipsTheTreeChecks(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"treatments/peel/aux.md", "content/treatments/peel/aux.md"},
		{"treatments/microneedling/old/.handouts.lock", "content/treatments/microneedling/old: a build output folder"},
	} {
		files, _ := golden.Tree(t, "testdata/base.txtar")
		files[tc.file] = []byte("x\n")
		fsys := golden.MapFS(files)
		if _, err := Load(fsys, "content"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load = %v, want %q", err, tc.want)
		}
		if _, err := LoadWith(fsys, "content", Options{Part: &englishDryFace}); err != nil {
			t.Errorf("LoadWith with %s = %v, want the part loaded", tc.file, err)
		}
	}
}
