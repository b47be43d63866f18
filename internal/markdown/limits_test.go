package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"

	"handouts/internal/wait"
)

const (
	deepMsg  = "nested %d levels deep (lists, > callouts and warning boxes inside each other); at most 6 fit across the printed page, so use fewer levels"
	farMsg   = "nested far too deep: lists, > callouts and warning boxes may be nested at most 6 levels deep, so use fewer levels"
	tableMsg = "table has %d columns; at most 8 fit across the printed page, so split it into narrower tables or turn its columns into rows"
	boxesMsg = "more than 20 warning boxes (\"::: warning\"); keep the warning signs together in one box"
)

// lineOf is the 1-based line of byte offset pos in src.
func lineOf(src string, pos int) int { return strings.Count(src[:min(pos, len(src))], "\n") + 1 }

// nestedList is a list nested n deep by indentation, one word a level.
func nestedList(n int, marker string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s%s level%d\n", strings.Repeat(" ", i*(len(marker)+1)), marker, i+1)
	}
	return b.String()
}

func table(cols int) string {
	return "|" + strings.Repeat(" h |", cols) + "\n|" + strings.Repeat("---|", cols) + "\n|" + strings.Repeat(" c |", cols) + "\n"
}

// TestLimits: each limit holds exactly at its value and fails one past it,
// with the message at the line where the too-deep block or the table
// starts; a far too deep line fails in the scan, before parsing.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "line: message"
	}{
		{"quotes at the limit", "Intro.\n\n> > > > > > Six.\n", nil},
		{"quotes past the limit", "Intro.\n\n> > > > > > > Seven.\n", []string{"3: " + fmt.Sprintf(deepMsg, 7)}},
		{"quotes without spaces", ">>>>>>>> Eight.\n", []string{"1: " + fmt.Sprintf(deepMsg, 8)}},
		{"empty quotes", "> > > > > > >\n", []string{"1: " + fmt.Sprintf(deepMsg, 7)}},
		{"quotes over lines", "> one\n> > two\n> > > three\n> > > > four\n> > > > > five\n> > > > > > six\n> > > > > > > seven\n", []string{"7: " + fmt.Sprintf(deepMsg, 7)}},
		{"lists at the limit", nestedList(6, "-"), nil},
		{"lists past the limit", nestedList(8, "-"), []string{"7: " + fmt.Sprintf(deepMsg, 8)}},
		{"numbered lists at the limit", nestedList(6, "10."), nil},
		{"numbered lists past the limit", nestedList(7, "1."), []string{"7: " + fmt.Sprintf(deepMsg, 7)}},
		{"list markers on one line", "- - - - - - - x\n", []string{"1: " + fmt.Sprintf(deepMsg, 7)}},
		{"thematic breaks are not lists", "Text.\n\n* * * * * * * * * *\n\n- - - - - - - - - -\n", nil},
		{"box, callout and lists", "::: warning\n> - > - > Six.\n:::\n", nil},
		{"box, callout and lists past", "::: warning\n> - > - > - Seven.\n:::\n", []string{"2: " + fmt.Sprintf(deepMsg, 7)}},
		{"two places too deep", "> > > > > > > a\n\nText.\n\n> > > > > > > > b\n", []string{"1: " + fmt.Sprintf(deepMsg, 7), "5: " + fmt.Sprintf(deepMsg, 8)}},
		{"table at the limit", "Text.\n\n" + table(8), nil},
		{"table past the limit", "Text.\n\n" + table(9), []string{"3: " + fmt.Sprintf(tableMsg, 9)}},
		{"table in a list", "- item\n\n  " + strings.ReplaceAll(table(12), "\n|", "\n  |"), []string{"3: " + fmt.Sprintf(tableMsg, 12)}},
		{"far too deep", "Text.\n\n" + strings.Repeat(">", 101) + " x\n", []string{"3: " + farMsg}},
		{"far too deep by indents", "- a\n" + strings.Repeat("  ", 101) + "- b\n", []string{"2: " + farMsg}},
		{"warning boxes at the limit", strings.Repeat("::: warning\nCall.\n:::\n\n", 20), nil},
		{"warning boxes past the limit", strings.Repeat("::: warning\nCall.\n:::\n\n", 21), []string{"81: " + boxesMsg}},
	}
	md := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range Limits(md, []byte(tt.src)) {
				got = append(got, fmt.Sprintf("%d: %s", lineOf(tt.src, p.Pos), p.Msg))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Limits(%.60q) =\n%s\nwant\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			// The renderers' Check reports the same, on the parsed tree.
			if len(tt.want) > 0 && !strings.Contains(tt.want[0], "far too deep") && !strings.Contains(tt.want[0], "warning boxes") {
				var msgs []string
				for _, p := range Check(Parse(md, []byte(tt.src)), []byte(tt.src)) {
					msgs = append(msgs, fmt.Sprintf("%d: %s", lineOf(tt.src, p.Pos), p.Msg))
				}
				if strings.Join(msgs, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("Check = %q, want %q", msgs, tt.want)
				}
			}
		})
	}
}

