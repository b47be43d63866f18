package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"handouts/internal/lang"
)

// Env is what a handout is resolved for: one brand and variant, and, for a
// one-off patient copy, the treatment date and per-patient rule overrides.
type Env struct {
	Catalog   *Catalog
	Brand     *Brand
	Treatment *Treatment
	Skin      *Variant
	Area      *Variant
	Lang      *lang.Lang
	Start     time.Time         // treatment date (and time); zero when not known
	HasTime   bool              // Start carries a time of day
	Overrides map[string]Offset // per-patient rule ends, by rule id
	// Visit is the schedule of the visit this handout is part of (a
	// packet of several treatments or areas): where set, every rule's
	// window comes from it, so each document of the visit gives one date
	// for one rule. Nil for a handout on its own.
	Visit *Schedule
}

// Dated reports whether the treatment date is known.
func (e Env) Dated() bool { return !e.Start.IsZero() }

// Rule returns rule id as it applies in e: the treatment's rule with the
// brand's and then the patient's override of its end.
func (e Env) Rule(id string) *Rule {
	r := e.Treatment.RuleFor(id, e.Brand)
	if r == nil {
		return nil
	}
	if o, ok := e.Overrides[id]; ok && r.End != nil {
		c := *r
		c.End = &o
		r = &c
	}
	if w, ok := e.Visit.window(id); ok {
		c := *r
		c.Start = w.Start
		if r.End != nil && w.End != nil {
			end := *w.End
			c.End = &end
		}
		r = &c
	}
	return r
}

// Rules returns every rule that applies to e's skin type and area, with
// overrides applied, in content order.
func (e Env) Rules() []*Rule {
	var out []*Rule
	for _, r := range e.Treatment.Rules {
		if _, set := e.Brand.Rules[r.ID]; r.Optional && !set {
			continue
		}
		if r.When.Matches(e.Skin.ID, e.Area.ID) {
			out = append(out, e.Rule(r.ID))
		}
	}
	return out
}

// Prepared is the line that names the patient and the treatment date on
// a one-off copy ("Prepared for Ana · Treatment day (day 0): Friday, March
// 13, 2026 at 10:30 AM"), or ""
// for a generic one. The name is printed in NFC, so an accent typed as a
// separate combining mark ("Jose" + U+0301) prints on its letter.
func (e Env) Prepared(name string) string {
	var parts []string
	if name != "" {
		parts = append(parts, fmt.Sprintf(e.Lang.PreparedFor, norm.NFC.String(name)))
	}
	if e.Dated() {
		parts = append(parts, fmt.Sprintf(e.Lang.Treated, e.Lang.LongYearAt(e.Start, e.HasTime)))
	}
	return strings.Join(parts, " \u00b7 ")
}

// Disclaimer is the line every page prints that the handout does not
// replace the provider's advice: the clinic's wording in e's language
// (brand file, disclaimer:) or the language's own.
func (e Env) Disclaimer() string {
	if d := strings.TrimSpace(e.Brand.Disclaimer); d != "" {
		return d
	}
	return e.Lang.Disclaimer
}

// ReviewLine is the line every page of h prints about its review, in e's
// language: "Reviewed October 2026 by Dr. Jane Example, MD".
func (e Env) ReviewLine(h *Handout) string {
	return e.Lang.ReviewLine(h.ReviewedOn(), strings.TrimSpace(h.Front.ReviewedBy))
}

// At returns the calendar time of offset o after treatment (Start must be set).
func (e Env) At(o Offset) time.Time { return e.Start.Add(time.Duration(o.Hours) * time.Hour) }

// Resolved is a handout's Markdown for one Env: conditions applied and
// placeholders filled in, with a map back to file lines.
type Resolved struct {
	Handout *Handout
	Title   string   // front matter title, placeholders filled, plain text
	Summary []string // summary points, as Markdown
	Footer  string   // calendar footer, as Markdown
	Source  []byte   // the Markdown body
	// Others are, on a sheet, the lines that say in each other language the
	// clinic offers that the sheet is available in it (Env.Others).
	Others []Other
	// Refs are the rules the shown text names ({{until no-makeup}}), in
	// order of first mention.
	Refs  []string
	lines []int // file line of each Source line
}

