package readability

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoFormula is the error for a language with no reading-level formula
// here: its handouts are reported "not graded", never refused.
var ErrNoFormula = errors.New("no reading-level formula")

// language holds how text in one language is cut into words, sentences
// and syllables, and the formulas that grade it. The values (english,
// spanish) are read-only tables.
type language struct {
	syllables     func(word string) int // syllables of one word as Count cuts it
	abbreviations map[string]bool       // words ending in "." that do not end a sentence, in lower case
	lowerGoesOn   bool                  // a "?" or "!" before a word in lower case does not end the sentence
	formulas      []func() Formula      // the first grades the language; the others are second opinions
}

// languageOf returns the rules for the BCP 47 tag: its language subtag,
// in any case ("es", "es-US", "ES_mx").
func languageOf(tag string) (language, error) {
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	switch strings.ToLower(base) {
	case "en":
		return english, nil
	case "es":
		return spanish, nil
	}
	return language{}, fmt.Errorf("%w for language %q; there are formulas for en (Flesch-Kincaid grade) and es (INFLESZ)", ErrNoFormula, tag)
}
