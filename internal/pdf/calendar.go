package pdf

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/lang"
	"handouts/internal/layout"
	"handouts/internal/markdown"
	"handouts/internal/pdfua"
)

// CalendarSize is the type size of the calendar: the task words, the days
// and the notes, at least 12 pt like the sheet's body (PRODUCT.md).
const CalendarSize = 12.0

// bandGap is the space between stacked bands of a long calendar.
const bandGap = 6.0

// calLogoH is the height of the logo on the calendar, calLogoGap the
// space between the logo, at the right of the masthead, and the masthead's
// lines beside it, calTitleGap the least space between the title, which
// starts at the grid's left edge, and those lines.
const (
	calLogoH    = 8 * mm
	calLogoGap  = 14.0
	calTitleGap = 24.0
)

// calPad is the padding inside the calendar's footer box.
const calPad = 5.0

// calBox is the side of a tick box in the grid: at least MinTickBox, room
// for a pen's tick beside the time-of-day mark printed in it; calGap the
// space between the boxes of one day (a pair such as morning and evening
// must read as two boxes, not one long one), calBoxPad the least space
// between a box and its column's rules (the rule between two days keeps
// their boxes apart). Each is as small as it can be: the day columns'
// width is the rule labels' room.
const (
	calBox    = MinTickBox
	calGap    = 3.2
	calBoxPad = 1.75
)

// MinTickBox is the smallest tick box a pen fills in comfortably, 4.5 mm
// (the publisher review's floor); TestCalendarTickBoxes holds calBox to it.
const MinTickBox = 4.5 * mm

// calMarkSize is the largest type size of the time-of-day mark ("M",
// "Mid", "E", "B", from the language file's time_marks) in the top of each
// tick box; a mark too wide for the box at that size is set smaller, down
// to calMarkMin, calMarkInset from the box's sides. The mark is printed
// in the muted colour so a tick over it still reads.
const (
	calMarkSize  = 7.0
	calMarkMin   = 5.0
	calMarkInset = 1.5
)

// calLabelPad is the room a rule's label or a section's heading leaves in
// the label column (before the first day's rule); calSectionPad is the
// space under a section's heading, above its rule.
const (
	calLabelPad   = 6.0
	calSectionPad = 2.0
)

// calHeadPad is the least room around a day's header lines in its column;
// calBoxPadMin the least space above and below a tick box, where the page
// is tightest.
const (
	calHeadPad = 6.0
	// calHeadPadBelow is the space under a dated day's header lines.
	calHeadPadBelow = 4.0
	calBoxPadMin    = 0.5
)

// calLegendLines is the most lines the legend of the marks takes in the
// grid's top left corner: the days' headers are at least two lines high.
const calLegendLines = 2

// calEndMark is half the height of the upright mark where an avoid
// window's bar ends; calEndGap the space between that mark and the
// window's end in words after it.
const (
	calEndMark = 6.0
	calEndGap  = 4.0
)

// calMinLabel is the narrowest rule column: about 25 characters a line at
// CalendarSize; longer rule names wrap.
const calMinLabel = 150.0

// calMaxStretch caps how much taller than its natural height a grid row
// grows to fill the page.
const calMaxStretch = 3.0

// minWriteW is the narrowest day column of an undated calendar: room to
// write a date such as "13/3" by hand.
const minWriteW = 26.0

// CalendarPage is the laid-out calendar, for tests and painting.
type CalendarPage struct {
	W, H, Margin  float64
	LabelW, DayW  float64
	DayLabel      string     // "Day", heading the day numbers
	Height        float64    // height used, from the top margin
	GridH         float64    // height of the grid: every band, headers and rows
	HeadSize      float64    // type size of the weekday and date over each day
	HeadLead      float64    // their leading
	HeadPad       float64    // the space under a dated day's header
	MastLines     int        // lines of the masthead at the right, beside the title
	MastRight     float64    // where the masthead's lines end: left of the logo, at the page's right margin
	MarkSize      float64    // type size of the time-of-day marks in the tick boxes
	Personal      []string   // the patient's line of a personal copy, broken to fit, under the masthead's rule
	SplitMast     bool       // the treatment and the variant on lines of their own (see mastLines)
	Headers       [][]string // per day: "Day 3", then weekday and date when dated
	Intro, Footer []layout.Line
	// Foot is the page footer's words: the review line and the
	// disclaimer with the clinic's phone (footFor).
	Foot          Foot
	Legend        []layout.Line // what the marks in the boxes stand for, in the first band's top left corner; nil when under the intro
	Bands         []calBand     // the grid, in one band of days or, for long calendars, stacked bands
	Milestones    [][]layout.Line
	MilestoneCols int     // columns of the "what to expect" list
	MilestoneLH   float64 // the line height of the "what to expect" list
	// ExpectPage puts the "what to expect" list on a second page, where
	// the grid and the rest do not leave it room (see
	// Options.CalendarExpectPage).
	ExpectPage bool
}

// calBand is the grid for days First to Last, with the rows in force then.
type calBand struct {
	First, Last int
	Rows        []calRow
}

type calRow struct {
	section string // a section heading row, or ""
	label   []layout.Line
	after   []layout.Line // an avoid window's end, after its bar; nil when the label says it
	lh      float64       // the label's line height
	row     calendar.Row
	h       float64
	minH    float64 // its natural height, before stretch
}

// calDensity is how tightly the grid is set. LayoutCalendar tries them in
// order until the page holds everything; the task words stay at
// CalendarSize in all of them.
type calDensity struct {
	sub      float64 // type size of a rule's times or end
	head     float64 // type size of the weekday and date over each day
	leading  float64 // of the rule names
	boxPad   float64 // least space above and below a tick box
	expect   float64 // leading of the "what to expect" list
	headLead float64 // leading of the weekday and date over each day
	secPad   float64 // space under a section's heading
	headPad  float64 // space under a dated day's header
}

// calLeading is the leading of the calendar's lines at their loosest: the
// intro, the footer, the rule names and the "what to expect" list.
const calLeading = 1.25

