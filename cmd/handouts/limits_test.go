package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"handouts/internal/golden"
	"handouts/internal/markdown"
	"handouts/internal/wait"
)

// runWithin runs the command and fails the test if it has not finished by
// the tests' ceiling (wait.Ceiling): a named pipe used to hang a build
// forever, and 10,000 nested ">" took minutes. It returns the processor
// time the process spent meanwhile (wait.CPU), which a busy machine hardly
// changes: the command's own, for a test that runs alone.
func runWithin(t *testing.T, args ...string) (int, string, string, time.Duration) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
		cpu            time.Duration
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.cpu = wait.CPU(func() { r.code, r.stdout, r.stderr = runCmd(args...) })
		done <- r
	}()
	r := wait.Recv(t, "handouts "+strings.Join(args, " ")+" to finish", done)
	return r.code, r.stdout, r.stderr, r.cpu
}

// TestDeepNestingFailsFast: 10,000 nested ">" (which took 325 s and 2 GB
// to build) fail `handouts check` with the file and line in well under a
// second, as do 10,000 nested list markers and a megabyte of them.
func TestDeepNestingFailsFast(t *testing.T) {
	const sheet = "treatments/microneedling/sheet.md"
	tests := []struct{ name, line string }{
		{"10,000 nested quotes", strings.Repeat(">", 10000) + " deep"},
		{"10,000 spaced quotes", strings.Repeat("> ", 10000) + "deep"},
		{"10,000 nested list markers", strings.Repeat("- ", 10000) + "deep"},
		{"a megabyte of callouts and lists", strings.Repeat("> - ", 250000) + "deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
			files[sheet] = append(files[sheet], []byte("\n"+tt.line+"\n")...)
			golden.WriteTree(t, dir, files)
			code, _, stderr, took := runWithin(t, "check", "-content", dir)
			want := dir + "/" + sheet + ":28: nested far too deep: lists, > callouts and warning boxes may be nested at most 6 levels deep, so use fewer levels"
			if want = withCount(want); code != 1 || strings.TrimSpace(stderr) != want {
				t.Errorf("exit %d, stderr:\n%.500s\nwant exit 1 and:\n%s", code, stderr, want)
			}
			t.Logf("refused in %v of CPU time", took)
			if took > time.Second {
				t.Errorf("check took %v of CPU time, want well under a second", took)
			}
		})
	}
}

