package readability

import (
	"fmt"
	"math"
)

// FleschKincaidGrade returns the Flesch-Kincaid grade level of English
// text with counts c, 0 when there are no words:
//
//	grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//
// from J. P. Kincaid, R. P. Fishburne, R. L. Rogers and B. S. Chissom,
// "Derivation of new readability formulas (Automated Readability Index, Fog
// Count and Flesch Reading Ease Formula) for Navy enlisted personnel",
// Research Branch Report 8-75, Naval Technical Training Command, 1975. The
// result is roughly the US school grade a reader needs to follow the text;
// lower is easier.
func FleschKincaidGrade(c Counts) float64 {
	if c.Words == 0 {
		return 0
	}
	return 0.39*float64(c.Words)/float64(c.Sentences) + 11.8*float64(c.Syllables)/float64(c.Words) - 15.59
}

// SzigrisztPazos returns the perspicuity index of Spanish text with counts
// c, 0 when there are no words:
//
//	P = 206.835 − 62.3 × (syllables / words) − (words / sentences)
//
// from F. Szigriszt Pazos, "Sistemas predictivos de legibilidad del mensaje
// escrito: fórmula de perspicuidad", doctoral thesis, Universidad
// Complutense de Madrid, 1993: Flesch's Reading Ease recomputed for
// Spanish. Higher is easier. It is read on the INFLESZ scale (see
// INFLESZ), which was validated on it.
func SzigrisztPazos(c Counts) float64 {
	if c.Words == 0 {
		return 0
	}
	return 206.835 - 62.3*float64(c.Syllables)/float64(c.Words) - float64(c.Words)/float64(c.Sentences)
}

// FernandezHuerta returns the Fernández-Huerta readability (lecturabilidad)
// of Spanish text with counts c, 0 when there are no words:
//
//	L = 206.84 − 0.60 P − 1.02 F
//
// with P the syllables per 100 words and F the words per sentence, from
// J. Fernández Huerta, "Medidas sencillas de lecturabilidad", Consigna
// 214 (1959): 29–32, Flesch's Reading Ease adapted to Spanish. Higher is
// easier.
//
// F is often given as "sentences per 100 words", as in
// ../shared/PRODUCT.md; G. Law, "Error in the Fernández Huerta readability
// formula" (LINGUIST List 22.2332, 2011), showed that reading is wrong:
// it makes shorter sentences score harder, against Flesch's formula that
// this one adapts, and the constant 1.02 only matches Flesch's 1.015 per
// word of sentence length. We use words per sentence, as Law and later
// implementations do (TestFernandezHuertaSentenceLength).
func FernandezHuerta(c Counts) float64 {
	if c.Words == 0 {
		return 0
	}
	p := 100 * float64(c.Syllables) / float64(c.Words)
	f := float64(c.Words) / float64(c.Sentences)
	return 206.84 - 0.60*p - 1.02*f
}

// band is one band of a formula's scale: the scores from from (included)
// up to the next band's from.
type band struct {
	from float64
	name string
}

// Formula is a readability formula with the scale its score is read on and
// its targets by kind of handout. The values come from For and Formulas,
// made fresh on each call.
type Formula struct {
	Name  string // in full, with its source: "Szigriszt-Pazos perspicuity (INFLESZ scale)"
	Label string // printed before the score: "grade", "INFLESZ"

	score          func(Counts) float64
	higherIsEasier bool
	bands          []band             // in rising order of score; none for a grade
	targets        map[string]float64 // by handout kind
	tag            string             // the language tag asked for
}

// fleschKincaid is the formula that grades English.
func fleschKincaid() Formula {
	return Formula{
		Name:  "Flesch-Kincaid grade level (Kincaid et al. 1975)",
		Label: "grade",
		score: FleschKincaidGrade,
		// ../shared/PRODUCT.md: the AMA asks for grade 6 or lower, NIH for
		// below grade 8; the aftercare sheet aims at 6, the longer guide at 8,
		// and the short email that carries them at 6, like the sheet.
		targets: map[string]float64{"sheet": 6, "guide": 8, "email": 6},
	}
}

