package pdf

import (
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/markdown"
	"handouts/internal/style"
)

// builder turns a document tree into the page model's vertical list. It
// finds the function for each block kind in a table, so a kind nobody
// handles is an error and never dropped silently.
type builder struct {
	fonts   *Fonts
	st      *style.Style
	res     *content.Resolved
	src     []byte
	primary layout.RGB
	text    layout.RGB
	muted   layout.RGB
	images  ImageSource
	md      goldmark.Markdown
	breaks  *layout.Breaks // Options.Breaks

	items   []*layout.Item
	parent  *layout.Node // the structure element new blocks go into
	x, w    float64      // left edge and width of the current measure
	frames  []*layout.Frame
	group   int
	ids     int
	mark    *layout.Mark      // marker waiting for the next first line
	tight   bool              // inside a tight list item
	lineAt  func(pos int) int // file line of a source offset, when not the body's
	errs    content.ErrorList
	imgs    map[string]imageInfo
	blocks  map[ast.NodeKind]func(ast.Node) error
	inlines map[ast.NodeKind]func(ast.Node, *inlineState) error
}

// ImageSource reads an image named in a handout, relative to its folder.
type ImageSource func(name string) ([]byte, error)

func newBuilder(fonts *Fonts, st *style.Style, res *content.Resolved, src []byte, width float64, primary string, images ImageSource) *builder {
	b := &builder{fonts: fonts, st: st, res: res, src: src, w: width, images: images, imgs: map[string]imageInfo{}, parent: layout.NewTree(),
		primary: hexRGB(primary), text: hexRGB(st.Text), muted: hexRGB(st.Muted)}
	b.blocks = map[ast.NodeKind]func(ast.Node) error{
		ast.KindDocument:       b.children,
		ast.KindParagraph:      b.paragraph,
		ast.KindTextBlock:      b.paragraph,
		ast.KindHeading:        b.heading,
		ast.KindList:           b.list,
		ast.KindBlockquote:     b.callout,
		markdown.KindWarning:   b.warning,
		markdown.KindPageBreak: b.pageBreak,
		ast.KindThematicBreak:  b.rule,
		east.KindTable:         b.table,
	}
	b.inlines = map[ast.NodeKind]func(ast.Node, *inlineState) error{
		ast.KindText:          b.inlineText,
		ast.KindString:        b.inlineString,
		ast.KindEmphasis:      b.inlineEmphasis,
		ast.KindLink:          b.inlineLink,
		ast.KindAutoLink:      b.inlineAutoLink,
		ast.KindCodeSpan:      b.inlineChildren,
		east.KindTaskCheckBox: b.inlineSkip, // drawn as the item's marker
	}
	return b
}

func (b *builder) fail(pos int, format string, args ...any) {
	line := b.res.LineAt(pos)
	if b.lineAt != nil {
		line = b.lineAt(pos)
	}
	b.errs = append(b.errs, content.Errorf(b.res.Handout.File, line, format, args...)).Dedup()
}

func (b *builder) id() int { b.ids++; return b.ids }

func (b *builder) block(n ast.Node) error {
	f, ok := b.blocks[n.Kind()]
	if !ok {
		b.fail(pos(n), "%s is not supported in handouts; write it as paragraphs, lists or tables", n.Kind())
		return nil
	}
	return f(n)
}

func (b *builder) children(n ast.Node) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if err := b.block(c); err != nil {
			return err
		}
	}
	return nil
}

// push appends an item in the current measure, frames and group.
func (b *builder) push(it *layout.Item) {
	if it.X == 0 {
		it.X = b.x
	}
	it.Frames = append([]*layout.Frame(nil), b.frames...)
	it.Group = b.group
	b.items = append(b.items, it)
}

func (b *builder) space(h float64) {
	if h > 0 {
		b.push(&layout.Item{Kind: layout.KSpace, H: h})
	}
}