// FileLine returns the file line of the 1-based Source line n.
func (r *Resolved) FileLine(n int) int {
	if n >= 1 && n <= len(r.lines) {
		return r.lines[n-1]
	}
	if len(r.lines) > 0 {
		return r.lines[len(r.lines)-1]
	}
	return r.Handout.BodyLine
}

// LineAt returns the file line of byte offset off in Source.
func (r *Resolved) LineAt(off int) int {
	if off > len(r.Source) {
		off = len(r.Source)
	}
	return r.FileLine(bytes.Count(r.Source[:off], []byte("\n")) + 1)
}

// Directives are lines starting with ":::".
var (
	reDirective = regexp.MustCompile(`^\s*:::\s*(.*?)\s*$`)
	reRef       = regexp.MustCompile(`^([a-z_]+)(?:\.([a-z0-9_-]+))?$`)
)

// Containers are the ":::" blocks handed on to the Markdown parser.
var Containers = []string{"warning"}

// Markers are the one-line ":::" directives handed on to the Markdown parser.
var Markers = []string{"pagebreak"}

type frame struct {
	kind   string
	line   int
	active bool
	start  int // index of the block's first line
}

// WarningMust are the placeholders every warning box must hold: the box
// always gives the clinic's phone and after-hours numbers.
var WarningMust = []string{"{{clinic.phone}}", "{{clinic.after_hours}}"}

// Resolve applies e to the handout: drops blocks whose conditions fail and
// fills in placeholders. With all set it also checks the lines of the
// blocks e does not show, for what is wrong whatever the variant (a
// malformed placeholder, an unknown rule); what depends on the variant (a
// skin type's field, a clinic's product) is checked for the variants that
// show the line (see checkHandouts).
func (h *Handout) Resolve(e Env, all bool) (*Resolved, error) {
	rs := &resolver{h: h, e: e, all: all, r: &Resolved{Handout: h}}
	rs.body()
	rs.front()
	if err := rs.el.err(); err != nil {
		return nil, err
	}
	r := rs.r
	for _, s := range append([]string{h.Front.Title, h.Front.Footer}, h.Front.Summary...) {
		r.ref(s)
	}
	r.Source = rs.out.Bytes()
	if k, _ := h.Front.Kind.Info(); k.Others {
		r.Others = e.Others()
	}
	return r, nil
}

// resolver is one run of Resolve: the handout and Env, the Resolved
// being built, the problems found and the ":::" blocks open at the
// current line.
type resolver struct {
	h     *Handout
	e     Env
	all   bool
	r     *Resolved
	el    errs
	out   bytes.Buffer
	stack []frame
	lines []string // the body's lines
}

// active reports whether every open block shows its lines.
func (rs *resolver) active() bool {
	for _, f := range rs.stack {
		if !f.active {
			return false
		}
	}
	return true
}

// body resolves the handout's body line by line, then reports the
// blocks left open.
func (rs *resolver) body() {
	h := rs.h
	rs.lines = strings.Split(string(h.Body), "\n")
	if len(rs.lines) > 0 && rs.lines[len(rs.lines)-1] == "" {
		rs.lines = rs.lines[:len(rs.lines)-1]
	}
	for i, ln := range rs.lines {
		n := h.BodyLine + i
		if m := reDirective.FindStringSubmatch(ln); m != nil {
			rs.directive(i, n, ln, m[1])
			continue
		}
		rs.text(n, ln)
	}
	for _, f := range rs.stack {
		rs.el.addf(h.File, f.line, "block \"::: %s\" is never closed; add a line \":::\" where it ends", f.kind)
	}
}