// inflesz is the formula that grades Spanish: Szigriszt-Pazos perspicuity
// read on the INFLESZ scale of I. M. Barrio-Cantalejo, P. Simón-Lorda,
// M. Melguizo, I. Escalona, M. I. Marijuán and P. Hernando, "Validación de
// la Escala INFLESZ para evaluar la legibilidad de los textos dirigidos a
// pacientes", Anales del Sistema Sanitario de Navarra 31(2) (2008):
// 135–152, made for texts written for patients:
//
//	below 40  very hard       (university, scientific)
//	40–55     somewhat hard   (upper secondary, popular science)
//	55–65     normal          (lower secondary, general press)
//	65–80     fairly easy     (primary school, popular novels)
//	80 and up very easy       (primary school, comics)
//
// A score on a boundary belongs to the easier band. Targets: the sheet 65
// or more ("fairly easy", the primary-school band, our equivalent of grade
// 6, as ../shared/PRODUCT.md asks of patient text). The guide 60 or more:
// the "normal" band holds the four years of lower secondary school (grades
// 7 to 10) in 10 points, so grade 8, the English guide's target, ends about
// 5 points below 65; a guide that explains more may read a little harder
// than the sheet, never below the middle of "normal". The email that
// carries the handouts aims at the sheet's 65.
func inflesz() Formula {
	return Formula{
		Name:           "Szigriszt-Pazos perspicuity (INFLESZ scale, Barrio-Cantalejo et al. 2008)",
		Label:          "INFLESZ",
		score:          SzigrisztPazos,
		higherIsEasier: true,
		bands: []band{
			{math.Inf(-1), "very hard"}, {40, "somewhat hard"}, {55, "normal"},
			{65, "fairly easy"}, {80, "very easy"},
		},
		targets: map[string]float64{"sheet": 65, "guide": 60, "email": 65},
	}
}

// fernandezHuerta is the second opinion on Spanish, read on Fernández
// Huerta's own scale (Flesch's, with its school grades): below 30 very
// hard, 30–50 hard, 50–60 somewhat hard, 60–70 normal (grades 7–8), 70–80
// fairly easy (grade 6), 80–90 easy (grade 5), 90 and up very easy
// (grade 4). Targets by the same grades as English: the sheet 70 or more
// (grade 6), the guide 60 or more (grade 8), the email as the sheet.
func fernandezHuerta() Formula {
	return Formula{
		Name:           "Fernández-Huerta readability (1959, corrected by Law 2011)",
		Label:          "Fernández-Huerta",
		score:          FernandezHuerta,
		higherIsEasier: true,
		bands: []band{
			{math.Inf(-1), "very hard"}, {30, "hard"}, {50, "somewhat hard"}, {60, "normal"},
			{70, "fairly easy"}, {80, "easy"}, {90, "very easy"},
		},
		targets: map[string]float64{"sheet": 70, "guide": 60, "email": 70},
	}
}

// For returns the formula that grades text in the language of the BCP 47
// tag lang ("en-US", "es-US"; only the language subtag matters):
// Flesch-Kincaid grade for English, INFLESZ for Spanish. It returns an
// error for a language with no formula here.
func For(lang string) (Formula, error) {
	fs, err := Formulas(lang)
	if err != nil {
		return Formula{}, err
	}
	return fs[0], nil
}

// Formulas returns every formula this package has for the language of
// lang, the one For returns first: for Spanish, INFLESZ and then
// Fernández-Huerta.
func Formulas(lang string) ([]Formula, error) {
	l, err := languageOf(lang)
	if err != nil {
		return nil, err
	}
	fs := make([]Formula, len(l.formulas))
	for i, f := range l.formulas {
		fs[i] = f()
		fs[i].tag = lang
	}
	return fs, nil
}

// Measure counts text written in lang (see Count) and scores it with the
// language's formula (see For) for a handout of kind ("sheet", "guide").
func Measure(lang, kind, text string) (Result, error) {
	f, err := For(lang)
	if err != nil {
		return Result{}, err
	}
	c, err := Count(lang, text)
	if err != nil {
		return Result{}, err
	}
	return f.Result(kind, c), nil
}

// Score returns the formula's score for counts c, 0 when there are no
// words.
func (f Formula) Score(c Counts) float64 { return f.score(c) }

// Target returns the score a handout of kind must reach, and whether the
// kind has one (a calendar, a grid of short labels, has none).
func (f Formula) Target(kind string) (float64, bool) {
	t, ok := f.targets[kind]
	return t, ok
}

// Band names the band of the formula's scale that score falls in, judged
// on the score rounded to one decimal as it is printed; "" for a formula
// with no bands.
func (f Formula) Band(score float64) string {
	score = round1(score)
	name := ""
	for _, b := range f.bands {
		if score >= b.from {
			name = b.name
		}
	}
	return name
}

