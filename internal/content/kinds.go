package content

import "fmt"

// Kind is a kind of handout, as a handout's front matter names it
// (kind:). Its row in kindTable carries everything the loader, the
// renderers, the reading grades, review, the index and the command need
// of it; adding a kind is one row there (plus its renderers, which the
// build looks up by kind and format and refuses to do without).
type Kind string

// The kinds of handout.
const (
	KindSheet    Kind = "sheet"
	KindGuide    Kind = "guide"
	KindCalendar Kind = "calendar"
	KindEmail    Kind = "email"
)

// Format is a kind of file the build makes of a handout.
type Format string

// The formats, with the file name extension of each (Format.Ext).
const (
	FormatPDF  Format = "pdf"
	FormatHTML Format = "html"
	FormatICS  Format = "ics"
)

// formatTable is every format, in the order messages name them.
var formatTable = []struct {
	format Format
	ext    string
}{
	{FormatPDF, ".pdf"},
	{FormatHTML, ".html"},
	{FormatICS, ".ics"},
}

// Formats returns every format, in the order messages name them.
func Formats() []Format {
	var out []Format
	for _, row := range formatTable {
		out = append(out, row.format)
	}
	return out
}

// Ext returns the file name extension of f's files (".pdf"), or an error
// that names the formats there are.
func (f Format) Ext() (string, error) {
	for _, row := range formatTable {
		if row.format == f {
			return row.ext, nil
		}
	}
	return "", fmt.Errorf("format %q: use %s", string(f), orList(formatNames()))
}

// KindInfo is what sets one kind of handout apart: what its front matter
// and body must hold, its page limit, the name of a one-off copy, the
// files the build makes of it and how the index and reading grades treat
// it. The reading-grade targets themselves are internal/readability's (by
// language and kind); a test there holds every graded kind to a target in
// every language.
type KindInfo struct {
	Kind     Kind
	Label    string // the index's and the desk form's name for it, in English
	MaxPages int    // the page limit when front matter gives none (0: not paged)
	FileName string // base name of a one-off copy, before its date: never a patient's name
	Summary  bool   // front matter needs summary: (the 3-5 points that matter most)
	Footer   bool   // front matter needs footer: (the calendar's line of warning signs)
	Warning  bool   // the body needs a warning box
	Others   bool   // carries a line in each other language the clinic offers
	Graded   bool   // its words are graded against the language's reading target
	Reviewed bool   // review compares its printed pages (PDF) between versions
	Choice   int    // its place in the index's chooser (1 first); 0: not offered there
	// Formats are the files the build makes of each variant, in order; a
	// format in OnDemand is made only when asked for (a dated copy), never
	// by the whole build. A kind with no formats is never a file of the
	// build (the email: `handouts email`).
	Formats  []Format
	OnDemand []Format
}

// kindTable lists the kinds of handout a treatment folder may hold. An aftercare sheet is one sheet of paper
// printed on both sides; the calendar is one page to put on the fridge.
// An email is the short message that carries a patient's handouts
// (`handouts email`): its title is the subject, its body the message; it
// has no summary and is never a file of the build.
var kindTable = []KindInfo{
	{Kind: KindSheet, Label: "Aftercare sheet", MaxPages: 2, FileName: "aftercare", Summary: true, Warning: true, Others: true,
		Graded: true, Reviewed: true, Choice: 1, Formats: []Format{FormatPDF, FormatHTML}},
	{Kind: KindGuide, Label: "Guide", MaxPages: 8, FileName: "guide", Summary: true,
		Graded: true, Reviewed: true, Choice: 3, Formats: []Format{FormatPDF, FormatHTML}},
	{Kind: KindCalendar, Label: "Day-by-day checklist", MaxPages: 1, FileName: "checklist", Footer: true,
		Choice: 2, Formats: []Format{FormatPDF, FormatHTML, FormatICS}, OnDemand: []Format{FormatICS}},
	{Kind: KindEmail, Label: "Email", FileName: "email", Graded: true},
}

// Kinds returns every kind's row, in table order.
func Kinds() []KindInfo { return kindTable }

// Info returns k's row, or an error that names the kinds there are: an
// unknown kind is never a zero row.
func (k Kind) Info() (KindInfo, error) {
	for _, row := range kindTable {
		if row.Kind == k {
			return row, nil
		}
	}
	return KindInfo{}, fmt.Errorf("kind %q: use %s", string(k), orList(kindNames()))
}

// Made reports whether the build makes k's files in format f (OnDemand
// ones included).
func (i KindInfo) Made(f Format) bool {
	for _, g := range i.Formats {
		if g == f {
			return true
		}
	}
	return false
}

// formatNames lists the formats' names, in table order.
func formatNames() []string {
	var out []string
	for _, row := range formatTable {
		out = append(out, string(row.format))
	}
	return out
}

// kindNames lists the kinds' names, in table order.
func kindNames() []string {
	var out []string
	for _, k := range kindTable {
		out = append(out, string(k.Kind))
	}
	return out
}