// TestLimitsFast: pathological nesting that took minutes and gigabytes to
// parse and lay out (10,000 nested ">") fails at once, within the 1 MiB a
// content file may hold.
func TestLimitsFast(t *testing.T) {
	const mib = 1 << 20
	inputs := map[string]string{
		"10,000 quotes on a line":    strings.Repeat(">", 10000) + " deep\n",
		"10,000 spaced quotes":       strings.Repeat("> ", 10000) + "deep\n",
		"a MiB of quotes":            strings.Repeat(">", mib-10) + " deep\n",
		"a MiB of list markers":      strings.Repeat("- ", mib/2-10) + "deep\n",
		"a MiB of numbered markers":  strings.Repeat("1. ", mib/3-10) + "deep\n",
		"a MiB of mixed markers":     strings.Repeat("> - ", mib/4-10) + "deep\n",
		"quotes deepening by line":   deepeningQuotes(1000),
		"a MiB of warning boxes":     strings.Repeat("::: warning\n", mib/12),
		"boxes in lazy callouts":     strings.Repeat("> ::: warning\n> text\n:::\n", mib/25),
		"a MiB of indented lists":    strings.Repeat("- a\n  ", 1000) + strings.Repeat(" ", mib-6000) + "- b\n",
		"a MiB of thematic breaks":   strings.Repeat("* ", mib/2-10) + "\n",
		"a MiB of plus list markers": strings.Repeat("+ ", mib/2-10) + "+\n",
	}
	md := New()
	for name, src := range inputs {
		var probs []Problem
		took := wait.CPU(func() { probs = Limits(md, []byte(src)) })
		if len(probs) == 0 && name != "a MiB of thematic breaks" {
			t.Errorf("%s: no problem reported", name)
		}
		// The scan is linear: milliseconds; a parse of such input takes
		// seconds to minutes. (Processor time: a busy machine slows the
		// scan down without making it spend more.)
		if took > 500*time.Millisecond {
			t.Errorf("%s: Limits took %v of CPU time, want well under a second", name, took)
		}
	}
}

func deepeningQuotes(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strings.Repeat("> ", i) + "x\n")
	}
	return b.String()
}

// TestScanBoundsDepth: on thousands of generated documents of callouts,
// lists, boxes, indents, tabs, lazy lines and blank lines, the scan's
// bound is never below the parsed tree's depth. So a document the scan
// passes is never nested deeper than scanMarks plus MaxWarningBoxes when
// goldmark parses it, and the scan never refuses what CheckLimits allows.
func TestScanBoundsDepth(t *testing.T) {
	md := New()
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 1000 {
		checkBound(t, md, fmt.Sprint("random document ", i), []byte(randomNesting(r)))
		checkBound(t, md, fmt.Sprint("nested document ", i), []byte(nestedDocument(r)))
	}
}

