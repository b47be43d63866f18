package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/golden"
)

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "usage: handouts"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "-h"}, 0, "usage: handouts build"},
		{[]string{"check", "-h"}, 0, "usage: handouts check"},
		{[]string{"sheet", "-h"}, 0, "usage: handouts sheet"},
		{[]string{"sheet", "-skin", "dry"}, 2, "-brand is required"},
		{[]string{"sheet", "-brand", "harbor", "-skin", "dry", "-area", "face", "-o", "x.pdf", "-format", "docx"}, 2, `-format "docx"`},
		{[]string{"sheet", "-brand", "harbor", "-skin", "dry", "-area", "face", "-o", "x.pdf", "-date", "2026-02-30"}, 2, `-date "2026-02-30" is not a real date`},
		{[]string{"build", "-nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("handouts %v = exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

// TestBadInput runs the content error corpus through the command: each
// broken tree makes `handouts build` exit 1 with the exact message, and
// leaves the output folder byte for byte as it was.
func TestBadInput(t *testing.T) {
	t.Parallel()
	base := "../../internal/content/testdata/base.txtar"
	good := t.TempDir()
	files, _ := golden.Tree(t, base)
	golden.WriteTree(t, good, files)
	out := filepath.Join(t.TempDir(), "output")
	if code, _, stderr := runCmd("build", "-content", good, "-out", out); code != 0 {
		t.Fatalf("good build: exit %d: %s", code, stderr)
	}
	before := golden.Snapshot(t, out)
	cases, _ := filepath.Glob("../../internal/content/testdata/errors/*.txtar")
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			files, want := golden.Tree(t, base, c)
			golden.WriteTree(t, dir, files)
			failedBuild(t, dir, out, before, strings.ReplaceAll(strings.TrimSpace(want), "content/", dir+"/"))
		})
	}
	// Trees a txtar archive cannot hold: a link out of the tree, a 50 MB
	// file, and a character the font has no glyph for.
	special := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"symlink out of the tree", func(t *testing.T, dir string) {
			os.Symlink("/etc/passwd", filepath.Join(dir, "skin", "normal.yaml"))
		}, "skin/normal.yaml: is a symbolic link; content must be real files inside DIR/, so copy the file in instead"},
		{"50 MB file", func(t *testing.T, dir string) {
			f, _ := os.Create(filepath.Join(dir, "area", "back.yaml"))
			f.Truncate(50 << 20)
			f.Close()
		}, "area/back.yaml: is 52428800 bytes, over the 1048576-byte limit for content files; is it the right file?"},
		{"no glyph", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "treatments", "microneedling", "sheet.md")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, append(data, []byte("\nSee you soon 👋\n")...), 0o644)
		}, `treatments/microneedling/sheet.md:28: character "👋" (U+1F44B) has no glyph in the font, so it cannot be printed; replace or remove it`},
	}
	for _, sc := range special {
		t.Run(sc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			files, _ := golden.Tree(t, base)
			golden.WriteTree(t, dir, files)
			sc.setup(t, dir)
			failedBuild(t, dir, out, before, dir+"/"+strings.ReplaceAll(sc.want, "DIR", dir))
		})
	}
}

// failedBuild runs a build of dir into out that must fail with exactly
// want, print nothing on standard output, and leave out as it was.
func failedBuild(t *testing.T, dir, out string, before map[string]string, want string) {
	t.Helper()
	code, stdout, stderr := runCmd("build", "-content", dir, "-out", out)
	if code != 1 || strings.TrimSpace(stderr) != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	after := golden.Snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files, %d before", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed", k)
		}
	}
}

// TestGlyphMissing: an emoji fails `handouts check` with file, line and character.
func TestGlyphMissing(t *testing.T) {
	dir := t.TempDir()
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	files["treatments/microneedling/sheet.md"] = append(files["treatments/microneedling/sheet.md"], []byte("\nFeel better soon 😀\n")...)
	golden.WriteTree(t, dir, files)
	code, _, stderr := runCmd("check", "-content", dir)
	want := dir + `/treatments/microneedling/sheet.md:28: character "😀" (U+1F600) has no glyph in the font, so it cannot be printed; replace or remove it`
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("check = exit %d, %q; want exit 1 and %q", code, stderr, want)
	}
}

