package readability

import (
	"math"
	"strings"
	"testing"
)

// TestFor: each language tag gets its language's formula; other languages
// are refused by name.
func TestFor(t *testing.T) {
	tests := []struct {
		tag, label string
		all        []string
	}{
		{"en-US", "grade", []string{"grade"}},
		{"en-GB", "grade", []string{"grade"}},
		{"en", "grade", []string{"grade"}},
		{"es-US", "INFLESZ", []string{"INFLESZ", "Fernández-Huerta"}},
		{"es_MX", "INFLESZ", []string{"INFLESZ", "Fernández-Huerta"}},
		{"ES", "INFLESZ", []string{"INFLESZ", "Fernández-Huerta"}},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			f, err := For(tt.tag)
			if err != nil {
				t.Fatal(err)
			}
			if f.Label != tt.label {
				t.Errorf("For(%q) = %s, want %s", tt.tag, f.Label, tt.label)
			}
			fs, err := Formulas(tt.tag)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.Label)
			}
			if strings.Join(got, ",") != strings.Join(tt.all, ",") {
				t.Errorf("Formulas(%q) = %v, want %v", tt.tag, got, tt.all)
			}
		})
	}
	for _, tag := range []string{"fr-FR", "", "eng", "de"} {
		_, err := For(tag)
		if err == nil || !strings.Contains(err.Error(), `"`+tag+`"`) {
			t.Errorf("For(%q) error = %v, want one naming the language", tag, err)
		}
		if _, err := Measure(tag, "sheet", "Hola."); err == nil {
			t.Errorf("Measure(%q) did not fail", tag)
		}
		if _, err := Count(tag, "Hola."); err == nil {
			t.Errorf("Count(%q) did not fail", tag)
		}
	}
}

// TestFernandezHuertaSentenceLength: with the same words, shorter
// sentences read easier. This pins the reading of F as words per sentence
// (Law 2011): read as sentences per 100 words, as ../shared/PRODUCT.md
// gives it, the score would fall as sentences get shorter.
func TestFernandezHuertaSentenceLength(t *testing.T) {
	long := Counts{Words: 100, Sentences: 4, Syllables: 200}   // 25 words a sentence
	short := Counts{Words: 100, Sentences: 10, Syllables: 200} // 10 words a sentence
	// 206.84 - 0.60*200 - 1.02*25 = 61.34; 206.84 - 120 - 1.02*10 = 76.64
	if got := FernandezHuerta(long); math.Abs(got-61.34) > 1e-9 {
		t.Errorf("FernandezHuerta(%+v) = %v, want 61.34", long, got)
	}
	if got := FernandezHuerta(short); math.Abs(got-76.64) > 1e-9 {
		t.Errorf("FernandezHuerta(%+v) = %v, want 76.64", short, got)
	}
	for name, f := range map[string]func(Counts) float64{
		"FernandezHuerta": FernandezHuerta, "SzigrisztPazos": SzigrisztPazos,
	} {
		if f(short) <= f(long) {
			t.Errorf("%s: 10-word sentences score %.2f, 25-word sentences %.2f; shorter must be easier", name, f(short), f(long))
		}
	}
	if g := FleschKincaidGrade(short); g >= FleschKincaidGrade(long) {
		t.Errorf("FleschKincaidGrade: shorter sentences grade %.2f, not below %.2f", g, FleschKincaidGrade(long))
	}
}

// TestBands: the edges of each Spanish scale; a score on an edge is in
// the easier band, judged as printed to one decimal.
func TestBands(t *testing.T) {
	inf, _ := For("es-US")
	fs, _ := Formulas("es-US")
	fh := fs[1]
	en, _ := For("en-US")
	tests := []struct {
		f     Formula
		score float64
		want  string
	}{
		{inf, -65, "very hard"},
		{inf, 39.9, "very hard"},
		{inf, 39.96, "somewhat hard"}, // printed 40.0
		{inf, 40, "somewhat hard"},
		{inf, 54.9, "somewhat hard"},
		{inf, 55, "normal"},
		{inf, 64.94, "normal"},
		{inf, 65, "fairly easy"},
		{inf, 79.9, "fairly easy"},
		{inf, 80, "very easy"},
		{inf, 119, "very easy"},
		{fh, 29.9, "very hard"},
		{fh, 30, "hard"},
		{fh, 50, "somewhat hard"},
		{fh, 60, "normal"},
		{fh, 69.9, "normal"},
		{fh, 70, "fairly easy"},
		{fh, 80, "easy"},
		{fh, 90, "very easy"},
		{en, 5.8, ""},
	}
	for _, tt := range tests {
		if got := tt.f.Band(tt.score); got != tt.want {
			t.Errorf("%s band of %v = %q, want %q", tt.f.Label, tt.score, got, tt.want)
		}
	}
}