// calMinDays is the fewest day columns a band may have: fewer, and the
// calendar cannot be laid out across the page.
const calMinDays = 8

// The "what to expect" list takes calExpectCols columns, or
// calExpectColsMany where it has more than calExpectManyOver milestones;
// calExpectGutter is the space at the right of each of its columns.
const (
	calExpectCols     = 3
	calExpectColsMany = 4
	calExpectManyOver = 6
	calExpectGutter   = 10.0
)

// calMargin is the calendar page's margin on every side; calMastLines the
// lines of the masthead beside the title when the treatment and the
// variant share one.
const (
	calMargin    = 10 * mm
	calMastLines = 2
)

// calLayout is the state of one calendar's layout: what it lays out, the
// tools it sets type with, and the page it fills in.
type calLayout struct {
	cp     *CalendarPage
	cal    *calendar.Calendar
	res    *content.Resolved
	env    content.Env
	opt    Options
	f      *Fonts
	l      *lang.Lang
	b      *builder
	usable float64 // the width between the margins
	lh     float64 // the line height of CalendarSize type at calLeading
}

// LayoutCalendar lays out the one-page calendar and checks that it fits.
func LayoutCalendar(cal *calendar.Calendar, res *content.Resolved, env content.Env, opt Options) (*CalendarPage, error) {
	p, err := env.Brand.Paper.Size()
	if err != nil {
		return nil, err
	}
	cp := &CalendarPage{W: p.H, H: p.W, Margin: calMargin, MastLines: calMastLines}
	c := &calLayout{cp: cp, cal: cal, res: res, env: env, opt: opt, f: opt.Fonts, l: env.Lang,
		usable: cp.W - 2*cp.Margin, lh: layout.LineHeight(CalendarSize, calLeading)}
	c.masthead()
	c.dayColumns()
	c.b = newBuilder(c.f, opt.Style, res, nil, c.usable, env.Brand.Colors.Primary, opt.Images)
	c.b.md, c.b.breaks = opt.Markdown, opt.Breaks
	if err := c.splitBands(); err != nil {
		return nil, err
	}
	if err := c.introAndLegend(); err != nil {
		return nil, err
	}
	if cp.Footer, err = c.b.calText([]byte(res.Footer), c.usable-2*calPad, layout.Bold); err != nil {
		return nil, err
	}
	c.milestones()
	if err := c.fit(); err != nil {
		return nil, err
	}
	return cp, nil
}

// masthead sets the page's footer words and the masthead: whether the
// treatment and variant share a line beside the title, and the patient's
// line under the rule.
func (c *calLayout) masthead() {
	cp, opt, st := c.cp, c.opt, c.opt.Style
	// The treatment and variant share a line at the right unless it would
	// run into the title at the left (several treatments or areas): then
	// each has its own.
	lb := CalendarLabels(c.env, opt.Patient)
	if opt.CalendarLabels != nil {
		lb = *opt.CalendarLabels
	}
	cp.Foot = footFor(lb, c.env.ReviewLine(c.res.Handout), c.env.Disclaimer(), cp.W-2*cp.Margin, opt.Fonts, st.SmallSize, false)
	// The title starts at the grid's left edge, the margin; the logo
	// stands at the right, the masthead's lines beside it.
	titleEnd := cp.Margin + opt.Fonts.Width(layout.Bold, st.H2Size, norm.NFC.String(c.res.Title)) + calTitleGap
	cp.MastRight = cp.W - cp.Margin
	if w := calLogoW(c.env, opt); w > 0 {
		cp.MastRight -= w + calLogoGap
	}
	if cp.MastRight-opt.Fonts.Width(layout.Regular, CalendarSize+1, lb.mastLines(false)[1]) < titleEnd {
		cp.SplitMast = true
		cp.MastLines++
	}
	// The patient's line has room of its own under the rule, as on the
	// sheets, so a long name and date never run into the title.
	pst := *st
	pst.BodySize = CalendarSize + 1
	cp.Personal = personalLines(lb.Prepared, cp.W-2*cp.Margin, opt.Fonts, &pst)
}

// dayColumns sets the days' headers and the width of a day's column, the
// tick boxes' mark size and the word heading the day numbers.
func (c *calLayout) dayColumns() {
	cp, cal, f, l := c.cp, c.cal, c.f, c.l
	// Day columns are narrow so that each rule fits on one line: the day
	// number, and on a dated calendar the weekday, day and month, stacked.
	for _, d := range cal.Days {
		h := []string{fmt.Sprint(d.N)}
		if cal.Dated {
			h = append(h, l.Weekday(d.Date), fmt.Sprint(d.Date.Day()))
		}
		cp.Headers = append(cp.Headers, h)
		for i, s := range h {
			face := layout.Regular
			if i == 0 {
				face = layout.Bold
			}
			cp.DayW = max(cp.DayW, f.Width(face, CalendarSize, s)+calHeadPad)
		}
	}
	// Room for the most tick boxes a day holds, and for writing a date.
	for _, r := range cal.Rows {
		n := float64(max(1, len(r.Rule.Times)))
		cp.DayW = max(cp.DayW, n*calBox+(n-1)*calGap+2*calBoxPad)
	}
	if !cal.Dated {
		cp.DayW = max(cp.DayW, minWriteW)
	}
	cp.MarkSize = markSize(f, l)
	cp.DayLabel = strings.TrimSpace(strings.ReplaceAll(l.DayN, "%d", ""))
}

// splitBands cuts the days into bands and sets the label column's width:
// as many day columns as leave the rule labels room (they wrap); a longer
// calendar is cut into bands of equal length stacked down the page. The
// columns share the page's whole width.
func (c *calLayout) splitBands() error {
	cp, days := c.cp, len(c.cal.Days)
	fit := int((c.usable - calMinLabel) / cp.DayW)
	if fit < calMinDays {
		return content.Errorf(c.res.Handout.File, 0, "calendar for %s, %s, %s: the day columns do not fit across the page", c.env.Brand.ID, c.env.Skin.ID, c.env.Area.ID)
	}
	nb := (days + fit - 1) / fit
	per := (days + nb - 1) / nb
	cp.LabelW = c.usable - cp.DayW*float64(per)
	for first := 0; first < days; first += per {
		cp.Bands = append(cp.Bands, calBand{First: first, Last: min(first+per, days) - 1})
	}
	return nil
}

