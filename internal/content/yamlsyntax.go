package content

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAML that does not parse is explained from two things only: where the
// parser gives up, and the file's bytes. The parser's position is found
// without reading its message: the file is cut after each line, from the
// end back, and the longest start of the file that still parses ends just
// before the line that breaks it. That line, and the lines above it, are
// then read by a small scanner that knows the mistakes people make when
// they edit YAML by hand (a tab, a quote or bracket left open, a key
// indented under a value or out of line with its neighbours, a missing
// colon, a colon or a reserved character in an unquoted value), each with
// its own message. yaml.v3's wording is never matched, so a new version
// of it cannot silently lose a hint.

// syntaxError explains why data, which yaml.v3 refuses, is not YAML.
func syntaxError(file string, data []byte) *Error {
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimSuffix(ln, "\r")
	}
	at := breakLine(data)
	if at > len(lines) {
		at = len(lines)
	}
	if line, msg := diagnose(lines, at); msg != "" {
		return Errorf(file, line, "%s", msg)
	}
	return Errorf(file, at, "YAML cannot read this line; check that it is indented with spaces like its neighbours, that a colon and a space follow its key, and that quotes and brackets are closed")
}

// breakLine returns the 1-based line that makes data stop being YAML:
// the line after the longest run of whole lines from the top that parses.
func breakLine(data []byte) int {
	var ends []int // byte offset after each line
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	parses := func(k int) bool { // the first k lines
		if k == 0 {
			return true
		}
		var n yaml.Node
		return yaml.Unmarshal(data[:ends[k-1]], &n) == nil
	}
	// Long files are searched by halves; content files are a few dozen
	// lines, searched one by one from the end.
	if len(ends) > 400 {
		lo, hi := 0, len(ends) // parses(lo), !parses(hi)
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if parses(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		return lo + 1
	}
	for k := len(ends) - 1; k > 0; k-- {
		if parses(k) {
			return k + 1
		}
	}
	return 1
}

// yline is one line of a YAML file as the scanner reads it.
type yline struct {
	n      int    // 1-based
	indent int    // spaces before the first other character
	tab    bool   // a tab among the leading white space
	body   string // the line after its indent
	key    string // the key, for "key: value" (after any "- ")
	keyCol int    // the key's column
	hasKey bool
	value  string // after "key: " or "- ", comments dropped
	seq    bool   // starts with "- "
	cont   bool   // inside a quoted value, a bracket or a block scalar begun above
}

// keyLevel is an open mapping key while scanning.
type keyLevel struct {
	col      int
	line     int
	key      string
	value    string // its value, "" when it holds the lines below
	children int    // the column of its first child key or item, or -1
	// valueLine and valueCol are where its value is when that is on a line
	// of its own below it (0 when it is on the key's line).
	valueLine, valueCol int
	valueMsg            string // what noColon says of that line, were it meant as a key
}

var reBlockScalar = regexp.MustCompile(`^[|>][-+0-9]*\s*(#.*)?$`)

// diagnose reads lines up to at, where the parser gives up, and returns
// the line and message of the mistake on that line (the lines above it
// parse, so they only set the scene), or "".
func diagnose(lines []string, at int) (int, string) {
	var stack []*keyLevel
	root := &keyLevel{col: -1, children: -1}
	var quote byte // a quote open across lines
	depth := 0     // flow brackets open across lines
	openLine, openWhat := 0, byte(0)
	blockAt := -1 // a block scalar's key column; deeper lines are its text
	// pending is a line of words at a key's place (no colon): YAML reads
	// it with the next line as one long key, and stops there.
	pending, pendingMsg := 0, ""
	for i := 0; i < at && i < len(lines); i++ {
		raw := lines[i]
		l := &yline{n: i + 1}
		here := l.n == at
		ws := len(raw) - len(strings.TrimLeft(raw, " \t"))
		l.tab = strings.ContainsRune(raw[:ws], '\t')
		l.indent = len(raw) - len(strings.TrimLeft(raw, " "))
		l.body = strings.TrimSpace(raw)
		if blockAt >= 0 {
			if l.body == "" || l.indent > blockAt {
				continue
			}
			blockAt = -1
		}
		if quote != 0 || depth > 0 {
			// Inside a value begun above: find where it closes.
			quote, depth, _ = scanValue(raw, quote, depth)
			if quote == 0 && depth == 0 {
				openLine = 0
			}
			continue
		}
		if l.body == "" || strings.HasPrefix(l.body, "#") || l.body == "---" || l.body == "..." {
			continue
		}
		if l.tab && here {
			return l.n, "a tab indents this line; YAML indents with spaces only, so replace the tab with spaces"
		}
		parseLine(l)
		top := root
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		// A line deeper than a key whose value is already on its line: more
		// words of that value, or a key put under it by mistake.
		if top != root && l.indent > top.col && top.value != "" {
			if (l.hasKey || l.seq) && here && l.indent == top.col+1 {
				where := "at the top of the file"
				if len(stack) > 1 {
					p := stack[len(stack)-2]
					where = fmt.Sprintf("under %q (line %d)", p.key, p.line)
				}
				return l.n, fmt.Sprintf("indented by %d %s, but the other keys %s are indented by %d; line it up with them",
					l.indent, plural(l.indent, "space", "spaces"), where, top.col)
			}
			if (l.hasKey || l.seq) && here && top.valueLine > 0 && l.indent == top.valueCol && top.valueMsg != "" {
				// The line above was meant as a key: YAML read it as the
				// value of the key above it, and stops here.
				return top.valueLine, top.valueMsg
			}
			if (l.hasKey || l.seq) && here {
				return l.n, fmt.Sprintf("indented under %q (line %d), which already has a value (%s); line it up with %q, or move that value onto lines of its own below %q",
					top.key, top.line, top.value, top.key, top.key)
			}
			continue
		}
		col := l.indent
		if l.hasKey {
			col = l.keyCol
		}
		for len(stack) > 0 && stack[len(stack)-1].col > col {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1].col == col {
			stack = stack[:len(stack)-1] // a sibling
		}
		parent := root
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		switch {
		case l.hasKey || l.seq:
			if l.seq && parent.children < 0 {
				parent.children = col
			}
			if l.hasKey && !l.seq {
				if parent.children >= 0 && parent.children != col && here {
					where := "at the top of the file"
					if parent != root {
						where = fmt.Sprintf("under %q (line %d)", parent.key, parent.line)
					}
					return l.n, fmt.Sprintf("indented by %d %s, but the other keys %s are indented by %d; line it up with them",
						col, plural(col, "space", "spaces"), where, parent.children)
				}
				if parent.children < 0 {
					parent.children = col
				}
			}
			key := l.key
			if !l.hasKey {
				key = "-"
			}
			stack = append(stack, &keyLevel{col: col, line: l.n, key: key, value: plainValue(l.value), children: -1})
		case parent != root && parent.children < 0 && parent.value == "" && col > parent.col:
			// The value of the key above, on a line of its own.
			parent.value = l.body
			parent.valueLine, parent.valueCol, parent.valueMsg = l.n, l.indent, noColon(l)
			if q, d, _ := scanValue(l.body, 0, 0); q != 0 || d > 0 {
				quote, depth, openLine, openWhat = q, d, l.n, q
				if q == 0 {
					openWhat = openBracket(l.body)
				}
			}
			continue
		default:
			if msg := noColon(l); msg != "" {
				if here {
					return l.n, msg
				}
				pending, pendingMsg = l.n, msg
				continue
			}
		}
		if !here {
			pending = 0
		}
		if msg := valueProblem(l.value); msg != "" && here {
			return l.n, msg
		}
		if reBlockScalar.MatchString(l.value) {
			blockAt = col
			if l.seq && !l.hasKey {
				blockAt = l.indent
			}
			continue
		}
		if q, d, _ := scanValue(l.value, 0, 0); q != 0 || d > 0 {
			quote, depth = q, d
			openLine, openWhat = l.n, q
			if q == 0 {
				openWhat = openBracket(l.value)
			}
		}
	}
	if openLine > 0 {
		return openLine, unclosed(openWhat)
	}
	if pending > 0 {
		return pending, pendingMsg
	}
	return 0, ""
}

// parseLine splits a line into its "- " marker, key and value.
func parseLine(l *yline) {
	b := l.body
	col := l.indent
	for strings.HasPrefix(b, "- ") || b == "-" {
		l.seq = true
		rest := strings.TrimLeft(strings.TrimPrefix(b, "-"), " ")
		col += len(b) - len(rest)
		b = rest
	}
	if k, v, ok := cutKey(b); ok {
		l.hasKey, l.key, l.keyCol, l.value = true, k, col, stripComment(v)
		return
	}
	l.value = stripComment(b)
}

// cutKey splits "key: value" (or "key:" at the end of the line) at the
// first colon outside quotes and brackets that ends the key.
func cutKey(s string) (key, value string, ok bool) {
	if s == "" || strings.ContainsRune(`"'[{`, rune(s[0])) && !quotedKey(s) {
		return "", "", false
	}
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case (c == '"' || c == '\'') && i == 0:
			q = c
		case c == '#' && i > 0 && s[i-1] == ' ':
			return "", "", false
		case q == 0 && (c == '{' || c == '[') && i > 0:
			return "", "", false // words then a list: not a key
		case c == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t'):
			return strings.Trim(s[:i], `"' `), strings.TrimSpace(s[i+1:]), true
		}
	}
	return "", "", false
}