// TestLimitsPrintFully: a handout at every limit at once, on A4 (the
// narrowest page): lists, callouts and a warning box nested
// markdown.MaxDepth deep, and a table of markdown.MaxColumns columns
// inside callouts that deep. Every word the HTML shows is in the PDF's
// text (pdftotext), and no two words of the PDF are printed over each
// other (pdftotext -bbox).
func TestLimitsPrintFully(t *testing.T) {
	golden.RequireTool(t, "pdftotext", "poppler-utils")
	var body strings.Builder
	n := 0
	word := func() string { n++; return fmt.Sprintf("tok%d", n) }
	sentence := func() string {
		return "Rinse " + word() + " gently with cool water and " + word() + " pat dry " + word() + "."
	}
	// Each chain nests MaxDepth deep: "> " continues a callout, spaces a
	// list item.
	chains := [][]string{
		{"> ", "> ", "> ", "> ", "> ", "> "},
		{"- ", "- ", "- ", "- ", "- ", "- "},
		{"> ", "- ", "> ", "1. ", "> ", "- "},
		{"- ", "> ", "1. ", "> ", "- ", "> "},
	}
	for _, chain := range chains {
		if len(chain) != markdown.MaxDepth {
			t.Fatalf("chain of %d, want %d", len(chain), markdown.MaxDepth)
		}
		cont := ""
		for _, open := range chain {
			body.WriteString(cont + open + sentence() + "\n")
			if strings.HasPrefix(open, ">") {
				cont += "> "
			} else {
				cont += strings.Repeat(" ", len(open))
			}
			body.WriteString(strings.TrimRight(cont, " ") + "\n")
		}
		body.WriteString("\n")
	}
	// The warning box, with lists and callouts inside it to the limit.
	body.WriteString("::: warning\nCall {{clinic.phone}} or {{clinic.after_hours}}.\n\n")
	body.WriteString("> - > - > " + sentence() + "\n:::\n\n")
	// The widest table inside the deepest callouts.
	quote := strings.Repeat("> ", markdown.MaxDepth)
	cols := markdown.MaxColumns
	var head, rule, row []string
	for range cols {
		head, rule = append(head, word()), append(rule, "---")
	}
	body.WriteString(quote + "| " + strings.Join(head, " | ") + " |\n")
	body.WriteString(quote + "|" + strings.Join(rule, "|") + "|\n")
	for range 3 {
		row = row[:0]
		for range cols {
			row = append(row, word())
		}
		body.WriteString(quote + "| " + strings.Join(row, " | ") + " |\n")
	}

	dir := filepath.Join(t.TempDir(), "content")
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	files["brands/acme.yaml"] = []byte(strings.Replace(string(files["brands/acme.yaml"]), "paper: letter", "paper: a4", 1))
	files["treatments/microneedling/sheet.md"] = []byte("---\ntitle: After your treatment\nkind: sheet\nsummary:\n  - \"Rest.\"\nreviewed_by: Dr. Test\nreviewed_on: 2026-10-15\nmax_pages: 4\n---\n\n" + body.String())
	golden.WriteTree(t, dir, files)
	out := t.TempDir()
	pdf, page := filepath.Join(out, "x.pdf"), filepath.Join(out, "x.html")
	for _, f := range []struct{ format, file string }{{"pdf", pdf}, {"html", page}} {
		if code, _, stderr := runCmd("sheet", "-content", dir, "-brand", "acme", "-skin", "dry", "-area", "face", "-format", f.format, "-o", f.file); code != 0 {
			t.Fatalf("sheet -format %s: exit %d: %s", f.format, code, stderr)
		}
	}
	htmlData, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	text := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(htmlData), " "))
	shown := regexp.MustCompile(`\btok\d+\b`).FindAllString(text, -1)
	if len(shown) != n {
		t.Fatalf("the HTML shows %d of the %d words", len(shown), n)
	}
	pdfText := mustRun(t, "pdftotext", "-layout", pdf, "-")
	printed := map[string]bool{}
	for _, w := range regexp.MustCompile(`\btok\d+\b`).FindAllString(pdfText, -1) {
		printed[w] = true
	}
	for _, w := range shown {
		if !printed[w] {
			t.Errorf("the HTML shows %q; the PDF does not print it", w)
		}
	}
	if overlaps := overlappingWords(t, pdf); len(overlaps) > 0 {
		t.Errorf("words printed over each other: %s", strings.Join(overlaps, "; "))
	}
}

var reWordBox = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// overlappingWords lists the pairs of words on a page of the PDF printed
// over each other: their boxes (pdftotext -bbox) overlap by more than half
// a point across and by more than half their height.
func overlappingWords(t *testing.T, pdf string) []string {
	t.Helper()
	var out []string
	for _, pg := range strings.Split(mustRun(t, "pdftotext", "-bbox", pdf, "-"), "<page ")[1:] {
		type box struct {
			x0, y0, x1, y1 float64
			w              string
		}
		var boxes []box
		for _, m := range reWordBox.FindAllStringSubmatch(pg, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			boxes = append(boxes, box{f(m[1]), f(m[2]), f(m[3]), f(m[4]), m[5]})
		}
		for i, a := range boxes {
			for _, b := range boxes[i+1:] {
				// Boxes are as tall as the font's ascent and descent, so
				// lines set tight touch; words printed over each other
				// share most of their height.
				if min(a.x1, b.x1)-max(a.x0, b.x0) > 0.5 && min(a.y1, b.y1)-max(a.y0, b.y0) > min(a.y1-a.y0, b.y1-b.y0)/2 {
					out = append(out, fmt.Sprintf("%q and %q", a.w, b.w))
				}
			}
		}
	}
	return out
}
