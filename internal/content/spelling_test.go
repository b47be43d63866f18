package content

import (
	"strings"
	"testing"

	"handouts/internal/golden"
	"handouts/internal/lang"
)

func TestSpeller(t *testing.T) {
	s := &Spelling{
		Pairs: []SpellingPair{{"color", "colour"}, {"moisturizer", "moisturiser"}, {"anti-aging", "anti-ageing"},
			{"aging", "ageing"}, {"percent", "per cent"}, {"center", "centre"}},
		CAKeepsUS: []string{"moisturizer", "aging", "anti-aging"},
	}
	in := "Color: our Moisturizer CENTER, 10 percent anti-aging; colorful MoisturizerX {{skin.color}}"
	tests := []struct{ tag, want string }{
		{"en-US", in},
		{"es-US", in},
		{"en-GB", "Colour: our Moisturiser CENTRE, 10 per cent anti-ageing; colorful MoisturizerX {{skin.color}}"},
		{"en-AU", "Colour: our Moisturiser CENTRE, 10 per cent anti-ageing; colorful MoisturizerX {{skin.color}}"},
		{"en-CA", "Colour: our Moisturizer CENTRE, 10 per cent anti-aging; colorful MoisturizerX {{skin.color}}"},
	}
	for _, tt := range tests {
		l, _ := lang.Get(tt.tag)
		if got := s.For(l).Markdown(in); got != tt.want {
			t.Errorf("%s: Markdown(%q) =\n%q, want\n%q", tt.tag, in, got, tt.want)
		}
	}
}

// TestSpellingFile: spelling.yaml is read strictly, and its mistakes are
// named with file and line.
func TestSpellingFile(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"pairs:\n  - {us: color, gb: colour}\n  - {us: color, gb: colour}\n", `content/spelling.yaml:3: "color" is listed twice (first at line 2); keep one pair`},
		{"pairs:\n  - {us: Color, gb: colour}\n", `content/spelling.yaml:2: pair "Color", "colour": write both spellings as lower-case words (letters, hyphens or one space)`},
		{"pairs:\n  - {us: color, gb: colour}\nca_keeps_us: [colour]\n", `content/spelling.yaml:3: ca_keeps_us: "colour" is not the us of any pair; list only words that pairs: respells`},
		{"pairs:\n  - {us: color, gb: colour}\n  - {us: colour, gb: colours}\n", `content/spelling.yaml:3: "colour" is a US spelling here and a British one at line 2; the list respells both ways, so keep the word on one side`},
		{"pairs:\n  - {us: color, gb: colour}\n  - {us: colr, gb: colour}\n", `content/spelling.yaml:3: "colour" is listed twice (first at line 2); keep one pair`},
		{"pair:\n  - {us: color, gb: colour}\n", `content/spelling.yaml:1: unknown key "pair"; did you mean "pairs"? Allowed keys here: pairs, ca_keeps_us, au_keeps_us, terms`},
	}
	for _, tt := range tests {
		files, _ := golden.Tree(t, "testdata/base.txtar")
		files["spelling.yaml"] = []byte(tt.yaml)
		_, err := Load(golden.MapFS(files), "content")
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%q) = %v, want %s", tt.yaml, err, tt.want)
		}
	}
}

