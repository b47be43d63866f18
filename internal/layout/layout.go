// Package layout is the page model between Markdown and PDF. A renderer
// builds a vertical list of Items (text lines already broken to the
// measure, spaces, table rows, images, rules) with the rules that bind
// them: lines of one paragraph, keep-together groups (list items, boxes,
// a day's checklist), keep-with-next after headings. Paginate then cuts the
// list into pages under those rules, so tests can assert on pages, lines
// and positions without reading a PDF, and the painter only draws.
//
// Units are PDF points (1/72 inch). Y grows downwards from the top of the
// page body.
package layout

// RGB is a colour.
type RGB struct{ R, G, B uint8 }

// Face is one of the body family's four faces: Regular, Bold, Italic or
// Bold|Italic. The page model and the style sheet name faces so; only the
// PDF painter knows what its engine calls them.
type Face uint8

// The faces. Bold and Italic combine: Bold|Italic is the bold italic.
const (
	Regular Face = 0
	Bold    Face = 1 << 0
	Italic  Face = 1 << 1
)

// Faces lists the four faces in a fixed order: regular, bold, italic, bold
// italic.
func Faces() []Face { return []Face{Regular, Bold, Italic, Bold | Italic} }

// String names the face as the style sheet's fonts: block does.
func (f Face) String() string {
	return [...]string{"regular", "bold", "italic", "bold_italic"}[f&(Bold|Italic)]
}

// Style is how a span of text is drawn.
type Style struct {
	Face      Face
	Size      float64
	Color     RGB
	Underline bool
}

// Span is a run of text in one style, maybe a link.
type Span struct {
	Text  string
	Style Style
	Link  string
	Tag   *Node // the span's own structure element (a link's Link element); nil: its line's
}

// Measurer gives text widths from the real font metrics.
type Measurer interface {
	Width(face Face, size float64, s string) float64
}

// Placed is a span placed on a line at X (from the line's left edge).
type Placed struct {
	Span
	X, W float64
}

// Line is one line of text, ready to draw.
type Line struct {
	Spans  []Placed
	Width  float64
	Ascent float64 // from the top of the line box to the baseline
}

// Text returns the line's text.
func (l *Line) Text() string {
	s := ""
	for _, p := range l.Spans {
		s += p.Text
	}
	return s
}

// Kind is what an Item is.
type Kind int

// Item kinds.
const (
	KText  Kind = iota // a line of text, maybe with a marker before it
	KSpace             // vertical space, dropped at the top of a page
	KRow               // a table row
	KImage             // an image
	KRule              // a horizontal rule
	KBreak             // a forced page break
	KQR                // a QR code with the address it encodes beside it
)

// MarkKind is what sits before the first line of a list item.
type MarkKind int

// Marker kinds.
const (
	MarkNone   MarkKind = iota
	MarkBullet          // a filled dot
	MarkNumber          // "1." in text
	MarkBox             // a tick box, drawn as a square
)

// Mark is a list marker, at X from the page body's left edge.
type Mark struct {
	Kind    MarkKind
	X       float64
	Text    string // for numbers
	Checked bool
	Style   Style
	Tag     *Node // the list item's Lbl element
}

// Cell is one table cell: its lines, at X with width W.
type Cell struct {
	X, W  float64
	Lines []Line
	Head  bool
	Tag   *Node // the cell's element (TH, TD; for a QR code, the words' P)
}

// Item is one entry of the vertical list.
type Item struct {
	Kind    Kind
	H       float64 // height
	X       float64 // left edge of the content, from the page body's left
	W       float64 // width available (rules, images)
	Line    *Line
	Mark    *Mark
	Cells   []Cell
	Image   string // image name registered with the painter
	QR      string // the address a KQR item encodes
	ImageH  float64
	QRTop   float64  // a KQR item: how far below its top the code's modules (W on a side) start
	Color   RGB      // rules
	Frames  []*Frame // enclosing boxes, outermost first
	Heading int      // heading level for the outline (first line only), 0 if none
	Title   string   // heading text for the outline
	Src     int      // byte offset in the Markdown, for messages

	// Tag is the structure element the item's drawing belongs to (a
	// paragraph's P, a heading's H2, a row's TR, an image's Figure); nil
	// for decoration, drawn as an artifact (rules).
	Tag *Node

	// Rules that bind this item to the next.
	NoBreakAfter bool  // a page must not end after this item
	Group        int   // keep-together group (0: none); items of one group stay on one page when they fit
	Para         int   // paragraph id (0: none), for widow/orphan checks in tests
	ParaLine     int   // 1-based line in the paragraph
	ParaLines    int   // lines in the paragraph
	Header       *Item // for table rows: the header row to repeat after a break
	IsHeader     bool

	// On the last item of a list's item k of n (List, ListItem k,
	// ListItems n): a break after it splits the list k/n-k, which
	// Paginate allows only with MinListSide items or more on each side;
	// ListH is the whole list's height.
	List, ListItem, ListItems int
	ListH                     float64
}

// Frame is a box drawn around the items inside it (a callout, the warning
// box, the summary box): a border, no fill behind text.
type Frame struct {
	ID     int
	Kind   string // "callout", "warning" or "summary"
	X, W   float64
	Pad    float64
	Border RGB
	Width  float64 // border line width
	Rule   bool    // a rule down the left side instead of a full border
}
