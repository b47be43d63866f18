package readability

import (
	"regexp"
	"strings"
	"unicode"
)

// english holds the rules that cut English text.
var english = language{
	syllables:     Syllables,
	abbreviations: abbreviations,
	formulas:      []func() Formula{fleschKincaid},
}

// abbreviations end in a period without ending a sentence (compared in
// lower case, without leading punctuation).
var abbreviations = map[string]bool{
	"dr.": true, "mr.": true, "mrs.": true, "ms.": true, "st.": true, "vs.": true,
	"e.g.": true, "i.e.": true, "u.s.": true, "u.k.": true,
}

// Syllables returns the number of syllables of the English word, at
// least 1.
//
// A hyphenated word is counted part by part. In each part, every run of
// digits counts one syllable (so "48" is 1, "2.5" and "1,000" are 2: a
// simple rule, as a number is read out in more syllables than it has
// digit groups, but numbers are rare in handouts), and the letters are
// counted as an English word (see englishSyllables); a part counts at
// least 1.
func Syllables(word string) int {
	total := 0
	for part := range strings.SplitSeq(word, "-") {
		n := 0
		var letters strings.Builder
		inDigits := false
		for _, r := range part {
			switch {
			case unicode.IsDigit(r):
				if !inDigits {
					n++
				}
				inDigits = true
				continue
			case unicode.IsLetter(r):
				letters.WriteRune(unicode.ToLower(r))
			}
			inDigits = false
		}
		if letters.Len() > 0 {
			n += englishSyllables(fold(letters.String()))
		}
		if n == 0 && hasAlnum(part) {
			n = 1
		}
		total += n
	}
	return max(total, 1)
}

// fold replaces accented Latin letters with their base letters
// ("décolleté" → "decollete"), so the vowel rules see them.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'à', 'á', 'â', 'ä', 'ã', 'å':
			return 'a'
		case 'è', 'é', 'ê', 'ë':
			return 'e'
		case 'ì', 'í', 'î', 'ï':
			return 'i'
		case 'ò', 'ó', 'ô', 'ö', 'õ':
			return 'o'
		case 'ù', 'ú', 'û', 'ü':
			return 'u'
		case 'ç':
			return 'c'
		case 'ñ':
			return 'n'
		}
		return r
	}, s)
}

// irregular holds the few common words the rules below get wrong.
var irregular = map[string]int{
	"acne": 2, "recipe": 3, "people": 2, "science": 2, "business": 2,
	"evening": 2, "naive": 2, "cafe": 2, "area": 3, "idea": 3,
	"sometimes": 2, "someone": 2, "something": 2, "somewhere": 2,
}

// Vowel-pair splits: two vowels in one group that are read as two
// syllables ("cre-ate", "di-et", "ra-di-o").
var (
	reSplitIA  = regexp.MustCompile(`[^ct]ia`)                             // di-al, bac-te-ri-a (not spe-cial, ini-tial)
	reSplitIO  = regexp.MustCompile(`io[^nu]|io$`)                         // ra-di-o, di-ox-ide (not lo-tion)
	reSplitIOU = regexp.MustCompile(`[^ctxg]iou`)                          // var-i-ous (not de-li-cious, anx-ious)
	reSplitIU  = regexp.MustCompile(`iu`)                                  // ti-ta-ni-um
	reSplitUA  = regexp.MustCompile(`[^gq]ua[^aeiou]`)                     // ac-tu-al (not lan-guage)
	reSplitEO  = regexp.MustCompile(`eo[^u]|eo$`)                          // vi-de-o, ge-o (not gor-geous)
	reSplitIE  = regexp.MustCompile(`[dr]ien[ct]|[^l]lien|iet|ier$|iest$`) // in-gre-di-ent, cli-ent, di-et, eas-i-er
	reSplitII  = regexp.MustCompile(`ii`)                                  // ski-ing
	reSplitEA  = regexp.MustCompile(`^creat[eio]|^react`)                  // cre-ate, re-act (not reach, crea-ture)
	reSplitISM = regexp.MustCompile(`[^aeiouy]ism$`)                       // or-gan-ism
)