// directive handles the ":::" line ln (index i, file line n), whose text
// after the colons is d: it closes, opens or marks a block.
func (rs *resolver) directive(i, n int, ln, d string) {
	word, args, _ := strings.Cut(d, " ")
	args = strings.TrimSpace(args)
	switch {
	case d == "":
		rs.closeBlock(i, n, ln)
	case word == "if":
		ok, err := rs.e.cond(args)
		if err != nil {
			rs.el.addf(rs.h.File, n, "%v", err)
		}
		rs.stack = append(rs.stack, frame{"if", n, ok, i + 1})
	case slices.Contains(Containers, word):
		if args != "" {
			rs.el.addf(rs.h.File, n, "\"::: %s\" takes nothing after it", word)
		}
		if rs.active() {
			rs.r.add(ln, n, &rs.out)
		}
		rs.stack = append(rs.stack, frame{word, n, true, i + 1})
	case slices.Contains(Markers, word):
		if rs.active() {
			rs.r.add(ln, n, &rs.out)
		}
	default:
		rs.stack = append(rs.stack, frame{word, n, rs.active(), i + 1})
		rs.el.addf(rs.h.File, n, "unknown block %q%s; use \"::: if skin=… area=…\", \"::: warning\", \"::: pagebreak\" or \":::\" to close", d, didYouMean(word, append([]string{"if"}, append(Containers, Markers...)...)))
	}
}

// closeBlock handles the closing ":::" line ln (index i, file line n):
// it ends the innermost open block, checking a warning box's numbers.
func (rs *resolver) closeBlock(i, n int, ln string) {
	if len(rs.stack) == 0 {
		rs.el.addf(rs.h.File, n, "\":::\" closes nothing; remove it or open a block above with \"::: if …\" or \"::: warning\"")
		return
	}
	f := rs.stack[len(rs.stack)-1]
	rs.stack = rs.stack[:len(rs.stack)-1]
	if f.kind == "warning" {
		body := strings.Join(rs.lines[f.start:i], "\n")
		for _, must := range WarningMust {
			if !strings.Contains(body, must) {
				rs.el.addf(rs.h.File, f.line, "the warning box must show %s; add it so patients always see whom to call", must)
			}
		}
	}
	if f.kind != "if" && rs.active() {
		rs.r.add(ln, n, &rs.out)
	}
}

// text handles the body line ln (file line n) that is not a directive:
// shown, its placeholders are filled in; hidden, it is only checked
// (when Resolve checks all lines).
func (rs *resolver) text(n int, ln string) {
	if !rs.active() {
		if rs.all {
			if _, err := rs.e.fillWith(ln, true, true); err != nil {
				rs.el.addFill(rs.h.File, n, "", err)
			}
		}
		return
	}
	rs.r.ref(ln)
	s, err := rs.e.fill(ln, true)
	if err != nil {
		rs.el.addFill(rs.h.File, n, "", err)
		return
	}
	rs.r.add(s, n, &rs.out)
}

// front fills in the placeholders of the front matter's title, footer
// and summary points.
func (rs *resolver) front() {
	h, e, r := rs.h, rs.e, rs.r
	var err error
	if r.Title, err = e.fill(h.Front.Title, false); err != nil {
		rs.el.addFill(h.File, frontLine(h, "title"), "title: ", err)
	}
	if r.Footer, err = e.fill(h.Front.Footer, true); err != nil {
		rs.el.addFill(h.File, frontLine(h, "footer"), "footer: ", err)
	}
	for i, s := range h.Front.Summary {
		v, err := e.fill(s, true)
		if err != nil {
			line := 2
			if i < len(h.SummaryLines) {
				line = h.SummaryLines[i]
			}
			rs.el.addFill(h.File, line, "summary: ", err)
		}
		r.Summary = append(r.Summary, v)
	}
}

// ref records the rules that s names in placeholders.
func (r *Resolved) ref(s string) {
	if !strings.Contains(s, "{{") {
		return
	}
	for _, ref := range placeholderRefs(s) {
		if _, rule, ok := windowWords(strings.TrimSpace(ref)); ok && !slices.Contains(r.Refs, rule) {
			r.Refs = append(r.Refs, rule)
		}
	}
}