// text breaks s, set in face at CalendarSize in colour col, into lines of
// width w.
func (c *calLayout) text(s string, face layout.Face, w float64, col layout.RGB) []layout.Line {
	return c.opt.Breaks.Break(c.f, []layout.Span{{Text: s, Style: layout.Style{Face: face, Size: CalendarSize, Color: col}}}, w, calLeading)
}

// introAndLegend sets the intro and the legend of the marks in the tick
// boxes.
func (c *calLayout) introAndLegend() error {
	cp, cal, f, l := c.cp, c.cal, c.f, c.l
	var err error
	if cp.Intro, err = c.b.calText(c.res.Source, c.usable, layout.Regular); err != nil {
		return err
	}
	// What the marks in the tick boxes stand for, for the times of day
	// the grid uses (the rows' labels need not repeat it): in the grid's
	// top left corner, left of "Day" and the month, where it fits in the
	// lines the days' headers take; else under the intro.
	times := cal.TimesUsed()
	if len(times) == 0 {
		return nil
	}
	reserve := f.Width(layout.Bold, CalendarSize, cp.DayLabel)
	if cal.Dated {
		for _, band := range cp.Bands {
			reserve = max(reserve, f.Width(layout.Regular, CalendarSize, l.Months[cal.Days[band.First].Date.Month()-1]+"/"+l.Months[cal.Days[band.Last].Date.Month()-1]))
		}
	}
	legend := c.text(l.Legend(times), layout.Regular, cp.LabelW-calLabelPad-reserve-calTitleGap, c.b.text)
	if len(legend) <= calLegendLines {
		cp.Legend = legend
	} else {
		cp.Intro = append(cp.Intro, c.text(l.Legend(times), layout.Regular, c.usable, c.b.text)...)
	}
	return nil
}

// milestones sets the "what to expect" list: its columns and each
// milestone's lines.
func (c *calLayout) milestones() {
	cp, cal, l, b := c.cp, c.cal, c.l, c.b
	cp.MilestoneCols = calExpectCols
	if len(cal.Milestones) > calExpectManyOver {
		cp.MilestoneCols = calExpectColsMany
	}
	colW := c.usable / float64(cp.MilestoneCols)
	all := cal.Treatments()
	merged := len(all) > 1
	for _, m := range cal.Milestones {
		when := fmt.Sprintf(l.DayN, m.Day)
		if cal.Dated {
			when = l.LineDate(m.At) // starts a line: "Sáb 14 mar:"
		}
		spans := []layout.Span{
			{Text: when + ": ", Style: layout.Style{Face: layout.Bold, Size: CalendarSize, Color: b.text}},
			{Text: m.Rule.Text, Style: layout.Style{Size: CalendarSize, Color: b.text}},
		}
		// On a calendar of several treatments, a milestone of some of them
		// names them; one that all of them share is what to expect after
		// each.
		if merged && len(m.Rule.From) < len(all) {
			spans = append(spans, layout.Span{Text: " (" + strings.Join(m.Rule.From, " + ") + ")", Style: layout.Style{Face: layout.Italic, Size: CalendarSize, Color: b.muted}})
		}
		cp.Milestones = append(cp.Milestones, c.opt.Breaks.Break(c.f, spans, colW-calExpectGutter, calLeading))
	}
}

// densities are the settings the grid is tried at, from the loosest to
// the tightest. Where the page would not hold everything, first the
// rules' times and ends, then the weekdays and dates over the days go to
// the small size, and last the rows close up: a little, and then (a
// calendar of several treatments may need it) as far as lines of 12 pt
// type can.
func densities(small float64) []calDensity {
	return []calDensity{
		{sub: CalendarSize, head: CalendarSize, leading: 1.25, boxPad: calBoxPad, expect: 1.25, headLead: 1.25, secPad: calSectionPad, headPad: calHeadPadBelow},
		{sub: small, head: CalendarSize, leading: 1.25, boxPad: calBoxPad, expect: 1.25, headLead: 1.25, secPad: calSectionPad, headPad: calHeadPadBelow},
		{sub: small, head: small, leading: 1.25, boxPad: calBoxPad, expect: 1.25, headLead: 1.25, secPad: calSectionPad, headPad: calHeadPadBelow},
		{sub: small, head: small, leading: 1.15, boxPad: 1, expect: 1.25, headLead: 1.25, secPad: calSectionPad, headPad: calHeadPadBelow},
		{sub: small, head: small, leading: 1.05, boxPad: 1, expect: 1.1, headLead: 1.25, secPad: calSectionPad, headPad: calHeadPadBelow},
		// The tightest: for long calendars of two bands.
		{sub: small, head: small, leading: 1.05, boxPad: calBoxPadMin, expect: 1.05, headLead: 1.05, secPad: calBoxPadMin, headPad: calBoxPadMin},
	}
}

// fit fits the grid to the page, then stretches its rows to fill it, or
// reports by how much the calendar is too tall.
func (c *calLayout) fit() error {
	cp, opt := c.cp, c.opt
	avail := cp.H - 2*cp.Margin
	if err := c.fitPage(avail); err != nil {
		return err
	}
	// Last, where the caller allows it, the "what to expect" list moves to
	// a page of its own and the grid gets the first page.
	if cp.Height > avail && opt.CalendarExpectPage && len(cp.Milestones) > 0 {
		cp.ExpectPage = true
		if err := c.fitPage(avail); err != nil {
			return err
		}
		cp.MilestoneLH = c.lh
	}
	if cp.Height > avail {
		return content.Errorf(c.res.Handout.File, 0, "calendar for %s, %s, %s does not fit on one page: %.0f mm too tall; shorten rule texts or lower calendar_days",
			c.env.Brand.ID, c.env.Skin.ID, c.env.Area.ID, (cp.Height-avail)/mm)
	}
	cp.stretch(avail - cp.Height)
	cp.Height = cp.height(c.lh, opt)
	cp.GridH = cp.gridHeight(c.lh)
	return nil
}

