// Package markdown is the single goldmark set-up shared by every output:
// CommonMark plus GitHub tables, task lists, strikethrough and autolinks,
// the typographer with Unicode output (curly quotes, dashes, ellipses), and
// the handouts' own ":::" blocks (warning boxes and page breaks).
//
// Parse returns the document tree; Check walks it and refuses what a
// handout must not contain (raw HTML, unsafe links, node kinds no renderer
// draws) with the byte offset of each problem, which the caller maps to a
// file line.
package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// New returns the goldmark instance every output uses. Renderers add their
// own node renderers to its Renderer.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough, // parsed so that Check can refuse it by name
			extension.Linkify,
			extension.TaskList,
			// Unicode, not HTML entities: the PDF draws these characters.
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
				extension.LeftSingleQuote:  "\u2018",
				extension.RightSingleQuote: "\u2019",
				extension.LeftDoubleQuote:  "\u201c",
				extension.RightDoubleQuote: "\u201d",
				extension.EnDash:           "\u2013",
				extension.EmDash:           "\u2014",
				extension.Ellipsis:         "\u2026",
				extension.LeftAngleQuote:   "\u00ab",
				extension.RightAngleQuote:  "\u00bb",
				extension.Apostrophe:       "\u2019",
			})),
			Blocks,
		),
		// Headings get no ids from goldmark: the HTML renderer sets its own.
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// Parse parses src into a document tree.
func Parse(md goldmark.Markdown, src []byte) ast.Node {
	return md.Parser().Parse(text.NewReader(src))
}

// Problem is something a handout must not contain, at byte offset Pos.
type Problem struct {
	Pos int
	Msg string
}

// SafeLink reports whether dest is a link a patient may follow: http(s),
// tel, mailto, or a fragment within the page.
func SafeLink(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	for _, p := range []string{"https://", "http://", "tel:", "mailto:", "#"} {
		if strings.HasPrefix(d, p) {
			return true
		}
	}
	return false
}

// Check walks doc and returns what must not be in a handout: raw HTML,
// links other than http(s), tel and mailto, code (patients do not read
// code), any node kind outside Supported, and nesting or tables past the
// limits (CheckLimits).
func Check(doc ast.Node, src []byte) []Problem {
	var out []Problem
	pos := Pos
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			out = append(out, Problem{pos(n), "raw HTML is not allowed in handouts; use Markdown (**bold**, lists, > callouts) instead"})
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if !SafeLink(string(n.Destination)) {
				out = append(out, Problem{pos(n), fmt.Sprintf("link %q: only https://, http://, tel: and mailto: links are allowed", n.Destination)})
			}
		case *ast.AutoLink:
			if u := string(n.URL(src)); n.AutoLinkType == ast.AutoLinkURL && !SafeLink(u) && !strings.HasPrefix(strings.ToLower(u), "www.") {
				out = append(out, Problem{pos(n), fmt.Sprintf("link %q: only https://, http://, tel: and mailto: links are allowed", u)})
			}
		case *ast.Image:
			d := string(n.Destination)
			if strings.Contains(d, ":") || strings.HasPrefix(d, "/") || strings.Contains(d, "..") {
				out = append(out, Problem{pos(n), fmt.Sprintf("image %q: images must be files beside the handout, named without folders above it", d)})
			}
		}
		if !Supported[n.Kind()] {
			out = append(out, Problem{pos(n), fmt.Sprintf("%s is not supported in handouts; %s", describe(n.Kind()), hint(n.Kind()))})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return append(out, CheckLimits(doc, src)...)
}

// Pos returns the byte offset of n in the source, or of its nearest
// ancestor that has one.
func Pos(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Pos() >= 0 {
			return p.Pos()
		}
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// Supported lists the node kinds every renderer draws.
var Supported = map[ast.NodeKind]bool{
	ast.KindDocument: true, ast.KindParagraph: true, ast.KindTextBlock: true, ast.KindHeading: true,
	ast.KindText: true, ast.KindString: true, ast.KindEmphasis: true, ast.KindLink: true, ast.KindAutoLink: true,
	ast.KindImage: true, ast.KindList: true, ast.KindListItem: true, ast.KindBlockquote: true,
	ast.KindThematicBreak: true, ast.KindCodeSpan: true,
	east.KindTable: true, east.KindTableHeader: true, east.KindTableRow: true, east.KindTableCell: true,
	east.KindTaskCheckBox: true,
	KindWarning:           true, KindPageBreak: true,
	// RawHTML and HTMLBlock are refused by Check before this table is read.
}

func describe(k ast.NodeKind) string {
	switch k {
	case east.KindStrikethrough:
		return "crossed-out text (~~…~~)"
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		return "a code block (a fenced or indented block)"
	}
	return "a " + k.String()
}

func hint(k ast.NodeKind) string {
	switch k {
	case east.KindStrikethrough:
		return "a patient may still read and follow it: delete the words instead"
	case ast.KindCodeBlock:
		return "lines indented by 4 spaces make one: remove the indent"
	case ast.KindFencedCodeBlock:
		return "remove the ``` fence"
	}
	return "write it as plain paragraphs, lists or tables"
}
