package project

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"handouts/internal/content"
	"handouts/internal/readability"
)

// ReviewMaxAge is how old a clinician's review may be before `handouts
// check` warns (../shared/PRODUCT.md: warn when a review is older than a
// year).
const ReviewMaxAge = 12 // months

// Grade is one handout's reading level in one language over all its
// variants, by that language's formula (internal/readability: the
// Flesch-Kincaid grade for English, INFLESZ for Spanish, each with its
// targets by kind from ../shared/PRODUCT.md).
type Grade struct {
	Handout *content.Handout // the source, or the translation that is read
	Lang    string           // the language tag the variants were read in
	Span    readability.Span
	Graded  bool // false for a calendar: a grid of short labels, not prose
	// NoFormula is set where the language has no reading-level formula
	// (readability.ErrNoFormula): the handout is reported, not graded.
	NoFormula bool
}

// String reports the handout's reading level, for example
// "content/…/sheet.es.md: sheet es-US: INFLESZ 68.4 to 71.2 across 16
// variants (fairly easy; target 65 or more)".
func (g Grade) String() string {
	if g.NoFormula {
		return g.Handout.File + ": " + g.Lang + ": not graded (no reading-level formula for this language here; have a native reader check it reads at grade 6)"
	}
	if !g.Graded {
		return g.Handout.File + ": not graded (a checklist of short labels, not prose)"
	}
	return g.Handout.File + ": " + g.Span.String()
}

// Over reports whether the hardest variant misses its target.
func (g Grade) Over() bool { return g.Graded && !g.Span.Met() }

// Warnings are the warnings `handouts check` prints, in its order, each
// "file:line: what and what to do": a handout in a language with no
// reading-level formula or reading above its target (of grades, what
// Grades returned), a review over ReviewMaxAge old at now, the
// catalogue's own (Catalog.Warnings) and translations that may have
// drifted from their sources (Catalog.Drift). `handouts build` prints
// them too, with their count.
func (p *Project) Warnings(grades []Grade, now time.Time) []string {
	var out []string
	for _, g := range grades {
		switch {
		case g.NoFormula:
			out = append(out, g.String())
		case g.Over():
			out = append(out, g.String()+": reads above the target; use shorter sentences and plainer words")
		}
	}
	out = append(out, p.StaleReviews(now)...)
	for _, w := range p.Catalog.Warnings() {
		out = append(out, w.Error())
	}
	return append(out, p.Catalog.Drift()...)
}

// Count says how many of a thing there are: "1 problem", "3 problems".
func Count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// Prose is the text a patient reads in a resolved handout, as Markdown:
// the title, the summary points and the body.
func Prose(res *content.Resolved) []byte {
	var b strings.Builder
	b.WriteString("# " + content.EscapeMarkdown(res.Title) + "\n\n")
	for _, s := range res.Summary {
		b.WriteString("- " + s + "\n")
	}
	b.WriteString("\n")
	b.Write(res.Source)
	return []byte(b.String())
}

// Grades scores every sheet and guide in every language a brand offers,
// over every brand and variant in that language (en-GB apart from en-US:
// the same text, respelled).
func (p *Project) Grades() ([]Grade, error) {
	c := p.Catalog
	byKey := map[string]*Grade{}
	var order []string
	for _, env := range c.Envs() {
		tag := env.Lang.Tag
		for _, h := range env.Treatment.Handouts {
			key := h.File + "|" + tag
			g := byKey[key]
			if g == nil {
				info, err := h.Front.Kind.Info()
				if err != nil {
					return nil, fmt.Errorf("%s: %w", h.File, err)
				}
				g = &Grade{Handout: h, Lang: tag, Graded: info.Graded}
				byKey[key] = g
				order = append(order, key)
			}
			if !g.Graded {
				continue
			}
			res, err := h.Resolve(env, false)
			if err != nil {
				return nil, err
			}
			r, err := readability.Measure(tag, string(h.Front.Kind), readability.Text(Prose(res)))
			if errors.Is(err, readability.ErrNoFormula) {
				g.Graded, g.NoFormula = false, true
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %v", h.File, err)
			}
			if !r.HasTarget {
				// A graded kind with no target would pass whatever it
				// scored.
				return nil, fmt.Errorf("%s: %s has no reading target for a %s; add one to its formula in internal/readability", h.File, r.Formula, h.Front.Kind)
			}
			g.Span.Add(r)
		}
	}
	var out []Grade
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	return out, nil
}

// StaleReviews lists handouts whose review is older than ReviewMaxAge
// months on day now.
func (p *Project) StaleReviews(now time.Time) []string {
	var out []string
	for _, t := range p.Catalog.Treatments {
		for _, h := range t.Handouts {
			on := h.ReviewedOn()
			if on.AddDate(0, ReviewMaxAge, 0).Before(now) {
				out = append(out, fmt.Sprintf("%s: reviewed on %s by %s, over %d months ago; ask a clinician to review it and update reviewed_on",
					h.File, h.Front.ReviewedOn, h.Front.ReviewedBy, ReviewMaxAge))
			}
		}
	}
	return out
}
