package desk

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/pdf"
	"handouts/internal/project"
)

// A packet is what a patient takes home from one visit, as one PDF: the
// aftercare sheet of each treatment on each area, the calendar of their
// days (one grid for all of them: see calendar.Merge) and, when asked, the
// guides; `handouts packet`, `handouts email` and the serve form make
// them. Each treatment has one sheet and one guide, whatever the areas:
// the text for each area, merged so that what they share is printed once
// and each area's own section stands in its place (content.Union), under
// a masthead naming every area; the calendar merges too, so the patient
// has one list of days to tick.
//
// NewPacket checks everything a request names before anything is drawn,
// and its errors are the request's fault (a *RequestError): an unknown
// id, a language the clinic does not offer, a date that does not exist, a
// name that is too long or cannot be printed, an override that no chosen
// treatment can take. What goes wrong after that is the content's.

// Limits on one packet: enough for any visit, small enough that a form
// post cannot ask for hundreds of pages.
const (
	MaxTreatments = 4
	MaxAreas      = 4
)

// MaxPacketBytes is the largest packet, so that it can be e-mailed (the
// sheets' and calendars' own limits are tested the same way, in
// TestEmailSizes); TestPacketSizes holds every shipped packet to it.
const MaxPacketBytes = 250 << 10

// Treatment dates are refused outside these years: a date such as
// 0000-01-01 parses, but it is a typing mistake, and the calendar's days
// run past it.
const (
	MinYear = 2000
	MaxYear = 2199
)

// PacketRequest is what a packet is made of.
type PacketRequest struct {
	Brand      string
	Lang       string   // a language the brand offers; "" for its first
	Treatments []string // treatment ids, in the order the sheets come
	Skin       string
	Areas      []string  // area ids
	Start      time.Time // the treatment date, maybe with a time; required
	HasTime    bool
	Overrides  []string // RULE=DURATION, as -override takes them
	Patient    string   // a first name printed on every part, or ""
	// The parts: sheets (one per treatment, for all its areas), the
	// calendar (one for all) and guides (one per treatment), in that order.
	Sheets, Calendar, Guides bool
}

// RequestError is a packet request that cannot be made: the request's
// fault, not the content's.
type RequestError struct {
	Field string // the request's field: brand, lang, treatment, skin, area, date, name, override
	Msg   string
	// Err is the cause where it is more than the request's fault: a
	// *content.NotOffered, which names the content file to change.
	Err error
}

// Error returns the field and what is wrong.
func (e *RequestError) Error() string { return e.Field + ": " + e.Msg }

// Unwrap returns the cause, or nil.
func (e *RequestError) Unwrap() error { return e.Err }

