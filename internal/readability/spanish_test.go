package readability

import (
	"math"
	"strings"
	"testing"
)

// TestSpanishSyllables: words counted by hand, syllable by syllable, as
// the Real Academia Española divides them.
func TestSpanishSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
		why  string
	}{
		{"casa", 2, "ca-sa"},
		{"piel", 1, "piel: ie diphthong"},
		{"bien", 1, "bien"},
		{"fiebre", 2, "fie-bre"},
		{"suero", 2, "sue-ro"},
		{"agua", 2, "a-gua: ua diphthong, gu before a is sounded"},
		{"aceite", 3, "a-cei-te: ei diphthong"},
		{"ciudad", 2, "ciu-dad: two weak vowels"},
		{"cuidado", 3, "cui-da-do: two weak vowels"},
		{"retinoides", 4, "re-ti-noi-des"},
		{"crecimiento", 4, "cre-ci-mien-to"},
		{"enrojecimiento", 6, "en-ro-je-ci-mien-to"},
		{"también", 2, "tam-bién: accent on the strong vowel keeps the diphthong"},
		{"después", 2, "des-pués"},
		{"dióxido", 3, "dió-xi-do"},
		{"titanio", 3, "ti-ta-nio"},
		{"hialurónico", 5, "hia-lu-ró-ni-co"},
		{"día", 2, "dí-a: hiatus, stressed í"},
		{"país", 2, "pa-ís"},
		{"reír", 2, "re-ír"},
		{"oído", 3, "o-í-do"},
		{"caída", 3, "ca-í-da"},
		{"reúne", 3, "re-ú-ne: hiatus, stressed ú"},
		{"aún", 2, "a-ún"},
		{"aun", 1, "aun: unstressed, a diphthong"},
		{"leer", 2, "le-er: two strong vowels"},
		{"creer", 2, "cre-er"},
		{"poeta", 3, "po-e-ta"},
		{"aéreo", 4, "a-é-re-o"},
		{"océano", 4, "o-cé-a-no"},
		{"microagujas", 5, "mi-cro-a-gu-jas: oa hiatus"},
		{"chiita", 3, "chi-i-ta: equal weak vowels"},
		{"antiinflamatorio", 7, "an-ti-in-fla-ma-to-rio"},
		{"quien", 1, "quien: silent u, ie diphthong"},
		{"queso", 2, "que-so: silent u"},
		{"química", 3, "quí-mi-ca: silent u before í"},
		{"guerra", 2, "gue-rra: silent u"},
		{"guitarra", 3, "gui-ta-rra: silent u"},
		{"guapo", 2, "gua-po: u sounded before a"},
		{"Enjuáguese", 4, "en-juá-gue-se: uá diphthong, silent u of gue"},
		{"pingüino", 3, "pin-güi-no: ü sounded, üi diphthong"},
		{"vergüenza", 3, "ver-güen-za"},
		{"averigüé", 4, "a-ve-ri-güé"},
		{"lingüística", 4, "lin-güís-ti-ca: üí stays a diphthong"},
		{"cuídate", 3, "cuí-da-te: uí stays a diphthong"},
		{"buey", 1, "buey: triphthong with final y"},
		{"Uruguay", 3, "U-ru-guay: triphthong"},
		{"limpiáis", 2, "lim-piáis: triphthong"},
		{"hoy", 1, "hoy: final y is a vowel"},
		{"muy", 1, "muy"},
		{"rey", 1, "rey"},
		{"y", 1, "the word y"},
		{"rugby", 2, "rug-by: final y after a consonant is a vowel of its own"},
		{"yema", 2, "ye-ma: initial y is a consonant"},
		{"mayo", 2, "ma-yo: y between vowels is a consonant"},
		{"ahora", 3, "a-ho-ra: h between vowels separates them"},
		{"búho", 2, "bú-ho"},
		{"prohibido", 4, "pro-hi-bi-do"},
		{"Llámenos", 3, "llá-me-nos: ll is one consonant"},
		{"ÁCIDO", 3, "á-ci-do, in capitals"},
		{"comedogénica", 6, "co-me-do-gé-ni-ca"},
		{"péptidos", 3, "pép-ti-dos"},
		{"zinc", 1, "zinc"},
		{"físico-químico", 6, "fí-si-co + quí-mi-co, part by part"},
		{"y/o", 2, "y + o"},
		{"48", 1, "a numeral: one per run of digits"},
		{"911", 1, "a numeral"},
		{"2,5", 2, "two runs of digits"},
		{"555-0142", 2, "a phone number: two runs"},
		{"30+", 1, "SPF 30+"},
		{"SPF", 1, "no vowel: at least 1"},
		{"pH", 1, "no vowel: at least 1"},
		{"Dra", 1, "Dra. without its period (Count strips it)"},
		{"EE.UU", 4, "E-E + U-U: each run of letters by the rules"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := spanishWordSyllables(tt.word); got != tt.want {
				t.Errorf("spanishWordSyllables(%q) = %d, want %d (%s)", tt.word, got, tt.want, tt.why)
			}
		})
	}
}

