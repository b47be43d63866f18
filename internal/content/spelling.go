package content

import (
	"cmp"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"handouts/internal/lang"
)

// Spelling is content/spelling.yaml: pairs of US and British spellings,
// the US forms that Canadian and Australian English keep, and terms: words
// and phrases each locale says differently, not only spells differently
// ("after hours", "out of hours"; a fever's threshold in °F or °C). The
// list works both ways: the English source may be written in either
// spelling (or a mix), and every English locale prints the patient text in
// its own: en-US respells British forms to US ones, en-GB, en-AU and en-CA
// US forms (and each other's) to theirs. What is respelled: the handouts'
// titles, summaries, footers and bodies, the rules' labels, and the skin
// types', areas' and treatments' names. A brand's own values (its name,
// products, urgent-care line, its name for a treatment), addresses and the
// values placeholders insert are printed as written, and so is a brand's
// or product's name written out in the text ("Thistle Colour Balm" stays
// as it is in a US copy).
type Spelling struct {
	File  string         `yaml:"-"`
	Pairs []SpellingPair `yaml:"pairs"`
	// CAKeepsUS and AUKeepsUS list US forms (the us of a pair) that
	// Canadian and Australian English keep.
	CAKeepsUS []string `yaml:"ca_keeps_us"`
	AUKeepsUS []string `yaml:"au_keeps_us"`
	Terms     []Term   `yaml:"terms"`
}

// Term is a word or phrase as US English says it and as each other
// English locale does. GB is required; AU and CA are optional, and a term
// without them is printed as in US English there (Australian and Canadian
// usage differs from British more in words than in spelling). A term is
// written as it reads mid-sentence and may hold digits and signs
// ("100.4°F (38°C)"); it is matched whole, as written, capitalised or in
// capitals, before the spelling pairs, and its replacement is not
// respelled again.
type Term struct {
	US string `yaml:"us"`
	GB string `yaml:"gb"`
	AU string `yaml:"au"`
	CA string `yaml:"ca"`
}

// SpellingPair is one word in US and British spelling, in lower case.
type SpellingPair struct {
	US string `yaml:"us"`
	GB string `yaml:"gb"`
}

// Speller respells text for one locale. A nil Speller leaves text as it is.
type Speller struct {
	words map[string]string // any listed form, lower case, to the locale's
	max   int               // the most hyphen-joined parts in a listed word
	// terms map every form of a term (in US) to the locale's (in GB),
	// longest first; the locale's own form is listed too, mapped to
	// itself, so that it is taken whole ("100.4°F (38°C)" is not read as
	// holding the term "38°C").
	terms []Term
	// cased are each term's capitalised and upper-case forms, from and
	// to, made once (term is tried at every word of every text).
	cased []termCase
	// names are brand and product names, longest first: printed as
	// written wherever the text spells them out.
	names []string
}

