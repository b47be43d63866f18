package project

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"handouts/internal/content"
)

var (
	reVarDirective = regexp.MustCompile(`^\s*:::\s*(.*?)\s*$`)
	reVarWindow    = regexp.MustCompile(`\{\{\s*(?:until|from|duration)\s+([a-z0-9-]+)\s*\}\}`)
)

// axisLines tells, for each file line of handout h, whether it may differ
// between variants along axis ("skin" or "area"): it lies inside a
// "::: if" block whose condition names the axis (at any depth of
// nesting), or it holds a {{skin.…}} (or {{area.…}}) placeholder, or a
// rule window placeholder whose rule has a when: condition on the axis.
func axisLines(t *testing.T, h *content.Handout, axis string) map[int]string {
	t.Helper()
	type frame struct {
		line  int
		names bool // an "if" whose condition names the axis
	}
	var stack []frame
	allowed := map[int]string{}
	lines := strings.Split(string(h.Body), "\n")
	for i, ln := range lines {
		n := h.BodyLine + i
		if m := reVarDirective.FindStringSubmatch(ln); m != nil {
			word, args, _ := strings.Cut(m[1], " ")
			switch {
			case m[1] == "":
				if len(stack) == 0 {
					t.Fatalf("%s:%d: \":::\" closes nothing", h.File, n)
				}
				stack = stack[:len(stack)-1]
			case word == "if":
				names := false
				for _, term := range strings.Fields(args) {
					names = names || strings.HasPrefix(term, axis+"=")
				}
				stack = append(stack, frame{n, names})
			case slices.Contains(content.Markers, word):
				// one line, no block
			default: // warning boxes and any other container
				stack = append(stack, frame{n, false})
			}
			continue
		}
		for _, f := range stack {
			if f.names {
				allowed[n] = fmt.Sprintf("inside the \"::: if\" block of line %d", f.line)
			}
		}
		if strings.Contains(ln, "{{"+axis+".") {
			allowed[n] = "a {{" + axis + ".…}} placeholder"
		}
		for _, m := range reVarWindow.FindAllStringSubmatch(ln, -1) {
			for _, r := range h.Treatment.Rules {
				cond := r.When.Skin
				if axis == "area" {
					cond = r.When.Area
				}
				if r.ID == m[1] && len(cond) > 0 {
					allowed[n] = fmt.Sprintf("rule %s, which has when: {%s: %v}", r.ID, axis, cond)
				}
			}
		}
	}
	if len(stack) > 0 {
		t.Fatalf("%s:%d: block never closed", h.File, stack[len(stack)-1].line)
	}
	return allowed
}

// sourceLines splits a resolved body into its lines (Source ends in "\n").
func sourceLines(res *content.Resolved) []string {
	return strings.Split(strings.TrimSuffix(string(res.Source), "\n"), "\n")
}

// TestVariantDifferences: sheets for different skin types differ in their
// skin-type block and in nothing they should share; likewise for areas.
// For each brand, each treatment and each fixed value of the other axis,
// every pair of sheets must differ in at least one line, and every line
// found in one sheet of the pair but not the other must come from a file
// line that may differ along the axis (see axisLines).
func TestVariantDifferences(t *testing.T) {
	p, err := Load(sources(realContent))
	if err != nil {
		t.Fatal(err)
	}
	cat := p.Catalog
	if len(cat.Brands) < 2 {
		t.Fatalf("%d brands; the test needs both shipped brands", len(cat.Brands))
	}
	for _, axis := range []string{"skin", "area"} {
		vary, fixed := cat.Skins, cat.Areas
		if axis == "area" {
			vary, fixed = cat.Areas, cat.Skins
		}
		for _, tr := range cat.Treatments {
			h := tr.Handout("sheet")
			if h == nil {
				t.Errorf("treatment %s has no sheet", tr.ID)
				continue
			}
			allowed := axisLines(t, h, axis)
			for _, b := range cat.Brands {
				for _, fx := range fixed {
					// Resolve the sheet for every value of the axis.
					res := make([]*content.Resolved, len(vary))
					for i, v := range vary {
						skin, area := v.ID, fx.ID
						if axis == "area" {
							skin, area = fx.ID, v.ID
						}
						env, err := cat.Env(b.ID, tr.ID, skin, area)
						if err != nil {
							t.Fatal(err)
						}
						if res[i], err = h.Resolve(env, false); err != nil {
							t.Fatal(err)
						}
					}
					for i := range vary {
						for j := i + 1; j < len(vary); j++ {
							pair := fmt.Sprintf("%s sheet of %s, %s fixed at %s: %s=%s vs %s=%s",
								tr.ID, b.ID, otherAxis(axis), fx.ID, axis, vary[i].ID, axis, vary[j].ID)
							d := diffLines(t, pair, h, allowed, res[i], vary[i].ID, res[j])
							d += diffLines(t, pair, h, allowed, res[j], vary[j].ID, res[i])
							if d == 0 {
								t.Errorf("%s: the sheets are the same; the %s block should differ", pair, axis)
							}
						}
					}
				}
			}
		}
	}
}

func otherAxis(axis string) string {
	if axis == "skin" {
		return "area"
	}
	return "skin"
}

// diffLines reports each line of a that b lacks and that comes from a file
// line not allowed to differ, and returns how many lines of a b lacks.
func diffLines(t *testing.T, pair string, h *content.Handout, allowed map[int]string, a *content.Resolved, aID string, b *content.Resolved) int {
	t.Helper()
	in := map[string]bool{}
	for _, ln := range sourceLines(b) {
		in[ln] = true
	}
	n := 0
	for i, ln := range sourceLines(a) {
		if in[ln] {
			continue
		}
		n++
		fl := a.FileLine(i + 1)
		if _, ok := allowed[fl]; !ok {
			t.Errorf("%s: line %q (only in %s's sheet) comes from %s:%d, which is neither in a \"::: if\" block on this axis nor a placeholder of it", pair, ln, aID, h.File, fl)
		}
	}
	return n
}
