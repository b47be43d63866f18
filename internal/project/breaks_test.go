package project

import (
	"handouts/internal/content"
	"testing"
	"time"
)

// TestBreaksOnlyPublished: the lines a build remembers (layout.Breaks,
// kept in memory for the build's other documents) are a published
// handout's and the worst-case probe's, never a patient's copy: rendering
// a dated copy with a name, after its published handout, remembers no
// paragraph more.
func TestBreaksOnlyPublished(t *testing.T) {
	p, err := Load(sources(realContent))
	if err != nil {
		t.Fatal(err)
	}
	env, err := p.Catalog.Env("harbor", "microneedling", "sensitive", "chest-back")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"sheet", "calendar"} {
		if _, err := p.Render(Request{Env: env, Kind: content.Kind(kind), Format: "pdf"}); err != nil {
			t.Fatal(err)
		}
	}
	published := p.breaks.Len()
	if published == 0 {
		t.Fatal("a published handout's lines were not remembered")
	}
	dated := env
	dated.Start, dated.HasTime = time.Date(2026, 12, 14, 16, 30, 0, 0, time.UTC), true
	for _, c := range []struct {
		name string
		r    Request
	}{
		{"a name", Request{Env: env, Kind: "sheet", Format: "pdf", Patient: "Quillonaria"}},
		{"a date", Request{Env: dated, Kind: "sheet", Format: "pdf"}},
		{"a dated calendar", Request{Env: dated, Kind: "calendar", Format: "pdf", Patient: "Quillonaria"}},
	} {
		if _, err := p.Render(c.r); err != nil {
			t.Fatal(err)
		}
		if n := p.breaks.Len(); n != published {
			t.Errorf("a copy with %s: %d paragraphs remembered, %d before", c.name, n, published)
		}
	}
}