// TestSheetOneOff makes a personal copy: the name and date are in the
// file only, never on the terminal.
func TestSheetOneOff(t *testing.T) {
	golden.RequireTool(t, "pdftotext", "poppler-utils")
	out := filepath.Join(t.TempDir(), "x.pdf")
	code, stdout, stderr := runCmd("sheet", "-content", "../../content", "-brand", "harbor", "-skin", "dry", "-area", "face",
		"-date", "2026-03-13", "-name", "Ana", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout+stderr, "Ana") {
		t.Errorf("the patient's name reached the terminal: %q %q", stdout, stderr)
	}
	text := strings.Join(strings.Fields(mustRun(t, "pdftotext", out, "-")), " ") // no-break spaces as spaces
	for _, want := range []string{"Ana", "Friday, March 13, 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	info := mustRun(t, "pdfinfo", out)
	if strings.Contains(info, "Ana") || strings.Contains(info, "Mar 13") || strings.Contains(info, "2026-03-13") {
		t.Errorf("PDF metadata holds patient data:\n%s", info)
	}
}

// TestDefaultFileName: without -o the file is named by kind and date,
// never by patient, and written to the current folder.
func TestDefaultFileName(t *testing.T) {
	content, _ := filepath.Abs("../../content")
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCmd("sheet", "-content", content, "-brand", "thistle", "-skin", "oily", "-area", "face", "-date", "2026-03-13", "-name", "Ana")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "wrote aftercare-2026-03-13.pdf\n" {
		t.Errorf("stdout = %q", stdout)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "aftercare-2026-03-13.pdf" {
		t.Errorf("files = %v, want only aftercare-2026-03-13.pdf", entries)
	}
	code, _, stderr = runCmd("calendar", "-content", content, "-brand", "thistle", "-skin", "oily", "-area", "face", "-format", "ics")
	if code != 2 || !strings.Contains(stderr, "needs the treatment date") {
		t.Errorf("undated .ics: exit %d, %q; want exit 2 (bad usage) and a hint to give -date", code, stderr)
	}
}

// TestPrintWithoutCUPS: -print says clearly when lp is missing.
func TestPrintWithoutCUPS(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "x.pdf")
	code, _, stderr := runCmd("sheet", "-content", "../../content", "-brand", "harbor", "-skin", "dry", "-area", "face", "-o", out, "-print")
	if code != 1 || !strings.Contains(stderr, "cannot print: -print sends the file to lp (CUPS), which is not installed; install cups-client") || !strings.Contains(stderr, "prints through the browser") {
		t.Errorf("exit %d, stderr %q; want exit 1 and the CUPS hint", code, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the file should still be written: %v", err)
	}
}

// TestGlyphsInContentStrings: a character the font lacks is refused
// wherever it is written, naming that file and line.
func TestGlyphsInContentStrings(t *testing.T) {
	base := "../../internal/content/testdata/base.txtar"
	tests := []struct {
		name, file, from, to, want string
	}{
		{"clinic name", "brands/acme.yaml", "name: Acme Skin", "name: Acme 😊 Skin", `brands/acme.yaml:1: name: character "😊" (U+1F60A) has no glyph in the font, so it cannot be printed; replace or remove it`},
		{"area label", "area/face.yaml", "label: Face", "label: Face 🙂", `area/face.yaml:2: label: character "🙂" (U+1F642) has no glyph in the font, so it cannot be printed; replace or remove it`},
		{"summary point", "treatments/microneedling/sheet.md", `  - "No makeup`, `  - "No 😀 makeup`, `treatments/microneedling/sheet.md:5: summary: character "😀" (U+1F600) has no glyph in the font, so it cannot be printed; replace or remove it`},
		{"rule text", "treatments/microneedling/treatment.yaml", "text: No makeup", "text: No makeup ✓", `treatments/microneedling/treatment.yaml:5: rules.no-makeup.text: character "✓" (U+2713) has no glyph in the font, so it cannot be printed; replace or remove it`},
		{"product", "brands/acme.yaml", `serum: "Acme Serum"`, `serum: "Acme Serum 🧴"`, `brands/acme.yaml:18: products.serum: character "🧴" (U+1F9F4) has no glyph in the font, so it cannot be printed; replace or remove it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files, _ := golden.Tree(t, base)
			files[tt.file] = []byte(strings.Replace(string(files[tt.file]), tt.from, tt.to, 1))
			golden.WriteTree(t, dir, files)
			code, _, stderr := runCmd("check", "-content", dir)
			if want := withCount(dir + "/" + tt.want); code != 1 || strings.TrimSpace(stderr) != want {
				t.Errorf("check = exit %d, %q; want exit 1 and %q", code, stderr, want)
			}
		})
	}
}

// TestCheckWarnsAboutDrift: on a small tree with a Spanish translation,
// check -stamp prints the translated_from block; once it is pasted, check
// is quiet; then changing one sentence of the English sheet makes check
// warn that the Spanish sheet's source changed, naming that section only.
func TestCheckWarnsAboutDrift(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar", "../../internal/content/testdata/es.txtar")
	golden.WriteTree(t, dir, files)
	sheet := filepath.Join(dir, "treatments/microneedling/sheet.md")
	esFile := filepath.Join(dir, "treatments/microneedling/sheet.es.md")
	code, stdout, stderr := runCmd("check", "-content", dir)
	if code != 0 || !strings.Contains(stdout, "warning: "+esFile+":8: has no translated_from") {
		t.Fatalf("check before stamping = exit %d, want a warning that sheet.es.md has no translated_from:\n%s%s", code, stdout, stderr)
	}
	code, stamps, stderr := runCmd("check", "-content", dir, "-stamp")
	if code != 0 {
		t.Fatalf("check -stamp = exit %d: %s", code, stderr)
	}
	_, block, ok := strings.Cut(stamps, "# "+esFile+" (translates "+sheet+")\n")
	if !ok {
		t.Fatalf("check -stamp printed no block for %s:\n%s", esFile, stamps)
	}
	block, _, _ = strings.Cut(block, "\n\n")
	edit := func(file, from, to string) {
		data, _ := os.ReadFile(file)
		s := strings.Replace(string(data), from, to, 1)
		if s == string(data) {
			t.Fatalf("%q not found in %s", from, file)
		}
		os.WriteFile(file, []byte(s), 0o644)
	}
	edit(esFile, `translated_from: ""`, strings.TrimSuffix(block, "\n"))
	code, stdout, stderr = runCmd("check", "-content", dir)
	if code != 0 || strings.Contains(stdout, "translated_from") || strings.Contains(stdout, "changed after") {
		t.Fatalf("check after stamping = exit %d:\n%s%s", code, stdout, stderr)
	}
	edit(sheet, "Call {{clinic.phone}} or {{clinic.after_hours}}.", "Call us at {{clinic.phone}}, or at {{clinic.after_hours}} after hours.")
	code, stdout, stderr = runCmd("check", "-content", dir)
	if code != 0 {
		t.Fatalf("check = exit %d: %s", code, stderr)
	}
	want := "warning: " + esFile + ":8: its source " + sheet + " changed after this translation was reviewed (2026-11-30); changed sections: \"When to call\" (" + sheet + ":23)"
	if !strings.Contains(stdout, want) {
		t.Errorf("check output lacks the drift warning %q:\n%s", want, stdout)
	}
	if strings.Contains(stdout, "introduction") || strings.Count(stdout, "changed after this translation") != 1 {
		t.Errorf("check names more than the changed section:\n%s", stdout)
	}
}
