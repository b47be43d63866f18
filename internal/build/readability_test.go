package build

import (
	"math"
	"testing"

	"handouts/internal/readability"
)

// gradeLimits are the Flesch-Kincaid targets of ../shared/PRODUCT.md per
// handout kind: the sheet at grade 6 or lower, the guide at 8 or lower.
var gradeLimits = map[string]float64{"sheet": 6.0, "guide": 8.0}

// TestReadingLevel: every variant of every sheet reads at grade 6 or lower
// and every guide at grade 8 or lower (title, summary and body).
func TestReadingLevel(t *testing.T) {
	p, err := Load(sources(realContent))
	if err != nil {
		t.Fatal(err)
	}
	cat := p.Catalog
	type span struct {
		min, max         float64
		minName, maxName string
		n                int
	}
	spans := map[string]*span{}
	for _, tr := range cat.Treatments {
		for _, kind := range []string{"sheet", "guide"} {
			h := tr.Handout(kind)
			if h == nil {
				t.Errorf("treatment %s has no %s handout", tr.ID, kind)
				continue
			}
			limit := gradeLimits[kind]
			for _, b := range cat.Brands {
				for _, sk := range cat.Skins {
					for _, ar := range cat.Areas {
						name := b.ID + "/" + tr.ID + "/" + sk.ID + "-" + ar.ID + "/" + kind
						env, err := cat.Env(b.ID, tr.ID, sk.ID, ar.ID)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						res, err := h.Resolve(env, false)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						sc := readability.Score(readability.Text(Prose(res)))
						if sc.Grade > limit {
							t.Errorf("%s (%s): Flesch-Kincaid grade %.2f, want <= %.1f (%d words, %d sentences, %d syllables)",
								name, h.File, sc.Grade, limit, sc.Words, sc.Sentences, sc.Syllables)
						}
						s := spans[kind]
						if s == nil {
							s = &span{min: math.Inf(1), max: math.Inf(-1)}
							spans[kind] = s
						}
						s.n++
						if sc.Grade < s.min {
							s.min, s.minName = sc.Grade, name
						}
						if sc.Grade > s.max {
							s.max, s.maxName = sc.Grade, name
						}
					}
				}
			}
		}
	}
	for _, kind := range []string{"sheet", "guide"} {
		if s := spans[kind]; s != nil {
			t.Logf("%s: %d variants, grade %.2f (%s) to %.2f (%s); limit %.1f", kind, s.n, s.min, s.minName, s.max, s.maxName, gradeLimits[kind])
		}
	}
}