func badRequest(field, format string, args ...any) error {
	return &RequestError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Packet is a checked request: the environment of each treatment on each
// area, dated and with the patient's overrides.
type Packet struct {
	p    *project.Project
	req  PacketRequest
	envs [][]content.Env // by treatment, then area
}

// NewPacket checks req against the content.
func NewPacket(p *project.Project, req PacketRequest) (*Packet, error) {
	if err := checkRequest(p, req); err != nil {
		return nil, err
	}
	pk := &Packet{p: p, req: req}
	for _, t := range req.Treatments {
		row, err := pk.treatmentEnvs(t)
		if err != nil {
			return nil, err
		}
		pk.envs = append(pk.envs, row)
	}
	if err := pk.override(req.Overrides); err != nil {
		return nil, err
	}
	// One schedule for the visit: every part reads its windows from it.
	var all []content.Env
	for _, row := range pk.envs {
		all = append(all, row...)
	}
	visit, err := content.NewSchedule(all)
	if err != nil {
		return nil, err
	}
	for _, row := range pk.envs {
		for j := range row {
			row[j].Visit = visit
		}
	}
	for _, kind := range pk.kinds() {
		if kind == content.KindCalendar {
			continue
		}
		for _, row := range pk.envs {
			if row[0].Treatment.Handout(kind) == nil {
				return nil, badRequest("treatment", "%s has no %s in %s", row[0].Treatment.ID, kind, row[0].Lang.Tag)
			}
		}
	}
	return pk, nil
}

// checkRequest checks what req names apart from the variants: the
// clinic and language, the lists of treatments and areas, what the
// packet holds, the date and the name.
func checkRequest(p *project.Project, req PacketRequest) error {
	c := p.Catalog
	b := c.Brand(req.Brand)
	if b == nil {
		_, err := c.EnvIn(req.Brand, "", "", "", "")
		return badRequest("brand", "%v", err)
	}
	if req.Lang != "" && !slices.Contains(b.Languages, req.Lang) {
		_, err := c.EnvIn(req.Brand, req.Lang, "", "", "")
		return badRequest("lang", "%v", err)
	}
	if err := checkIDs("treatment", req.Treatments, MaxTreatments); err != nil {
		return err
	}
	if err := checkIDs("area", req.Areas, MaxAreas); err != nil {
		return err
	}
	if !req.Sheets && !req.Calendar && !req.Guides {
		return badRequest("kind", "choose what the packet holds: sheets, the calendar or guides")
	}
	if req.Start.IsZero() {
		return badRequest("date", "a packet is for a treatment date; give it as YYYY-MM-DD")
	}
	if err := CheckDate(req.Start); err != nil {
		return badRequest("date", "%v", err)
	}
	if err := CheckName(p, req.Brand, req.Patient); err != nil {
		return badRequest("name", "%v", err)
	}
	return nil
}

// treatmentEnvs returns the dated environment of treatment t on each
// area of the request it is for. A visit on several areas: a treatment
// for some of them only (applies_to: dermaplaning on the face,
// microneedling on the face and back) has its handouts for those; it is
// refused only when it is for none.
func (pk *Packet) treatmentEnvs(t string) ([]content.Env, error) {
	c, req := pk.p.Catalog, pk.req
	var row []content.Env
	var left error // the refusal of an area the treatment is not for
	for _, a := range req.Areas {
		env, err := c.EnvIn(req.Brand, req.Lang, t, req.Skin, a)
		if tr := c.Treatment(t); err != nil && len(req.Areas) > 1 && tr != nil && c.Skin(req.Skin) != nil && c.Area(a) != nil && !tr.Applies(req.Skin, a) {
			if left == nil {
				left = err
			}
			continue
		}
		if err != nil {
			return nil, variantError(env, err)
		}
		env.Start, env.HasTime = req.Start, req.HasTime
		row = append(row, env)
	}
	if len(row) == 0 {
		re := &RequestError{Field: "treatment", Msg: left.Error()}
		var no *content.NotOffered
		if errors.As(left, &no) {
			re.Err = no
		}
		return nil, re
	}
	return row, nil
}

// variantError is the refusal of a variant, on the field it names: what
// the clinic does not offer on the treatment, else the first of the
// treatment, skin type and area that names nothing.
func variantError(env content.Env, err error) error {
	var no *content.NotOffered
	if errors.As(err, &no) {
		return &RequestError{Field: "treatment", Msg: err.Error(), Err: no}
	}
	field := "skin"
	switch {
	case env.Treatment == nil:
		field = "treatment"
	case env.Skin != nil:
		field = "area"
	}
	return badRequest(field, "%v", err)
}

// checkIDs refuses an empty list, a repeated id and more than max ids.
func checkIDs(field string, ids []string, max int) error {
	if len(ids) == 0 {
		return badRequest(field, "choose at least one")
	}
	if len(ids) > max {
		return badRequest(field, "%d chosen; a packet holds at most %d", len(ids), max)
	}
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return badRequest(field, "%q is chosen twice; choose each once", id)
		}
	}
	return nil
}

