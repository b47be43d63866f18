package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handouts/internal/lang"
	"handouts/internal/layout"
)

// TestCheckPersonalCopy: a sheet that fits on its page as published but
// not as a dated copy with a time (each of its lines wraps once its "for
// 48 hours" becomes "until Wednesday, September 30 at 10:30 PM") passes
// the published build's checks and is refused by the personal-copy check
// at its file and line, with what to do; the shipped content passes it.
func TestCheckPersonalCopy(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(realContent)); err != nil {
		t.Fatal(err)
	}
	tdir := filepath.Join(dir, "treatments", "tight")
	if err := os.MkdirAll(tdir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(tdir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("treatment.yaml", "name: Tight peel\nrules:\n  - id: no-makeup\n    kind: avoid\n    text: No makeup\n    start: 0h\n    end: 48h\n")
	write("treatment.es.yaml", "name: Peeling justo\nrules:\n  no-makeup: Sin maquillaje\n")
	const n = 20
	sheet := func(title, line, warn string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %s\nkind: sheet\nsummary:\n  - \"%s {{until no-makeup}}.\"\nreviewed_by: Dr. Jane Example, MD\nreviewed_on: 2026-11-02\nmax_pages: 1\n---\n\n## %s\n\n", title, line, title)
		for i := range n {
			fmt.Fprintf(&b, "- %s %d {{until no-makeup}}.\n", line, i+1)
		}
		fmt.Fprintf(&b, "\n::: warning\n## %s\n\n{{clinic.phone}}, {{clinic.after_hours}}.\n:::\n", warn)
		return b.String()
	}
	write("sheet.md", sheet("Tight", "Keep the treated skin clean, cool and calm with no makeup on it", "Call us"))
	write("sheet.es.md", sheet("Justo", "Mantenga la piel limpia, fresca y tranquila sin maquillaje", "Llámenos"))
	offer(t, dir, "tight")
	p, err := Load(sources(dir))
	if err != nil {
		t.Fatal(err)
	}
	// The published copies of the new treatment render (the shipped
	// content's are builtMatrix's).
	jobs, err := p.Matrix(nil)
	if err != nil {
		t.Fatal(err)
	}
	var tight []job
	for _, j := range jobs {
		if j.env.Treatment.ID == "tight" {
			tight = append(tight, j)
		}
	}
	if len(tight) != 2*3*16 {
		t.Fatalf("%d files of the tight treatment in the matrix, want 96 (its sheet, PDF and HTML, in 3 brand languages × 16 variants)", len(tight))
	}
	if err := p.renderJobs(tight, 0, func(int, Rendered, [32]byte) error { return nil }); err != nil {
		t.Fatalf("the published copies should fit: %v", err)
	}
	err = p.CheckPersonal(Config{})
	if err == nil {
		t.Fatal("CheckPersonal passed a sheet whose dated copy runs past its page")
	}
	msg := err.Error()
	for _, want := range []string{"treatments/tight/sheet.md:", "runs past its 1 page", "a dated copy with a time and a 40-character name", "the front desk makes such copies"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, WorstName) {
		t.Errorf("the message prints the probe's name:\n%s", msg)
	}
	// The shipped content's personal copies all fit.
	real, err := Load(sources(realContent))
	if err != nil {
		t.Fatal(err)
	}
	if err := real.CheckPersonal(Config{}); err != nil {
		t.Errorf("a personal copy of the shipped content does not fit:\n%v", err)
	}
}

// TestWidestNames: the probe's language writes every date of a year at
// least as wide as the language itself does, in the clinic's body font,
// so no real treatment date makes a line longer than the probe's; and the
// copy that showed the need (Spanish, 14 December at 16:30: "miércoles 16
// de diciembre" wrapped a line that the old probe's "viernes 18 de
// septiembre" did not, and the sheet ran to a third page) renders.
func TestWidestNames(t *testing.T) {
	p := loadCatalog(t)
	for _, c := range []struct{ brand, tag string }{{"harbor", "en-US"}, {"harbor", "es-US"}, {"thistle", "en-GB"}} {
		env, err := p.Catalog.EnvIn(c.brand, c.tag, "microneedling", "dry", "face")
		if err != nil {
			t.Fatal(err)
		}
		l, w := env.Lang, p.widestNames(c.brand, env.Lang)
		f, size := p.fonts[c.brand], p.styles[c.brand].BodySize
		for d := time.Date(probeYear, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == probeYear; d = d.AddDate(0, 0, 1) {
			for _, form := range []func(*lang.Lang, time.Time) string{(*lang.Lang).Long, (*lang.Lang).LongYear, (*lang.Lang).Date} {
				if got, real := f.Width(layout.Regular, size, form(w, d)), f.Width(layout.Regular, size, form(l, d)); got < real {
					t.Fatalf("%s %s: the probe writes %q (%.1f pt), narrower than %q (%.1f pt)", c.brand, c.tag, form(w, d), got, form(l, d), real)
				}
			}
		}
	}
	env, err := p.Catalog.EnvIn("harbor", "es-US", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	env.Start, env.HasTime = time.Date(2026, 12, 14, 16, 30, 0, 0, time.UTC), true
	if _, err := p.Render(Request{Env: env, Kind: "sheet", Format: "pdf", Patient: "María José"}); err != nil {
		t.Fatalf("the dated Spanish sheet of 14 December 16:30: %v", err)
	}
}