// quotedKey reports whether s starts with a quoted key followed by a colon.
func quotedKey(s string) bool {
	if s[0] != '"' && s[0] != '\'' {
		return false
	}
	end := strings.IndexByte(s[1:], s[0])
	return end >= 0 && strings.HasPrefix(s[end+2:], ":")
}

// stripComment drops a " #" comment from a plain value.
func stripComment(v string) string {
	if v == "" || v[0] == '"' || v[0] == '\'' {
		return v
	}
	if strings.HasPrefix(v, "#") {
		return ""
	}
	if i := strings.Index(v, " #"); i >= 0 {
		return strings.TrimSpace(v[:i])
	}
	return v
}

// plainValue is v when it is a value complete on its line (words, a
// quoted string, a closed list), or "" when the key's value is below it
// (nothing, a block scalar's | or >, an anchor).
func plainValue(v string) string {
	if v == "" || reBlockScalar.MatchString(v) || strings.HasPrefix(v, "&") || strings.HasPrefix(v, "!") {
		return ""
	}
	return v
}

// noColon explains a line in a mapping that is neither a key nor an item.
func noColon(l *yline) string {
	b := l.body
	if i := strings.Index(b, " #"); i >= 0 {
		b = strings.TrimSpace(b[:i])
	}
	if b == "" || strings.ContainsRune(`"'[{|>&*!`, rune(b[0])) {
		return ""
	}
	word, rest, spaced := strings.Cut(b, " ")
	if k, v, ok := strings.Cut(word, ":"); ok && k != "" {
		return fmt.Sprintf("%q needs a space after its colon; write %q", b, strings.TrimSpace(k+": "+v+" "+rest))
	}
	if spaced {
		return fmt.Sprintf("%q has no colon after its key; write %q", b, word+": "+strings.TrimSpace(rest))
	}
	return fmt.Sprintf("%q has no colon; write %q for a key with a value, or \"- %s\" for an item of a list", b, b+": …", b)
}

