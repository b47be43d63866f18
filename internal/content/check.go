package content

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"handouts/internal/markdown"
	"handouts/internal/yamlcheck"
)

// Checking every variant
//
// A handout is checked as each variant that shows it reads it: for every
// clinic, language, skin type and area, its conditional blocks are
// applied and its placeholders filled in, so a {{skin.tip}} inside
// "::: if skin=combination" is checked against combination skin only, and
// a section that some variant sees with nothing under it (a new area that
// none of the area blocks covers) is found. Problems that depend on the
// variant are reported once, naming the variants they affect (Where);
// the rest (a malformed placeholder, an unknown rule) are checked on every
// line, shown or not.

// checkHandouts resolves every handout for every variant that shows it.
func (l *loader) checkHandouts() {
	c := l.c
	uses := map[string][]use{}
	var files []string
	var wheres = map[string][]Where{}
	for _, env := range c.Envs() {
		for _, h := range env.Treatment.Handouts {
			if wheres[h.File] == nil {
				files = append(files, h.File)
			}
			if l.only == nil || l.only(env) {
				uses[h.File] = append(uses[h.File], use{env, h})
			}
			wheres[h.File] = append(wheres[h.File], env.where())
		}
	}
	c.scopes = map[string]*Scope{}
	for _, f := range files {
		c.scopes[f] = NewScope(wheres[f])
	}
	if l.md == nil {
		l.md = markdown.New()
	}
	// Each file's variants are checked on their own, files side by side
	// (a library of 40 clinics resolves some 20,000 variants); the
	// problems are joined in the files' order, so messages come out the
	// same every time.
	found := make([]ErrorList, len(files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, f := range files {
		if len(uses[f]) == 0 {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			found[i] = l.checkFile(f, uses[f], c.scopes[f])
		})
	}
	wg.Wait()
	for _, list := range found {
		l.e.list = append(l.e.list, list...)
	}
	for _, t := range c.Treatments {
		kinds := map[Kind]string{}
		for _, h := range t.Handouts {
			if prev, dup := kinds[h.Front.Kind]; dup {
				l.e.addf(h.File, frontLine(h, "kind"), "a second %q handout for %s (the first is %s); keep one per kind", h.Front.Kind, t.ID, prev)
			}
			kinds[h.Front.Kind] = h.File
		}
		for _, h := range t.AllHandouts() {
			if l.part == nil { // which variants exist is the whole library's
				l.unreachable(h)
			}
		}
	}
	l.e.list = l.e.list.Dedup()
}

// checkFile resolves file f for each variant that shows it (uses, with
// their scope) and returns its problems. It only reads the loader's state,
// so files can be checked at once.
func (l *loader) checkFile(f string, uses []use, scope *Scope) ErrorList {
	var list ErrorList
	empty := map[string][]emptySection{} // by resolved source: variants often read the same
	for i, u := range uses {
		w := u.env.where().In(scope)
		// The lines the first variant does not show are checked once,
		// for what is wrong whatever the variant; every line is
		// checked in full for each variant that shows it.
		res, err := u.h.Resolve(u.env, i == 0)
		if err != nil {
			for _, e := range errorsOf(err) {
				if e.perVariant {
					e.Variant = w
				}
				list = append(list, e)
			}
			continue
		}
		key := string(res.Source)
		found, seen := empty[key]
		if !seen {
			found = l.emptySections(u.h, res)
			empty[key] = found
		}
		for _, s := range found {
			list = append(list, &Error{File: f, Line: s.line, Variant: w,
				Msg: fmt.Sprintf("section %q has nothing under it", s.title),
				Fix: "write its text for these variants too, or put the heading inside the same \"::: if\" block as its text"})
		}
	}
	return list
}

// use is one variant that shows a handout file.
type use struct {
	env Env
	h   *Handout
}

// errorsOf returns the Errors in err.
func errorsOf(err error) ErrorList {
	switch e := err.(type) {
	case ErrorList:
		return e
	case *Error:
		return ErrorList{e}
	}
	return ErrorList{&Error{File: "content", Msg: err.Error()}}
}

// Variant names e's variant: its clinic, language, skin type and area.
func (e Env) Variant() Where { return e.where() }

// where names e's variant.
func (e Env) where() Where {
	return Where{Brand: e.Brand.ID, Lang: e.Lang.Tag, Skin: e.Skin.ID, Area: e.Area.ID}
}

// Where names e's variant among every variant that shows handout h, so
// that a problem found in several of them can be reported once (Error).
func (h *Handout) Where(e Env) *Where {
	s := e.Catalog.scopes[h.File]
	if s == nil {
		s = NewScope([]Where{e.where()})
	}
	return e.where().In(s)
}

// emptySection is a heading with nothing under it.
type emptySection struct {
	title string // as written in the file, placeholders unfilled
	line  int
}

// emptySections returns the headings of res that have nothing under them
// before the next heading of the same or a higher level (or a warning box
// that opens with one), the end of the warning box they are in, or the
// end of the handout.
func (l *loader) emptySections(h *Handout, res *Resolved) []emptySection {
	doc := markdown.Parse(l.md, res.Source)
	var out []emptySection
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		hd, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		next := hd.NextSibling()
		for next != nil && (next.Kind() == markdown.KindPageBreak || next.Kind() == ast.KindThematicBreak) {
			next = next.NextSibling()
		}
		// A warning box that opens with its own heading starts a new
		// section, as a heading does.
		first := next
		if next != nil && next.Kind() == markdown.KindWarning {
			first = next.FirstChild()
		}
		if nh, isHeading := first.(*ast.Heading); next != nil && (!isHeading || nh.Level > hd.Level) {
			return ast.WalkContinue, nil
		}
		line := h.BodyLine
		if hd.Lines().Len() > 0 {
			line = res.LineAt(hd.Lines().At(0).Start)
		}
		out = append(out, emptySection{title: headingAt(h, line), line: line})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// headingAt returns the words of the heading on file line n of h.
func headingAt(h *Handout, n int) string {
	lines := strings.Split(string(h.Body), "\n")
	if i := n - h.BodyLine; i >= 0 && i < len(lines) {
		if m := reHeading.FindStringSubmatch(lines[i]); m != nil {
			return strings.TrimSpace(m[2])
		}
	}
	return "?"
}

// unreachable warns about "::: if" blocks that no variant can show: their
// condition and those around them leave no clinic, skin type and area in
// common.
func (l *loader) unreachable(h *Handout) {
	c := l.c
	type open struct {
		cond string
		line int
	}
	var stack []open
	for i, ln := range strings.Split(string(h.Body), "\n") {
		m := reDirective.FindStringSubmatch(ln)
		if m == nil {
			continue
		}
		word, args, _ := strings.Cut(m[1], " ")
		switch {
		case m[1] == "":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case word == "if":
			stack = append(stack, open{strings.TrimSpace(args), h.BodyLine + i})
			var conds []string
			for _, o := range stack {
				if o.cond != "" {
					conds = append(conds, o.cond)
				}
			}
			if !c.anyVariant(conds) {
				var lines []string
				for _, o := range stack[:len(stack)-1] {
					if o.cond != "" {
						lines = append(lines, fmt.Sprint(o.line))
					}
				}
				msg := fmt.Sprintf("the block \"::: if %s\" is shown to no variant", stack[len(stack)-1].cond)
				if len(lines) > 0 {
					msg += fmt.Sprintf(": the blocks around it (%s %s) leave no clinic, skin type and area in common with it; check the ids", plural(len(lines), "line", "lines"), strings.Join(lines, ", "))
				}
				l.w.addf(h.File, h.BodyLine+i, "%s", msg)
			}
		case slices.Contains(Containers, word):
			stack = append(stack, open{"", h.BodyLine + i})
		case !slices.Contains(Markers, word):
			stack = append(stack, open{"", h.BodyLine + i})
		}
	}
}

// anyVariant reports whether some clinic, skin type and area meet every
// condition of conds. A condition that does not parse counts as met
// (Resolve reports it).
func (c *Catalog) anyVariant(conds []string) bool {
	for _, b := range c.Brands {
		for _, s := range c.Skins {
			for _, a := range c.Areas {
				env := Env{Catalog: c, Brand: b, Skin: s, Area: a}
				ok := true
				for _, cond := range conds {
					if m, err := env.cond(cond); err == nil && !m {
						ok = false
						break
					}
				}
				if ok {
					return true
				}
			}
		}
	}
	return false
}

// checkKinds warns about a treatment that lacks a kind of handout (a
// treatment with only sheet.md: its clinics hand out no calendar and no
// guide for it).
func (l *loader) checkKinds() {
	for _, t := range l.c.Treatments {
		var missing []string
		for _, k := range kindNames() {
			if t.Handout(Kind(k)) == nil {
				missing = append(missing, k)
			}
		}
		if len(missing) == 0 {
			continue
		}
		var files []string
		for _, k := range missing {
			files = append(files, k+".md (kind: "+k+")")
		}
		l.w.addf(t.File, t.nameLine, "%s has no %s, so no clinic can hand %s out for it; write %s beside treatment.yaml",
			t.ID, orList(missing), map[bool]string{true: "one", false: "them"}[len(missing) == 1], andList(files))
	}
}

// andList and orList join words as "a, b and c", "a, b or c".
func andList(w []string) string { return joinLast(w, " and ") }
func orList(w []string) string  { return joinLast(w, " or ") }

func joinLast(w []string, last string) string {
	if len(w) <= 1 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + last + w[len(w)-1]
}

// checkNames warns about a clinic that gives no name for a treatment in a
// language it offers: its handouts and the front desk's index then print
// the treatment's own name.
func (l *loader) checkNames() {
	c := l.c
	for _, b := range c.Brands {
		for _, t := range c.Treatments {
			if !b.Offers(t.ID) {
				continue // checkUnoffered says so
			}
			if b.Treatments[t.ID].Name == "" {
				l.w.addf(b.File, keyLine(b.node, "treatments"), "no name for treatment %q, so its handouts and the index say %q; add it under treatments: (%s: \"%s %s\")",
					t.ID, t.Name, t.ID, b.Name, t.Name)
			}
			for i, tag := range b.Languages {
				if isSource(tag) || !b.OffersIn(t.ID, tag) {
					continue
				}
				bt, _, ok := pick(b.tr, tag)
				if !ok || bt.Treatments[t.ID] != "" {
					continue
				}
				name := t.Name
				if tt, _, ok := pick(t.tr, tag); ok {
					name = tt.Name
				}
				l.w.addf(bt.File, keyLine(bt.node, "treatments"), "no name in %s for treatment %q (the clinic offers %s, %s:%d), so its handouts in it say %q; add it under treatments:",
					tag, t.ID, tag, b.File, b.langLines[i], name)
			}
		}
	}
}

// Warnings returns what `handouts check` warns about in the content, each
// at its file and line, grouped like errors: a treatment without one of
// the kinds of handout, a clinic without its name for a treatment, a
// conditional block no variant can show.
func (c *Catalog) Warnings() ErrorList {
	return c.warnings.Grouped()
}

// didYouMean returns ` (did you mean "x"?)` for the candidate nearest s
// (see closest), or "".
func didYouMean(s string, cands []string) string {
	if c := yamlcheck.Closest(s, cands); c != "" && c != s {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

func ruleIDs(t *Treatment) []string {
	var out []string
	for _, r := range t.Rules {
		out = append(out, r.ID)
	}
	return out
}

// whenWords writes a rule's when: "skin type dry", "areas face, neck".
func whenWords(w Condition) string {
	var parts []string
	if len(w.Skin) > 0 {
		parts = append(parts, plural(len(w.Skin), "skin type", "skin types")+" "+strings.Join(w.Skin, ", "))
	}
	if len(w.Area) > 0 {
		parts = append(parts, plural(len(w.Area), "area", "areas")+" "+strings.Join(w.Area, ", "))
	}
	return strings.Join(parts, " and ")
}

// productRoles lists every product role some clinic has.
func (c *Catalog) productRoles() []string {
	var out []string
	for _, b := range c.Brands {
		for _, r := range sortedKeys(b.Products) {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// fieldNames lists every field some skin type (ns "skin") or area has.
func (c *Catalog) fieldNames(ns string) []string {
	vs := c.Skins
	if ns == "area" {
		vs = c.Areas
	}
	var out []string
	for _, v := range vs {
		for _, f := range sortedKeys(v.Fields) {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// doubled refuses a window placeholder after a word that its own words
// repeat or contradict ("By {{from X}}" would print "By from day 5"): the
// language's doubles (layouts/lang/<language>.yaml).
func (e Env) doubled(before, ref string) error {
	m := windowMatch(ref)
	if m == nil || e.Lang == nil || e.Lang.Doubles[m[1]] == nil {
		return nil
	}
	word := lastWord(before)
	if word == "" || !slices.Contains(e.Lang.Doubles[m[1]], strings.ToLower(word)) {
		return nil
	}
	r := e.Treatment.rule(m[2])
	if r == nil {
		return nil // value() names the unknown rule
	}
	plain := e
	plain.Start, plain.HasTime = time.Time{}, false
	says := strings.ReplaceAll(plain.window(m[1], r), "\u00a0", " ") // as a message, in plain spaces
	return fmt.Errorf("%q before {{%s}} would print \"%s %s\": {{%s}} says %q (or the date) by itself; leave out %q, or write {{day %s}} for a bare day (%q, or the date)",
		word, ref, word, says, ref, says, word, m[2], strings.ReplaceAll(plain.window("day", r), "\u00a0", " "))
}

// lastWord returns the letters s ends with, after any spaces.
func lastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	return s[i:]
}

// lowerFirst returns s with its first letter in lower case.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