// fitPage lays out the rows at each density in turn, from the loosest,
// and stops at the first whose page is no taller than avail; at none, the
// tightest stays.
func (c *calLayout) fitPage(avail float64) error {
	cp := c.cp
	for _, d := range densities(c.opt.Style.SmallSize) {
		cp.HeadSize, cp.HeadLead, cp.HeadPad = d.head, d.headLead, d.headPad
		cp.MilestoneLH = layout.LineHeight(CalendarSize, d.expect)
		if err := c.buildRows(d); err != nil {
			return err
		}
		if cp.Height = cp.height(c.lh, c.opt); cp.Height <= avail {
			return nil
		}
	}
	return nil
}

// buildRows sets every band's rows at density d.
func (c *calLayout) buildRows(d calDensity) error {
	for bi := range c.cp.Bands {
		if err := c.bandRows(&c.cp.Bands[bi], d); err != nil {
			return err
		}
	}
	return nil
}

// bandRows sets band's rows at density d: per section, a heading and the
// rules in force in the band's days, tasks before avoid windows.
func (c *calLayout) bandRows(band *calBand, d calDensity) error {
	band.Rows = nil
	for _, sec := range sections(c.cal, c.l) {
		first := true
		for _, kind := range []calendar.RuleKind{calendar.KindDo, calendar.KindAvoid} {
			for _, r := range c.cal.Rows {
				if r.Rule.Kind != kind || !sec.holds(r) || !activeIn(r, band.First, band.Last) {
					continue
				}
				if first {
					band.Rows = append(band.Rows, c.sectionRow(sec.title, d))
					first = false
				}
				row, err := c.ruleRow(r, *band, d)
				if err != nil {
					return err
				}
				band.Rows = append(band.Rows, row)
			}
		}
	}
	return nil
}

// sectionRow is a section's heading at density d. It wraps inside the
// label column, so a long one ("Do (tick when done) · A + B") never runs
// over the day columns.
func (c *calLayout) sectionRow(s string, d calDensity) calRow {
	slh := min(c.lh, layout.LineHeight(CalendarSize, d.leading))
	lines := c.text(s, layout.Bold, c.cp.LabelW-calLabelPad, c.b.primary)
	return calRow{section: s, label: lines, lh: slh, h: float64(len(lines))*slh + d.secPad}
}

// ruleRow is rule r's row in band at density d: its label, an avoid
// window's end after its bar where it has no room in the label, and the
// row's height.
func (c *calLayout) ruleRow(r calendar.Row, band calBand, d calDensity) (calRow, error) {
	cp, f := c.cp, c.f
	spans := labelSpans(c.cal, r, c.l, c.b, d.sub)
	// An avoid window's end ("until day 7") follows its text in the label;
	// where that would take a second line, it goes after the window's bar
	// instead, if the band shows the end and the days after it have room.
	var after []layout.Line
	if len(spans) > 1 && len(c.opt.Breaks.Break(f, spans, cp.LabelW-calLabelPad, d.leading)) > 1 {
		if x, ok := cp.barEnd(r, band); ok {
			sub := spans[1]
			sub.Text = strings.TrimPrefix(sub.Text, labelSep)
			end := c.opt.Breaks.Break(f, []layout.Span{sub}, c.usable, d.leading)
			if len(end) == 1 && x+calEndGap+end[0].Width <= cp.DayW*float64(band.Last-band.First+1)-calBoxPad {
				spans, after = spans[:1], end
			}
		}
	}
	if ch, bad := f.Missing(r.Rule.Text); bad {
		return calRow{}, content.Errorf(c.env.Treatment.File, 0, "rule %s: character %q (U+%04X) has no glyph in the font; replace or remove it", r.Rule.ID, string(ch), ch)
	}
	lines := c.opt.Breaks.Break(f, spans, cp.LabelW-calLabelPad, d.leading)
	rlh := layout.LineHeight(CalendarSize, d.leading)
	// A task's row holds its tick boxes; an avoid window's, only its bar
	// and end mark, which its label's line holds.
	inner := calBox
	if r.Rule.Kind == calendar.KindAvoid {
		inner = 0 // the label's line holds the bar
	}
	h := max(float64(len(lines))*rlh, inner+2*d.boxPad)
	return calRow{label: lines, after: after, lh: rlh, row: r, h: h, minH: h}, nil
}

// calLogoW is the printed width of the logo on the calendar, or 0 without
// one.
func calLogoW(env content.Env, opt Options) float64 {
	logo := opt.Logo
	if len(logo) == 0 {
		logo = env.Brand.LogoPNG
	}
	if len(logo) == 0 {
		return 0
	}
	c, _, err := image.DecodeConfig(bytes.NewReader(logo))
	if err != nil || c.Height == 0 {
		return 0
	}
	return calLogoH * float64(c.Width) / float64(c.Height)
}

// markSize is the type size of the time-of-day marks: calMarkSize, or
// smaller where the widest mark would not fit inside a tick box.
func markSize(f *Fonts, l *lang.Lang) float64 {
	size := calMarkSize
	for _, m := range l.TimeMarks {
		if w := f.Width(layout.Bold, size, m); w > calBox-2*calMarkInset {
			size = max(calMarkMin, size*(calBox-2*calMarkInset)/w)
		}
	}
	return size
}

// barEnd reports where row r's bar ends in band, in points from the
// band's first day column, and whether it ends there (not after the band).
func (cp *CalendarPage) barEnd(r calendar.Row, band calBand) (float64, bool) {
	last := -1
	for d := band.Last; d >= band.First; d-- {
		if r.Cells[d].Active {
			last = d
			break
		}
	}
	if last < 0 || (last == band.Last && last+1 < len(r.Cells) && r.Cells[last+1].Active) {
		return 0, false
	}
	x := float64(last-band.First+1) * cp.DayW
	if r.Cells[last].Ends {
		x = float64(last-band.First)*cp.DayW + cp.DayW*float64(r.EndHour*60+r.EndMinute)/minutesPerDay
	}
	return x, true
}

