package project

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"handouts/internal/content"
	"handouts/internal/lang"
	"handouts/internal/layout"
	"handouts/internal/pdf"
)

// Worst-case personal copies. The desk makes copies the full build never
// does: dated, with a time, with a patient's name. Each of those makes
// lines longer ("until Wednesday, September 30 at 10:30 PM" where the
// generic copy says "for 48 hours") and adds the patient's line under the
// masthead, so a sheet that fits on its pages as published may not fit
// for a patient. So that the desk never learns this with the patient
// standing there, `check` and `build` render each printed handout as its
// longest personal copy too: the treatment date whose rule dates are the
// longest to write in the handout's language, at 22:30 (the longest
// clock, "10:30 PM"), with every weekday and month written as the widest
// one (widestNames), for a name of MaxNameRunes of the widest letter.
// A copy that does not fit is the content's problem, reported at its
// file and line like any other.

// MaxNameRunes is the longest patient name printed on a one-off copy, in
// characters: a first name, as the form asks. A longer one is refused
// (internal/desk), never cut.
const MaxNameRunes = 40

// WorstName is the widest first name the desk can print: MaxNameRunes
// capital Ws (the widest letter of the body font).
var WorstName = strings.Repeat("W", MaxNameRunes)

// worstClock is the time of treatment whose clock is longest to write:
// two-digit hours, and "PM" in 12-hour locales.
const worstClock = 22*time.Hour + 30*time.Minute

// probeYear is the year searched for the longest dates: every weekday
// falls on every day of the month at some point within it, near enough.
const probeYear = 2026

// worstStart returns the treatment date (at worstClock) whose dates are
// the longest to write in l for rules: the sum, over every rule's start
// and end, of the long date's length.
func worstStart(l *lang.Lang, rules []*content.Rule) time.Time {
	best, bestLen := time.Time{}, -1
	day := time.Date(probeYear, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := day; d.Year() == probeYear; d = d.AddDate(0, 0, 1) {
		at := d.Add(worstClock)
		n := 0
		for _, r := range rules {
			n += utf8.RuneCountInString(l.Long(at.Add(time.Duration(r.Start.Hours) * time.Hour)))
			if r.End != nil {
				n += utf8.RuneCountInString(l.Long(at.Add(time.Duration(r.End.Hours) * time.Hour)))
			}
		}
		n += utf8.RuneCountInString(l.LongYearAt(at, true))
		if n > bestLen {
			best, bestLen = at, n
		}
	}
	return best
}

// widestNames is l with every weekday and month named as its widest one
// in brand's body font (full and short names apart): the probe's dates are
// then as wide as any date can be written, whatever the start. Which date
// is longest to write depends on the line it sits in, as one unbreakable
// unit ("miércoles 16 de diciembre" wraps a line that "viernes 18 de
// septiembre" does not), so no real date is the worst for every line.
func (p *Project) widestNames(brand string, l *lang.Lang) *lang.Lang {
	f := p.fonts[brand]
	if f == nil {
		return l
	}
	w := *l
	widest := func(names []string) {
		best := names[0]
		for _, n := range names[1:] {
			if f.Width(layout.Regular, p.styles[brand].BodySize, n) > f.Width(layout.Regular, p.styles[brand].BodySize, best) {
				best = n
			}
		}
		for i := range names {
			names[i] = best
		}
	}
	widest(w.Days[:])
	widest(w.LongDays[:])
	widest(w.Months[:])
	widest(w.LongMonths[:])
	return &w
}

// personalProbes lists the worst-case personal copy of every printed job
// among jobs whose handout has a page limit: one per variant and kind.
func (p *Project) personalProbes(jobs []job) []Request {
	type probe struct {
		start time.Time
		lang  *lang.Lang
	}
	probes := map[string]probe{} // by clinic, language and treatment
	var out []Request
	for _, j := range jobs {
		if j.format.Name != content.FormatPDF {
			continue
		}
		h := j.env.Treatment.Handout(j.kind)
		if h == nil || h.Front.MaxPages == 0 {
			continue
		}
		env := *j.env
		key := env.Brand.ID + "/" + env.Lang.Tag + "/" + env.Treatment.ID
		pr, ok := probes[key]
		if !ok {
			pr = probe{worstStart(env.Lang, env.Treatment.Rules), p.widestNames(env.Brand.ID, env.Lang)}
			probes[key] = pr
		}
		env.Start, env.HasTime, env.Lang = pr.start, true, pr.lang
		out = append(out, Request{Env: env, Kind: j.kind, Format: content.FormatPDF, Patient: WorstName})
	}
	return out
}

// checkPersonal renders the worst-case personal copy of each printed
// handout of jobs and returns every one that cannot be made, at its file
// and line, saying that it is the personal copy that does not fit.
func (p *Project) checkPersonal(jobs []job, n int) error {
	probes := p.personalProbes(jobs)
	if n <= 0 {
		n = runtime.NumCPU()
	}
	errs := make([]error, len(probes))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, max(len(probes), 1)) {
		wg.Go(func() {
			for i := range next {
				if err := p.layOut(probes[i]); err != nil {
					errs[i] = personalError(err)
				}
			}
		})
	}
	for i := range probes {
		next <- i
	}
	close(next)
	wg.Wait()
	return joinErrors(errs)
}

// layOut lays out the PDF of r as Render would make it, without drawing
// it: the page model is where a copy runs past its pages (drawing, tagging
// and compressing, the most of a PDF's cost, add nothing to find it).
func (p *Project) layOut(r Request) error {
	h := r.Env.Treatment.Handout(r.Kind)
	if h == nil {
		return fmt.Errorf("treatment %s has no %s handout", r.Env.Treatment.ID, r.Kind)
	}
	res, err := h.Resolve(r.Env, false)
	if err != nil {
		return err
	}
	res.Others = nil // a personal copy is in the patient's language only
	opt := p.PDFOptions(res, r)
	opt.Breaks = &p.breaks // the probe's name and dates are made up, no patient's
	if r.Kind == content.KindCalendar {
		cal, err := Calendar(r.Env)
		if err != nil {
			return err
		}
		_, err = pdf.LayoutCalendar(cal, res, r.Env, opt)
		return err
	}
	_, err = pdf.Layout(res, r.Env, opt)
	return err
}

// CheckPersonal is checkPersonal over the whole matrix, for `check`.
func (p *Project) CheckPersonal(cfg Config) error {
	jobs, err := p.Matrix(cfg.Brands)
	if err != nil {
		return err
	}
	return p.checkPersonal(jobs, cfg.Jobs)
}

// personalError says that err is a personal copy's: the dated copy with a
// time and the longest name is what runs long, and the fix is the
// content's (the desk cannot shorten it).
func personalError(err error) error {
	var ce *content.Error
	if _, list := err.(content.ErrorList); list || !errors.As(err, &ce) {
		return err
	}
	c := *ce
	what := fmt.Sprintf("a dated copy with a time and a %d-character name", MaxNameRunes)
	if c.Detail != "" {
		c.Detail = what + ": " + c.Detail
	} else {
		c.Detail = what
	}
	if strings.Contains(c.Fix, "max_pages") {
		c.Fix = "the front desk makes such copies: shorten the text (dates in sentences are written in full) or raise max_pages in the front matter"
	}
	return &c
}
