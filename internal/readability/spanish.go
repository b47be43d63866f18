package readability

import "unicode"

// spanish holds the rules that cut Spanish text.
var spanish = language{
	syllables:     spanishWordSyllables,
	abbreviations: spanishAbbreviations,
	lowerGoesOn:   true,
	formulas:      []func() Formula{inflesz, fernandezHuerta},
}

// spanishAbbreviations end in a period without ending a sentence (compared
// in lower case, without leading punctuation). "etc." is left out: it
// often ends a sentence, its period doing for both.
var spanishAbbreviations = map[string]bool{
	"dr.": true, "dra.": true, "sr.": true, "sra.": true, "srta.": true,
	"ud.": true, "uds.": true, "p.": true, "ej.": true, "pág.": true,
	"núm.": true, "tel.": true, "aprox.": true, "a.": true, "vs.": true,
}

// spanishWordSyllables returns the syllables of one word as Count cuts it,
// at least 1. Every run of letters counts as spanishSyllables says, and at
// least 1 (an abbreviation without a vowel, "SPF", "pH", is read as one
// unit); every run of digits counts 1, as in English (a numeral is taken
// in at a glance, like a short word; reading it out would make "48 horas"
// look harder than "dos días"), so "2,5" and "555-0142" count 2. Any other
// character inside the word (a hyphen, a slash, a period) separates runs:
// "y/o" is y + o, 2.
func spanishWordSyllables(word string) int {
	n := 0
	run := make([]rune, 0, len(word))
	inDigits := false
	flush := func() {
		if len(run) > 0 {
			n += max(spanishSyllables(run), 1)
			run = run[:0]
		}
	}
	for _, r := range word {
		switch {
		case unicode.IsLetter(r):
			run = append(run, unicode.ToLower(r))
			inDigits = false
		case unicode.IsDigit(r):
			flush()
			if !inDigits {
				n++
			}
			inDigits = true
		default:
			flush()
			inDigits = false
		}
	}
	flush()
	return max(n, 1)
}

// Vowel kinds for spanishSyllables.
const (
	notVowel    = iota
	strongVowel // a, e, o, with or without an accent
	weakVowel   // i, u, ü, and y at the end of a word
	stressed    // í, ú: a weak vowel carrying the stress
)

// spanishSyllables counts the syllables of a word of lower-case letters:
// one per vowel nucleus, following the rules on diphthongs, triphthongs and
// hiatus of the Real Academia Española and the Asociación de Academias de
// la Lengua Española, Ortografía de la lengua española (Espasa, 2010).
//
//   - The vowels are a, e, i, o, u with or without an accent, ü, and y at
//     the end of a word (hoy, muy, buey, and the word y itself); y anywhere
//     else is a consonant (yema, mayo).
//   - The u of "qu" and "gu" before e or i is silent (queso, guitarra,
//     Enjuáguese); ü is sounded (pingüino, vergüenza). The silent u is no
//     vowel, though a sounded one would join the next vowel in a diphthong
//     all the same, so the count does not depend on it.
//   - Vowels next to each other share a syllable (a diphthong or a
//     triphthong) when one of them is a weak i, u, ü or final y without an
//     accent (a-gua, ciu-dad, cui-da-do, buey, U-ru-guay), except that two
//     equal weak vowels are two (chi-i-ta, an-ti-in-fla-ma-to-rio).
//   - Two strong vowels (a, e, o) are two syllables, a hiatus (le-er,
//     po-e-ta, mi-cro-a-gu-jas), and so is a stressed í or ú next to a
//     strong vowel (dí-a, pa-ís, re-ú-ne, a-ún); a stressed í or ú next to
//     the other weak vowel stays one syllable, as the Academia counts it
//     (lin-güís-ti-ca, cuí-da-te).
//   - An h between vowels is a consonant, so it separates them as the
//     spelling does (a-ho-ra, bú-ho, pro-hi-bi-do).
//
// Words whose hiatus comes from a prefix (re-u-ti-li-zar) are counted as
// a diphthong, as many speakers say them.
func spanishSyllables(w []rune) int {
	kind := spanishVowels(w)
	count := 0
	for i := range w {
		if kind[i] == notVowel {
			continue
		}
		if i == 0 || kind[i-1] == notVowel || hiatus(w[i-1], w[i], kind[i-1], kind[i]) {
			count++
		}
	}
	return count
}

// spanishVowels returns the kind of each letter of w, as spanishSyllables
// reads it: notVowel, strongVowel, weakVowel or stressed.
func spanishVowels(w []rune) []int {
	kind := make([]int, len(w))
	for i, r := range w {
		switch r {
		case 'a', 'e', 'o', 'á', 'é', 'ó', 'à', 'è', 'ò', 'â', 'ê', 'ô', 'ä', 'ë', 'ö':
			kind[i] = strongVowel
		case 'i', 'ü', 'ï', 'î', 'ì':
			kind[i] = weakVowel
		case 'u', 'û', 'ù':
			kind[i] = weakVowel
			if i > 0 && (w[i-1] == 'q' || w[i-1] == 'g') && i+1 < len(w) && isFrontVowel(w[i+1]) {
				kind[i] = notVowel // silent: queso, guerra
			}
		case 'í', 'ú':
			kind[i] = stressed
		case 'y':
			if i == len(w)-1 {
				kind[i] = weakVowel
			}
		}
	}
	return kind
}

// hiatus reports whether the adjacent vowels a and b, of kinds ka and kb,
// are read in two syllables.
func hiatus(a, b rune, ka, kb int) bool {
	switch {
	case ka == strongVowel && kb == strongVowel:
		return true
	case ka == stressed && kb == strongVowel, ka == strongVowel && kb == stressed:
		return true
	case ka == weakVowel && kb == weakVowel:
		return a == b
	}
	return false
}

func isFrontVowel(r rune) bool {
	switch r {
	case 'e', 'i', 'é', 'í':
		return true
	}
	return false
}
