package project

import (
	"testing"

	"handouts/internal/content"
	"handouts/internal/readability"
)

// TestReadingLevel: every variant of every sheet and guide, in every
// language a brand offers, meets its language's target (title, summary
// and body): in English a Flesch-Kincaid grade of 6 or lower for the
// sheet and 8 or lower for the guide, in Spanish the INFLESZ targets of
// internal/readability.
func TestReadingLevel(t *testing.T) {
	p, err := Load(sources(realContent))
	if err != nil {
		t.Fatal(err)
	}
	spans := map[string]*readability.Span{}
	var order []string
	langs := map[string]bool{}
	for _, env := range p.Catalog.Envs() {
		langs[env.Lang.Tag] = true
		for _, kind := range []string{"sheet", "guide"} {
			h := env.Treatment.Handout(content.Kind(kind))
			if h == nil {
				t.Fatalf("treatment %s has no %s handout in %s", env.Treatment.ID, kind, env.Lang.Tag)
			}
			name := env.Brand.ID + "/" + env.Lang.Tag + "/" + env.Skin.ID + "-" + env.Area.ID + "/" + kind
			res, err := h.Resolve(env, false)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			r, err := readability.Measure(env.Lang.Tag, kind, readability.Text(Prose(res)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !r.HasTarget {
				t.Errorf("%s: no reading target for %s in %s", name, kind, env.Lang.Tag)
			}
			if !r.Met {
				t.Errorf("%s (%s): %s (%d words, %d sentences, %d syllables)", name, h.File, r, r.Words, r.Sentences, r.Syllables)
			}
			key := kind + " " + env.Lang.Tag
			if spans[key] == nil {
				spans[key] = &readability.Span{}
				order = append(order, key)
			}
			spans[key].Add(r)
		}
	}
	for _, tag := range []string{"en-US", "en-GB", "es-US"} {
		if !langs[tag] {
			t.Errorf("no brand offers %s; the shipped content should read in it", tag)
		}
	}
	for _, k := range order {
		t.Logf("%s", spans[k])
	}
}