// TestSpanishVowels: which letters are vowels, and of which kind
// ("-" none, "S" strong, "W" weak, "T" stressed weak): the silent u of
// qu and gu before e or i is none, a sounded u or ü is weak, y is a vowel
// only at the end.
func TestSpanishVowels(t *testing.T) {
	tests := []struct{ word, want string }{
		{"queso", "--S-S"},
		{"química", "--T-W-S"},
		{"guerra", "--S--S"},
		{"enjuáguese", "S--WS--S-S"},
		{"guapo", "-WS-S"},
		{"quórum", "-WS-W-"},
		{"pingüino", "-W--WW-S"},
		{"guía", "--TS"},
		{"hoy", "-SW"},
		{"yema", "-S-S"},
		{"mayo", "-S-S"},
		{"país", "-ST-"},
	}
	for _, tt := range tests {
		var b strings.Builder
		for _, k := range spanishVowels([]rune(tt.word)) {
			b.WriteByte("-SWT"[k])
		}
		if b.String() != tt.want {
			t.Errorf("spanishVowels(%q) = %s, want %s", tt.word, b.String(), tt.want)
		}
	}
}

// TestCountSpanish: short Spanish texts counted by hand; the scores are
// worked out by hand in the comments:
//
//	INFLESZ (Szigriszt-Pazos) = 206.835 - 62.3*(syllables/words) - words/sentences
//	Fernández-Huerta          = 206.84 - 0.60*(100*syllables/words) - 1.02*(words/sentences)
func TestCountSpanish(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     Counts
		inflesz  float64
		fernhuer float64
	}{
		{
			// Lá-ve-se(3) las(1) ma-nos(2) con(1) a-gua(2) y(1) ja-bón.(2)
			// 7 words, 1 sentence, 12 syllables.
			// INFLESZ: 206.835 - 62.3*12/7 - 7 = 206.835 - 106.8 - 7 = 93.035
			// F-H: 206.84 - 0.60*171.4286 - 1.02*7 = 206.84 - 102.8571 - 7.14 = 96.8429
			name:     "one sentence",
			text:     "Lávese las manos con agua y jabón.",
			want:     Counts{Words: 7, Sentences: 1, Syllables: 12},
			inflesz:  93.035,
			fernhuer: 96.8429,
		},
		{
			// ¿Tie-ne(2) fie-bre?(2) | ¡Llá-me-nos(3) hoy!(1) | No(1) es-pe-re.(3)
			// The opening marks are no words; each closing mark ends a sentence.
			// 6 words, 3 sentences, 12 syllables.
			// INFLESZ: 206.835 - 62.3*2 - 2 = 80.235
			// F-H: 206.84 - 0.60*200 - 1.02*2 = 206.84 - 120 - 2.04 = 84.8
			name:     "questions and exclamations",
			text:     "¿Tiene fiebre? ¡Llámenos hoy! No espere.",
			want:     Counts{Words: 6, Sentences: 3, Syllables: 12},
			inflesz:  80.235,
			fernhuer: 84.8,
		},
		{
			// La(1) Dra.(1, an abbreviation) Ruiz(1) le(1) di-rá(2) qué(1)
			// ha-cer,(2) p.(1) ej.,(1: both abbreviations) si(1) le(1) pi-ca.(2)
			// = 12 words, 15 syllables, sentence 1.
			// ¿Le(1) due-le?(2) ¿le(1) ar-de?(2): the first "?" is followed by
			// a word in lower case, so the question goes on; the second ends
			// it = 4 words, 6 syllables, sentence 2.
			// ¡Ay!,(1: "!," goes on) lla-me(2) al(1) 911.(1, a numeral)
			// = 4 words, 5 syllables, sentence 3.
			// 20 words, 3 sentences, 26 syllables.
			// INFLESZ: 206.835 - 62.3*26/20 - 20/3 = 206.835 - 80.99 - 6.6667 = 119.1783
			// F-H: 206.84 - 0.60*130 - 1.02*20/3 = 206.84 - 78 - 6.8 = 122.04
			name:     "abbreviations and questions that go on",
			text:     "La Dra. Ruiz le dirá qué hacer, p. ej., si le pica. ¿Le duele? ¿le arde? ¡Ay!, llame al 911.",
			want:     Counts{Words: 20, Sentences: 3, Syllables: 26},
			inflesz:  119.1783,
			fernhuer: 122.04,
		},
		{
			// La(1) hi-per-pig-men-ta-ción(6) pos-tin-fla-ma-to-ria(6)
			// a-pa-re-ce(4) fre-cuen-te-men-te(5) tras(1) pro-ce-di-mien-tos(5)
			// der-ma-to-ló-gi-cos(6) a-gre-si-vos.(4)
			// 9 words, 1 sentence, 38 syllables.
			// INFLESZ: 206.835 - 62.3*38/9 - 9 = 206.835 - 263.0444 - 9 = -65.2094
			// F-H: 206.84 - 0.60*422.2222 - 1.02*9 = 206.84 - 253.3333 - 9.18 = -55.6733
			name:     "long words",
			text:     "La hiperpigmentación postinflamatoria aparece frecuentemente tras procedimientos dermatológicos agresivos.",
			want:     Counts{Words: 9, Sentences: 1, Syllables: 38},
			inflesz:  -65.2094,
			fernhuer: -55.6733,
		},
		{
			// «Ya(1) no(1) pi-ca»,(2) di-jo.(2) | Pón-ga-se(3) pro-tec-tor(3)
			// so-lar(2) SPF(1) 30(1) | (blank line) Us-ted(2) pue-de(2)
			// The first sentence ends at "dijo." (not at "pica»,"); the blank
			// line ends the second; "Usted puede" is the third.
			// 11 words, 3 sentences, 20 syllables.
			// INFLESZ: 206.835 - 62.3*20/11 - 11/3 = 206.835 - 113.2727 - 3.6667 = 89.8956
			// F-H: 206.84 - 0.60*181.8182 - 1.02*11/3 = 206.84 - 109.0909 - 3.74 = 94.0091
			name:     "quotes, numbers and a blank line",
			text:     "«Ya no pica», dijo. Póngase protector solar SPF 30\n\nUsted puede",
			want:     Counts{Words: 11, Sentences: 3, Syllables: 20},
			inflesz:  89.8956,
			fernhuer: 94.0091,
		},
		{
			// The same words as "one sentence" with the accents typed as
			// separate marks (NFD): Count joins them first.
			name:     "decomposed accents",
			text:     "La\u0301vese las manos con agua y jabo\u0301n.",
			want:     Counts{Words: 7, Sentences: 1, Syllables: 12},
			inflesz:  93.035,
			fernhuer: 96.8429,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Count("es-US", tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Count(es-US, %q) = %+v, want %+v", tt.text, got, tt.want)
			}
			if s := SzigrisztPazos(got); math.Abs(s-tt.inflesz) >= 0.001 {
				t.Errorf("SzigrisztPazos(%+v) = %.4f, want %.4f", got, s, tt.inflesz)
			}
			if s := FernandezHuerta(got); math.Abs(s-tt.fernhuer) >= 0.001 {
				t.Errorf("FernandezHuerta(%+v) = %.4f, want %.4f", got, s, tt.fernhuer)
			}
		})
	}
}