// lines breaks spans to the measure and pushes them as one paragraph of
// structure element tag, marking where a page may not break (widows,
// orphans, headings).
func (b *builder) lines(spans []layout.Span, size float64, heading int, src int, tag *layout.Node) {
	adopt(tag, spans)
	lines := b.breaks.Break(b.fonts, spans, b.w, b.st.Leading)
	h := layout.LineHeight(size, b.st.Leading)
	pid := b.id()
	n := len(lines)
	made := make([]*layout.Item, 0, n)
	for i := range lines {
		it := &layout.Item{Kind: layout.KText, H: h, Line: &lines[i], Para: pid, ParaLine: i + 1, ParaLines: n, Src: src, Tag: tag}
		if i == 0 {
			it.Mark, b.mark = b.mark, nil
			if heading > 0 {
				it.Heading = heading
				for _, l := range lines {
					it.Title += l.Text() + " "
				}
				it.Title = it.Title[:len(it.Title)-1]
			}
		}
		it.NoBreakAfter = heading > 0
		b.push(it)
		made = append(made, it)
	}
	if heading == 0 {
		layout.MarkParagraph(made, b.st.MinOrphan, b.st.MinWidow)
	}
}

func (b *builder) bodyStyle() layout.Style {
	return layout.Style{Size: b.st.BodySize, Color: b.text}
}

func (b *builder) paragraph(n ast.Node) error {
	if img := soleImage(n); img != nil {
		return b.image(img)
	}
	spans, err := b.inline(n, b.bodyStyle())
	if err != nil || len(spans) == 0 {
		return err
	}
	// A paragraph is a P; the text of a tight list item (a TextBlock) is
	// the item's body itself, as in HTML.
	tag := b.parent
	if n.Kind() != ast.KindTextBlock || tag.Role != layout.RoleLBody {
		tag = tag.Add(layout.RoleP)
	}
	b.lines(spans, b.st.BodySize, 0, pos(n), tag)
	if b.tight {
		b.space(2)
	} else {
		b.space(b.st.ParagraphSpace)
	}
	return nil
}

func (b *builder) heading(n ast.Node) error {
	h := n.(*ast.Heading)
	size := b.st.H3Size
	switch h.Level {
	case 1:
		size = b.st.TitleSize
	case 2:
		size = b.st.H2Size
	}
	st := layout.Style{Face: layout.Bold, Size: size, Color: b.primary}
	spans, err := b.inline(n, st)
	if err != nil {
		return err
	}
	if len(b.items) > 0 && b.items[len(b.items)-1].Kind == layout.KSpace {
		b.items[len(b.items)-1].H = max(b.items[len(b.items)-1].H, b.st.HeadingSpaceBefore)
	} else {
		b.space(b.st.HeadingSpaceBefore)
	}
	b.lines(spans, size, h.Level, pos(n), b.parent.Add(layout.Heading(h.Level)))
	b.space(b.st.HeadingSpaceAfter)
	return nil
}