// override gives each env the overrides whose rule it has (an id such as
// no-makeup may be in several treatments: it changes in each). A rule no
// chosen treatment and area has is refused, listing those that can be
// changed; each env's own are checked by content.ParseOverrides, like
// -override on one sheet.
func (pk *Packet) override(specs []string) error {
	mine := make([][][]string, len(pk.envs))
	for i := range pk.envs {
		mine[i] = make([][]string, len(pk.envs[i]))
	}
	for _, spec := range specs {
		id, _, ok := strings.Cut(spec, "=")
		id = strings.TrimSpace(id)
		found := false
		for i, row := range pk.envs {
			for j, env := range row {
				if r := env.Rule(id); ok && r != nil && r.End != nil && r.When.Matches(env.Skin.ID, env.Area.ID) {
					mine[i][j] = append(mine[i][j], spec)
					found = true
				}
			}
		}
		if !found {
			// Not a rule any of them can change: the one-sheet check says
			// why for the first, and the list names every rule that can.
			_, err := content.ParseOverrides(pk.envs[0][0], []string{spec})
			var oe *content.OverrideError
			if errors.As(err, &oe) && ok && (len(pk.envs) > 1 || len(pk.envs[0]) > 1) {
				oe.Msg = fmt.Sprintf("no chosen treatment and area has a rule %q whose end can change; rules here: %s", id, pk.changeable())
			}
			if err == nil {
				err = &content.OverrideError{Spec: spec, Msg: "no chosen treatment and area can change it"}
			}
			return overrideError(err)
		}
	}
	for i, row := range pk.envs {
		for j := range row {
			ov, err := content.ParseOverrides(row[j], mine[i][j])
			if err != nil {
				return overrideError(err)
			}
			row[j].Overrides = ov
		}
	}
	return nil
}

// overrideError is err, from content.ParseOverrides, as the request's:
// "no-makeup=0h: the window would end before it starts …".
func overrideError(err error) error {
	var oe *content.OverrideError
	if errors.As(err, &oe) {
		return &RequestError{Field: "override", Msg: oe.Spec + ": " + oe.Msg}
	}
	return &RequestError{Field: "override", Msg: err.Error()}
}

// changeable lists the rules of every chosen treatment and area whose end
// an override can change, once each: "no-makeup (48h), no-sun (7d)".
func (pk *Packet) changeable() string {
	var list []string
	for _, row := range pk.envs {
		for _, env := range row {
			for _, r := range env.Rules() {
				if s := fmt.Sprintf("%s (%s)", r.ID, r.End); r.End != nil && !slices.Contains(list, s) {
					list = append(list, s)
				}
			}
		}
	}
	return strings.Join(list, ", ")
}

// CheckDate refuses a treatment date outside MinYear to MaxYear.
func CheckDate(d time.Time) error {
	if y := d.Year(); y < MinYear || y > MaxYear {
		return fmt.Errorf("the year %04d is not a treatment date; give a date from %d to %d", y, MinYear, MaxYear)
	}
	return nil
}

// ParseWhen reads a treatment date (YYYY-MM-DD) and, optionally, a time
// (HH:MM, 24-hour), as the commands and the form take them; it refuses
// dates that do not exist and years outside MinYear to MaxYear. The
// errors name the field ("date", "time") in a *RequestError, whose
// message follows it: `date: "2026-02-30" is not a real date; …`.
func ParseWhen(date, clock string) (time.Time, bool, error) {
	if date == "" {
		if clock != "" {
			return time.Time{}, false, badRequest("time", "needs the date")
		}
		return time.Time{}, false, nil
	}
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return time.Time{}, false, badRequest("date", "%q is not a real date; write YYYY-MM-DD", date)
	}
	if err := CheckDate(d); err != nil {
		return time.Time{}, false, badRequest("date", "%q: %v", date, err)
	}
	if clock == "" {
		return d, false, nil
	}
	t, err := time.Parse("15:04", clock)
	if err != nil {
		return time.Time{}, false, badRequest("time", "%q: write HH:MM, 24-hour", clock)
	}
	return d.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute), true, nil
}

// CheckName refuses a patient's name that is longer than MaxNameRunes
// characters (it is refused, never cut) or that cannot be printed (see
// CheckPrintable). Its errors never quote the name.
func CheckName(p *project.Project, brand, name string) error {
	if n := utf8.RuneCountInString(norm.NFC.String(name)); n > project.MaxNameRunes {
		return fmt.Errorf("%d characters long; give the first name only, at most %d characters", n, project.MaxNameRunes)
	}
	return p.CheckPrintable(brand, name)
}

