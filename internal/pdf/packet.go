package pdf

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/pdfua"
)

// A packet is several handouts of one clinic in one PDF: the aftercare
// sheets of a patient's treatments, the calendar of their days and,
// maybe, the guides. It is drawn as one fpdf document, not merged from
// finished files, so that it has one of everything a PDF has once:
//
//   - Each part starts on a new page with its own masthead, and keeps its
//     own paper orientation (the calendar is landscape).
//   - The page numbers run through the packet: "Page 3 of 5" on the
//     calendar after two two-page sheets.
//   - One outline: each part's title at the top level (or the words the
//     caller gives, such as the title with the area when one treatment is
//     on two areas), with its headings under it.
//   - One structure tree: a Document holding one Part per part, each
//     holding the elements that part has as a file of its own.
//   - One set of font subsets, which keeps a packet smaller than its parts.
//
// The metadata (title, subject, dates) never holds patient data, as in
// every other PDF.

// Part is one handout of a packet.
type Part struct {
	Res *content.Resolved
	Env content.Env
	// Opt renders the part. Fonts, Style and Logo must be one clinic's for
	// every part; Images, Patient and QR are the part's own.
	Opt Options
	// Cal, when set, makes the part the checklist calendar (Res is then the
	// calendar's text); otherwise the part is a sheet or a guide.
	Cal *calendar.Calendar
	// Labels are the calendar's masthead words (several treatments or
	// areas); nil takes them from Env (CalendarLabels).
	Labels *Labels
	// Outline is the part's entry in the outline; "" takes its title.
	Outline string
}

// PacketInfo is a packet's metadata.
type PacketInfo struct {
	Title, Subject string
	Date           time.Time // the latest review of its parts: builds stay byte-identical
}

// PacketResult says how the packet was laid out.
type PacketResult struct {
	Pages  int   // pages in all
	Starts []int // the first page of each part, from 1
}

// partLayout is one part laid out: a sheet's pages or the calendar page.
type partLayout struct {
	sheet *Result
	cal   *CalendarPage
}

func (l partLayout) pages() int {
	if l.cal != nil {
		return l.cal.Pages()
	}
	return len(l.sheet.Pages)
}

func (l partLayout) height() float64 {
	if l.cal != nil {
		return l.cal.H
	}
	return l.sheet.Geom.H
}

// RenderPacket lays out every part, then paints them in order into one
// tagged PDF written to w. A part that does not lay out (a sheet over its
// page limit, a calendar that does not fit) fails the packet.
func RenderPacket(w io.Writer, parts []Part, info PacketInfo) (*PacketResult, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("a packet needs at least one part")
	}
	laid := make([]partLayout, len(parts))
	res := &PacketResult{}
	faces := map[layout.Face]bool{}
	for i, pt := range parts {
		if pt.Opt.Fonts != parts[0].Opt.Fonts || pt.Opt.Style != parts[0].Opt.Style || pt.Env.Brand.ID != parts[0].Env.Brand.ID {
			return nil, fmt.Errorf("a packet holds one clinic's handouts; part %d is %s's", i+1, pt.Env.Brand.ID)
		}
		res.Starts = append(res.Starts, res.Pages+1)
		if pt.Cal != nil {
			pt.Opt.CalendarLabels = pt.Labels
			pt.Opt.CalendarExpectPage = true
			cp, err := LayoutCalendar(pt.Cal, pt.Res, pt.Env, pt.Opt)
			if err != nil {
				return nil, err
			}
			laid[i].cal = cp
			for k := range calendarFaces {
				faces[k] = true
			}
		} else {
			r, err := Layout(pt.Res, pt.Env, pt.Opt)
			if err != nil {
				return nil, err
			}
			laid[i].sheet = r
			for k := range usedFaces(r.Pages) {
				faces[k] = true
			}
		}
		res.Pages += laid[i].pages()
	}
	first := parts[0]
	portrait, err := first.Env.Brand.Paper.Size()
	if err != nil {
		return nil, err
	}
	size := fpdf.SizeType{Wd: portrait.W, Ht: portrait.H}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: size})
	p := newDoc(f, docInfo{Title: info.Title, Subject: info.Subject, Date: info.Date}, first.Env, first.Opt)
	p.m.doc = pdfua.NewDoc()
	p.addFaces(faces)
	lastH := laid[len(laid)-1].height()
	root := layout.NewTree()
	for i, pt := range parts {
		l := laid[i]
		p.opt = pt.Opt
		p.images = fmt.Sprintf("%s%d:", imagePrefix, i)
		p.title = pt.Outline
		p.shift = lastH - l.height()
		var tree *layout.Node
		if l.cal != nil {
			lb := CalendarLabels(pt.Env, pt.Opt.Patient)
			if pt.Labels != nil {
				lb = *pt.Labels
			}
			p.endMark()
			f.AddPageFormat("L", size)
			tree = p.paintCalendarPage(l.cal, pt.Cal, pt.Env, lb, pt.Res.Title, res.Starts[i], res.Pages).root
		} else {
			p.addImages(l.sheet)
			p.paintPages(l.sheet, res.Starts[i]-1, res.Pages)
			tree = l.sheet.Tree
		}
		// Each part's Document becomes a Part of the packet's.
		tree.Role = RolePart
		root.Append(tree)
	}
	if err := f.Error(); err != nil {
		return nil, err
	}
	return res, p.finish(w, root)
}

// RolePart is the structure type of one handout in a packet: a large
// division of a document (PDF 1.7, 14.8.4.2).
const RolePart layout.Role = "Part"