// TestSpellerTerms: terms replace whole words and phrases, digits and
// signs included, case kept, before the spelling pairs; a term applies to
// en-AU and en-CA only where it gives their form.
func TestSpellerTerms(t *testing.T) {
	s := &Spelling{
		Pairs: []SpellingPair{{"moisturizer", "moisturiser"}},
		Terms: []Term{
			{US: "after hours", GB: "out of hours"},
			{US: "washcloths", GB: "flannels", AU: "face washers"},
			{US: "100.4°F (38°C)", GB: "38°C", AU: "38°C", CA: "38°C"},
		},
	}
	in := "After hours, call {{clinic.after_hours}}. No washcloths or moisturizer. A fever of 100.4°F (38°C) or higher. AFTER HOURS. WashCloths, washclothsX, afterhours and 2100.4°F (38°C) stay."
	tests := []struct{ tag, want string }{
		{"en-US", in},
		{"es-US", in},
		{"en-GB", "Out of hours, call {{clinic.after_hours}}. No flannels or moisturiser. A fever of 38°C or higher. OUT OF HOURS. WashCloths, washclothsX, afterhours and 2100.4°F (38°C) stay."},
		{"en-AU", "After hours, call {{clinic.after_hours}}. No face washers or moisturiser. A fever of 38°C or higher. AFTER HOURS. WashCloths, washclothsX, afterhours and 2100.4°F (38°C) stay."},
		{"en-CA", "After hours, call {{clinic.after_hours}}. No washcloths or moisturiser. A fever of 38°C or higher. AFTER HOURS. WashCloths, washclothsX, afterhours and 2100.4°F (38°C) stay."},
	}
	for _, tt := range tests {
		l, _ := lang.Get(tt.tag)
		if got := s.For(l).Markdown(in); got != tt.want {
			t.Errorf("%s: Markdown(%q) =\n%q, want\n%q", tt.tag, in, got, tt.want)
		}
	}
	// Longest first: a longer term wins over one it starts with.
	s.Terms = append(s.Terms, Term{US: "after hours care", GB: "out-of-hours care"})
	l, _ := lang.Get("en-GB")
	if got, want := s.For(l).Text("Our after hours care line; after hours."), "Our out-of-hours care line; out of hours."; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// TestSpellingTermsFile: terms are read strictly, with file and line.
func TestSpellingTermsFile(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"terms:\n  - {us: after hours, gb: out of hours}\n  - {us: After hours, gb: out of hours}\n", `content/spelling.yaml:3: term "After hours" is listed twice (first at line 2); keep one`},
		{"pairs:\n  - {us: color, gb: colour}\nterms:\n  - {us: color, gb: hue}\n", `content/spelling.yaml:4: term "color" is also a spelling pair (line 2); keep it in one list`},
		{"terms:\n  - {us: after hours, gb: \" out of hours\"}\n", `content/spelling.yaml:2: term "after hours": write gb: as the words read mid-sentence, with no space at either end, no two spaces together and no placeholder`},
		{"terms:\n  - {us: after hours}\n", `content/spelling.yaml:2: term "after hours": write gb: as the words read mid-sentence, with no space at either end, no two spaces together and no placeholder`},
		{"terms:\n  - {us: after hours, gb: \"{{clinic.name}}\"}\n", `content/spelling.yaml:2: term "after hours": write gb: as the words read mid-sentence, with no space at either end, no two spaces together and no placeholder`},
		{"terms:\n  - {us: after hours, gb: out of hours, nz: after hours}\n", `content/spelling.yaml:2: unknown key "nz". Allowed keys here: us, gb, au, ca`},
	}
	for _, tt := range tests {
		files, _ := golden.Tree(t, "testdata/base.txtar")
		files["spelling.yaml"] = []byte(tt.yaml)
		_, err := Load(golden.MapFS(files), "content")
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%q) = %v, want %s", tt.yaml, err, tt.want)
		}
	}
}

// TestShippedTerms: the shipped content reads in British terms on a
// British clinic's handouts (out of hours, flannels, 38°C) and in US terms
// on a US clinic's; a clinic's product names are printed as written even
// when they hold a listed word or term.
func TestShippedTerms(t *testing.T) {
	files := realContent(t)
	brand := strings.Replace(string(files["brands/thistle.yaml"]), `cleanser: "Fern Gentle Milk Cleanser"`, `cleanser: "Fern After Hours Washcloths Color Cleanser"`, 1)
	if brand == string(files["brands/thistle.yaml"]) {
		t.Fatal("thistle's cleanser not found in brands/thistle.yaml")
	}
	files["brands/thistle.yaml"] = []byte(brand)
	c, err := Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	read := func(brand, kind string) string {
		e, err := c.EnvIn(brand, "", "microneedling", "dry", "face")
		if err != nil {
			t.Fatal(err)
		}
		r, err := e.Treatment.Handout(Kind(kind)).Resolve(e, false)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(append([]string{r.Title, r.Footer, string(r.Source)}, r.Summary...), "\n")
	}
	for _, kind := range []string{"sheet", "guide", "calendar", "email"} {
		uk, us := read("thistle", kind), read("harbor", kind)
		words := strings.ReplaceAll(uk, "Fern After Hours Washcloths Color Cleanser", "")
		if strings.Contains(strings.ToLower(words), "after hours") || !strings.Contains(strings.ToLower(uk), "out of hours") {
			t.Errorf("thistle %s: want \"out of hours\", not \"after hours\":\n%s", kind, uk)
		}
		if !strings.Contains(strings.ToLower(us), "after hours") {
			t.Errorf("harbor %s: want \"after hours\":\n%s", kind, us)
		}
		if kind == "sheet" {
			for _, want := range []string{"flannels", "38°C", "Fern After Hours Washcloths Color Cleanser"} {
				if !strings.Contains(uk, want) {
					t.Errorf("thistle sheet lacks %q:\n%s", want, uk)
				}
			}
			for _, not := range []string{"washcloths", "°F"} {
				if strings.Contains(words, not) {
					t.Errorf("thistle sheet still says %q:\n%s", not, uk)
				}
			}
			for _, want := range []string{"washcloths", "100.4°F (38°C)"} {
				if !strings.Contains(us, want) {
					t.Errorf("harbor sheet lacks %q:\n%s", want, us)
				}
			}
		}
	}
}

