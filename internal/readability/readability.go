// Package readability measures how hard a handout is to read, with a
// formula made for the handout's language:
//
//   - English: the Flesch-Kincaid grade level (FleschKincaidGrade), roughly
//     the US school grade a reader needs; the sheet aims at grade 6 or
//     lower, the guide at 8 or lower.
//   - Spanish: the Szigriszt-Pazos perspicuity index read on the INFLESZ
//     scale (SzigrisztPazos), where higher is easier; the sheet aims at 65
//     or more ("fairly easy", the scale's band for primary-school readers,
//     the equivalent of grade 6) and the guide at 60 or more (the middle
//     of "normal", the equivalent of grade 8). The Fernández-Huerta index
//     (FernandezHuerta) is given too, as a second opinion.
//
// The targets follow ../shared/PRODUCT.md (after the AMA's grade 6 or
// lower and NIH's below grade 8). A formula is an indirect measure: it
// checks writing, it does not replace a reader.
//
// Text turns a handout's Markdown into the prose a patient reads. Count
// cuts that prose into words, sentences and syllables by the rules of its
// language, and Measure scores it with the language's formula (For) into a
// Result that knows its scale's band and whether it meets the target of
// its kind of handout; Span gathers the Results of a handout's variants.
//
// The syllable counters are our own small rule sets: English (Syllables)
// is right for common words and close for the rest, which is all a grade
// level needs; Spanish spelling follows its sound closely, so its rules
// (spanishSyllables) count nearly every word right.
package readability

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/text/unicode/norm"

	"handouts/internal/markdown"
)

// Text returns the readable prose of the Markdown document md: the text of
// its headings, paragraphs, list items and table cells (in warning boxes
// and callouts too), one block per paragraph, as markdown.Text writes it:
// escapes and entities decoded, links as their text, and Markdown markup,
// images and task boxes left out. Each heading, list item,
// table cell and paragraph is its own sentence: one that does not end in
// ".", "!" or "?" gets a period (a trailing ":" or ";" becomes one), and
// blocks are separated by a blank line, which Count and Score also take as
// the end of a sentence. Text is the same for every language.
func Text(md []byte) string {
	doc := markdown.Parse(markdown.New(), md)
	var units []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, east.KindTableCell:
			if s := sentence(markdown.Text(n, md, markdown.TextOptions{})); s != "" {
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

var reBlank = regexp.MustCompile(`\n[ \t\r]*\n`)

// Counts are what every formula is computed from.
type Counts struct {
	Words     int // runs of non-space characters holding a letter or digit
	Sentences int // see Count
	Syllables int // syllables of all the words, by the language's rules
}

// Count counts the words, sentences and syllables of text written in the
// language of the BCP 47 tag lang ("en-US", "es-US"; only the language
// subtag matters). It returns an error for a language with no rules here.
//
// Words are the runs of text between white space, with leading and trailing
// punctuation stripped; a run with no letter or digit (a dash, a lone
// bullet) is no word. A hyphenated word ("fragrance-free") is one word, and
// so is a number ("2.5", "1,000"). A sentence ends at a word whose last
// character, before any closing quote or bracket, is ".", "!" or "?", unless
// the word is an abbreviation (Dr., Mr., Mrs., Ms., St., vs., e.g., i.e.,
// U.S., U.K.); a period inside a word ("2.5", "example.com") ends nothing.
// A blank line and the end of the text also end a sentence, and a sentence
// needs at least one word. With no words every field is zero. Those are the rules in every language. In Spanish, the opening marks "¿" and "¡" are punctuation, not words, and
// the sentence ends at the closing "?" or "!", except where Spanish goes
// on after it: before a comma ("¿Le duele?, ¿le arde?") or before a word
// in lower case ("¿Le duele? ¿le arde?"); the abbreviations that do not end
// a sentence are Dr., Dra., Sr., Sra., Srta., Ud., Uds., p. ej., pág.,
// núm., tel., aprox., a. (as in "a. m.") and vs. Syllables are counted by
// Syllables in English and by spanishSyllables in Spanish.
func Count(lang, text string) (Counts, error) {
	l, err := languageOf(lang)
	if err != nil {
		return Counts{}, err
	}
	return count(text, l), nil
}

// count cuts text into words and sentences by the rules of l.
func count(text string, l language) Counts {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text) // an accent typed as its own mark joins its letter
	}
	var c Counts
	for _, para := range reBlank.Split(text, -1) {
		toks := strings.Fields(para)
		pending := 0 // words in the sentence so far
		for i, tok := range toks {
			if w := strings.TrimFunc(tok, isPunct); hasAlnum(w) {
				c.Words++
				c.Syllables += l.syllables(w)
				pending++
			}
			next := ""
			if i+1 < len(toks) {
				next = toks[i+1]
			}
			if pending > 0 && l.endsSentence(tok, next) {
				c.Sentences++
				pending = 0
			}
		}
		if pending > 0 {
			c.Sentences++
		}
	}
	return c
}

// endsSentence reports whether the token tok, followed by the token next
// ("" at the end of a paragraph), ends a sentence in l.
func (l language) endsSentence(tok, next string) bool {
	core := strings.TrimRightFunc(tok, isCloser)
	switch lastRune(core) {
	case '.':
		return !l.abbreviations[strings.ToLower(strings.TrimLeftFunc(core, isPunct))]
	case '!', '?':
		return !(l.lowerGoesOn && startsLower(next))
	}
	return false
}

// startsLower reports whether the first letter or digit of tok is a
// lower-case letter.
func startsLower(tok string) bool {
	i := strings.IndexFunc(tok, func(r rune) bool { return !isPunct(r) })
	if i < 0 {
		return false
	}
	for _, r := range tok[i:] {
		return unicode.IsLower(r)
	}
	return false
}

func isPunct(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !isPunct(r) }) >= 0
}