// TestSpanishText: a Spanish handout's Markdown, from Text to Count.
func TestSpanishText(t *testing.T) {
	// ¿Qué(1) es(1) nor-mal?(2) | Piel(1) ro-ja.(2) (a list item gets its
	// period) | ¡Ojo!(2) Lla-me(2) hoy.(1)
	// 8 words, 4 sentences, 12 syllables.
	md := "## ¿Qué es normal?\n\n- Piel roja\n\n¡Ojo! Llame hoy.\n"
	text := Text([]byte(md))
	if want := "¿Qué es normal?\n\nPiel roja.\n\n¡Ojo! Llame hoy."; text != want {
		t.Fatalf("Text(%q) = %q, want %q", md, text, want)
	}
	got, err := Count("es", text)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Words: 8, Sentences: 4, Syllables: 12}); got != want {
		t.Errorf("Count(es, %q) = %+v, want %+v", text, got, want)
	}
}

// TestSpanishRulesAreSpanish: the same text cut by the English rules and
// by the Spanish ones differs exactly where Spanish differs.
func TestSpanishRulesAreSpanish(t *testing.T) {
	// English: "Dra." ends a sentence (not an English abbreviation) and so
	// does "duele?" before "¿le"; Spanish: neither does.
	text := "La Dra. Ruiz. ¿Le duele? ¿le arde?"
	en, _ := Count("en-US", text)
	es, _ := Count("es-US", text)
	if en.Sentences != 4 || es.Sentences != 2 {
		t.Errorf("sentences: English %d, Spanish %d; want 4 and 2", en.Sentences, es.Sentences)
	}
}
