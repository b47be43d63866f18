package review

import (
	"bytes"
	"strings"
	"testing"

	"handouts/fonts"
	"handouts/internal/golden"
	"handouts/internal/project"
	"handouts/layouts"
)

const base = "../content/testdata/base.txtar"

// load loads a content tree (file name to contents) as a version.
func load(t *testing.T, label string, files map[string][]byte) *Version {
	t.Helper()
	p, err := project.Load(project.Sources{Content: golden.MapFS(files), ContentName: "content", Layouts: layouts.FS, LayoutsName: "layouts", Fonts: fonts.FS, FontsName: "fonts"})
	if err != nil {
		t.Fatalf("load %s: %v", label, err)
	}
	return &Version{Label: label, Project: p}
}

// compare loads two content trees as versions "old" and "new" and
// returns their report and its text.
func compare(t *testing.T, old, new map[string][]byte) (*Report, string) {
	t.Helper()
	r := Compare(load(t, "old", old), load(t, "new", new))
	var text bytes.Buffer
	r.WriteText(&text)
	return r, text.String()
}

// edited returns a copy of files with one replacement in file.
func edited(t *testing.T, files map[string][]byte, file, from, to string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for k, v := range files {
		out[k] = v
	}
	s := string(out[file])
	if !strings.Contains(s, from) {
		t.Fatalf("%q not in %s", from, file)
	}
	out[file] = []byte(strings.Replace(s, from, to, 1))
	return out
}

// TestCompare: one sentence edited and one rule window changed are
// reported exactly: the rule with its old and new end, the edit, and the
// sentence the rule's new end changes (as the rule's doing, not an edit),
// each for all the variants; the sheet's reviewed_on did not change.
func TestCompare(t *testing.T) {
	old, _ := golden.Tree(t, base)
	new := edited(t, old, "treatments/microneedling/sheet.md", "Call {{clinic.phone}} with questions about your {{treatment}}.", "Call us at {{clinic.phone}} with any question about your {{treatment}}.")
	new = edited(t, new, "treatments/microneedling/treatment.yaml", "    start: 0d\n    end: 7d\n", "    start: 0d\n    end: 10d\n")
	r, text := compare(t, old, new)
	want := `What patients will read differently
  from: old
  to:   new

Rule windows
  content/treatments/microneedling/treatment.yaml:7: no-actives "No retinoids, acids or vitamin C": ends 7d → 10d

content/treatments/microneedling/sheet.md (microneedling sheet; en-US; 4 variants)
  its words changed but reviewed_on (2026-10-15, Dr. Test) did not: a clinician should review the changes and update reviewed_on
  changed, for all 4 variants:
    - Call (207) 555-0100 with questions about your AcmeGlow Microneedling.
    + Call us at (207) 555-0100 with any question about your AcmeGlow Microneedling.
  changed by a rule or a value it inserts, for all 4 variants:
    - Skip actives for 7 days.
    + Skip actives for 10 days.
`
	if text != want {
		t.Errorf("text report =\n%s\nwant\n%s", text, want)
	}
	var h bytes.Buffer
	if err := r.WriteHTML(&h); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"Call <ins>us at </ins>(207) 555-0100 with <ins>any question </ins>about",
		"with <del>questions </del>about",
		"for <del>7 </del>days", "for <ins>10 </ins>days",
		"<td>ends 7d → 10d</td>", "Its words changed but reviewed_on (2026-10-15, Dr. Test) did not",
		"Signature:", "Date:",
	} {
		if !strings.Contains(h.String(), w) {
			t.Errorf("HTML report lacks %q", w)
		}
	}
}

// TestCompareWhatElse: a new skin type (its variants listed, to read
// whole), a section added in one skin type's block, a page count that
// grows for the variants whose block grew, a clinic's own window changed
// (a rule change and the sentence it changes), a new handout, and a sheet
// whose reviewed_on moved with its words (no reminder).
func TestCompareWhatElse(t *testing.T) {
	old, _ := golden.Tree(t, base)
	// A second clinic, the same in both versions, without acme's window.
	old["brands/zen.yaml"] = []byte(strings.Replace(strings.Replace(string(old["brands/acme.yaml"]), "name: Acme Skin", "name: Zen Skin", 1), "rules:\n  no-makeup: 24h\n", "", 1))
	old["brands/zen.png"] = old["brands/acme.png"]
	sheet := "treatments/microneedling/sheet.md"
	new := edited(t, old, sheet, "Dry skin only: {{skin.tip}}\n", "## Extra care for dry skin\n\nDry skin only, and more: {{skin.tip}}\n")
	new = edited(t, new, sheet, "Oily chest only.\n", "Oily chest only.\n\n"+strings.Repeat("Keep the skin on your chest and back clean, cool and dry, and wear a loose top that does not rub.\n\n", 40))
	new = edited(t, new, sheet, "reviewed_on: 2026-10-15", "reviewed_on: 2026-11-20")
	new = edited(t, new, "brands/acme.yaml", "no-makeup: 24h", "no-makeup: 36h")
	new["skin/normal.yaml"] = []byte("id: normal\nlabel: Normal skin\norder: 3\n")
	new["treatments/microneedling/guide.md"] = []byte("---\ntitle: More about your treatment\nkind: guide\nsummary: [\"Rest.\"]\nreviewed_by: Dr. Test\nreviewed_on: 2026-11-20\n---\n\nRest well.\n")
	_, text := compare(t, old, new)
	want := `What patients will read differently
  from: old
  to:   new

Rule windows
  content/brands/acme.yaml:20: no-makeup "No makeup": ends 24h → 36h, for clinic acme

content/treatments/microneedling/guide.md (microneedling guide; en-US; 12 variants)
  new handout: read it whole

content/treatments/microneedling/sheet.md (microneedling sheet; en-US; 12 variants, 8 in both versions)
  new variants, skin type normal: read them whole
  changed, for skin type dry (4 variants), in "Extra care for dry skin":
    - Dry skin only: Use serum at noon too.
    + Dry skin only, and more: Use serum at noon too.
  added, for skin type oily and area chest-back (2 variants):
    + Keep the skin on your chest and back clean, cool and dry, and wear a loose top that does not rub.
  changed by a rule or a value it inserts, for clinic acme (4 variants), in "Summary":
    - No makeup for 24 hours.
    + No makeup for 36 hours.
  section added: "Extra care for dry skin", for skin type dry (4 variants)
  PDF pages 1 → 2, for skin type oily and area chest-back (2 variants)
`
	if text != want {
		t.Errorf("text report =\n%s\nwant\n%s", text, want)
	}
}