func (b *builder) list(n ast.Node) error {
	l := n.(*ast.List)
	num := l.Start
	if num == 0 {
		num = 1
	}
	tight, parent := b.tight, b.parent
	b.tight = l.IsTight
	defer func() { b.tight, b.parent = tight, parent }()
	list := parent.Add(layout.RoleL)
	lid, count, k, first := b.id(), n.ChildCount(), 0, len(b.items)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		k++
		item := list.Add(layout.RoleLI)
		mark := &layout.Mark{Kind: layout.MarkBullet, X: b.x, Style: layout.Style{Size: b.st.BodySize, Color: b.text}, Tag: item.Add(layout.RoleLbl)}
		// A bullet and a tick box are drawn as shapes: their label's
		// words are the character a screen reader names.
		mark.Tag.ActualText = "•"
		if l.IsOrdered() {
			mark.Kind, mark.Text = layout.MarkNumber, fmt.Sprintf("%d.", num)
			mark.Tag.ActualText = ""
			num++
		}
		if box := taskBox(c); box != nil {
			mark.Kind, mark.Checked = layout.MarkBox, box.IsChecked
			mark.Tag.ActualText = map[bool]string{false: "☐", true: "☑"}[box.IsChecked]
		}
		b.parent = item.Add(layout.RoleLBody)
		x, w := b.x, b.w
		b.x, b.w = b.x+b.st.ListIndent, b.w-b.st.ListIndent
		b.mark = mark
		start := len(b.items)
		outer := b.keep()
		if err := b.children(c); err != nil {
			return err
		}
		b.unkeep(outer)
		b.x, b.w = x, w
		// The item's last item says where the list would split (an inner
		// list's end is the outer item's end too: the outer list's wins).
		for i := len(b.items) - 1; i >= start; i-- {
			if it := b.items[i]; it.Kind != layout.KSpace {
				it.List, it.ListItem, it.ListItems = lid, k, count
				break
			}
		}
	}
	b.parent = parent
	h := 0.0
	for _, it := range b.items[first:] {
		h += it.H
	}
	for _, it := range b.items[first:] {
		if it.List == lid {
			it.ListH = h
		}
	}
	if !tight || b.group == 0 {
		if last := len(b.items) - 1; last >= 0 && b.items[last].Kind == layout.KSpace {
			b.items[last].H = max(b.items[last].H, b.st.ParagraphSpace)
		}
	}
	return nil
}

// keep opens a keep-together group unless one is open; unkeep closes it.
func (b *builder) keep() int {
	outer := b.group
	if outer == 0 {
		b.group = b.id()
	}
	return outer
}

func (b *builder) unkeep(outer int) { b.group = outer }

func taskBox(item ast.Node) *east.TaskCheckBox {
	if p := item.FirstChild(); p != nil {
		if box, ok := p.FirstChild().(*east.TaskCheckBox); ok {
			return box
		}
	}
	return nil
}

// frame draws a box around what body adds, kept on one page when it fits;
// what it holds goes into a structure element of role.
func (b *builder) frame(kind string, role layout.Role, border float64, body func() error) error {
	pad := b.st.BoxPadding
	f := &layout.Frame{ID: b.id(), Kind: kind, X: b.x, W: b.w, Pad: pad, Border: b.primary, Width: border}
	parent := b.parent
	b.parent = parent.Add(role)
	defer func() { b.parent = parent }()
	outer := b.keep()
	x, w := b.x, b.w
	b.frames = append(b.frames, f)
	b.x, b.w = b.x+pad+border, b.w-2*(pad+border)
	b.space(pad)
	err := body()
	// The box's last paragraph space becomes its bottom padding.
	if last := len(b.items) - 1; last >= 0 && b.items[last].Kind == layout.KSpace {
		b.items = b.items[:last]
	}
	b.space(pad)
	b.frames = b.frames[:len(b.frames)-1]
	b.x, b.w = x, w
	b.unkeep(outer)
	b.space(b.st.ParagraphSpace)
	return err
}

func (b *builder) callout(n ast.Node) error {
	return b.frame("callout", layout.RoleBlockQuote, b.st.BoxBorder, func() error { return b.children(n) })
}

func (b *builder) warning(n ast.Node) error {
	return b.frame("warning", layout.RoleSect, b.st.BoxBorder*2, func() error { return b.children(n) })
}

func (b *builder) pageBreak(n ast.Node) error {
	b.push(&layout.Item{Kind: layout.KBreak, Src: pos(n)})
	return nil
}

func (b *builder) rule(n ast.Node) error {
	b.space(b.st.ParagraphSpace)
	b.push(&layout.Item{Kind: layout.KRule, H: b.st.RuleWidth, W: b.w, Color: b.primary, Src: pos(n)})
	b.space(b.st.ParagraphSpace)
	return nil
}

// pos returns the byte offset of n, for messages.
func pos(n ast.Node) int { return markdown.Pos(n) }

func soleImage(n ast.Node) *ast.Image {
	if n.ChildCount() != 1 {
		return nil
	}
	img, _ := n.FirstChild().(*ast.Image)
	return img
}