// kinds are the packet's kinds of part, in order.
func (pk *Packet) kinds() []content.Kind {
	var out []content.Kind
	for _, k := range []struct {
		on   bool
		kind content.Kind
	}{{pk.req.Sheets, content.KindSheet}, {pk.req.Calendar, content.KindCalendar}, {pk.req.Guides, content.KindGuide}} {
		if k.on {
			out = append(out, k.kind)
		}
	}
	return out
}

// Start is the treatment date (and time, when one was given) the packet
// is for.
func (pk *Packet) Start() time.Time { return pk.req.Start }

// Lang is the language of the packet's words (BCP 47).
func (pk *Packet) Lang() string { return pk.envs[0][0].Lang.Tag }

// FileName is the packet's patient-safe file name, by kind and date,
// never by patient: packet-2026-03-13.pdf, or for one kind alone
// aftercare-…, checklist-… or guide-….
func (pk *Packet) FileName() string {
	base := "packet"
	if k := pk.kinds(); len(k) == 1 {
		info, _ := k[0].Info()
		base = info.FileName
	}
	return base + "-" + pk.req.Start.Format(time.DateOnly) + ".pdf"
}

// single is the one file a packet of one part is: a sheet, calendar or
// guide of one treatment on one area, made as `handouts sheet` or
// `handouts calendar` makes it.
func (pk *Packet) single() (project.Request, bool) {
	k := pk.kinds()
	if len(k) != 1 || len(pk.envs) != 1 || len(pk.envs[0]) != 1 {
		return project.Request{}, false
	}
	return project.Request{Env: pk.envs[0][0], Kind: k[0], Format: content.FormatPDF, Patient: pk.req.Patient}, true
}

// PDF renders the packet.
func (pk *Packet) PDF() (project.Rendered, error) {
	if r, ok := pk.single(); ok {
		return pk.p.Render(r)
	}
	parts, reviewed, err := pk.parts()
	if err != nil {
		return project.Rendered{}, err
	}
	names, variant := pk.labels()
	title := parts[0].Res.Title
	if len(pk.envs) > 1 {
		title = names
	}
	var buf bytes.Buffer
	out, err := pdf.RenderPacket(&buf, parts, pdf.PacketInfo{Title: title, Subject: names + " \u00b7 " + variant, Date: reviewed})
	if err != nil {
		return project.Rendered{}, err
	}
	return project.Rendered{Data: buf.Bytes(), Pages: out.Pages}, nil
}

// parts are the packet's parts in order, and the latest review date among
// them (the packet's metadata date).
func (pk *Packet) parts() ([]pdf.Part, time.Time, error) {
	var parts []pdf.Part
	var reviewed time.Time
	// add makes the part of one treatment's kind for every area of row:
	// one text, the union of the texts for each area (content.Union), so
	// that what all areas share is printed once and each area's own
	// section stands in its place.
	add := func(row []content.Env, kind content.Kind) error {
		h := row[0].Treatment.Handout(kind)
		var texts []*content.Resolved
		for _, env := range row {
			res, err := h.Resolve(env, false)
			if err != nil {
				return err
			}
			texts = append(texts, res)
		}
		res := content.Union(texts...)
		res.Others = nil // a patient's copy is in their language only
		if len(row) > 1 {
			// Several areas' text may run longer than one area's page
			// limit, never longer than their separate copies.
			hc := *h
			hc.Front.MaxPages *= len(row)
			res.Handout = &hc
		}
		env := row[0]
		r := project.Request{Env: env, Kind: kind, Patient: pk.req.Patient}
		opt := pk.p.PDFOptions(res, r)
		_, opt.Variant = pk.labels()
		if len(row) > 1 {
			// The QR code would lead to one area's page online: the
			// printed text of several is its own.
			opt.QR = ""
		}
		parts = append(parts, pdf.Part{Res: res, Env: env, Opt: opt})
		if d := h.ReviewedOn(); d.After(reviewed) {
			reviewed = d
		}
		return nil
	}
	for _, kind := range pk.kinds() {
		if kind == content.KindCalendar {
			part, err := pk.calendarPart()
			if err != nil {
				return nil, time.Time{}, err
			}
			parts = append(parts, part)
			if d := part.Res.Handout.ReviewedOn(); d.After(reviewed) {
				reviewed = d
			}
			continue
		}
		for _, row := range pk.envs {
			if err := add(row, kind); err != nil {
				return nil, time.Time{}, err
			}
		}
	}
	return parts, reviewed, nil
}