// WithOthers returns r with its Others as the first paragraphs of the
// body, for a renderer that shows them as text (the PDF).
func (r *Resolved) WithOthers() *Resolved {
	if len(r.Others) == 0 {
		return r
	}
	c := *r
	var b bytes.Buffer
	var lines []int
	for _, o := range r.Others {
		b.WriteString(EscapeMarkdown(o.Text) + "\n\n")
		lines = append(lines, r.Handout.BodyLine, r.Handout.BodyLine)
	}
	b.Write(r.Source)
	c.Source = b.Bytes()
	c.lines = append(lines, r.lines...)
	return &c
}

// startsSentence reports whether text written after before starts a
// line, a table cell, a list item or a sentence.
func startsSentence(before string) bool {
	t := strings.TrimRight(before, " \t*_")
	t = strings.TrimLeft(t, " \t>")
	for _, marker := range []string{"- ", "* ", "+ "} {
		t = strings.TrimPrefix(t, strings.TrimSpace(marker))
	}
	t = strings.TrimSpace(reListNumber.ReplaceAllString(t, ""))
	if t == "" {
		return true
	}
	switch t[len(t)-1] {
	case '|', '.', '!', '?':
		return true
	}
	return false
}

var reListNumber = regexp.MustCompile(`^\d+[.)]$`)

// frontLine returns the file line of a front matter key of h, or 2.
func frontLine(h *Handout, key string) int {
	if n := textLine(h.texts, key); n > 0 {
		return n
	}
	return 2
}

// addFill records a placeholder problem at the handout's file and line,
// or at its own when it names one (a value that holds a placeholder is
// wrong in the brand or variant file, not in the handout). A problem of
// one variant is marked so, for checkHandouts to name the variant.
func (c *errs) addFill(file string, line int, prefix string, err error) {
	var at *Error
	if errors.As(err, &at) {
		c.add(at)
		return
	}
	var ve *variantError
	if errors.As(err, &ve) {
		c.list = append(c.list, &Error{File: file, Line: line, Msg: prefix + ve.msg, Fix: ve.fix, In: ve.in, perVariant: true})
		return
	}
	c.addf(file, line, "%s%v", prefix, err)
}

// variantError is a placeholder that cannot be filled in for one variant
// although it is well written: what it names is missing from that
// variant's skin type, area or clinic, or the rule it names does not apply
// there. msg and fix are the same for every variant with the problem; in
// names the file where the fix goes.
type variantError struct {
	msg, fix string
	in       []string
}

// Error returns the message and what to do.
func (e *variantError) Error() string {
	s := e.msg + "; " + e.fix
	if len(e.in) > 0 {
		s += " in " + strings.Join(e.in, ", ")
	}
	return s
}

func (r *Resolved) add(s string, line int, out *bytes.Buffer) {
	out.WriteString(s)
	out.WriteByte('\n')
	r.lines = append(r.lines, line)
}

// cond evaluates "skin=dry,oily area=face brand=harbor".
func (e Env) cond(args string) (bool, error) {
	if args == "" {
		return false, fmt.Errorf("\"::: if\" needs a condition such as skin=dry or area=face,neck-decollete")
	}
	ok := true
	for _, term := range strings.Fields(args) {
		key, vals, found := strings.Cut(term, "=")
		if !found || vals == "" {
			return false, fmt.Errorf("condition %q: write key=value, such as skin=dry", term)
		}
		var known []string
		var cur string
		switch key {
		case "skin":
			known, cur = e.Catalog.known("skin", ids(e.skins())), e.Skin.ID
		case "area":
			known, cur = e.Catalog.known("area", ids(e.areas())), e.Area.ID
		case "brand":
			known, cur = e.Catalog.known("brands", e.brands()), e.Brand.ID
		default:
			return false, fmt.Errorf("condition %q: unknown key %q%s; use skin, area or brand", term, key, didYouMean(key, []string{"skin", "area", "brand"}))
		}
		match := false
		for _, v := range strings.Split(vals, ",") {
			if !slices.Contains(known, v) {
				return false, fmt.Errorf("unknown %s %q in condition%s; known: %s", key, v, didYouMean(v, known), strings.Join(known, ", "))
			}
			match = match || v == cur
		}
		ok = ok && match
	}
	return ok, nil
}

