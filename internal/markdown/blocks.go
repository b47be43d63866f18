package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Warning is a "::: warning" block: the box of warning signs and whom to
// call. Its children are ordinary Markdown blocks.
type Warning struct{ ast.BaseBlock }

// KindWarning is the node kind of Warning.
var KindWarning = ast.NewNodeKind("Warning")

// Kind returns KindWarning.
func (n *Warning) Kind() ast.NodeKind { return KindWarning }

// Dump prints the node for debugging.
func (n *Warning) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// PageBreak is a "::: pagebreak" line: the next block starts a new page in
// the PDF and when the HTML is printed.
type PageBreak struct{ ast.BaseBlock }

// KindPageBreak is the node kind of PageBreak.
var KindPageBreak = ast.NewNodeKind("PageBreak")

// Kind returns KindPageBreak.
func (n *PageBreak) Kind() ast.NodeKind { return KindPageBreak }

// Dump prints the node for debugging.
func (n *PageBreak) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Blocks is the goldmark extension that parses the ":::" blocks left in a
// handout after its conditions are applied (see internal/content).
var Blocks goldmark.Extender = blocks{}

type blocks struct{}

// Extend adds the ":::" block parser to m.
func (blocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(blockParser{}, 50)))
}

type blockParser struct{}

// Trigger returns the character that may start a block.
func (blockParser) Trigger() []byte { return []byte{':'} }

func directive(reader text.Reader) (string, bool) {
	line, _ := reader.PeekLine()
	t := bytes.TrimSpace(line)
	if !bytes.HasPrefix(t, []byte(":::")) {
		return "", false
	}
	return string(bytes.TrimSpace(t[3:])), true
}

// Open starts a warning box or a page break.
func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	word, ok := directive(reader)
	if !ok {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	var n ast.Node
	switch word {
	case "warning":
		n = &Warning{}
	case "pagebreak":
		n = &PageBreak{}
	default:
		return nil, parser.NoChildren
	}
	n.SetPos(seg.Start)
	reader.Advance(len(line) - 1)
	if word == "pagebreak" {
		return n, parser.NoChildren
	}
	return n, parser.HasChildren
}

// Continue ends a block at a line ":::" (a page break at once).
func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if _, ok := node.(*PageBreak); ok {
		return parser.Close
	}
	if word, ok := directive(reader); ok && word == "" {
		line, _ := reader.PeekLine()
		reader.Advance(len(line) - 1)
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// Close does nothing: the block holds its children already.
func (blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph reports true: a ":::" line ends a paragraph.
func (blockParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine reports false: blocks start at the margin.
func (blockParser) CanAcceptIndentedLine() bool { return false }
