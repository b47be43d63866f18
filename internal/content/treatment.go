package content

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"handouts/internal/calendar"
)

// ruleKindNames are the rule kinds as content writes them, for "did you
// mean".
func ruleKindNames() []string {
	var out []string
	for _, k := range calendar.RuleKinds() {
		out = append(out, string(k))
	}
	return out
}

// DefaultLastDay is the calendar's last day when a treatment sets none:
// two weeks cover the healing the sheets describe.
const DefaultLastDay = 14

// MaxLastDay is the longest calendar, four weeks.
const MaxLastDay = 28

// TimesOfDay are the times a daily task may name, in day order.
var TimesOfDay = []string{"morning", "midday", "evening", "bedtime"}

func (l *loader) loadTreatments() {
	folders := 0
	for _, e := range l.readDir("treatments") {
		if !e.IsDir() {
			l.e.addf(l.name(path.Join("treatments", e.Name())), 0, "unexpected file; treatments/ holds one folder per treatment")
			continue
		}
		folders++
		t := &Treatment{ID: e.Name()}
		dir := path.Join("treatments", t.ID)
		if !reID.MatchString(t.ID) {
			l.e.addf(l.name(dir), 0, "treatment folder name %q: use lower-case letters, digits and hyphens", t.ID)
			continue
		}
		if l.note("treatments", t.ID); !l.wants("treatments", t.ID) {
			continue
		}
		p := path.Join(dir, "treatment.yaml")
		t.File = l.name(p)
		data, ok := l.readFile(p)
		if !ok || !l.checkText(p, data) {
			continue
		}
		node, err := decodeStrict(t.File, data, t)
		if err != nil {
			l.e.add(err)
			continue
		}
		t.nameLine = keyLine(node, "name")
		if strings.TrimSpace(t.Name) == "" {
			l.e.addf(t.File, lineOf(node), "missing name; add `name:` with the treatment's plain name")
		}
		switch {
		case t.LastDay == 0:
			t.LastDay = DefaultLastDay
		case t.LastDay < 14 || t.LastDay > MaxLastDay:
			l.e.addf(t.File, lineOf(node, "calendar_days"), "calendar_days %d: the calendar shows day 0 to at least day 14 and at most day %d", t.LastDay, MaxLastDay)
		}
		l.checkRules(t, node)
		l.checkApplies(t, node)
		mdFiles := 0
		var trs []*Handout
		for _, f := range l.readDir(dir) {
			name := f.Name()
			if f.IsDir() {
				continue
			}
			if stem, sfx, tr := splitLang(name, ".yaml"); tr && stem == "treatment" && strings.HasSuffix(name, ".yaml") {
				if !l.wantsLang(sfx) {
					continue
				}
				if l.checkSuffix(l.name(path.Join(dir, name)), sfx) {
					if tt := l.loadTreatmentText(t, path.Join(dir, name)); tt != nil {
						if t.tr == nil {
							t.tr = map[string]*TreatmentText{}
						}
						t.tr[sfx] = tt
					}
				}
				continue
			}
			if !strings.HasSuffix(name, ".md") {
				continue
			}
			_, sfx, tr := splitLang(name, ".md")
			if tr {
				if !l.wantsLang(sfx) || !l.wantsHandout(path.Join(dir, name)) {
					continue
				}
				if l.checkSuffix(l.name(path.Join(dir, name)), sfx) {
					if h := l.loadHandout(t, path.Join(dir, name), sfx); h != nil {
						trs = append(trs, h)
					}
				}
				continue
			}
			mdFiles++
			if !l.wantsHandout(path.Join(dir, name)) {
				continue
			}
			if h := l.loadHandout(t, path.Join(dir, name), ""); h != nil {
				t.Handouts = append(t.Handouts, h)
			}
		}
		l.attachHandoutTexts(t, trs)
		if mdFiles == 0 {
			l.e.addf(l.name(dir), 0, "no handouts; add a Markdown file such as sheet.md")
		}
		l.c.Treatments = append(l.c.Treatments, t)
	}
	if folders == 0 {
		l.e.addf(l.name("treatments"), 0, "no treatments found; add a folder such as treatments/microneedling/")
	}
}