// fill replaces placeholders in s. With md set, values are Markdown
// (escaped, with phone numbers, e-mail and web addresses as links).
func (e Env) fill(s string, md bool) (string, error) { return e.fillWith(s, md, false) }

// fillWith is fill; with skip set, a placeholder that cannot be filled in
// for e's variant only (see variantError) is passed over, so that the
// rest of s is still checked.
func (e Env) fillWith(s string, md, skip bool) (string, error) {
	if !strings.Contains(s, "{{") && !strings.Contains(s, "}}") {
		return s, nil
	}
	var err error
	var b strings.Builder
	last := 0
	for _, at := range placeholderSpans(s) {
		b.WriteString(s[last:at[0]])
		last = at[1]
		ref := strings.TrimSpace(s[at[0]+2 : at[1]-2])
		if e2 := e.doubled(s[:at[0]], ref); e2 != nil {
			err = e2
			break
		}
		v, e2 := e.value(ref, md)
		var ve *variantError
		if skip && errors.As(e2, &ve) {
			continue
		}
		if e2 != nil {
			err = e2
			break
		}
		// A window's words that start a line, a table cell or a sentence
		// start with a capital ("Desde el día 3", "Until Sat 14 Mar").
		if _, _, window := windowWords(ref); window && startsSentence(b.String()) {
			v = lang.Capitalize(v)
		}
		// A value that ends with a full stop ("4:30 p. m.", "2:00 p.m.")
		// ends the sentence it closes: no second stop.
		if strings.HasSuffix(v, ".") && last < len(s) && s[last] == '.' && !strings.HasPrefix(s[last:], "..") {
			last++
		}
		b.WriteString(v)
	}
	b.WriteString(s[last:])
	out := b.String()
	if err == nil && (strings.Contains(out, "{{") || strings.Contains(out, "}}")) {
		err = fmt.Errorf("unmatched \"{{\" or \"}}\"; placeholders look like {{clinic.phone}}")
	}
	return out, err
}

// value is the text of one placeholder ref for e: a rule's window
// ({{until no-makeup}}) or a field looked up by its namespace in
// placeholderNamespaces ({{clinic.phone}}).
func (e Env) value(ref string, md bool) (string, error) {
	if m := windowMatch(ref); m != nil {
		return e.windowValue(ref, m[1], m[2], md)
	}
	m := reRef.FindStringSubmatch(ref)
	if m == nil {
		return "", fmt.Errorf("placeholder {{%s}} is malformed; write it like {{clinic.phone}}, {{skin.label}} or {{until no-makeup}}", ref)
	}
	p := placeholder{ref: ref, ns: m[1], field: m[2], md: md}
	if resolve, ok := placeholderNamespaces[p.ns]; ok {
		return resolve(e, p)
	}
	return p.bad("clinic.*", "treatment", "product.*", "skin.*", "area.*", "until RULE", "from RULE", "day RULE", "duration RULE")
}

// placeholder is one {{ns.field}} placeholder being filled in: ref as
// written, its namespace and field, and whether the value is Markdown.
type placeholder struct {
	ref, ns, field string
	md             bool
}

// bad is the error for a placeholder that names no field of its
// namespace; known are the names that would have been right.
func (p placeholder) bad(known ...string) (string, error) {
	return "", fmt.Errorf("placeholder {{%s}} names no field%s; known here: %s", p.ref, didYouMean(p.ref, known), strings.Join(known, ", "))
}

