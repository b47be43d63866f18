package review

import (
	"fmt"
	"io"
	"strings"
)

// WriteText writes the report as plain text for the terminal: the rule
// windows that changed, then each handout's changes, old words after "-"
// and new after "+".
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "What patients will read differently\n  from: %s\n  to:   %s\n", r.From, r.To)
	if !r.Changed() {
		b.WriteString("\nNothing: every handout reads the same for every variant.\n")
	}
	if len(r.Rules) > 0 {
		b.WriteString("\nRule windows\n")
		for _, rc := range r.Rules {
			fmt.Fprintf(&b, "  %s:%d: %s %q: %s%s\n", rc.File, rc.Line, rc.ID, rc.Text, strings.Join(rc.What, "; "), forClinics(rc.Clinics))
		}
	}
	for _, h := range r.Handouts {
		fmt.Fprintf(&b, "\n%s (%s %s; %s; %s)\n", h.File, h.Treatment, h.Kind, strings.Join(h.Langs, ", "), h.count())
		for _, line := range h.summaryLines() {
			b.WriteString("  " + line + "\n")
		}
		for _, c := range h.Changes {
			fmt.Fprintf(&b, "  %s, %s%s:\n", c.heading(), variants(c.Variants, c.Count, h.Compared), underSection(c.Section))
			if c.Old != "" {
				b.WriteString("    - " + c.Old + "\n")
			}
			if c.New != "" {
				b.WriteString("    + " + c.New + "\n")
			}
		}
		for _, s := range h.Sections {
			fmt.Fprintf(&b, "  section %s: %q, %s\n", map[bool]string{true: "added", false: "removed"}[s.Added], s.Title, variants(s.Variants, s.Count, h.Compared))
		}
		for _, p := range h.Pages {
			fmt.Fprintf(&b, "  PDF pages %d → %d, %s\n", p.Old, p.New, variants(p.Variants, p.Count, h.Compared))
		}
	}
	if len(r.Notes) > 0 {
		b.WriteString("\nNot compared\n")
		for _, n := range r.Notes {
			b.WriteString("  " + n + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryLines are the lines about the handout as a whole: added,
// removed, variants only one version makes, and a review still to do.
func (h *Handout) summaryLines() []string {
	var out []string
	switch {
	case h.Added:
		out = append(out, "new handout: read it whole")
	case h.Removed:
		out = append(out, "removed: patients no longer get it")
	}
	if h.NewVariants != "" {
		out = append(out, "new variants, "+h.NewVariants+": read them whole")
	}
	if h.GoneVariants != "" {
		out = append(out, "variants no longer made: "+h.GoneVariants)
	}
	if h.Rules {
		out = append(out, "its grid follows the rule windows above, which changed")
	}
	if h.Unreviewed {
		out = append(out, fmt.Sprintf("its words changed but reviewed_on (%s, %s) did not: a clinician should review the changes and update reviewed_on", h.ReviewedOn, h.ReviewedBy))
	}
	return out
}

// heading says why a sentence changed.
func (c *Change) heading() string {
	what := "changed"
	switch {
	case c.Old == "":
		what = "added"
	case c.New == "":
		what = "removed"
	}
	if c.Cause == Values {
		return what + " by a rule or a value it inserts"
	}
	return what
}

// variants words the variants a change affects, among the all that both
// versions make: "all 48 variants", or "skin types dry, oily (24
// variants)".
func variants(desc string, n, all int) string {
	if desc == "" {
		if all == 1 {
			return "for its one variant"
		}
		return fmt.Sprintf("for all %d variants", all)
	}
	return fmt.Sprintf("for %s (%d %s)", desc, n, plural(n, "variant", "variants"))
}

func underSection(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(", in %q", s)
}

func forClinics(c string) string {
	if c == "" {
		return ""
	}
	return ", for " + c
}

// count says how many variants show the handout, and how many of them
// both versions make when that is fewer.
func (h *Handout) count() string {
	s := fmt.Sprintf("%d %s", h.Variants, plural(h.Variants, "variant", "variants"))
	if h.Compared > 0 && h.Compared < h.Variants {
		s += fmt.Sprintf(", %d in both versions", h.Compared)
	}
	return s
}