// stretch shares extra points of height among the grid's rule rows, so
// that the grid fills the page: larger cells to tick and write in. No row
// grows past calMaxStretch times its natural height.
func (cp *CalendarPage) stretch(extra float64) {
	var rows []*calRow
	for bi := range cp.Bands {
		for ri := range cp.Bands[bi].Rows {
			if r := &cp.Bands[bi].Rows[ri]; r.section == "" {
				rows = append(rows, r)
			}
		}
	}
	for len(rows) > 0 && extra > 0.5 {
		each := extra / float64(len(rows))
		var room []*calRow
		for _, r := range rows {
			add := min(each, r.minH*calMaxStretch-r.h)
			r.h += add
			extra -= add
			if r.h < r.minH*calMaxStretch-0.01 {
				room = append(room, r)
			}
		}
		rows = room
	}
}

// gridHeight is the height of the grid's bands, headers included.
func (cp *CalendarPage) gridHeight(lh float64) float64 {
	h := 0.0
	for i, band := range cp.Bands {
		if i > 0 {
			h += bandGap
		}
		h += cp.headerH(lh)
		for _, r := range band.Rows {
			h += r.h
		}
	}
	return h
}

// calText lays out Markdown text (the intro or the footer) as lines.
func (b *builder) calText(src []byte, width float64, face layout.Face) ([]layout.Line, error) {
	src = norm.NFC.Bytes(bytes.TrimSpace(src))
	if len(src) == 0 {
		return nil, nil
	}
	doc := markdown.Parse(b.md, src)
	b.src = src
	var out []layout.Line
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		st := layout.Style{Face: face, Size: CalendarSize, Color: b.text}
		spans, err := b.inline(c, st)
		if err != nil {
			return nil, err
		}
		out = append(out, b.breaks.Break(b.fonts, spans, width, 1.25)...)
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	return out, nil
}

// gridSection is one section of the grid: a heading row and the rules
// it holds, daily tasks before avoid windows.
type gridSection struct {
	title string
	holds func(calendar.Row) bool
}

// sections are the grid's sections in order. A calendar of one treatment
// has two: the daily tasks ("Do (tick when done)") and the avoid windows
// ("Avoid"). A calendar of several says which treatments each line
// belongs to, by section: first the tasks and the avoid windows that all
// of them share, under headings that name them all ("Do (tick when done)
// · HarborRenew™ Microneedling + Chemical peel"), then one section for
// the lines of each treatment alone (or of some of them), headed by its
// name, its tasks before its avoid windows. Tick boxes and lines show
// which is which, as everywhere on the grid.
func sections(cal *calendar.Calendar, l *lang.Lang) []gridSection {
	kind := func(k calendar.RuleKind) func(calendar.Row) bool {
		return func(r calendar.Row) bool { return r.Rule.Kind == k }
	}
	all := cal.Treatments()
	if len(all) < 2 {
		return []gridSection{{l.CalDo, kind(calendar.KindDo)}, {l.CalAvoid, kind(calendar.KindAvoid)}}
	}
	names := strings.Join(all, " + ")
	from := func(r calendar.Row) string { return strings.Join(r.Rule.From, " + ") }
	out := []gridSection{
		{l.CalDo + " \u00b7 " + names, func(r calendar.Row) bool { return r.Rule.Kind == calendar.KindDo && from(r) == names }},
		{l.CalAvoid + " \u00b7 " + names, func(r calendar.Row) bool { return r.Rule.Kind == calendar.KindAvoid && from(r) == names }},
	}
	var groups []string
	size := map[string]int{}
	for _, r := range cal.Rows {
		if g := from(r); g != names && size[g] == 0 {
			size[g] = len(r.Rule.From)
			groups = append(groups, g)
		}
	}
	// The lines of more treatments come first.
	slices.SortStableFunc(groups, func(a, b string) int { return size[b] - size[a] })
	for _, g := range groups {
		out = append(out, gridSection{g, func(r calendar.Row) bool { return from(r) == g }})
	}
	return out
}

// labelSpans is a row's label: the rule's text, then, for an avoid
// window, when it ends, in italics. A task's times of day are the marks in
// its tick boxes, named in the legend under the intro.
func labelSpans(cal *calendar.Calendar, r calendar.Row, l *lang.Lang, b *builder, subSize float64) []layout.Span {
	var sub string
	if r.Rule.Kind == calendar.KindAvoid {
		sub = l.UntilText(r.EndDay, cal.End(r), cal.Dated, cal.EndsAtClock(r))
	}
	spans := []layout.Span{{Text: r.Rule.Text, Style: layout.Style{Size: CalendarSize, Color: b.text}}}
	if sub != "" {
		spans = append(spans, layout.Span{Text: labelSep + sub, Style: layout.Style{Face: layout.Italic, Size: subSize, Color: b.muted}})
	}
	return spans
}

// labelSep joins a rule's text and its end in a label.
const labelSep = " \u00b7 "

// activeIn reports whether row r is in force on any day from first to last.
func activeIn(r calendar.Row, first, last int) bool {
	for d := first; d <= last && d < len(r.Cells); d++ {
		if r.Cells[d].Active {
			return true
		}
	}
	return false
}

// Pages is the number of pages the calendar takes: 1, or 2 with its
// "what to expect" list on a page of its own.
func (cp *CalendarPage) Pages() int {
	if cp.ExpectPage {
		return 2
	}
	return 1
}

// mastheadH is the height of the masthead: its lines at the right (the
// clinic, the treatment and variant), at least the logo's height, and on
// a personal copy the patient's lines under its rule.
func (cp *CalendarPage) mastheadH() float64 { return cp.ruleY() + 4 + float64(len(cp.Personal))*13 }

// ruleY is where the masthead's rule runs, below its top.
func (cp *CalendarPage) ruleY() float64 { return float64(cp.MastLines)*13 + 4 }