// Meets reports whether score meets the target of kind, judged on the
// score rounded to one decimal as it is printed (so "65.0" never fails a
// target of 65); true for a kind with no target.
func (f Formula) Meets(kind string, score float64) bool {
	t, ok := f.Target(kind)
	if !ok {
		return true
	}
	if f.higherIsEasier {
		return round1(score) >= t
	}
	return round1(score) <= t
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// Result is one text's reading level by one formula, for one kind of
// handout in one language.
type Result struct {
	Lang           string // the language tag, as given to For or Measure
	Kind           string // the handout kind: "sheet", "guide"
	Formula        string // the formula's Name
	Label          string // the formula's Label, printed before the score
	Counts                // what the score is computed from
	Score          float64
	Band           string  // the scale's band for the score; "" for a grade or without words
	Target         float64 // the score the kind must reach, when HasTarget
	HasTarget      bool
	HigherIsEasier bool
	Met            bool // the target is met: true without a target or without words
}

// Result scores counts c by f for a handout of kind.
func (f Formula) Result(kind string, c Counts) Result {
	r := Result{
		Lang: f.tag, Kind: kind, Formula: f.Name, Label: f.Label, Counts: c,
		HigherIsEasier: f.higherIsEasier, Met: true,
	}
	r.Target, r.HasTarget = f.Target(kind)
	if c.Words == 0 {
		return r
	}
	r.Score = f.Score(c)
	r.Band = f.Band(r.Score)
	r.Met = f.Meets(kind, r.Score)
	return r
}

// String reports the result as `handouts check` prints it:
//
//	sheet es-US: INFLESZ 71.2 (fairly easy; target 65 or more)
//	sheet en-US: grade 5.8 (target 6 or lower)
//
// and "sheet es-US: no words to grade" for a text without words.
func (r Result) String() string {
	if r.Words == 0 {
		return fmt.Sprintf("%s %s: no words to grade", r.Kind, r.Lang)
	}
	return fmt.Sprintf("%s %s: %s %.1f%s", r.Kind, r.Lang, r.Label, r.Score, r.note(r.Band))
}

// note is the parenthesis after a score: the band and the target.
func (r Result) note(band string) string {
	s := band
	if r.HasTarget {
		if s != "" {
			s += "; "
		}
		way := "or lower"
		if r.HigherIsEasier {
			way = "or more"
		}
		s += fmt.Sprintf("target %g %s", r.Target, way)
	}
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// harder reports whether r reads harder than o (both by one formula).
func (r Result) harder(o Result) bool {
	if r.HigherIsEasier {
		return r.Score < o.Score
	}
	return r.Score > o.Score
}

// Span is the reading level of one handout over its variants (brands, skin
// types, areas): its hardest and easiest Results, all by one formula. The
// zero value is empty; Add each variant's Result.
type Span struct {
	Hardest, Easiest Result
	Variants         int // Results added
}

// Add counts one variant's result. Results without words are left out.
func (s *Span) Add(r Result) {
	if r.Words == 0 {
		return
	}
	if s.Variants == 0 || r.harder(s.Hardest) {
		s.Hardest = r
	}
	if s.Variants == 0 || s.Easiest.harder(r) {
		s.Easiest = r
	}
	s.Variants++
}

// Met reports whether every variant meets its target (true for an empty
// span).
func (s Span) Met() bool { return s.Variants == 0 || s.Hardest.Met }

// String reports the span as `handouts check` prints it, the scores in
// rising order, with a range only when the variants differ:
//
//	sheet es-US: INFLESZ 68.4 to 71.2 across 16 variants (fairly easy; target 65 or more)
//	guide en-US: grade 6.1 to 7.4 across 16 variants (target 8 or lower)
func (s Span) String() string {
	if s.Variants == 0 {
		return "no variants to grade"
	}
	lo, hi := s.Hardest, s.Easiest
	if !lo.HigherIsEasier {
		lo, hi = hi, lo
	}
	if round1(lo.Score) == round1(hi.Score) {
		return lo.String()
	}
	band := lo.Band
	if hi.Band != lo.Band {
		band = lo.Band + " to " + hi.Band
	}
	return fmt.Sprintf("%s %s: %s %.1f to %.1f across %d variants%s",
		lo.Kind, lo.Lang, lo.Label, lo.Score, hi.Score, s.Variants, lo.note(band))
}