// placeholderNamespaces maps the namespace of a {{ns.field}}
// placeholder to the function that fills it in.
var placeholderNamespaces = map[string]func(Env, placeholder) (string, error){
	"clinic":    Env.clinicValue,
	"treatment": Env.treatmentValue,
	"product":   Env.productValue,
	"skin":      Env.variantValue,
	"area":      Env.variantValue,
}

// windowValue is a rule's window in words ({{until no-makeup}}): verb is
// until, from, duration or day, id the rule. A rule that e's variant or
// clinic does not show is a variantError.
func (e Env) windowValue(ref, verb, id string, md bool) (string, error) {
	r := e.Rule(id)
	if r == nil {
		return "", fmt.Errorf("{{%s}}: unknown rule %q%s; rules are listed in %s", ref, id, didYouMean(id, ruleIDs(e.Treatment)), e.Treatment.File)
	}
	if r.End == nil && (verb == "until" || verb == "duration") {
		return "", fmt.Errorf("{{%s}}: %q is a milestone, a moment with no end or duration; write {{day %s}} (\"day 5\", or the date) or {{from %s}} (\"from day 5\")", ref, r.ID, r.ID, r.ID)
	}
	if e.Skin != nil && e.Area != nil && !r.When.Matches(e.Skin.ID, e.Area.ID) {
		return "", &variantError{
			msg: fmt.Sprintf("{{%s}}: rule %q is only for %s (its when: at %s:%d), but this line is shown", ref, r.ID, whenWords(r.When), e.Treatment.File, r.Line),
			fix: "put the sentence inside a \"::: if\" block for the rule's variants, or widen its when:",
		}
	}
	if _, set := e.Brand.Rules[r.ID]; r.Optional && !set {
		return "", &variantError{
			msg: fmt.Sprintf("{{%s}}: rule %q is optional and shows only where a clinic sets its time", ref, r.ID),
			fix: fmt.Sprintf("set it under rules: (%s: 4w, say), or put the sentence inside \"::: if brand=…\" for the clinics that do,", r.ID),
			in:  []string{e.Brand.File},
		}
	}
	if md {
		return EscapeMarkdown(e.window(verb, r)), nil
	}
	return e.window(verb, r), nil
}

// brandText is v, written under key in e's brand file, ready to insert.
func (e Env) brandText(v, key string, md bool) (string, error) {
	return insert(v, e.Brand.File, e.Brand.texts, key, md)
}

// clinicValue fills in {{clinic.*}} from e's brand file.
func (e Env) clinicValue(p placeholder) (string, error) {
	b := e.Brand
	switch p.field {
	case "name":
		return e.brandText(b.Name, "name", p.md)
	case "phone":
		return e.phoneValue(b.Contact.Phone, "contact.phone", p.md)
	case "after_hours":
		return e.phoneValue(b.Contact.AfterHours, "contact.after_hours", p.md)
	case "email":
		return e.emailValue(p.md)
	case "website":
		return e.websiteValue(p.md)
	case "address":
		return e.brandText(b.Contact.Address, "contact.address", p.md)
	case "urgent_care":
		return e.brandText(b.UrgentCare, "urgent_care", p.md)
	}
	return p.bad("clinic.name", "clinic.phone", "clinic.after_hours", "clinic.email", "clinic.website", "clinic.address", "clinic.urgent_care")
}

// phoneValue is the phone number num (written under key), never broken
// across lines, and in Markdown a tel: link.
func (e Env) phoneValue(num, key string, md bool) (string, error) {
	label, err := e.brandText(num, key, md)
	// A phone number is never broken across lines.
	label = strings.ReplaceAll(label, " ", "\u00a0")
	if err != nil || !md {
		return label, err
	}
	return fmt.Sprintf("[%s](tel:%s)", label, TelURI(num)), nil
}