func (cp *CalendarPage) headerH(lh float64) float64 {
	if len(cp.Headers[0]) == 1 {
		return 2*lh + 4 // the day number and a line to write the date on
	}
	y, _ := cp.headLine(len(cp.Headers[0]), lh)
	return y + cp.HeadPad
}

// headLine is where line i of a day's header starts, below the header's
// top, and its type size: the day number at CalendarSize, the weekday and
// the date at HeadSize.
func (cp *CalendarPage) headLine(i int, lh float64) (float64, float64) {
	if i == 0 {
		return 0, CalendarSize
	}
	return lh + float64(i-1)*layout.LineHeight(cp.HeadSize, cp.HeadLead), cp.HeadSize
}

func (cp *CalendarPage) height(lh float64, opt Options) float64 {
	h := cp.mastheadH() + float64(len(cp.Intro))*lh + 6 + cp.gridHeight(lh)
	if len(cp.Milestones) > 0 && !cp.ExpectPage {
		h += 8 + lh + 2
		k := cp.MilestoneCols
		rows := (len(cp.Milestones) + k - 1) / k
		for i := 0; i < rows; i++ {
			tallest := 0
			for j := i * k; j < i*k+k && j < len(cp.Milestones); j++ {
				tallest = max(tallest, len(cp.Milestones[j]))
			}
			h += float64(tallest)*cp.MilestoneLH + 3
		}
	}
	h += 8 + float64(len(cp.Footer))*lh + 2*calPad
	h += opt.Style.SmallSize*1.4 + 6 // the clinic line at the foot
	h += float64(len(cp.Foot.Lines)) * footLH(opt.Style.SmallSize)
	return h
}

// RenderCalendar lays out and paints the calendar as a one-page PDF.
func RenderCalendar(w io.Writer, cal *calendar.Calendar, res *content.Resolved, env content.Env, opt Options) (*CalendarPage, error) {
	cp, err := LayoutCalendar(cal, res, env, opt)
	if err != nil {
		return nil, err
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: cp.W, Ht: cp.H}})
	lb := CalendarLabels(env, opt.Patient)
	p := startDoc(f, res, env, opt, lb.Treatment+" \u00b7 "+lb.Variant)
	p.m.doc = pdfua.NewDoc()
	p.addFaces(calendarFaces)
	f.AddPage()
	tags := p.paintCalendarPage(cp, cal, env, lb, res.Title, 1, 1)
	if err := f.Error(); err != nil {
		return nil, err
	}
	return cp, p.finish(w, tags.root)
}

// calendarFaces are the faces the calendar page draws with.
var calendarFaces = map[layout.Face]bool{layout.Regular: true, layout.Bold: true, layout.Italic: true}

// CalendarLabels are the words of a calendar's masthead and footer for
// env: the clinic, its phone, the treatment, the variant and, on a
// one-off copy, the patient's line.
func CalendarLabels(env content.Env, patient string) Labels {
	return Labels{Clinic: env.Brand.Name, Phone: env.Brand.Contact.Phone,
		Treatment: env.Brand.TreatmentName(env.Treatment), Variant: env.Skin.Label + " \u00b7 " + env.Area.Label,
		Prepared: env.Prepared(patient), Page: env.Lang.Page}
}

// paintCalendarPage paints cp on the current page, page of total, and
// returns its structure.
func (p *painter) paintCalendarPage(cp *CalendarPage, cal *calendar.Calendar, env content.Env, lb Labels, title string, page, total int) *calTags {
	p.g = Geometry{W: cp.W, H: cp.H, Margin: cp.Margin}
	p.cal = calendarTags(cp, cal, env, lb)
	p.paintCalendar(cp, cal, env, lb, title, page, total)
	return p.cal
}

