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
	n, m := len(a), len(b)
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
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
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			flush()
			ob.WriteString(html.EscapeString(a[i]))
			nb.WriteString(html.EscapeString(b[j]))
			i++
			j++
		case j >= m || (i < n && t[i+1][j] >= t[i][j+1]):
			dels = append(dels, a[i])
			i++
		default:
			adds = append(adds, b[j])
			j++
		}
	}
	flush()
	return template.HTML(ob.String()), template.HTML(nb.String())
}
