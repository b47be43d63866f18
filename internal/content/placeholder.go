package content

import "strings"

// Placeholders are read by hand rather than with regular expressions:
// every variant of every handout is filled in while the content loads, and
// the scanners below take a fraction of the regexps' time. They match
// exactly what these patterns would (placeholder_test.go holds them to it):
//
//	\{\{(.*?)\}\}                              a placeholder
//	^(until|from|duration|day)\s+([a-z0-9-]+)$  a window placeholder's words

// placeholderSpans returns the byte spans [start, end) of the
// placeholders in s, left to right: "{{", then the shortest run of
// characters other than a newline up to "}}". It takes time linear in s,
// as the regexp did, whatever s holds (a megabyte of "{{" and newlines
// with one "}}" at the end): the next "}}" and the next newline are only
// ever looked for further on.
func placeholderSpans(s string) [][2]int {
	var out [][2]int
	end, nl := -1, -1 // the next "}}" and newline at or after a start's braces
	for i := 0; ; {
		j := strings.Index(s[i:], "{{")
		if j < 0 {
			return out
		}
		j += i
		if end < j+2 {
			k := strings.Index(s[j+2:], "}}")
			if k < 0 {
				return out
			}
			end = j + 2 + k
		}
		if nl < j+2 {
			nl = len(s)
			if k := strings.IndexByte(s[j+2:], '\n'); k >= 0 {
				nl = j + 2 + k
			}
		}
		if nl < end {
			i = j + 1 // no match starts here; a later "{{" may still match
			continue
		}
		out = append(out, [2]int{j, end + 2})
		i = end + 2
	}
}

// placeholderRefs returns what is between the braces of each placeholder
// in s, as written.
func placeholderRefs(s string) []string {
	spans := placeholderSpans(s)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = s[sp[0]+2 : sp[1]-2]
	}
	return out
}

// windowWords splits a window placeholder's words ("until no-makeup")
// into its word and its rule; ok is false for any other placeholder.
func windowWords(ref string) (word, rule string, ok bool) {
	n := 0
	for n < len(ref) && ref[n] >= 'a' && ref[n] <= 'z' {
		n++
	}
	switch word = ref[:n]; word {
	case "until", "from", "duration", "day":
	default:
		return "", "", false
	}
	m := n
	for m < len(ref) && isRESpace(ref[m]) {
		m++
	}
	if m == n || m == len(ref) {
		return "", "", false
	}
	for i := m; i < len(ref); i++ {
		if c := ref[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return "", "", false
		}
	}
	return word, ref[m:], true
}

// isRESpace reports whether c is what \s matches in Go's regexps.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// windowMatch is windowWords in the shape of a regexp's submatches:
// {ref, word, rule}, or nil.
func windowMatch(ref string) []string {
	word, rule, ok := windowWords(ref)
	if !ok {
		return nil
	}
	return []string{ref, word, rule}
}