func (p *painter) paintCalendar(cp *CalendarPage, cal *calendar.Calendar, env content.Env, lb Labels, title string, page, total int) {
	f, m := p.f, cp.Margin
	lh := layout.LineHeight(CalendarSize, 1.25)
	right := cp.W - m
	logoH := calLogoH
	if len(env.Brand.LogoPNG) > 0 {
		// The logo at the right margin, the masthead's lines beside it.
		info := f.GetImageInfo("logo")
		w := logoH * info.Width() / info.Height()
		p.tag(p.cal.logo)
		f.ImageOptions("logo", right-w, m+4, w, logoH, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		p.m.doc.BBox(p.cal.logo, p.rect(right-w, m+4, w, logoH))
	}
	// The title at the margin: the grid's left edge.
	p.tag(p.cal.title)
	p.font(layout.Bold, p.opt.Style.H2Size, p.primary)
	f.Text(m, m+4+logoH/2+p.opt.Style.H2Size*0.35, title)
	p.bookmark(title, 0, m)
	y := m
	lines := lb.mastLines(cp.SplitMast)
	for i, s := range lines[:len(lines)-1] {
		p.tag(p.cal.head[i])
		face, c := layout.Regular, p.text
		if i == 0 {
			face, c = layout.Bold, p.primary
		}
		p.font(face, CalendarSize+1, c)
		y += 13
		f.Text(cp.MastRight-p.opt.Fonts.Width(face, CalendarSize+1, s), y, s)
	}
	p.artifact(artLayout)
	p.rule(m, m+cp.ruleY(), right, p.opt.Style.RuleWidth, p.accent)
	if len(cp.Personal) > 0 {
		p.tag(p.cal.head[len(lines)-1])
		p.font(layout.Bold, CalendarSize+1, p.text)
		for i, s := range cp.Personal {
			f.Text(m, m+cp.ruleY()+float64(i+1)*13-1, s)
		}
		p.artifact(artLayout)
	}
	y = m + cp.mastheadH()
	for i := range cp.Intro {
		p.drawLine(&cp.Intro[i], p.cal.intro, m, y, lh)
		y += lh
	}
	y += 6
	for i, band := range cp.Bands {
		if i > 0 {
			y += bandGap
		}
		y = p.paintBand(cp, cal, band, y)
	}
	if len(cp.Milestones) > 0 && !cp.ExpectPage {
		y = p.paintExpect(cp, env, y)
	}
	y += 8
	pad := calPad
	boxH := float64(len(cp.Footer))*lh + 2*pad
	p.artifact(artLayout)
	f.SetDrawColor(int(p.primary.R), int(p.primary.G), int(p.primary.B))
	f.SetLineWidth(p.opt.Style.BoxBorder * 2)
	f.Rect(m, y, right-m, boxH, "D")
	for i := range cp.Footer {
		p.drawLine(&cp.Footer[i], p.cal.footer, m+pad, y+pad+float64(i)*lh, lh)
	}
	p.footer(lb, cp.Foot, page, total)
	if cp.ExpectPage {
		// The second page: the running header, the list, the footer.
		p.endMark()
		f.AddPageFormat("L", fpdf.SizeType{Wd: cp.H, Ht: cp.W})
		p.runningHeader(lb)
		p.paintExpect(cp, env, p.g.Margin+p.opt.Style.SmallSize*1.4+10)
		p.footer(lb, cp.Foot, page+1, total)
	}
}

// paintExpect draws the "what to expect" list from y and returns the y
// below it.
func (p *painter) paintExpect(cp *CalendarPage, env content.Env, y float64) float64 {
	f, m := p.f, cp.Margin
	lh := layout.LineHeight(CalendarSize, 1.25)
	y += 8
	p.tag(p.cal.expect)
	p.font(layout.Bold, CalendarSize, p.primary)
	f.Text(m, y+lh*0.8, env.Lang.CalExpect)
	y += lh + 2
	k := cp.MilestoneCols
	colW := (cp.W - 2*m) / float64(k)
	for i := 0; i < len(cp.Milestones); i += k {
		tallest := 0
		for j := i; j < i+k && j < len(cp.Milestones); j++ {
			for k := range cp.Milestones[j] {
				p.drawLine(&cp.Milestones[j][k], p.cal.milestones[j], m+float64(j-i)*colW, y+float64(k)*cp.MilestoneLH, cp.MilestoneLH)
			}
			tallest = max(tallest, len(cp.Milestones[j]))
		}
		y += float64(tallest)*cp.MilestoneLH + 3
	}
	return y
}

// calCornerPad is the space between the first day's rule and the "Day"
// and the month at its left, in the grid's top left corner.
const calCornerPad = 6.0

// An undated day's line to write the date on stands calWriteInset in from
// its column's rules and calWriteRise above the bottom of the header,
// calWriteLine thick.
const (
	calWriteInset = 4.0
	calWriteRise  = 6.0
	calWriteLine  = 0.6
)

// calLabelIndent is how far a rule's label stands in from the margin,
// under its section's heading.
const calLabelIndent = 2.0

// The grid's lines: calSectionRule under a section's heading, calRowRule
// under each row and between the days; calBarW is the thickness of an
// avoid window's bar, calEndMarkW of the upright mark where it ends.
const (
	calSectionRule = 1.0
	calRowRule     = 0.4
	calBarW        = 3.0
	calEndMarkW    = 1.5
)

// minutesPerDay scales an avoid window's end time to its share of a day's
// column.
const minutesPerDay = 1440

// paintBand draws the grid of one band from y and returns the y below it.
func (p *painter) paintBand(cp *CalendarPage, cal *calendar.Calendar, band calBand, y float64) float64 {
	lh := layout.LineHeight(CalendarSize, calLeading)
	hh := cp.headerH(lh)
	bt := p.cal.bands[band.First]
	p.paintCorner(cp, cal, band, bt, y)
	p.paintDayHeads(cp, cal, band, bt, y)
	y += hh
	gridTop := y
	for ri, r := range band.Rows {
		y = p.paintRow(cp, band, r, bt.rows[ri], y)
	}
	p.paintDayRules(cp, band, gridTop-hh, y)
	return y
}

// paintCorner draws the grid's top left corner at y: on the first band
// the legend, and on each the "Day" heading the day numbers and, on a
// dated calendar, the month.
func (p *painter) paintCorner(cp *CalendarPage, cal *calendar.Calendar, band calBand, bt *bandTags, y float64) {
	f, m := p.f, cp.Margin
	lh := layout.LineHeight(CalendarSize, calLeading)
	gx := m + cp.LabelW
	if band.First == 0 {
		// The legend, a paragraph of its own after the intro's.
		for i := range cp.Legend {
			p.drawLine(&cp.Legend[i], p.cal.legend, m, y+float64(i)*lh, lh)
		}
	}
	p.tag(bt.corner)
	p.font(layout.Bold, CalendarSize, p.text)
	f.Text(gx-calCornerPad-p.opt.Fonts.Width(layout.Bold, CalendarSize, cp.DayLabel), y+lh*0.8, cp.DayLabel)
	if cal.Dated {
		// The month beside the days of the month, e.g. "Mar" or "Mar/Apr".
		months := p.lang.Months[cal.Days[band.First].Date.Month()-1]
		if last := p.lang.Months[cal.Days[band.Last].Date.Month()-1]; last != months {
			months += "/" + last
		}
		dy, size := cp.headLine(len(cp.Headers[band.First])-1, lh)
		p.font(layout.Regular, size, p.text)
		f.Text(gx-calCornerPad-p.opt.Fonts.Width(layout.Regular, size, months), y+dy+layout.LineHeight(size, cp.HeadLead)*0.8, months)
	}
}

// paintDayHeads draws each day's header lines over its column from y and,
// on an undated calendar, a line to write the date on.
func (p *painter) paintDayHeads(cp *CalendarPage, cal *calendar.Calendar, band calBand, bt *bandTags, y float64) {
	f := p.f
	lh := layout.LineHeight(CalendarSize, calLeading)
	gx := cp.Margin + cp.LabelW
	hh := cp.headerH(lh)
	for d := band.First; d <= band.Last; d++ {
		cx := gx + float64(d-band.First)*cp.DayW
		p.tag(bt.days[d-band.First])
		for i, s := range cp.Headers[d] {
			face := layout.Regular
			if i == 0 {
				face = layout.Bold
			}
			dy, size := cp.headLine(i, lh)
			p.font(face, size, p.text)
			w := p.opt.Fonts.Width(face, size, s)
			lead := cp.HeadLead
			if i == 0 {
				lead = calLeading // the day number's line is lh
			}
			f.Text(cx+(cp.DayW-w)/2, y+dy+layout.LineHeight(size, lead)*0.8, s)
		}
		if !cal.Dated {
			// A line to write the date on.
			p.artifact(artLayout)
			p.rule(cx+calWriteInset, y+hh-calWriteRise, cx+cp.DayW-calWriteInset, calWriteLine, p.muted)
		}
	}
}

// paintRow draws one row of band from y, a section's heading or a rule
// with its boxes or bar, with the rule under it, and returns the y below
// it.
func (p *painter) paintRow(cp *CalendarPage, band calBand, r calRow, rt rowTags, y float64) float64 {
	m := cp.Margin
	right := m + cp.LabelW + cp.DayW*float64(band.Last-band.First+1)
	if r.section != "" {
		for i := range r.label {
			p.drawLine(&r.label[i], rt.th, m, y+r.h-float64(len(r.label)-i)*r.lh, r.lh)
		}
		y += r.h
		p.artifact(artLayout)
		p.rule(m, y, right, calSectionRule, p.primary)
		return y
	}
	top := y + (r.h-float64(len(r.label))*r.lh)/2 // the label centred in its row
	for i := range r.label {
		p.drawLine(&r.label[i], rt.th, m+calLabelIndent, top+float64(i)*r.lh, r.lh)
	}
	mid := y + r.h/2
	gx := m + cp.LabelW
	for d := band.First; d <= band.Last; d++ {
		c := r.row.Cells[d]
		if !c.Active {
			continue
		}
		cx := gx + float64(d-band.First)*cp.DayW
		p.tag(rt.cells[d-band.First])
		switch r.row.Rule.Kind {
		case calendar.KindDo:
			p.tickBoxes(r.row.Rule.Times, c.Times, cx, mid, cp.DayW, cp.MarkSize)
		case calendar.KindAvoid:
			p.paintBar(cp, r, rt.th, rt.cells[d-band.First], d, cx, mid)
		}
	}
	y += r.h
	p.artifact(artLayout)
	p.rule(m, y, right, calRowRule, hexRGB(p.opt.Style.TableRule))
	return y
}

// paintBar draws an avoid window's bar across day d's column at cx, at
// height mid, and on its last day the upright end mark, with the end in
// words after it where the label does not say it (tagged th, part of the
// row's header; the cell's tag td again after it).
func (p *painter) paintBar(cp *CalendarPage, r calRow, th, td *layout.Node, d int, cx, mid float64) {
	f := p.f
	c := r.row.Cells[d]
	end := cx + cp.DayW
	if c.Ends {
		end = cx + cp.DayW*float64(r.row.EndHour*60+r.row.EndMinute)/minutesPerDay
	}
	p.rule(cx, mid, end, calBarW, p.primary)
	if d == len(r.row.Cells)-1 || !r.row.Cells[d+1].Active {
		f.SetLineWidth(calEndMarkW)
		f.Line(end, mid-calEndMark, end, mid+calEndMark)
		if len(r.after) > 0 {
			// The end in words after the mark: part of the row's
			// header, as it is when in the label.
			p.drawLine(&r.after[0], th, end+calEndGap, mid-r.lh/2, r.lh)
			p.tag(td)
		}
	}
}

// paintDayRules draws the rules between the band's days, from top to
// bottom.
func (p *painter) paintDayRules(cp *CalendarPage, band calBand, top, bottom float64) {
	f := p.f
	gx := cp.Margin + cp.LabelW
	ruleC := hexRGB(p.opt.Style.TableRule)
	p.artifact(artLayout)
	for d := 0; d <= band.Last-band.First+1; d++ {
		cx := gx + float64(d)*cp.DayW
		f.SetDrawColor(int(ruleC.R), int(ruleC.G), int(ruleC.B))
		f.SetLineWidth(calRowRule)
		f.Line(cx, top, cx, bottom)
	}
}

// tickBoxes draws one box per time the rule names, in the rule's order,
// leaving a gap where a time does not fall on this day.
func (p *painter) tickBoxes(all, today []string, x, mid, w, markSize float64) {
	n := max(1, len(all))
	gap := calGap
	total := float64(n)*calBox + float64(n-1)*gap
	bx := x + (w-total)/2
	f := p.f
	f.SetDrawColor(int(p.text.R), int(p.text.G), int(p.text.B))
	f.SetLineWidth(0.9)
	if len(all) == 0 {
		f.Rect(bx, mid-calBox/2, calBox, calBox, "D")
		return
	}
	for i, tm := range all {
		if !slices.Contains(today, tm) {
			continue
		}
		x0 := bx + float64(i)*(calBox+gap)
		f.SetDrawColor(int(p.text.R), int(p.text.G), int(p.text.B))
		f.SetLineWidth(0.9)
		f.Rect(x0, mid-calBox/2, calBox, calBox, "D")
		// The time's mark in the top of the box, centred: the cell's
		// words (ActualText) say the same for a screen reader.
		mark := p.lang.TimeMarks[tm]
		p.font(layout.Bold, markSize, p.muted)
		f.Text(x0+(calBox-p.opt.Fonts.Width(layout.Bold, markSize, mark))/2, mid-calBox/2+calMarkInset+markSize*0.75, mark)
	}
}

// LabelSizes lists the type sizes of the grid's rule names (the task
// words, which begin each row's label) and section titles: at least 12 pt.
func (cp *CalendarPage) LabelSizes() []float64 {
	var out []float64
	for _, b := range cp.Bands {
		for _, r := range b.Rows {
			if len(r.label) > 0 && len(r.label[0].Spans) > 0 {
				out = append(out, r.label[0].Spans[0].Style.Size)
			}
		}
	}
	return out
}
