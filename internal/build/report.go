package build

import (
	"fmt"
	"strings"
	"time"

	"handouts/internal/content"
	"handouts/internal/readability"
)

// GradeTargets are the Flesch-Kincaid grade targets by handout kind
// (../shared/PRODUCT.md: the AMA asks for grade 6 or lower, NIH for below
// grade 8; the aftercare sheet aims at 6, the longer guide at 8).
var GradeTargets = map[string]float64{"sheet": 6, "guide": 8}

// ReviewMaxAge is how old a clinician's review may be before `handouts
// check` warns (../shared/PRODUCT.md: warn when a review is older than a
// year).
const ReviewMaxAge = 12 // months

// Grade is one handout's reading level over all its variants.
type Grade struct {
	Handout  *content.Handout
	Min, Max float64
	Target   float64 // 0 when the kind has none
}

// String reports the grade range and the target.
func (g Grade) String() string {
	if g.Max == 0 {
		return g.Handout.File + ": not graded (a checklist of short labels, not prose)"
	}
	s := fmt.Sprintf("%s: Flesch-Kincaid grade %.1f", g.Handout.File, g.Max)
	if g.Min != g.Max {
		s = fmt.Sprintf("%s: Flesch-Kincaid grade %.1f to %.1f across variants", g.Handout.File, g.Min, g.Max)
	}
	if g.Target > 0 {
		s += fmt.Sprintf(" (target %.0f or lower)", g.Target)
	}
	return s
}

// Over reports whether the hardest variant reads above the target.
func (g Grade) Over() bool { return g.Target > 0 && g.Max > g.Target }

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

// Grades scores every sheet and guide for every brand and variant.
func (p *Project) Grades() ([]Grade, error) {
	c := p.Catalog
	var out []Grade
	for _, t := range c.Treatments {
		for _, h := range t.Handouts {
			if h.Front.Kind == "calendar" {
				out = append(out, Grade{Handout: h}) // a grid of short labels, not prose
				continue
			}
			g := Grade{Handout: h, Min: 99, Target: GradeTargets[h.Front.Kind]}
			for _, env := range c.Envs() {
				if env.Treatment != t {
					continue
				}
				res, err := h.Resolve(env, false)
				if err != nil {
					return nil, err
				}
				score := readability.Score(readability.Text(Prose(res))).Grade
				g.Min, g.Max = min(g.Min, score), max(g.Max, score)
			}
			out = append(out, g)
		}
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