// englishSyllables counts the syllables of a lower-case word of letters
// only, at least 1:
//
//   - a syllable per group of vowels (a, e, i, o, u and y), where y is a
//     consonant at the start of a word and between two vowels (you, layer),
//     and a y after a consonant is a syllable of its own before a vowel
//     (hy-a-lu-ron-ic, dry-er); u after q is a consonant (u-nique);
//   - a final e is silent (make, fire, the), except in -le after a consonant
//     (ta-ble) and -re after a consonant (a-cre);
//   - -ed is silent except after t or d (used; want-ed, cre-at-ed), and -es
//     is silent except after s, x, z, ch, sh, ge, ce and in -les after a
//     consonant (makes; us-es, pag-es, ta-bles);
//   - an e before a final -ly or -ful is silent (safe-ly, care-ful), as is
//     the e of "every" (ev-ery);
//   - some vowel pairs are two syllables: see the reSplit patterns
//     (cre-ate, di-et, ra-di-o, ti-ta-ni-um, ac-tu-al, be-ing);
//   - a short list of irregular words (acne, people, sometimes, …).
func englishSyllables(w string) int {
	if n, ok := irregular[w]; ok {
		return n
	}
	b := []byte(w)
	n := len(b)
	// Which letters are vowels.
	vowel := make([]bool, n)
	for i, c := range b {
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			vowel[i] = !(c == 'u' && i > 0 && b[i-1] == 'q')
		case 'y':
			vowel[i] = i > 0 && !(isV(b[i-1]) && i+1 < n && isV(b[i+1]))
		}
	}
	// Drop silent endings by marking their vowel as none.
	consonantAt := func(i int) bool { return i >= 0 && i < n && !vowel[i] }
	switch {
	case n > 2 && strings.HasSuffix(w, "e") && vowel[n-1]:
		syllabic := consonantAt(n-3) && (b[n-2] == 'l' || b[n-2] == 'r') && b[n-3] != b[n-2]
		if consonantAt(n-2) && !syllabic {
			vowel[n-1] = false
		}
	case n > 3 && strings.HasSuffix(w, "ed") && consonantAt(n-3):
		if b[n-3] != 't' && b[n-3] != 'd' {
			vowel[n-2] = false
		}
	case n > 3 && strings.HasSuffix(w, "es") && consonantAt(n-3):
		keep := strings.ContainsRune("sxz", rune(b[n-3])) ||
			strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") ||
			strings.HasSuffix(w, "ges") || strings.HasSuffix(w, "ces") ||
			(b[n-3] == 'l' && consonantAt(n-4))
		if !keep {
			vowel[n-2] = false
		}
	}
	for _, suf := range []string{"ely", "eful"} {
		if i := len(w) - len(suf); i > 1 && strings.HasSuffix(w, suf) && consonantAt(i-1) {
			vowel[i] = false
		}
	}
	// Count vowel groups; a y-vowel before another vowel ends its group.
	count := 0
	for i := range n {
		if vowel[i] && (i == 0 || !vowel[i-1] || b[i-1] == 'y') {
			count++
		}
	}
	for _, re := range []*regexp.Regexp{reSplitIA, reSplitIO, reSplitIOU, reSplitIU, reSplitUA, reSplitEO, reSplitIE, reSplitII, reSplitEA, reSplitISM} {
		count += len(re.FindAllStringIndex(w, -1))
	}
	// A vowel before -ing is a syllable of its own (be-ing, do-ing, not
	// say-ing, dy-ing, whose y already splits).
	if n > 4 && strings.HasSuffix(w, "ing") && vowel[n-4] && b[n-4] != 'y' {
		count++
	}
	if strings.HasPrefix(w, "every") {
		count--
	}
	return max(count, 1)
}

func isV(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