// valueProblem explains a value that YAML reads otherwise than it looks.
func valueProblem(v string) string {
	if v == "" {
		return ""
	}
	switch v[0] {
	case '@', '`':
		return fmt.Sprintf("a value cannot start with %q unless it is quoted; write \"%s\"", string(v[0]), v)
	case '"', '\'':
		q := v[0]
		end := closingQuote(v, q)
		if end < 0 {
			return ""
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
			return fmt.Sprintf("text after the closing quote (%s); put the whole value inside the quotes", rest)
		}
		return ""
	case '[', '{', '|', '>', '&', '*', '!':
		return ""
	}
	if i := strings.Index(v, ": "); i >= 0 || strings.HasSuffix(v, ":") {
		return fmt.Sprintf("the value %q holds a colon and a space, which YAML reads as another key; put the whole value in double quotes: \"%s\"", v, strings.ReplaceAll(v, `"`, `\"`))
	}
	return ""
}

// closingQuote returns the index of the quote that closes the quoted
// string at the start of v, or -1.
func closingQuote(v string, q byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// scanValue follows quotes and flow brackets through s, starting inside
// quote q (0: none) at bracket depth d, and returns the state at its end.
func scanValue(s string, q byte, d int) (byte, int, bool) {
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				q = 0
			}
		case q == '\'':
			if c == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
				} else {
					q = 0
				}
			}
		case c == '#' && (prev == ' ' || prev == '\t'):
			return q, d, true
		case (c == '"' || c == '\'') && (i == 0 || d > 0 && strings.IndexByte("[{, :", prev) >= 0):
			q = c
		case c == '[' || c == '{':
			if i == 0 || d > 0 {
				d++
			}
		case (c == ']' || c == '}') && d > 0:
			d--
		}
		if c != ' ' {
			prev = c
		} else {
			prev = ' '
		}
	}
	return q, d, false
}

func openBracket(v string) byte {
	if v != "" && (v[0] == '[' || v[0] == '{') {
		return v[0]
	}
	return '['
}

func unclosed(what byte) string {
	switch what {
	case '"', '\'':
		return fmt.Sprintf("the %c that opens this value is never closed; end the value with %c on this line", what, what)
	case '{':
		return "the { that opens this mapping is never closed; end it with }"
	}
	return "the [ that opens this list is never closed; end it with ] (a list on one line looks like [morning, evening])"
}
