// Package readability measures how hard a handout is to read, with the
// Flesch-Kincaid grade level:
//
//	grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//
// from J. P. Kincaid, R. P. Fishburne, R. L. Rogers and B. S. Chissom,
// "Derivation of new readability formulas (Automated Readability Index, Fog
// Count and Flesch Reading Ease Formula) for Navy enlisted personnel",
// Research Branch Report 8-75, Naval Technical Training Command, 1975. The
// result is roughly the US school grade a reader needs to follow the text.
//
// The targets follow ../shared/PRODUCT.md (after the AMA's grade 6 or
// lower and NIH's below grade 8): the aftercare sheet at grade 6 or lower
// and a warning for anything above 8, so the longer guide must stay at
// grade 8 or lower. The formula is an indirect measure: it checks writing,
// it does not replace a reader.
//
// Text turns a handout's Markdown into the prose a patient reads; Score
// counts its words, sentences and syllables and computes the grade. The
// syllable counter is our own small rule set for English (see Syllables);
// it is right for common words and close for the rest, which is all a grade
// level needs.
package readability

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"handouts/internal/markdown"
)

// Stats are what the formula is computed from, and its result. (The type
// cannot share the name of the function Score, which returns it.)
type Stats struct {
	Words     int     // words: runs of non-space characters holding a letter or digit
	Sentences int     // sentences: see Score
	Syllables int     // syllables of all words, see Syllables
	Grade     float64 // Flesch-Kincaid grade level; 0 when there are no words
}

// Text returns the readable prose of the Markdown document md: the text of
// its headings, paragraphs, list items and table cells (in warning boxes
// and callouts too), one block per paragraph, with links as their text and
// Markdown markup, images and task boxes left out. Each heading, list item,
// table cell and paragraph is its own sentence: one that does not end in
// ".", "!" or "?" gets a period (a trailing ":" or ";" becomes one), and
// blocks are separated by a blank line, which Score also takes as the end
// of a sentence.
func Text(md []byte) string {
	doc := markdown.Parse(markdown.New(), md)
	var units []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, east.KindTableCell:
			var b strings.Builder
			inline(&b, n, md)
			if s := sentence(b.String()); s != "" {
				units = append(units, s)
			}
			return ast.WalkSkipChildren, nil
		case ast.KindHTMLBlock, ast.KindCodeBlock, ast.KindFencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(units, "\n\n")
}

// inline writes the text of n's inline children.
func inline(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(c.Segment.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.Image, *ast.RawHTML, *east.TaskCheckBox:
			// not read as prose
		default:
			inline(b, c, src)
		}
	}
}

// sentence tidies the white space of one block's text and makes it end a
// sentence.
func sentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	core := strings.TrimRightFunc(s, isCloser)
	switch last := lastRune(core); {
	case last == '.' || last == '!' || last == '?':
		return s
	case last == ':' || last == ';' || last == ',':
		return strings.TrimRight(s, ":;, ") + "."
	}
	return s + "."
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// isCloser reports whether r may follow a sentence's final punctuation:
// closing quotes and brackets.
func isCloser(r rune) bool {
	return strings.ContainsRune(`"')]}’”»`, r)
}

// abbreviations end in a period without ending a sentence (compared in
// lower case, without leading punctuation).
var abbreviations = map[string]bool{
	"dr.": true, "mr.": true, "mrs.": true, "ms.": true, "st.": true, "vs.": true,
	"e.g.": true, "i.e.": true, "u.s.": true, "u.k.": true,
}

var reBlank = regexp.MustCompile(`\n[ \t\r]*\n`)

// Score counts the words, sentences and syllables of text and computes its
// Flesch-Kincaid grade level.
//
// Words are the runs of text between white space, with leading and trailing
// punctuation stripped; a run with no letter or digit (a dash, a lone
// bullet) is no word. A hyphenated word ("fragrance-free") is one word, and
// so is a number ("2.5", "1,000"). A sentence ends at a word whose last
// character, before any closing quote or bracket, is ".", "!" or "?", unless
// the word is an abbreviation (Dr., Mr., Mrs., Ms., St., vs., e.g., i.e.,
// U.S., U.K.); a period inside a word ("2.5", "example.com") ends nothing.
// A blank line and the end of the text also end a sentence, and a sentence
// needs at least one word. With no words every field is zero.
func Score(text string) Stats {
	var s Stats
	for _, para := range reBlank.Split(text, -1) {
		pending := 0 // words in the sentence so far
		for _, tok := range strings.Fields(para) {
			if w := strings.TrimFunc(tok, isPunct); hasAlnum(w) {
				s.Words++
				s.Syllables += Syllables(w)
				pending++
			}
			if pending > 0 && endsSentence(tok) {
				s.Sentences++
				pending = 0
			}
		}
		if pending > 0 {
			s.Sentences++
		}
	}
	if s.Words > 0 {
		s.Grade = 0.39*float64(s.Words)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Words) - 15.59
	}
	return s
}

// endsSentence reports whether the token tok ends a sentence.
func endsSentence(tok string) bool {
	core := strings.TrimRightFunc(tok, isCloser)
	switch lastRune(core) {
	case '.':
		return !abbreviations[strings.ToLower(strings.TrimLeftFunc(core, isPunct))]
	case '!', '?':
		return true
	}
	return false
}

func isPunct(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !isPunct(r) }) >= 0
}

// Syllables returns the number of syllables of word, at least 1.
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
