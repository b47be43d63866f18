package content

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// coverage is a treatment's coverage.yaml: each statement of the source
// guide the handouts were written from, and where they say it.
type coverage struct {
	Statements []coverageStatement `yaml:"statements"`
}

type coverageStatement struct {
	Fact string         `yaml:"fact"`
	Said []coverageSaid `yaml:"said"`
}

// coverageSaid is one place a fact is said: a handout kind, the phrases it
// holds in each language, and (optionally) the variants it is said for.
type coverageSaid struct {
	In   string    `yaml:"in"`
	When Condition `yaml:"when"`
	EN   []string  `yaml:"en"`
	ES   []string  `yaml:"es"`
}

func (s coverageSaid) phrases(base string) []string {
	switch base {
	case "en":
		return s.EN
	case "es":
		return s.ES
	}
	return nil
}

// coverageText is what a handout says for one variant, normalised for
// comparison: lower case, without ** or entities for spaces, with every
// run of white space one space.
func coverageText(s string) string {
	s = strings.NewReplacer("**", "", "&nbsp;", " ", "\u00a0", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// checkCoverage holds the coverage file of treatment t (its text in data,
// its name file) against the catalogue: every phrase of every statement
// must be in the handout of its kind for every clinic, language, skin type
// and area that shows it, as that variant prints it. It returns one
// message per statement and place that is not said, naming the statement.
func checkCoverage(c *Catalog, t *Treatment, file string, data []byte) []string {
	var cov coverage
	root, err := decodeStrict(file, data, &cov)
	if err != nil {
		return []string{err.Error()}
	}
	stmts := valueOf(root, "statements")
	lineOfStatement := func(i int) int {
		if stmts != nil && i < len(stmts.Content) {
			return stmts.Content[i].Line
		}
		return root.Line
	}
	if len(cov.Statements) == 0 {
		return []string{fmt.Sprintf("%s:%d: no statements; list what the source says under statements:", file, root.Line)}
	}
	// Each variant's text, resolved once per kind.
	type variant struct {
		env  Env
		text string
	}
	texts := map[string][]variant{}
	var bases []string
	for _, e := range c.Envs() {
		if e.Treatment.ID != t.ID {
			continue
		}
		if !slices.Contains(bases, e.Lang.Base) {
			bases = append(bases, e.Lang.Base)
		}
		for _, h := range e.Treatment.Handouts {
			r, err := h.Resolve(e, false)
			if err != nil {
				return []string{fmt.Sprintf("%s: %v", h.File, err)}
			}
			all := append([]string{r.Title, r.Footer, string(r.Source)}, r.Summary...)
			texts[string(h.Front.Kind)] = append(texts[string(h.Front.Kind)], variant{e, coverageText(strings.Join(all, "\n"))})
		}
	}
	var out []string
	for i, st := range cov.Statements {
		at := fmt.Sprintf("%s:%d: %q", file, lineOfStatement(i), st.Fact)
		if strings.TrimSpace(st.Fact) == "" {
			out = append(out, fmt.Sprintf("%s:%d: a statement without fact:; say what the source says", file, lineOfStatement(i)))
			continue
		}
		if len(st.Said) == 0 {
			out = append(out, at+" is said nowhere; add where under said:")
			continue
		}
		for _, s := range st.Said {
			vs, ok := texts[s.In]
			if !ok {
				out = append(out, fmt.Sprintf("%s: in: %q names no handout of this treatment", at, s.In))
				continue
			}
			for _, base := range bases {
				if len(s.phrases(base)) == 0 {
					out = append(out, fmt.Sprintf("%s: the %s gives no %s: phrases; every language the clinics offer says every fact", at, s.In, base))
				}
			}
			shown := 0
			for _, p := range append(append([]string(nil), s.EN...), s.ES...) {
				missing := map[string][]string{} // phrase as printed -> variants
				var order []string
				for _, v := range vs {
					if v.env.Lang.Base != baseOf(p, s) || !s.When.Matches(v.env.Skin.ID, v.env.Area.ID) {
						continue
					}
					shown++
					want, err := v.env.fill(c.Spelling.For(v.env.Lang).Markdown(p), true)
					if err != nil {
						out = append(out, fmt.Sprintf("%s: phrase %q: %v", at, p, err))
						break
					}
					if !strings.Contains(v.text, coverageText(want)) {
						if _, seen := missing[want]; !seen {
							order = append(order, want)
						}
						missing[want] = append(missing[want], fmt.Sprintf("%s %s %s %s", v.env.Brand.ID, v.env.Lang.Tag, v.env.Skin.ID, v.env.Area.ID))
					}
				}
				for _, want := range order {
					in := missing[want]
					more := ""
					if len(in) > 1 {
						more = fmt.Sprintf(" and %d more", len(in)-1)
					}
					out = append(out, fmt.Sprintf("%s: the %s no longer says %q (%s%s)", at, s.In, want, in[0], more))
				}
			}
			if shown == 0 {
				out = append(out, fmt.Sprintf("%s: no clinic shows the %s to the variants under when:", at, s.In))
			}
		}
	}
	return out
}

// baseOf returns the language whose list in s holds phrase p.
func baseOf(p string, s coverageSaid) string {
	if slices.Contains(s.EN, p) {
		return "en"
	}
	return "es"
}

// coverageFiles returns each treatment's coverage.yaml in files.
func coverageFiles(t *testing.T, c *Catalog, fsys fs.FS) map[*Treatment][]byte {
	t.Helper()
	out := map[*Treatment][]byte{}
	for _, tr := range c.Treatments {
		data, err := fs.ReadFile(fsys, path.Join("treatments", tr.ID, "coverage.yaml"))
		if err != nil {
			continue
		}
		out[tr] = data
	}
	return out
}

// TestCoverage: every statement of the source guide that coverage.yaml
// lists is said where it says, in every language and variant; the shipped
// microneedling content has a coverage table.
func TestCoverage(t *testing.T) {
	files := realContent(t)
	fsys := golden.MapFS(files)
	c, err := Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	covs := coverageFiles(t, c, fsys)
	if _, ok := files["treatments/microneedling/coverage.yaml"]; !ok || len(covs) == 0 {
		t.Fatal("content/treatments/microneedling/coverage.yaml is missing: the table of what the source guide says and where")
	}
	for tr, data := range covs {
		for _, msg := range checkCoverage(c, tr, "content/treatments/"+tr.ID+"/coverage.yaml", data) {
			t.Error(msg)
		}
	}
}

// TestCoverageCatchesDrops: removing a fact from a handout, in either
// language or for one skin type only, fails with the statement it drops;
// a badly written table fails with its file and line.
func TestCoverageCatchesDrops(t *testing.T) {
	const file = "content/treatments/microneedling/coverage.yaml"
	tests := []struct {
		name        string
		edit        string // file to change
		from, to    string
		table       string // a coverage.yaml to use instead of the shipped one
		want, want2 string
	}{
		{name: "broad-spectrum from the sheet", edit: "treatments/microneedling/sheet.md", from: "broad-spectrum mineral SPF 30+", to: "mineral SPF 30+",
			want: `"Sunscreen is broad-spectrum, SPF 30 or higher, every day, even indoors.": the sheet no longer says "broad-spectrum mineral SPF 30+" (harbor en-US dry face and 31 more)`},
		{name: "fever threshold from the Spanish guide", edit: "treatments/microneedling/guide.es.md", from: "- Fiebre de 38&nbsp;°C o más", to: "- Fiebre",
			want: `"Call for a fever (100.4°F, 38°C or higher).": the guide no longer says "Fiebre de 38 °C o más" (harbor es-US dry face and 15 more)`},
		{name: "fever threshold from the sheet, as each locale prints it", edit: "treatments/microneedling/sheet.md", from: "- A fever of 100.4°F (38°C) or higher, or", to: "- A fever, or",
			want:  `the sheet no longer says "A fever of 100.4°F (38°C) or higher" (harbor en-US dry face and 15 more)`,
			want2: `the sheet no longer says "A fever of 38°C or higher" (thistle en-GB dry face and 15 more)`},
		{name: "dry skin's extra serum", edit: "treatments/microneedling/sheet.md", from: "Tight, flaky skin is common. ", to: "",
			want: `the sheet no longer says "Tight, flaky skin is common." (harbor en-US dry face and 7 more)`},
		{name: "day 0 from the email", edit: "treatments/microneedling/email.md", from: "Day 0 is the day of your treatment. ", to: "",
			want: `"Day 0 is the day of the treatment.": the email no longer says "Day 0 is the day of your treatment." (harbor en-US dry face and 31 more)`},
		{name: "no Spanish phrases", table: "statements:\n  - fact: Wash your hands.\n    said:\n      - in: sheet\n        en: [\"Wash your hands\"]\n",
			want: file + `:2: "Wash your hands.": the sheet gives no es: phrases; every language the clinics offer says every fact`},
		{name: "unknown kind", table: "statements:\n  - fact: Wash your hands.\n    said:\n      - in: leaflet\n        en: [\"Wash your hands\"]\n        es: [\"Lávese\"]\n",
			want: file + `:2: "Wash your hands.": in: "leaflet" names no handout of this treatment`},
		{name: "said nowhere", table: "statements:\n  - fact: Wash your hands.\n",
			want: file + `:2: "Wash your hands." is said nowhere; add where under said:`},
		{name: "unknown key", table: "statements:\n  - fact: Wash your hands.\n    sayd: []\n",
			want: file + `:3: unknown key "sayd"; did you mean "said"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := realContent(t)
			if tt.edit != "" {
				s := string(files[tt.edit])
				if !strings.Contains(s, tt.from) {
					t.Fatalf("%q not found in %s", tt.from, tt.edit)
				}
				files[tt.edit] = []byte(strings.Replace(s, tt.from, tt.to, 1))
			}
			if tt.table != "" {
				files["treatments/microneedling/coverage.yaml"] = []byte(tt.table)
			}
			fsys := golden.MapFS(files)
			c, err := Load(fsys, "content")
			if err != nil {
				t.Fatal(err)
			}
			tr := c.Treatments[0]
			got := strings.Join(checkCoverage(c, tr, file, coverageFiles(t, c, fsys)[tr]), "\n")
			for _, want := range []string{tt.want, tt.want2} {
				if !strings.Contains(got, want) {
					t.Errorf("coverage =\n%s\nwant a message with\n%s", got, want)
				}
			}
		})
	}
}