// loadSpelling reads content/spelling.yaml, if there is one, strictly.
func (l *loader) loadSpelling() {
	const p = "spelling.yaml"
	// Through the one reader, with its rules: only a file that is not
	// there means no list; a link, a named pipe, a folder or a file over
	// the size limit is refused by name, like any other input.
	if _, err := fs.Stat(l.c.FS, p); errors.Is(err, fs.ErrNotExist) {
		return // no spelling list: every English locale prints the source as written
	}
	data, ok := l.readFile(p)
	if !ok || !l.checkText(p, data) {
		return
	}
	s := &Spelling{File: l.name(p)}
	node, err := decodeStrict(s.File, data, s)
	if err != nil {
		l.e.add(err)
		return
	}
	pairs := valueOf(node, "pairs")
	seen, seenGB := map[string]int{}, map[string]int{} // the line of each US and British form
	for i, pr := range s.Pairs {
		line := lineOf(node, "pairs")
		if pairs != nil && i < len(pairs.Content) {
			line = pairs.Content[i].Line
		}
		switch {
		case !isWord(pr.US) || !isWord(pr.GB):
			l.e.addf(s.File, line, "pair %q, %q: write both spellings as lower-case words (letters, hyphens or one space)", pr.US, pr.GB)
		case seen[pr.US] > 0:
			l.e.addf(s.File, line, "%q is listed twice (first at line %d); keep one pair", pr.US, seen[pr.US])
		case seenGB[pr.GB] > 0:
			l.e.addf(s.File, line, "%q is listed twice (first at line %d); keep one pair", pr.GB, seenGB[pr.GB])
		default:
			seen[pr.US], seenGB[pr.GB] = line, line
		}
	}
	// The list is read both ways, so a word may be the US form of one
	// pair or the British form of another, not both.
	for i, pr := range s.Pairs {
		if at := seenGB[pr.US]; at > 0 && pr.US != pr.GB {
			line := lineOf(node, "pairs")
			if pairs != nil && i < len(pairs.Content) {
				line = pairs.Content[i].Line
			}
			l.e.addf(s.File, line, "%q is a US spelling here and a British one at line %d; the list respells both ways, so keep the word on one side", pr.US, at)
		}
	}
	for _, keep := range []struct {
		key  string
		list []string
	}{{"ca_keeps_us", s.CAKeepsUS}, {"au_keeps_us", s.AUKeepsUS}} {
		seq := valueOf(node, keep.key)
		for i, w := range keep.list {
			if seen[w] == 0 {
				line := lineOf(node, keep.key)
				if seq != nil && i < len(seq.Content) {
					line = seq.Content[i].Line
				}
				l.e.addf(s.File, line, "%s: %q is not the us of any pair; list only words that pairs: respells", keep.key, w)
			}
		}
	}
	terms := valueOf(node, "terms")
	seenTerm := map[string]int{}
	for i, tm := range s.Terms {
		line := lineOf(node, "terms")
		if terms != nil && i < len(terms.Content) {
			line = terms.Content[i].Line
		}
		bad := ""
		for _, f := range []struct{ key, v string }{{"us", tm.US}, {"gb", tm.GB}, {"au", tm.AU}, {"ca", tm.CA}} {
			if (f.v != "" || f.key == "us" || f.key == "gb") && !isTerm(f.v) && bad == "" {
				bad = f.key
			}
		}
		switch {
		case bad != "":
			l.e.addf(s.File, line, "term %q: write %s: as the words read mid-sentence, with no space at either end, no two spaces together and no placeholder", tm.US, bad)
		case seenTerm[strings.ToLower(tm.US)] > 0:
			l.e.addf(s.File, line, "term %q is listed twice (first at line %d); keep one", tm.US, seenTerm[strings.ToLower(tm.US)])
		case seen[strings.ToLower(tm.US)] > 0:
			l.e.addf(s.File, line, "term %q is also a spelling pair (line %d); keep it in one list", tm.US, seen[strings.ToLower(tm.US)])
		default:
			seenTerm[strings.ToLower(tm.US)] = line
		}
	}
	l.c.Spelling = s
}

// isTerm reports whether s can be a term: printable words, digits and
// signs with single spaces between them, and no placeholder.
func isTerm(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "  ") || strings.Contains(s, "{{") || strings.Contains(s, "}}") {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

func isWord(s string) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLower(r) || r == '-' || r == ' ') {
			return false
		}
	}
	return true
}