// emailValue is the clinic's e-mail address, in Markdown a mailto: link.
func (e Env) emailValue(md bool) (string, error) {
	email := e.Brand.Contact.Email
	label, err := e.brandText(email, "contact.email", md)
	if err != nil || !md || email == "" {
		return label, err
	}
	return fmt.Sprintf("[%s](mailto:%s)", label, email), nil
}

// websiteValue is the clinic's web address, in Markdown a link shown
// without its scheme.
func (e Env) websiteValue(md bool) (string, error) {
	site := e.Brand.Contact.Website
	if !md || site == "" {
		return e.brandText(site, "contact.website", md)
	}
	label, err := e.brandText(strings.TrimPrefix(strings.TrimPrefix(site, "https://"), "http://"), "contact.website", md)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("[%s](%s)", label, site), nil
}

// treatmentValue fills in {{treatment}}: the clinic's name for the
// treatment, or the treatment file's.
func (e Env) treatmentValue(p placeholder) (string, error) {
	if p.field != "" {
		return p.bad("treatment")
	}
	if o := e.Brand.Treatments[e.Treatment.ID]; o.Name != "" {
		return e.brandText(o.Name, o.key(e.Treatment.ID), p.md)
	}
	return insert(e.Treatment.Name, e.Treatment.File, nil, "name", p.md)
}

// productValue fills in {{product.*}} from the clinic's products; a
// clinic without the product is a variantError.
func (e Env) productValue(p placeholder) (string, error) {
	if v, ok := e.Brand.Products[p.field]; ok {
		return e.brandText(v, "products."+p.field, p.md)
	}
	return "", &variantError{
		msg: fmt.Sprintf("placeholder {{%s}}: no product %q%s", p.ref, p.field, didYouMean(p.field, e.Catalog.productRoles())),
		fix: "add it under products:",
		in:  []string{e.Brand.File},
	}
}

// variantValue fills in {{skin.*}} and {{area.*}} from e's skin type or
// area; a field the variant lacks is a variantError naming its file (and
// its source's, for a translation).
func (e Env) variantValue(p placeholder) (string, error) {
	v := e.Skin
	if p.ns == "area" {
		v = e.Area
	}
	switch p.field {
	case "id":
		return v.ID, nil
	case "label":
		return insert(v.Label, v.File, v.texts, "label", p.md)
	case "short":
		return insert(v.Short, v.File, v.texts, "short", p.md)
	}
	if f, ok := v.Fields[p.field]; ok {
		return insert(f, v.File, v.texts, "fields."+p.field, p.md)
	}
	in := []string{v.File}
	if src := find(e.Catalog.Skins, v.ID); p.ns == "skin" && src != nil && src.File != v.File {
		in = []string{src.File, v.File} // a translation has its source's fields
	} else if src := find(e.Catalog.Areas, v.ID); p.ns == "area" && src != nil && src.File != v.File {
		in = []string{src.File, v.File}
	}
	return "", &variantError{
		msg: fmt.Sprintf("placeholder {{%s}}: no field %q%s", p.ref, p.field, didYouMean(p.field, append([]string{"id", "label", "short"}, e.Catalog.fieldNames(p.ns)...))),
		fix: "add it under fields:",
		in:  in,
	}
}

// insert returns v, a value written under key in file (whose strings are
// texts), ready to put into a handout: as Markdown that reads exactly as
// v when md is set. A value is printed as written, so one that holds a
// placeholder is refused at its own file and line (filling it in would
// make values depend on one another, and printing it would show braces).
func insert(v, file string, texts []Text, key string, md bool) (string, error) {
	if i := strings.Index(v, "{{"); i >= 0 || strings.Contains(v, "}}") {
		shown := v
		if i >= 0 {
			shown = v[i:]
			if j := strings.Index(shown, "}}"); j >= 0 {
				shown = shown[:j+2]
			}
		}
		return "", Errorf(file, textLine(texts, key), "%s: %q looks like a placeholder, but this value is printed as it is written (placeholders are filled in only in handouts); write the words themselves", key, shown)
	}
	if md {
		return EscapeMarkdown(v), nil
	}
	return v, nil
}