// labels are the treatments' names ("HarborRenew™ Microneedling + Glow
// Peel") and the variant ("Dry skin · Face + Neck") as the packet's
// calendar and metadata name them.
func (pk *Packet) labels() (names, variant string) {
	var ns, areas []string
	for _, row := range pk.envs {
		ns = append(ns, row[0].Brand.TreatmentName(row[0].Treatment))
	}
	// Every chosen area, in the request's order: a treatment for some
	// areas only has fewer.
	for _, a := range pk.req.Areas {
		for _, row := range pk.envs {
			if i := slices.IndexFunc(row, func(e content.Env) bool { return e.Area.ID == a }); i >= 0 {
				areas = append(areas, row[i].Area.Label)
				break
			}
		}
	}
	return strings.Join(ns, " + "), pk.envs[0][0].Skin.Label + " \u00b7 " + strings.Join(areas, " + ")
}

// ICS is the packet's calendar as an .ics file: the same merged days as
// its printed calendar, so a phone's reminders agree with the paper.
func (pk *Packet) ICS() (project.Rendered, error) {
	part, err := pk.calendarPart()
	if err != nil {
		return project.Rendered{}, err
	}
	names, _ := pk.labels()
	res := *part.Res
	res.Title = names
	return pk.p.WriteICS(part.Cal, &res, part.Env)
}

// calendarPart is the packet's calendar: every chosen treatment on every
// chosen area in one grid, with the first treatment's title and intro and
// the footers of all (each names its own warning signs), once each.
func (pk *Packet) calendarPart() (pdf.Part, error) {
	first := pk.envs[0][0]
	opt := calendar.Options{Start: first.Start, HasTime: first.HasTime}
	var sets []calendar.Set
	var footers []string
	var res *content.Resolved
	for _, row := range pk.envs {
		for _, env := range row {
			opt.LastDay = max(opt.LastDay, env.Treatment.LastDay)
			sets = append(sets, calendar.Set{Name: env.Brand.TreatmentName(env.Treatment), Rules: project.CalendarRules(env)})
		}
		h := row[0].Treatment.Handout(content.KindCalendar)
		if h == nil {
			return pdf.Part{}, fmt.Errorf("%s: treatment %s has no calendar handout; add calendar.md", row[0].Treatment.File, row[0].Treatment.ID)
		}
		r, err := h.Resolve(row[0], false)
		if err != nil {
			return pdf.Part{}, err
		}
		if res == nil {
			res = r
		}
		if f := strings.TrimSpace(r.Footer); f != "" && !slices.Contains(footers, f) {
			footers = append(footers, f)
		}
	}
	rules, err := calendar.Merge(sets, opt)
	if err != nil {
		return pdf.Part{}, fmt.Errorf("%s: %v", first.Treatment.File, err)
	}
	cal, err := calendar.Build(rules, opt)
	if err != nil {
		return pdf.Part{}, fmt.Errorf("%s: %v", first.Treatment.File, err)
	}
	merged := *res
	merged.Footer = strings.Join(footers, "\n\n")
	names, variant := pk.labels()
	lb := pdf.CalendarLabels(first, pk.req.Patient)
	lb.Treatment, lb.Variant = names, variant
	r := project.Request{Env: first, Kind: content.KindCalendar, Patient: pk.req.Patient}
	return pdf.Part{Res: &merged, Env: first, Opt: pk.p.PDFOptions(&merged, r), Cal: cal, Labels: &lb}, nil
}