// For returns the speller for a language, or nil when it is not English.
// Every English locale has one: each pair's and term's forms are mapped to
// the locale's, so a source in British spelling prints in US spelling for
// en-US as a US source prints in British spelling for en-GB. Which form is
// the locale's: en-US (no spelling list named) the US one; gb the British
// one; ca and au the British one, except the US forms they keep
// (ca_keeps_us, au_keeps_us); for terms, the ca or au form when given, else
// the US one.
func (s *Spelling) For(l *lang.Lang) *Speller {
	if s == nil || l == nil || l.Base != SourceLang {
		return nil
	}
	var keep []string
	switch l.Spelling {
	case "ca":
		keep = s.CAKeepsUS
	case "au":
		keep = s.AUKeepsUS
	}
	sp := &Speller{words: map[string]string{}}
	for _, p := range s.Pairs {
		to := p.GB
		if l.Spelling == "" || containsStr(keep, p.US) {
			to = p.US
		}
		for _, from := range []string{p.US, p.GB} {
			if from != to {
				sp.words[from] = to
				sp.max = max(sp.max, len(strings.FieldsFunc(from, func(r rune) bool { return r == '-' || r == ' ' })))
			}
		}
	}
	for _, t := range s.Terms {
		to := t.GB
		switch l.Spelling {
		case "":
			to = t.US
		case "ca":
			to = cmp.Or(t.CA, t.US)
		case "au":
			to = cmp.Or(t.AU, t.US)
		}
		seen := map[string]bool{}
		for _, from := range []string{to, t.US, t.GB, t.AU, t.CA} {
			if from != "" && !seen[from] {
				seen[from] = true
				sp.terms = append(sp.terms, Term{US: from, GB: to})
			}
		}
	}
	// The longest term first, so that "after hours care" wins over
	// "after hours"; stable, so that equal lengths keep the file's order.
	slices.SortStableFunc(sp.terms, func(a, b Term) int { return len(b.US) - len(a.US) })
	for _, t := range sp.terms {
		sp.cased = append(sp.cased, termCase{lang.Capitalize(t.US), lang.Capitalize(t.GB), strings.ToUpper(t.US), strings.ToUpper(t.GB)})
	}
	return sp
}

// termCase is a term, from (US) and to (GB), capitalised and in upper
// case.
type termCase struct{ capFrom, capTo, upFrom, upTo string }