// FuzzScanBound checks the same on any input.
func FuzzScanBound(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 25 {
		f.Add([]byte(randomNesting(r)))
		f.Add([]byte(nestedDocument(r)))
	}
	md := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4<<10 {
			t.Skip("input over 4 KiB")
		}
		if len(Scan(src)) > 0 {
			return
		}
		checkBound(t, md, "input", src)
	})
}

// checkBound checks that every list item, callout and box in src's tree
// is nested no deeper than the scan's bound for the line it starts on.
// goldmark counts a position after a tab in columns, not bytes, so a
// node's Pos may run up to three bytes a tab past its line: such a node may
// belong to that line or the next.
func checkBound(t *testing.T, md goldmark.Markdown, name string, src []byte) {
	t.Helper()
	type line struct{ start, end, bound int }
	var lines []line
	scan(src, func(off, marks, boxes int) bool {
		end := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end = off + i
		}
		end += 3 * bytes.Count(src[off:end], []byte("\t"))
		lines = append(lines, line{off, end, marks + boxes})
		return true
	})
	depth := 0
	ast.Walk(Parse(md, src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindListItem, KindWarning:
		default:
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		bound, on := -1, 0
		for i, l := range lines {
			if l.start <= n.Pos() && n.Pos() <= l.end && l.bound > bound {
				bound, on = l.bound, i+1
			}
		}
		if depth > bound {
			t.Fatalf("%s: a %s at depth %d starts on line %d, whose scan bound is %d:\n%q", name, n.Kind(), depth, on, bound, src)
		}
		return ast.WalkContinue, nil
	})
}

// randomNesting makes a document of lines that each start with a random
// run of container marks and indents, then random text or a block line.
func randomNesting(r *rand.Rand) string {
	marks := []string{"> ", ">", "- ", "* ", "+ ", "1. ", "10) ", "123456789. ", "-", "  ", "   ", "    ", " ", "\t", ">\t", "-\t"}
	rests := []string{"text", "more text", "", "::: warning", ":::", "* * *", "---", "===", "| a | b |", "|---|---|", "# heading", "::: pagebreak", "- [ ] task"}
	var b strings.Builder
	for range 1 + r.IntN(30) {
		for range r.IntN(14) {
			b.WriteString(marks[r.IntN(len(marks))])
		}
		b.WriteString(rests[r.IntN(len(rests))])
		b.WriteByte('\n')
	}
	return b.String()
}

// nestedDocument makes well-formed nesting: each line keeps some of the
// lists and callouts above it, continued the way CommonMark continues
// them (a "> " for a callout, the item's width in spaces or a tab for a
// list item), opens new ones, and holds text; some lines are blank.
func nestedDocument(r *rand.Rand) string {
	var b strings.Builder
	var conts []string // how each open list or callout continues
	for range 1 + r.IntN(25) {
		conts = conts[:r.IntN(len(conts)+1)]
		line := strings.Join(conts, "")
		if r.IntN(6) == 0 {
			b.WriteString(strings.TrimRight(line, " \t") + "\n")
			continue
		}
		for range r.IntN(4) {
			if r.IntN(3) == 0 {
				line += []string{"> ", ">", "> "}[r.IntN(3)]
				conts = append(conts, "> ")
				continue
			}
			m := []string{"-", "*", "+", "1.", "10)", "123456789."}[r.IntN(6)]
			sp := strings.Repeat(" ", 1+r.IntN(4))
			line += m + sp
			cont := strings.Repeat(" ", len(m)+len(sp))
			if len(cont) >= 4 && r.IntN(3) == 0 {
				cont = "\t" + cont[4:]
			}
			conts = append(conts, cont)
		}
		b.WriteString(line + []string{"text", "more text", "::: warning", ":::", "- [ ] task", "| a | b |", "text"}[r.IntN(7)] + "\n")
	}
	return b.String()
}