func (l *loader) checkRules(t *Treatment, node *yaml.Node) {
	var seq *yaml.Node
	if node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(node.Content); i += 2 {
			if node.Content[i].Value == "rules" {
				seq = node.Content[i+1]
			}
		}
	}
	seen := map[string]int{}
	for i, r := range t.Rules {
		r.file = t.File
		if seq != nil && i < len(seq.Content) {
			r.Line = seq.Content[i].Line
		}
		at := func(key string) int {
			if seq != nil && i < len(seq.Content) {
				return lineOf(seq.Content[i], key)
			}
			return 0
		}
		r.TextLine = at("text")
		if !reID.MatchString(r.ID) {
			l.e.addf(t.File, at("id"), "rule id %q: use lower-case letters, digits and hyphens, e.g. no-makeup", r.ID)
		} else if prev, dup := seen[r.ID]; dup {
			l.e.addf(t.File, at("id"), "duplicate rule id %q (first at line %d); ids must be unique", r.ID, prev)
		} else {
			seen[r.ID] = r.Line
		}
		switch r.Kind {
		case calendar.KindAvoid, calendar.KindDo:
			if r.End == nil {
				l.e.addf(t.File, r.Line, "rule %q has no end; add `end:` such as 48h or 7d", r.ID)
			} else if r.End.Hours <= r.Start.Hours {
				l.e.addf(t.File, at("end"), "rule %q ends (%s) before or when it starts (%s); the end must come after the start", r.ID, r.End, r.Start)
			}
		case calendar.KindMilestone:
			if r.End != nil {
				l.e.addf(t.File, at("end"), "milestone %q happens at its start; remove `end:`", r.ID)
			}
		default:
			l.e.addf(t.File, at("kind"), "rule %q: kind %q%s must be avoid, do or milestone", r.ID, r.Kind, didYouMean(string(r.Kind), ruleKindNames()))
		}
		if strings.TrimSpace(r.Text) == "" {
			l.e.addf(t.File, r.Line, "rule %q has no text; add `text:` with a short label for the calendar", r.ID)
		}
		if r.SameAs != "" && (!reID.MatchString(r.SameAs) || r.SameAs == r.ID) {
			l.e.addf(t.File, at("same_as"), "rule %q: same_as %q must be another rule's id (in another treatment), e.g. moisturize", r.ID, r.SameAs)
		}
		if r.Ongoing && r.Kind != calendar.KindDo {
			l.e.addf(t.File, at("ongoing"), "rule %q: only a daily task (kind do) can go on every day; remove ongoing:", r.ID)
		}
		if len(r.Conflicts) > 0 && r.Kind != calendar.KindDo {
			l.e.addf(t.File, at("conflicts"), "rule %q: only a daily task (kind do) can wait for the rules in conflicts:; remove it, or make the rule a task", r.ID)
		}
		for _, c := range r.Conflicts {
			if !reID.MatchString(c) || c == r.ID {
				l.e.addf(t.File, at("conflicts"), "rule %q: conflicts names %q; list other rules' ids, e.g. [water-rinse]", r.ID, c)
			}
		}
		for _, tm := range r.Times {
			if !slices.Contains(TimesOfDay, tm) {
				l.e.addf(t.File, at("times"), "rule %q: time %q%s must be one of %s", r.ID, tm, didYouMean(tm, TimesOfDay), strings.Join(TimesOfDay, ", "))
			}
		}
		for _, id := range r.When.Skin {
			if !slices.Contains(l.variantIDs("skin"), id) {
				l.e.addf(t.File, at("when"), "rule %q: unknown skin type %q%s; known: %s", r.ID, id, didYouMean(id, l.variantIDs("skin")), strings.Join(l.variantIDs("skin"), ", "))
			}
		}
		for _, id := range r.When.Area {
			if !slices.Contains(l.variantIDs("area"), id) {
				l.e.addf(t.File, at("when"), "rule %q: unknown area %q%s; known: %s", r.ID, id, didYouMean(id, l.variantIDs("area")), strings.Join(l.variantIDs("area"), ", "))
			}
		}
	}
}

var reWarning = regexp.MustCompile(`(?m)^\s*:::\s*warning\s*$`)

// SplitFrontMatter splits a handout into its YAML front matter and body.
// The front matter sits between a first line "---" and the next "---".
// bodyLine is the 1-based line of the body's first line, so positions in
// the body map back to the file.
func SplitFrontMatter(data []byte) (front, body []byte, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \r")) != "---" {
		return nil, data, 1, false
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var ln []byte
		next := len(rest) + 1
		if end < 0 {
			ln = rest[off:]
		} else {
			ln = rest[off : off+end]
			next = off + end + 1
		}
		if string(bytes.TrimRight(ln, " \r")) == "---" {
			if next > len(rest) {
				next = len(rest)
			}
			return rest[:off], rest[next:], line + 1, true
		}
		line++
		off = next
	}
	return nil, data, 1, false
}