// TestResult: targets by language and kind, and the line `handouts check`
// prints.
func TestResult(t *testing.T) {
	tests := []struct {
		lang, kind string
		score      float64
		met        bool
		want       string
	}{
		{"es-US", "sheet", 71.24, true, "sheet es-US: INFLESZ 71.2 (fairly easy; target 65 or more)"},
		{"es-US", "sheet", 64.94, false, "sheet es-US: INFLESZ 64.9 (normal; target 65 or more)"},
		{"es-US", "sheet", 64.96, true, "sheet es-US: INFLESZ 65.0 (fairly easy; target 65 or more)"},
		{"es-US", "guide", 60, true, "guide es-US: INFLESZ 60.0 (normal; target 60 or more)"},
		{"es-US", "guide", 59.9, false, "guide es-US: INFLESZ 59.9 (normal; target 60 or more)"},
		{"es-US", "calendar", 30, true, "calendar es-US: INFLESZ 30.0 (very hard)"},
		{"en-US", "sheet", 5.8, true, "sheet en-US: grade 5.8 (target 6 or lower)"},
		{"en-US", "sheet", 6.04, true, "sheet en-US: grade 6.0 (target 6 or lower)"},
		{"en-US", "sheet", 6.06, false, "sheet en-US: grade 6.1 (target 6 or lower)"},
		{"en-GB", "guide", 8, true, "guide en-GB: grade 8.0 (target 8 or lower)"},
		{"en-GB", "guide", 8.1, false, "guide en-GB: grade 8.1 (target 8 or lower)"},
		{"en-US", "calendar", 2, true, "calendar en-US: grade 2.0"},
	}
	for _, tt := range tests {
		f, err := For(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		// A formula that returns the wanted score, to test the judging
		// apart from the counting.
		score := tt.score
		f.score = func(Counts) float64 { return score }
		r := f.Result(tt.kind, Counts{Words: 10, Sentences: 1, Syllables: 20})
		if r.Met != tt.met || r.String() != tt.want {
			t.Errorf("%s %s %v: Met %v, %q; want %v, %q", tt.lang, tt.kind, tt.score, r.Met, r.String(), tt.met, tt.want)
		}
	}
	r, err := Measure("es-US", "sheet", " \n\n ")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Met || r.Score != 0 || r.String() != "sheet es-US: no words to grade" {
		t.Errorf("empty text: %+v, %q", r, r.String())
	}
}

// TestMeasure: Measure counts by the language's rules and scores by its
// formula; English gives the grade Score gives.
func TestMeasure(t *testing.T) {
	en := "Wash your hands. Rinse with water."
	r, err := Measure("en-US", "sheet", en)
	if err != nil {
		t.Fatal(err)
	}
	if s := Score(en); r.Score != s.Grade || r.Words != s.Words || r.Sentences != s.Sentences || r.Syllables != s.Syllables {
		t.Errorf("Measure(en-US) = %+v, Score = %+v", r, s)
	}
	// The "questions and exclamations" text of TestCountSpanish: INFLESZ
	// 80.235, very easy.
	r, err = Measure("es-US", "sheet", "¿Tiene fiebre? ¡Llámenos hoy! No espere.")
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.Score-80.235) > 1e-9 || r.Band != "very easy" || !r.Met || r.Lang != "es-US" || r.Kind != "sheet" ||
		r.String() != "sheet es-US: INFLESZ 80.2 (very easy; target 65 or more)" {
		t.Errorf("Measure(es-US) = %+v, %q", r, r.String())
	}
	// The "long words" text: INFLESZ -65.2094, very hard, far below target.
	r, _ = Measure("es-US", "guide", "La hiperpigmentación postinflamatoria aparece frecuentemente tras procedimientos dermatológicos agresivos.")
	if r.Met || r.Band != "very hard" {
		t.Errorf("Measure(es-US, long words) = %+v", r)
	}
}

// TestSpan: the hardest and easiest variants, by each formula's direction.
func TestSpan(t *testing.T) {
	res := func(lang, kind string, score float64) Result {
		f, err := For(lang)
		if err != nil {
			t.Fatal(err)
		}
		f.score = func(Counts) float64 { return score }
		return f.Result(kind, Counts{Words: 10, Sentences: 1, Syllables: 20})
	}
	var es Span
	for _, s := range []float64{70.1, 66.3, 72.04} {
		es.Add(res("es-US", "sheet", s))
	}
	es.Add(Result{}) // no words: left out
	if es.Hardest.Score != 66.3 || es.Easiest.Score != 72.04 || es.Variants != 3 || !es.Met() {
		t.Errorf("es span: %+v", es)
	}
	if want := "sheet es-US: INFLESZ 66.3 to 72.0 across 3 variants (fairly easy; target 65 or more)"; es.String() != want {
		t.Errorf("es span = %q, want %q", es.String(), want)
	}
	es.Add(res("es-US", "sheet", 62))
	if es.Met() || es.Hardest.Score != 62 {
		t.Errorf("es span with 62: %+v", es)
	}
	if want := "sheet es-US: INFLESZ 62.0 to 72.0 across 4 variants (normal to fairly easy; target 65 or more)"; es.String() != want {
		t.Errorf("es span = %q, want %q", es.String(), want)
	}

	var en Span
	for _, s := range []float64{5.1, 5.9, 4.2} {
		en.Add(res("en-US", "sheet", s))
	}
	if en.Hardest.Score != 5.9 || en.Easiest.Score != 4.2 || !en.Met() {
		t.Errorf("en span: %+v", en)
	}
	if want := "sheet en-US: grade 4.2 to 5.9 across 3 variants (target 6 or lower)"; en.String() != want {
		t.Errorf("en span = %q, want %q", en.String(), want)
	}
	en.Add(res("en-US", "sheet", 6.3))
	if en.Met() {
		t.Errorf("en span with 6.3 meets its target: %+v", en)
	}

	var same Span
	same.Add(res("en-US", "guide", 7.01))
	same.Add(res("en-US", "guide", 7.04))
	if want := "guide en-US: grade 7.0 (target 8 or lower)"; same.String() != want {
		t.Errorf("same span = %q, want %q", same.String(), want)
	}
	if got := (Span{}).String(); got != "no variants to grade" || !(Span{}).Met() {
		t.Errorf("empty span = %q", got)
	}
}
