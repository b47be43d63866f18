package content

import (
	"bytes"
	"slices"
	"strings"

	"handouts/internal/markdown"
)

// checkLimits checks every handout's body, summary points and footer
// against the Markdown limits (nesting depth, table width, warning boxes;
// see markdown.Limits) when the content is loaded, before anything parses
// them to render. The body is checked with every "::: if" block included,
// so a block for one skin type cannot hide a problem.
func (l *loader) checkLimits() {
	if l.md == nil {
		l.md = markdown.New()
	}
	for _, t := range l.c.Treatments {
		for _, h := range t.AllHandouts() {
			src, lines := withoutConditions(h.Body, h.BodyLine)
			for _, p := range markdown.Limits(l.md, src) {
				l.e.addf(h.File, lineAt(src, lines, p.Pos), "%s", p.Msg)
			}
			for i, s := range h.Front.Summary {
				line := 2
				if i < len(h.SummaryLines) {
					line = h.SummaryLines[i]
				}
				// The PDF and HTML draw the points as one list.
				for _, p := range markdown.Limits(l.md, []byte("- "+s+"\n")) {
					l.e.addf(h.File, line, "summary: %s", p.Msg)
				}
			}
			if h.Front.Footer != "" {
				for _, p := range markdown.Limits(l.md, []byte(h.Front.Footer)) {
					l.e.addf(h.File, 2, "footer: %s", p.Msg)
				}
			}
		}
	}
}

// withoutConditions returns body without its "::: if" lines and the ":::"
// lines that close them, as Resolve leaves it with every block shown, and
// the file line of each line it keeps.
func withoutConditions(body []byte, bodyLine int) ([]byte, []int) {
	var out bytes.Buffer
	var lines []int
	var kept []bool // per open ":::" block: whether its lines reach the parser
	for i, ln := range strings.Split(string(body), "\n") {
		if m := reDirective.FindStringSubmatch(ln); m != nil {
			word, _, _ := strings.Cut(m[1], " ")
			switch {
			case m[1] == "":
				if n := len(kept); n > 0 {
					keep := kept[n-1]
					kept = kept[:n-1]
					if !keep {
						continue
					}
				}
			case slices.Contains(Containers, word):
				kept = append(kept, true)
			case !slices.Contains(Markers, word):
				kept = append(kept, false)
				continue
			}
		}
		out.WriteString(ln)
		out.WriteByte('\n')
		lines = append(lines, bodyLine+i)
	}
	return out.Bytes(), lines
}

// lineAt maps a byte offset in src to the file line of that line.
func lineAt(src []byte, lines []int, pos int) int {
	i := bytes.Count(src[:min(max(pos, 0), len(src))], []byte("\n"))
	if i < len(lines) {
		return lines[i]
	}
	if len(lines) > 0 {
		return lines[len(lines)-1]
	}
	return 0
}