func (l *loader) loadHandout(t *Treatment, p, suffix string) *Handout {
	h := &Handout{File: l.name(p), Path: p, Treatment: t, Lang: suffix}
	data, ok := l.readFile(p)
	if !ok || !l.checkText(p, data) {
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		l.e.addf(h.File, 0, "handout is empty; write its front matter and text, or delete the file")
		return nil
	}
	front, body, bodyLine, ok := SplitFrontMatter(data)
	if !ok {
		l.e.addf(h.File, 1, "missing front matter; start the file with a line \"---\", the YAML (title, kind, …), and another \"---\"")
		return nil
	}
	node, err := decodeStrict(h.File, front, &h.Front)
	if err != nil {
		// Front matter starts on line 2 of the file.
		if list, ok := err.(ErrorList); ok {
			for _, e := range list {
				if e.Line > 0 {
					e.Line++
				}
			}
		} else if e, ok := err.(*Error); ok && e.Line > 0 {
			e.Line++
		}
		l.e.add(err)
		return nil
	}
	fl := func(key string) int { return lineOf(node, key) + 1 }
	f := &h.Front
	if strings.TrimSpace(f.Title) == "" {
		l.e.addf(h.File, 1, "front matter has no title; add `title:`")
	}
	kind, err := f.Kind.Info()
	known := err == nil
	if !known {
		l.e.addf(h.File, fl("kind"), "kind %q%s: use one of %s", f.Kind, didYouMean(string(f.Kind), kindNames()), strings.Join(kindNames(), ", "))
	}
	if strings.TrimSpace(f.ReviewedBy) == "" {
		l.e.addf(h.File, 1, "front matter has no reviewed_by; name the clinician who reviewed this text")
	}
	if !reDate.MatchString(f.ReviewedOn) {
		l.e.addf(h.File, fl("reviewed_on"), "reviewed_on %q: write the review date as YYYY-MM-DD", f.ReviewedOn)
	} else if _, err := time.Parse(time.DateOnly, f.ReviewedOn); err != nil {
		l.e.addf(h.File, fl("reviewed_on"), "reviewed_on %q is not a real date; check the month and day", f.ReviewedOn)
	}
	h.fromLine = keyLine(node, "translated_from") + 1
	if f.TranslatedFrom != nil && suffix == "" {
		l.e.addf(h.File, fl("translated_from"), "translated_from belongs in a translation's front matter (sheet.es.md), not in the source; remove it")
	}
	if f.MaxPages < 0 {
		l.e.addf(h.File, fl("max_pages"), "max_pages must be a positive number")
	}
	if f.MaxPages == 0 {
		f.MaxPages = kind.MaxPages
	}
	if kind.Footer && strings.TrimSpace(f.Footer) == "" {
		l.e.addf(h.File, 1, "a calendar needs `footer:`: one line with the warning signs and {{clinic.phone}}")
	}
	if len(f.Summary) == 0 && kind.Summary {
		l.e.addf(h.File, 1, "front matter has no summary; add `summary:` with the 3-5 points that matter most")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		l.e.addf(h.File, bodyLine, "handout has no text after the front matter")
	} else if kind.Warning && !reWarning.Match(body) {
		l.e.addf(h.File, bodyLine, "an aftercare sheet needs a warning box: add \"::: warning\" with the warning signs, {{clinic.phone}} and {{clinic.after_hours}}, then \":::\"")
	}
	h.Body, h.BodyLine = body, bodyLine
	// Front matter lines are one below the YAML's own (the "---" line).
	var fm []Text
	scalarTexts(h.File, node, "", &fm)
	for _, t := range fm {
		t.Line++
		switch t.Field {
		case "summary":
			h.SummaryLines = append(h.SummaryLines, t.Line)
			h.texts = append(h.texts, t)
		case "title", "footer":
			h.texts = append(h.texts, t)
		}
	}
	return h
}

// ReviewedOn returns the review date, parsed.
func (h *Handout) ReviewedOn() time.Time {
	d, _ := time.Parse(time.DateOnly, h.Front.ReviewedOn)
	return d
}