// keepNames makes sp print each of names as written wherever the text
// spells it out whole (a product's name such as "Thistle Colour Balm").
func (sp *Speller) keepNames(names []string) {
	if sp == nil {
		return
	}
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(sp.names, n) {
			sp.names = append(sp.names, n)
		}
	}
	slices.SortStableFunc(sp.names, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Text respells plain text: each listed word, whole, with its case kept
// ("Color" becomes "Colour", "COLOR" "COLOUR").
func (sp *Speller) Text(s string) string {
	if sp == nil || (len(sp.words) == 0 && len(sp.terms) == 0) {
		return s
	}
	var b strings.Builder
	i := 0
	for i < len(s) {
		if i == 0 || !isWordRune(lastRune(s[:i])) {
			if n := sp.name(s[i:]); n != "" {
				b.WriteString(n)
				i += len(n)
				continue
			}
			if from, to, ok := sp.term(s[i:]); ok && !insideTerm(s, i, from, to) {
				b.WriteString(to)
				i += len(from)
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) || (i > 0 && isWordRune(lastRune(s[:i]))) {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		// The longest run of words joined by hyphens or spaces that is
		// listed, up to the longest listed word; else one word.
		ends := wordEnds(s[i:], sp.max)
		done := false
		for k := len(ends) - 1; k >= 0; k-- {
			w := s[i : i+ends[k]]
			if to, ok := sp.respell(w); ok {
				b.WriteString(to)
				i += len(w)
				done = true
				break
			}
		}
		if !done {
			w := s[i : i+ends[0]]
			b.WriteString(w)
			i += len(w)
		}
	}
	return b.String()
}

// term returns the term s starts with, as written in s, and the locale's
// form of it, case kept: the whole term, not followed by a letter or digit.
func (sp *Speller) term(s string) (from, to string, ok bool) {
	for i, t := range sp.terms {
		if len(s) < len(t.US) {
			continue
		}
		w := s[:len(t.US)]
		if len(s) > len(w) && isWordRune(firstRune(s[len(w):])) {
			continue
		}
		c := sp.cased[i]
		switch w {
		case t.US:
			return w, t.GB, true
		case c.capFrom:
			return w, c.capTo, true
		case c.upFrom:
			return w, c.upTo, true
		}
	}
	return "", "", false
}

// insideTerm reports whether the term's form from, found at s[i:], is part
// of its replacement to written out around it: "38°C" in "(38°C)" after
// "100.4°F " is already what en-US prints.
func insideTerm(s string, i int, from, to string) bool {
	if from == to {
		return false
	}
	for k := strings.Index(strings.ToLower(to), strings.ToLower(from)); k >= 0; {
		if i >= k && i-k+len(to) <= len(s) && strings.EqualFold(s[i-k:i-k+len(to)], to) {
			return true
		}
		n := strings.Index(strings.ToLower(to[k+1:]), strings.ToLower(from))
		if n < 0 {
			break
		}
		k += 1 + n
	}
	return false
}

// name returns the brand or product name s starts with, whole, if any.
func (sp *Speller) name(s string) string {
	for _, n := range sp.names {
		if strings.HasPrefix(s, n) && (len(s) == len(n) || !isWordRune(firstRune(s[len(n):]))) {
			return n
		}
	}
	return ""
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// wordEnds returns the byte ends of the first word of s, of the first two
// joined by a hyphen or space, and so on up to n words.
func wordEnds(s string, n int) []int {
	var ends []int
	i := 0
	for len(ends) < max(n, 1) {
		j := i
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += w
		}
		if j == i {
			break
		}
		ends = append(ends, j)
		if j+1 >= len(s) || (s[j] != '-' && s[j] != ' ') {
			break
		}
		r, _ := utf8.DecodeRuneInString(s[j+1:])
		if !unicode.IsLetter(r) {
			break
		}
		i = j + 1
	}
	return ends
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// respell returns w in the locale's spelling when it is listed in lower
// case, capitalised or in capitals.
func (sp *Speller) respell(w string) (string, bool) {
	lower := strings.ToLower(w)
	to, ok := sp.words[lower]
	if !ok {
		return "", false
	}
	switch w {
	case lower:
		return to, true
	case lang.Capitalize(lower):
		return lang.Capitalize(to), true
	case strings.ToUpper(lower):
		return strings.ToUpper(to), true
	}
	return "", false // mixed case, such as a product's name: leave it
}

// Markdown respells one line of a handout's Markdown, leaving alone what
// is not patient text written here: placeholders ({{product.serum}}, whose
// values are printed as written), link destinations, web and e-mail
// addresses.
func (sp *Speller) Markdown(line string) string {
	if sp == nil || (len(sp.words) == 0 && len(sp.terms) == 0) {
		return line
	}
	var b strings.Builder
	for _, seg := range protect(line) {
		if seg.keep {
			b.WriteString(seg.s)
		} else {
			b.WriteString(sp.Text(seg.s))
		}
	}
	return b.String()
}

type segment struct {
	s    string
	keep bool
}

// protect cuts a Markdown line into text to respell and parts to keep.
func protect(line string) []segment {
	var out []segment
	text := 0
	flush := func(i, j int) {
		if text < i {
			out = append(out, segment{line[text:i], false})
		}
		out = append(out, segment{line[i:j], true})
		text = j
	}
	for i := 0; i < len(line); {
		switch {
		case strings.HasPrefix(line[i:], "{{"):
			j := strings.Index(line[i:], "}}")
			if j < 0 {
				j = len(line) - i - 2
			}
			flush(i, i+j+2)
			i += j + 2
		case strings.HasPrefix(line[i:], "]("):
			j := strings.IndexByte(line[i:], ')')
			if j < 0 {
				j = len(line) - i - 1
			}
			flush(i, i+j+1)
			i += j + 1
		case i == 0 || line[i-1] == ' ' || line[i-1] == '(' || line[i-1] == '<':
			j := strings.IndexAny(line[i:], " )>")
			if j < 0 {
				j = len(line) - i
			}
			tok := line[i : i+j]
			if strings.Contains(tok, "://") || strings.Contains(tok, "@") || strings.HasPrefix(strings.ToLower(tok), "www.") {
				flush(i, i+j)
				i += j
				continue
			}
			i++
		default:
			i++
		}
	}
	if text < len(line) {
		out = append(out, segment{line[text:], false})
	}
	return out
}
