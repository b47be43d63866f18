package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"handouts/internal/yamlcheck"
)

// A translation must say what its source says. Two checks keep it so:
//
//   - Structure (an error, when the content is loaded): a translation has
//     the same sections as its source, matched in order by their headings'
//     levels, and each section holds the same placeholders (so the same
//     rule references, {{until no-makeup}}), the same conditional blocks
//     (::: if skin=dry) and the same warning boxes as the source's. The
//     front matter (title, summary, footer) counts as one section. Each
//     message names the file and line on both sides.
//   - Drift (a warning from `handouts check`): a translation's front matter
//     records what its source said when it was reviewed, as a Stamp:
//
//     translated_from:
//       hash: 3f2a9c1b7d4e          # the whole source's patient text
//       sections:
//         front-matter: 1a2b3c4d5e6f
//         intro: …
//         what-is-normal-day-by-day: …   # one per heading, by its slug
//
//     When the source changes, check lists the sections whose text changed
//     since. After updating a translation, its translator (or reviewer)
//     updates reviewed_on and replaces translated_from with the block that
//     `handouts check -stamp` prints for that file.

// Stamp is a hash of a source handout's patient text, whole and per
// section (keyed by the heading's slug; "front-matter" for the title,
// summary and footer, "intro" for the text before the first heading).
// Each hash is the first 12 hex digits of a SHA-256.
type Stamp struct {
	Hash     string            `yaml:"hash"`
	Sections map[string]string `yaml:"sections"`
}

// section is one part of a handout between headings.
type section struct {
	key   string // slug: front-matter, intro, or the heading's
	title string // the heading's words, "front matter" or "introduction"
	level int    // the heading's level; 0 for front matter and intro
	line  int    // its file line
	text  []string
	items []item // placeholders and ":::" blocks, in order
}

// item is a placeholder or a block a section holds.
type item struct {
	what string // "{{until no-makeup}}", "::: if skin=dry", "::: warning"
	line int
}

var reHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$`)

// outline cuts a handout into its sections.
func outline(h *Handout) []*section {
	front := &section{key: "front-matter", title: "front matter", line: 2}
	for _, t := range h.texts {
		front.text = append(front.text, t.Field+": "+t.Value)
		front.items = append(front.items, placeholders(t.Value, t.Line)...)
	}
	cur := &section{key: "intro", title: "introduction", line: h.BodyLine}
	out := []*section{front, cur}
	for i, ln := range strings.Split(strings.TrimRight(string(h.Body), "\n"), "\n") {
		n := h.BodyLine + i
		if m := reHeading.FindStringSubmatch(ln); m != nil {
			cur = &section{title: strings.TrimSpace(m[2]), level: len(m[1]), line: n}
			cur.key = slug(cur.title)
			out = append(out, cur)
		}
		cur.text = append(cur.text, strings.TrimRight(ln, " \t\r"))
		if m := reDirective.FindStringSubmatch(ln); m != nil {
			if w, args, _ := strings.Cut(m[1], " "); w == "if" {
				cur.items = append(cur.items, item{"::: if " + normCond(args), n})
			} else if w == "warning" {
				cur.items = append(cur.items, item{"::: warning", n})
			}
			continue
		}
		cur.items = append(cur.items, placeholders(ln, n)...)
	}
	// Keys are unique: a repeated heading gets -2, -3.
	seen := map[string]int{}
	for _, s := range out {
		seen[s.key]++
		if k := seen[s.key]; k > 1 {
			s.key = fmt.Sprintf("%s-%d", s.key, k)
		}
	}
	return out
}

func placeholders(s string, line int) []item {
	var out []item
	for _, ref := range placeholderRefs(s) {
		out = append(out, item{"{{" + strings.Join(strings.Fields(ref), " ") + "}}", line})
	}
	return out
}

// normCond writes a condition with its terms and values sorted, so that
// "area=face skin=oily,dry" and "skin=dry,oily area=face" compare equal.
func normCond(args string) string {
	terms := strings.Fields(args)
	for i, t := range terms {
		if k, v, ok := strings.Cut(t, "="); ok {
			vals := strings.Split(v, ",")
			sort.Strings(vals)
			terms[i] = k + "=" + strings.Join(vals, ",")
		}
	}
	sort.Strings(terms)
	return strings.Join(terms, " ")
}

// slug makes a heading's key: lower-case letters and digits, with hyphens
// between words.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

func (s *section) name() string {
	if s.level == 0 {
		return "the " + s.title
	}
	return fmt.Sprintf("section %q", s.title)
}

// compareStructure checks that translation tr keeps the sections,
// placeholders, conditional blocks and warning boxes of its source.
func (l *loader) compareStructure(src, tr *Handout) {
	a, b := outline(src), outline(tr)
	n := min(len(a), len(b))
	for i := 2; i < n; i++ {
		if a[i].level != b[i].level {
			n = i
			break
		}
	}
	switch {
	case n < len(a):
		// Where the missing section would go: at the next section, or after
		// the last line.
		at := tr.BodyLine + strings.Count(strings.TrimRight(string(tr.Body), "\n"), "\n") + 1
		if n < len(b) {
			at = b[n].line
		}
		l.e.addf(tr.File, at, "lacks the section \"%s %s\" (%s:%d); translate every section of the source, in its order (sections are matched in order, by heading level)",
			strings.Repeat("#", a[n].level), a[n].title, src.File, a[n].line)
		return // what the sections hold is compared once they pair up
	case n < len(b):
		l.e.addf(tr.File, b[n].line, "section \"%s %s\" has no counterpart in the source %s, which has %d headings; a translation has the source's sections, no more",
			strings.Repeat("#", b[n].level), b[n].title, src.File, len(a)-2)
		return
	}
	for i := 0; i < n; i++ {
		l.compareItems(src, tr, a[i], b[i])
	}
}

// compareItems reports what one section of a translation lacks or adds:
// placeholders as a set (a sentence may name a window twice in one
// language and once in another), blocks by count.
func (l *loader) compareItems(src, tr *Handout, a, b *section) {
	count := func(s *section) (map[string]int, map[string]int) {
		n, first := map[string]int{}, map[string]int{}
		for _, it := range s.items {
			if n[it.what] == 0 {
				first[it.what] = it.line
			}
			n[it.what]++
		}
		return n, first
	}
	na, la := count(a)
	nb, lb := count(b)
	keys := map[string]bool{}
	for k := range na {
		keys[k] = true
	}
	for k := range nb {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool {
		li, lj := la[sorted[i]]+lb[sorted[i]], la[sorted[j]]+lb[sorted[j]]
		if li != lj {
			return li < lj
		}
		return sorted[i] < sorted[j]
	})
	for _, k := range sorted {
		block := strings.HasPrefix(k, ":::")
		switch {
		case nb[k] == 0 || (block && nb[k] < na[k]):
			l.e.addf(tr.File, b.line, "%s lacks %s, which the source's %s has at %s:%d; add it here",
				b.name(), describe(k), strings.TrimPrefix(a.name(), "the "), src.File, la[k])
		case na[k] == 0 || (block && nb[k] > na[k]):
			l.e.addf(tr.File, lb[k], "%s is not in the source's %s (%s:%d); a translation says what its source says, so remove it or add it to the source first",
				describe(k), strings.TrimPrefix(a.name(), "the "), src.File, a.line)
		}
	}
}

func describe(k string) string {
	switch {
	case k == "::: warning":
		return "the warning box (\"::: warning\")"
	case strings.HasPrefix(k, "::: if "):
		return fmt.Sprintf("the block %q", k)
	}
	return k
}

// hash12 is the first 12 hex digits of the SHA-256 of s.
func hash12(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:12]
}

// stamp computes a source handout's Stamp, and its sections.
func (h *Handout) stamp() (Stamp, []*section) {
	secs := outline(h)
	st := Stamp{Sections: map[string]string{}}
	var all strings.Builder
	for _, s := range secs {
		text := strings.TrimRight(strings.Join(s.text, "\n"), "\n")
		st.Sections[s.key] = hash12(text)
		fmt.Fprintf(&all, "%s=%s\n", s.key, st.Sections[s.key])
	}
	st.Hash = hash12(all.String())
	return st, secs
}

// StampYAML is the translated_from block for translation h's front
// matter: what its source says now.
func StampYAML(h *Handout) string {
	src := h
	if h.Source != nil {
		src = h.Source
	}
	st, secs := src.stamp()
	var b strings.Builder
	fmt.Fprintf(&b, "translated_from:\n  hash: %s\n  sections:\n", st.Hash)
	for _, s := range secs {
		fmt.Fprintf(&b, "    %s: %s\n", s.key, st.Sections[s.key])
	}
	return b.String()
}

// Drift returns a warning for each translation whose source changed since
// the translation was reviewed (its translated_from no longer matches),
// naming the sections that changed, or that records no translated_from.
// Each reads "file:line: message".
func (c *Catalog) Drift() []string {
	var out []string
	for _, h := range c.Translations() {
		st, secs := h.Source.stamp()
		rec := h.Front.TranslatedFrom
		line := h.fromLine
		if line == 0 {
			line = 1
		}
		if rec == nil || rec.Hash == "" {
			out = append(out, fmt.Sprintf("%s:%d: has no translated_from, so a change to its source %s cannot be noticed; once it is reviewed, paste the block that `handouts check -stamp` prints for it into its front matter",
				h.File, line, h.Source.File))
			continue
		}
		if rec.Hash == st.Hash {
			continue
		}
		var changed []string
		for _, s := range secs {
			if rec.Sections[s.key] != st.Sections[s.key] {
				changed = append(changed, fmt.Sprintf("%q (%s:%d)", s.title, h.Source.File, s.line))
			}
		}
		var gone []string
		for _, k := range sortedKeys(rec.Sections) {
			if _, ok := st.Sections[k]; !ok {
				gone = append(gone, k)
			}
		}
		msg := fmt.Sprintf("%s:%d: its source %s changed after this translation was reviewed (%s)", h.File, line, h.Source.File, h.Front.ReviewedOn)
		if len(changed) > 0 {
			msg += "; changed sections: " + strings.Join(changed, ", ")
		}
		if len(gone) > 0 {
			msg += "; sections no longer in the source: " + strings.Join(gone, ", ")
		}
		msg += "; update the translation, then its reviewed_on and translated_from (`handouts check -stamp` prints the new block)"
		out = append(out, msg)
	}
	return out
}

// UnmarshalYAML reads a Stamp strictly; an empty value ("") stands for a
// translation not stamped yet.
func (s *Stamp) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Value == "" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return &yamlcheck.Error{Line: n.Line, Msg: "translated_from: write the block that `handouts check -stamp` prints (hash: and sections:), or \"\" before the first review"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "hash":
			if v.Kind != yaml.ScalarNode {
				return &yamlcheck.Error{Line: v.Line, Msg: "translated_from: hash: write the 12 hex digits `handouts check -stamp` prints"}
			}
			s.Hash = v.Value
		case "sections":
			if v.Kind != yaml.MappingNode {
				return &yamlcheck.Error{Line: v.Line, Msg: "translated_from: sections: write one `slug: hash` a line, as `handouts check -stamp` prints them"}
			}
			s.Sections = map[string]string{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				s.Sections[v.Content[j].Value] = v.Content[j+1].Value
			}
		default:
			return &yamlcheck.Error{Line: k.Line, Msg: fmt.Sprintf("translated_from: unknown key %q; it holds hash: and sections:", k.Value)}
		}
	}
	return nil
}
