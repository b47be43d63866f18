package project

import (
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/internal/content"
	"handouts/internal/readability"
)

// TestKindTable walks every row of content's kind table through every
// consumer: the renderers (FormatsOf, each format rendered for a real
// variant), the index's chooser, the reading targets of every language the
// content offers, review's page comparison and the one-off's file name. A
// new kind missing from any of them fails here, not silently in a build.
func TestKindTable(t *testing.T) {
	p := loadCatalog(t)
	var chosen []string
	for _, o := range IndexKinds() {
		chosen = append(chosen, o.ID)
	}
	for _, info := range content.Kinds() {
		t.Run(string(info.Kind), func(t *testing.T) {
			if got, err := info.Kind.Info(); err != nil || got.Kind != info.Kind {
				t.Fatalf("Info() = %v, %v", got.Kind, err)
			}
			if info.FileName == "" || strings.ContainsAny(info.FileName, "/. ") {
				t.Errorf("file name %q: a one-off copy needs a plain base name", info.FileName)
			}
			formats, err := FormatsOf(info.Kind)
			if err != nil {
				t.Fatal(err)
			}
			if len(formats) != len(info.Formats) {
				t.Fatalf("FormatsOf gives %d formats, the table %d", len(formats), len(info.Formats))
			}
			if info.Choice > 0 != slices.Contains(chosen, string(info.Kind)) || info.Choice > 0 && info.Label == "" {
				t.Errorf("choice %d, label %q: the index's chooser gives %v", info.Choice, info.Label, chosen)
			}
			if info.Reviewed && !info.Made(content.FormatPDF) {
				t.Error("review compares printed pages, but the kind is not made as PDF")
			}
			for _, tag := range p.Catalog.Languages() {
				fs, err := readability.Formulas(tag)
				if err != nil {
					continue // a language without a formula is reported by check
				}
				for _, f := range fs {
					if _, ok := f.Target(string(info.Kind)); ok != info.Graded {
						t.Errorf("%s: %s has a target: %v; graded: %v", tag, f.Name, ok, info.Graded)
					}
				}
			}
			env := firstEnvWith(t, p, info.Kind)
			for _, f := range formats {
				if f.OnDemand {
					env.Start, env.HasTime = dateFor(t), false
				}
				r, err := p.Render(Request{Env: env, Kind: info.Kind, Format: f.Name})
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				if len(r.Data) == 0 || f.Name == content.FormatPDF && r.Pages == 0 {
					t.Errorf("%s: %d bytes, %d pages", f.Name, len(r.Data), r.Pages)
				}
			}
		})
	}
	for _, bad := range []content.Kind{"", "leaflet"} {
		if _, err := bad.Info(); err == nil {
			t.Errorf("kind %q: no error", bad)
		}
		if _, err := FormatsOf(bad); err == nil {
			t.Errorf("FormatsOf(%q): no error", bad)
		}
	}
	if _, err := p.Render(Request{Env: firstEnvWith(t, p, content.KindSheet), Kind: content.KindSheet, Format: content.FormatICS}); err == nil {
		t.Error("a sheet rendered as .ics: no error")
	}
	if _, err := content.Format("docx").Ext(); err == nil {
		t.Error(`format "docx": no error`)
	}
}

func firstEnvWith(t *testing.T, p *Project, kind content.Kind) content.Env {
	t.Helper()
	for _, env := range p.Catalog.Envs() {
		if env.Treatment.Handout(kind) != nil {
			return env
		}
	}
	t.Fatalf("no treatment has a %s", kind)
	return content.Env{}
}

func dateFor(t *testing.T) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, "2026-12-14")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