// TestBritishSourceInUSCopy: a shared source written in British spelling
// (testdata/spelling/british-source.txtar) prints in US spelling in the US
// clinic's en-US copy: the body, the summary, the skin type's field and
// the terms; the clinic's and product's names, which hold British
// spellings, print as written, spelled out or through a placeholder.
func TestBritishSourceInUSCopy(t *testing.T) {
	files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/spelling/british-source.txtar")
	c, err := Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	env, err := c.EnvIn("acme", "en-US", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	res, err := env.Treatment.Handout("sheet").Resolve(env, false)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.ReplaceAll(string(res.Source), "\u00a0", " ")
	for _, want := range []string{
		"Use Acme Moisturising Colour Balm, a tinted moisturizer; Acme Moisturising Colour Balm keeps the color even.",
		"Dry skin only: Moisturize at noon too.",
		"After hours, call [(207) 555-0199]",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("en-US sheet lacks %q:\n%s", want, body)
		}
	}
	for _, british := range []string{"moisturiser", "Moisturise at", "colour even", "Out of hours"} {
		if strings.Contains(body, british) {
			t.Errorf("en-US sheet still says %q:\n%s", british, body)
		}
	}
	if got := strings.ReplaceAll(res.Summary[0], "\u00a0", " "); !strings.HasSuffix(got, "Moisturize twice a day.") {
		t.Errorf("summary = %q, want US spelling", got)
	}
	if env.Brand.Name != "Acme Colour Studio" {
		t.Errorf("clinic name = %q, want it as written", env.Brand.Name)
	}
}

// TestSpellerBothWays: the list respells either spelling into the
// locale's: British forms to US ones for en-US, US forms to British ones
// for en-GB, the US forms Canadian English keeps from either; names it is
// told to keep are printed as written.
func TestSpellerBothWays(t *testing.T) {
	s := &Spelling{
		Pairs:     []SpellingPair{{"color", "colour"}, {"moisturizer", "moisturiser"}},
		CAKeepsUS: []string{"moisturizer"},
		Terms:     []Term{{US: "100.4°F (38°C)", GB: "38°C"}},
	}
	in := "Colour and color, MOISTURISER and moisturizer, Thistle Colour Balm, 38°C, 100.4°F (38°C)."
	tests := []struct{ tag, want string }{
		{"en-US", "Color and color, MOISTURIZER and moisturizer, Thistle Colour Balm, 100.4°F (38°C), 100.4°F (38°C)."},
		{"en-GB", "Colour and colour, MOISTURISER and moisturiser, Thistle Colour Balm, 38°C, 38°C."},
		{"en-CA", "Colour and colour, MOISTURIZER and moisturizer, Thistle Colour Balm, 100.4°F (38°C), 100.4°F (38°C)."},
	}
	for _, tt := range tests {
		l, _ := lang.Get(tt.tag)
		sp := s.For(l)
		sp.keepNames([]string{"Thistle Colour Balm"})
		if got := sp.Markdown(in); got != tt.want {
			t.Errorf("%s: Markdown(%q) =\n%q, want\n%q", tt.tag, in, got, tt.want)
		}
	}
}
