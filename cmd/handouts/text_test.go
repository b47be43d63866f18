package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// TestUnprintableCharacters: control and bidirectional characters (and
// U+FFFD) are refused by `handouts check` with the file and line, from
// every source: the Markdown body (as characters, entities or character
// references), a summary point, a YAML value (plain or escaped) and a
// brand's product; and in -name.
func TestUnprintableCharacters(t *testing.T) {
	t.Parallel()
	const (
		bidi = "is an invisible control that reorders the text around it, so the handout would not read as written; remove it"
		ctrl = "is a control character, which prints as nothing or as a box; remove it"
	)
	tests := []struct {
		name, file, from, to, want string
	}{
		{"body character", "treatments/microneedling/sheet.md", "with questions", "with \u202equestions", "treatments/microneedling/sheet.md:10: character U+202E (right-to-left override) " + bidi},
		{"body hex reference", "treatments/microneedling/sheet.md", "with questions", "with &#x202E;questions", `treatments/microneedling/sheet.md:10: character U+202E (right-to-left override), written "&#x202E;", ` + bidi},
		{"body decimal reference", "treatments/microneedling/sheet.md", "Oily chest only.", "Oily &#8295;chest only.", `treatments/microneedling/sheet.md:17: character U+2067 (right-to-left isolate), written "&#8295;", ` + bidi},
		{"body entity name", "treatments/microneedling/sheet.md", "with questions", "with &lrm;questions", `treatments/microneedling/sheet.md:10: character U+200E (left-to-right mark), written "&lrm;", ` + bidi},
		{"body NUL reference", "treatments/microneedling/sheet.md", "with questions", "with &#0;questions", `treatments/microneedling/sheet.md:10: character U+FFFD (replacement character), written "&#0;", stands for a NUL or a broken character; remove it or write the character you meant`},
		{"body C0 control", "treatments/microneedling/sheet.md", "with questions", "with\u001bquestions", "treatments/microneedling/sheet.md:10: character U+001B " + ctrl},
		{"body C1 reference", "treatments/microneedling/sheet.md", "with questions", "with &#x9B;questions", `treatments/microneedling/sheet.md:10: character U+009B, written "&#x9B;", ` + ctrl},
		{"summary reference", "treatments/microneedling/sheet.md", `  - "No makeup`, `  - "No &#x202D;makeup`, `treatments/microneedling/sheet.md:5: summary: character U+202D (left-to-right override), written "&#x202D;", ` + bidi},
		{"YAML label", "area/face.yaml", "label: Face", "label: Face \u202e", "area/face.yaml:2: label: character U+202E (right-to-left override) " + bidi},
		{"YAML escaped control", "brands/acme.yaml", "name: Acme Skin", `name: "Acme\a Skin"`, "brands/acme.yaml:1: name: character U+0007 " + ctrl},
		{"brand product", "brands/acme.yaml", `serum: "Acme Serum"`, `serum: "Acme \u2066Serum"`, "brands/acme.yaml:18: products.serum: character U+2066 (left-to-right isolate) " + bidi},
		{"rule text", "treatments/microneedling/treatment.yaml", "text: No makeup", `text: "No makeup\x85"`, "treatments/microneedling/treatment.yaml:5: rules.no-makeup.text: character U+0085 " + ctrl},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
			before := string(files[tt.file])
			files[tt.file] = []byte(strings.Replace(before, tt.from, tt.to, 1))
			if string(files[tt.file]) == before {
				t.Fatalf("%q not found in %s", tt.from, tt.file)
			}
			golden.WriteTree(t, dir, files)
			code, _, stderr := runCmd("check", "-content", dir)
			if want := withCount(dir + "/" + tt.want); code != 1 || strings.TrimSpace(stderr) != want {
				t.Errorf("check = exit %d, %q\nwant exit 1 and %q", code, stderr, want)
			}
		})
	}
	for _, name := range []string{"Ana\u202e", "Ana\u0007", "A\u2068na"} {
		t.Run("name "+name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "x.pdf")
			code, _, stderr := runCmd("sheet", "-content", "../../content", "-brand", "harbor", "-skin", "dry", "-area", "face", "-name", name, "-o", out)
			if code != 2 || !strings.HasPrefix(stderr, "handouts sheet: -name: character U+") || !strings.HasSuffix(strings.TrimSpace(stderr), "; remove it") {
				t.Errorf("exit %d, %q; want exit 2 and the character refused", code, stderr)
			}
		})
	}
}

// TestICSFooterText: the calendar file's footer says what the PDF and
// HTML footers say: a brand's name exactly as written (quotes, "&") and
// the content's entities decoded, with no Markdown escapes left in.
func TestICSFooterText(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	edit := func(file, from, to string) {
		p := filepath.Join(dir, file)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(data), from, to, 1)
		if s == string(data) {
			t.Fatalf("%q not found in %s", from, file)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("brands/harbor.yaml", "name: Harbor Skin Studio", `name: "St. Mary's \"Skin\" & Co"`)
	edit("treatments/microneedling/calendar.md", `footer: "Fever,`, `footer: "{{clinic.name}} &mdash; Fever,`)
	// The translation keeps its source's placeholders.
	edit("treatments/microneedling/calendar.es.md", `footer: "¿Fiebre,`, `footer: "{{clinic.name}} &mdash; ¿Fiebre,`)
	code, stdout, stderr := runCmd("calendar", "-content", dir, "-brand", "harbor", "-skin", "dry", "-area", "face", "-format", "ics", "-date", "2026-03-13", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Unfold the lines and undo the iCalendar text escapes.
	ics := strings.ReplaceAll(stdout, "\r\n ", "")
	ics = strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\\`, `\`).Replace(ics)
	want := "St. Mary's \"Skin\" & Co \u2014 Fever, green or yellow fluid, or redness or swelling that gets worse? Call (207) 555-0142. After hours: (207) 555-0199."
	if !strings.Contains(ics, want) {
		t.Errorf("the .ics lacks the footer %q:\n%s", want, ics)
	}
}