// textLine returns the line of the string under key, or of the label
// for a short name left to default to it, or 0 when unknown.
func textLine(texts []Text, key string) int {
	for _, k := range []string{key, "label"} {
		for _, t := range texts {
			if t.Field == k {
				return t.Line
			}
		}
		if key != "short" {
			break
		}
	}
	return 0
}

// window writes a rule's window in words: "for 48 hours" or, when the
// treatment date is known, "until Sat 14 Mar at 10:30".
func (e Env) window(verb string, r *Rule) string {
	l := e.Lang
	switch verb {
	case "duration":
		end := r.Start
		if r.End != nil {
			end = *r.End
		}
		return l.Amount(Offset{Hours: end.Hours - r.Start.Hours, Unit: end.Unit}.Amount(), end.Unit)
	case "from":
		if e.Dated() {
			return fmt.Sprintf(l.From, l.Long(e.At(r.Start)))
		}
		return fmt.Sprintf(l.FromDay, r.Start.Hours/24)
	case "day":
		// A milestone's day, or the day a window ends: "day 5", or the date.
		at := r.Start
		if r.End != nil {
			at = *r.End
		}
		if e.Dated() {
			return l.Long(e.At(at))
		}
		return lowerFirst(fmt.Sprintf(l.DayN, at.Hours/24))
	}
	end := r.Start
	if r.End != nil {
		end = *r.End
	}
	if !e.Dated() && r.Start.Hours == 0 {
		return fmt.Sprintf(l.For, l.Amount(end.Amount(), end.Unit))
	}
	return l.UntilLong(end.Hours/24, e.At(end), e.Dated(), end.Unit == 'h' && e.HasTime)
}

// EscapeMarkdown returns Markdown that reads exactly as s wherever it is
// put in a line, so that a value (a clinic's or product's name, an
// address) prints as written in the PDF and the HTML alike. It escapes
// with a backslash, which CommonMark undoes for any ASCII punctuation:
//   - everything with a meaning inside a line: emphasis, links, images,
//     code, raw HTML, entities (&), table cells, strikethrough (~), the
//     typographer's quotes, and placeholder braces;
//   - the typographer's dashes and ellipses (runs of "-" or ".");
//   - what linkify would turn into a link ("www." and "://");
//   - a list, heading or block marker at the start of s, in case the
//     placeholder starts a line ("- ", "+ ", "1. ", "2) ", "= ", ":::").
//
// Line breaks become spaces, as HTML shows them.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	digits := 0 // leading digits, for "1." and "2)"
	for i := 0; i < len(s); i++ {
		c := s[i]
		esc := false
		switch {
		case c == '\n' || c == '\r':
			b.WriteByte(' ')
			continue
		case strings.IndexByte("\\`*_[]<>|#{}&~!'\"", c) >= 0:
			esc = true
		case c == '-' || c == '.':
			esc = (i > 0 && s[i-1] == c) || (i+1 < len(s) && s[i+1] == c)
		}
		switch {
		case i == 0 && strings.IndexByte("-+=:", c) >= 0:
			esc = true
		case i == digits && i > 0 && (c == '.' || c == ')'):
			esc = true
		case c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || !isWordByte(s[i-4])):
			esc = true
		case c == ':' && strings.HasPrefix(s[i:], "://"):
			esc = true
		}
		if c >= '0' && c <= '9' && i == digits {
			digits++
		}
		if esc {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// TelURI returns the digits of a phone number for a tel: link.
func TelURI(num string) string {
	var b strings.Builder
	for i, r := range num {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (e Env) skins() []*Variant { return e.Catalog.Skins }
func (e Env) areas() []*Variant { return e.Catalog.Areas }
func (e Env) brands() []string {
	var out []string
	for _, b := range e.Catalog.Brands {
		out = append(out, b.ID)
	}
	return out
}

func ids(vs []*Variant) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.ID)
	}
	return out
}
