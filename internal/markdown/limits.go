package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Limits on a handout's structure, so that everything the HTML shows also
// prints in the PDF.
//
// Each list item, "> " callout and warning box narrows the PDF's measure:
// a list by the style's list_indent (18 pt), a box by its padding and
// border on both sides (about 18 and 21 pt). On A4, the narrowest page,
// the PDF began to lose text silently at 26 callouts or 27 lists inside
// each other. At MaxDepth the text still has three quarters of the page's
// width.
//
// A table shares the measure between its columns; past a few dozen, a
// column is narrower than a letter and the PDF printed the cells over each
// other. At MaxColumns, inside MaxDepth warning boxes on A4, a column still
// holds about six letters.
const (
	// MaxDepth is how many lists, callouts and warning boxes may be
	// nested inside each other.
	MaxDepth = 6
	// MaxColumns is the most columns a table may have.
	MaxColumns = 8
	// MaxWarningBoxes is the most "::: warning" boxes a handout may have.
	// One is the rule; the limit lets Scan bound how deep boxes could nest
	// before anything is parsed.
	MaxWarningBoxes = 20
)

// scanMarks is the most nesting marks (">", list markers, and indents of
// two columns) a line may start with. A line nested MaxDepth deep needs
// at most a few dozen; a line with more cannot be a handout, and parsing
// it would cost time and memory that grow with its depth.
const scanMarks = 100

// Limits checks src against MaxDepth, MaxColumns and MaxWarningBoxes. It
// scans src first (Scan), which costs one pass whatever src holds, and
// parses src with md to check the tree exactly (CheckLimits) only when the
// scan passes, so a pathological file (10,000 nested ">") fails at once.
func Limits(md goldmark.Markdown, src []byte) []Problem {
	if p := Scan(src); len(p) > 0 {
		return p
	}
	return CheckLimits(Parse(md, src), src)
}

// Scan reads src line by line, without parsing it, and returns a problem
// for the first line that starts with more than scanMarks nesting marks,
// or the warning box past MaxWarningBoxes. The marks bound a line's depth
// from above: each list, callout or box a line is inside takes a ">" or a
// list marker on that line, or at least two columns of its indent, except
// warning boxes, which are bounded by their number. Scan never reports a
// handout within the limits; CheckLimits then finds the exact depth.
func Scan(src []byte) []Problem {
	var out []Problem
	scan(src, func(off, marks, boxes int) bool {
		switch {
		case marks > scanMarks:
			out = []Problem{{off, fmt.Sprintf("nested far too deep: lists, > callouts and warning boxes may be nested at most %d levels deep, so use fewer levels", MaxDepth)}}
		case boxes > MaxWarningBoxes:
			out = []Problem{{off, fmt.Sprintf("more than %d warning boxes (\"::: warning\"); keep the warning signs together in one box", MaxWarningBoxes)}}
		}
		return out == nil
	})
	return out
}

// scan calls line for each line of src, while it returns true, with the
// line's offset, the nesting marks it starts with, and the number of
// warning boxes opened so far (this line's included). marks + boxes is at
// least the depth of any list, callout or box that starts on the line.
func scan(src []byte, line func(off, marks, boxes int) bool) {
	boxes := 0
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		marks, rest := nesting(src[off : off+end])
		if word, ok := directiveWord(rest); ok && word == "warning" {
			boxes++
		}
		if !line(off, marks, boxes) {
			return
		}
		off += end + 1
	}
}

// nesting counts the nesting marks line starts with: each ">" and list
// marker, and each two columns of spaces and tabs (a tab reaching the next
// multiple of four columns). It returns the rest of the line. It reads the
// line at most twice, whatever it holds.
func nesting(line []byte) (int, []byte) {
	breaks := thematicBreaks(line)
	marks, col, ws := 0, 0, 0
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ':
			col, ws, i = col+1, ws+1, i+1
			continue
		case c == '\t':
			w := 4 - col%4
			col, ws, i = col+w, ws+w, i+1
			continue
		case c == '>':
			marks, col, i = marks+1, col+1, i+1
			continue
		case (c == '-' || c == '+' || c == '*') && blankAt(line, i+1) && !breaks(i):
			marks, col, i = marks+1, col+1, i+1
			continue
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && blankAt(line, j+1) {
				marks, col, i = marks+1, col+j+1-i, j+1
				continue
			}
		}
		break
	}
	return marks + ws/2, line[i:]
}

// blankAt reports whether line ends at i or has a space or tab there.
func blankAt(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\r'
}

// thematicBreaks returns a func reporting whether line from i on, starting
// with '-' or '*', is a thematic break such as "* * *" or "---" (made of
// that character, at least three times, and spaces). It reads line once.
func thematicBreaks(line []byte) func(i int) bool {
	// For '-' and '*': the last byte that is neither that character nor
	// blank.
	lastDash, lastStar := -1, -1
	for j, b := range line {
		switch b {
		case ' ', '\t', '\r':
		case '-':
			lastStar = j
		case '*':
			lastDash = j
		default:
			lastDash, lastStar = j, j
		}
	}
	return func(i int) bool {
		last := lastDash
		if line[i] == '*' {
			last = lastStar
		} else if line[i] != '-' {
			return false
		}
		if last >= i {
			return false
		}
		// Everything from i on is line[i] or blank: a break if it holds
		// three. (When it holds fewer, fewer than three marks are left,
		// so the line is still read about once.)
		c, n := line[i], 0
		for j := i; j < len(line) && n < 3; j++ {
			if line[j] == c {
				n++
			}
		}
		return n >= 3
	}
}

// directiveWord returns the word after ":::" when s is a ":::" line.
func directiveWord(s []byte) (string, bool) {
	t := bytes.TrimSpace(s)
	if !bytes.HasPrefix(t, []byte(":::")) {
		return "", false
	}
	return string(bytes.TrimSpace(t[3:])), true
}

// CheckLimits walks a parsed document and returns a problem for each
// list, callout or warning box nested deeper than MaxDepth (once for its
// whole subtree) and each table wider than MaxColumns.
func CheckLimits(doc ast.Node, src []byte) []Problem {
	var out []Problem
	depth := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindListItem, KindWarning:
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			depth++
			if depth > MaxDepth {
				out = append(out, Problem{start(n), fmt.Sprintf("nested %d levels deep (lists, > callouts and warning boxes inside each other); at most %d fit across the printed page, so use fewer levels", deepest(n, depth), MaxDepth)})
				return ast.WalkSkipChildren, nil // Walk still leaves n
			}
		case east.KindTable:
			if cols := len(n.(*east.Table).Alignments); entering && cols > MaxColumns {
				out = append(out, Problem{start(n), fmt.Sprintf("table has %d columns; at most %d fit across the printed page, so split it into narrower tables or turn its columns into rows", cols, MaxColumns)})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// deepest returns the depth of the most deeply nested list, callout or
// box inside n, which is at depth.
func deepest(n ast.Node, depth int) int {
	most := depth
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		d := depth
		switch c.Kind() {
		case ast.KindBlockquote, ast.KindListItem, KindWarning:
			d++
		}
		most = max(most, deepest(c, d))
	}
	return most
}

// start returns the byte offset where n's text begins: the first line of
// the first block inside it that has one, else Pos(n).
func start(n ast.Node) int {
	found := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c.Pos() >= 0 {
			found = c.Pos()
			return ast.WalkStop, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			found = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		if t, ok := c.(*ast.Text); ok {
			found = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found < 0 {
		return Pos(n)
	}
	return found
}
