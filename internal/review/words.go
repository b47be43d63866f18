package review

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// reToken cuts text into words, each with the spaces after it.
var reToken = regexp.MustCompile(`\S+\s*|\s+`)

// markWords returns old and new as HTML with the words that differ marked:
// <del> in the old, <ins> in the new (a longest common subsequence of
// words and spaces).
func markWords(old, new string) (template.HTML, template.HTML) {
	a, b := reToken.FindAllString(old, -1), reToken.FindAllString(new, -1)
	var ob, nb strings.Builder
	var dels, adds []string
	flush := func() {
		if len(dels) > 0 {
			ob.WriteString("<del>" + html.EscapeString(strings.Join(dels, "")) + "</del>")
		}
		if len(adds) > 0 {
			nb.WriteString("<ins>" + html.EscapeString(strings.Join(adds, "")) + "</ins>")
		}
		dels, adds = nil, nil
	}
	for _, op := range lcs(a, b) {
		switch {
		case op.a >= 0 && op.b >= 0:
			flush()
			ob.WriteString(html.EscapeString(a[op.a]))
			nb.WriteString(html.EscapeString(b[op.b]))
		case op.a >= 0:
			dels = append(dels, a[op.a])
		default:
			adds = append(adds, b[op.b])
		}
	}
	flush()
	return template.HTML(ob.String()), template.HTML(nb.String())
}
