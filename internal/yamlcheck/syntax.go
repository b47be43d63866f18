package yamlcheck

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

// Syntax explains why data, which yaml.v3 refuses, is not YAML: the line
// of the mistake and what to do. The Error has no File; Decode adds it.
func Syntax(data []byte) *Error {
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimSuffix(ln, "\r")
	}
	at := min(breakLine(data), len(lines))
	if line, msg := diagnose(lines, at); msg != "" {
		return &Error{Line: line, Msg: msg}
	}
	return &Error{Line: at, Msg: "YAML cannot read this line; check that it is indented with spaces like its neighbours, that a colon and a space follow its key, and that quotes and brackets are closed"}
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

// scanner is the state of diagnose between lines: the keys open above
// the line, and a value, block of text or line of words begun above it.
type scanner struct {
	at    int // the line where the parser gives up
	root  *keyLevel
	stack []*keyLevel
	quote byte // a quote open across lines
	depth int  // flow brackets open across lines
	// openLine and openWhat are where that quote or bracket opened and
	// which it is.
	openLine int
	openWhat byte
	blockAt  int // a block scalar's key column; deeper lines are its text (-1: none)
	// pending is a line of words at a key's place (no colon): YAML reads
	// it with the next line as one long key, and stops there.
	pending    int
	pendingMsg string
}

// diagnose reads lines up to at, where the parser gives up, and returns
// the line and message of the mistake on that line (the lines above it
// parse, so they only set the scene), or "".
func diagnose(lines []string, at int) (int, string) {
	s := &scanner{at: at, root: &keyLevel{col: -1, children: -1}, blockAt: -1}
	for i := 0; i < at && i < len(lines); i++ {
		if line, msg := s.line(lines[i], i+1); msg != "" {
			return line, msg
		}
	}
	if s.openLine > 0 {
		return s.openLine, unclosed(s.openWhat)
	}
	if s.pending > 0 {
		return s.pending, s.pendingMsg
	}
	return 0, ""
}

// line reads line n, raw, and returns the mistake it finds there (or, for
// a line read as the value of the key above, on that line), or "".
func (s *scanner) line(raw string, n int) (int, string) {
	l := &yline{n: n}
	here := n == s.at
	ws := len(raw) - len(strings.TrimLeft(raw, " \t"))
	l.tab = strings.ContainsRune(raw[:ws], '\t')
	l.indent = len(raw) - len(strings.TrimLeft(raw, " "))
	l.body = strings.TrimSpace(raw)
	if s.blockAt >= 0 {
		if l.body == "" || l.indent > s.blockAt {
			return 0, ""
		}
		s.blockAt = -1
	}
	if s.quote != 0 || s.depth > 0 {
		// Inside a value begun above: find where it closes.
		s.quote, s.depth, _ = scanValue(raw, s.quote, s.depth)
		if s.quote == 0 && s.depth == 0 {
			s.openLine = 0
		}
		return 0, ""
	}
	if l.body == "" || strings.HasPrefix(l.body, "#") || l.body == "---" || l.body == "..." {
		return 0, ""
	}
	if l.tab && here {
		return l.n, "a tab indents this line; YAML indents with spaces only, so replace the tab with spaces"
	}
	parseLine(l)
	if top := s.top(); top != s.root && l.indent > top.col && top.value != "" {
		return s.underValue(l, top, here)
	}
	col := l.indent
	if l.hasKey {
		col = l.keyCol
	}
	parent := s.parent(col)
	switch {
	case l.hasKey || l.seq:
		if line, msg := s.push(l, col, parent, here); msg != "" {
			return line, msg
		}
	case parent != s.root && parent.children < 0 && parent.value == "" && col > parent.col:
		// The value of the key above, on a line of its own.
		parent.value = l.body
		parent.valueLine, parent.valueCol, parent.valueMsg = l.n, l.indent, noColon(l)
		s.open(l.body, l.n)
		return 0, ""
	default:
		if msg := noColon(l); msg != "" {
			if here {
				return l.n, msg
			}
			s.pending, s.pendingMsg = l.n, msg
			return 0, ""
		}
	}
	if !here {
		s.pending = 0
	}
	if msg := valueProblem(l.value); msg != "" && here {
		return l.n, msg
	}
	if reBlockScalar.MatchString(l.value) {
		s.blockAt = col
		if l.seq && !l.hasKey {
			s.blockAt = l.indent
		}
		return 0, ""
	}
	s.open(l.value, l.n)
	return 0, ""
}

// top is the innermost open key, or the root.
func (s *scanner) top() *keyLevel {
	if len(s.stack) > 0 {
		return s.stack[len(s.stack)-1]
	}
	return s.root
}

// parent closes the keys at col or deeper (a line at col is their sibling
// or comes after them) and returns the key the line at col is under.
func (s *scanner) parent(col int) *keyLevel {
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].col > col {
		s.stack = s.stack[:len(s.stack)-1]
	}
	if len(s.stack) > 0 && s.stack[len(s.stack)-1].col == col {
		s.stack = s.stack[:len(s.stack)-1] // a sibling
	}
	return s.top()
}

// underValue explains line l, deeper than top, a key whose value is
// already on its line: more words of that value (no mistake), or a key put
// under it by mistake.
func (s *scanner) underValue(l *yline, top *keyLevel, here bool) (int, string) {
	if !(l.hasKey || l.seq) || !here {
		return 0, ""
	}
	if l.indent == top.col+1 {
		where := "at the top of the file"
		if len(s.stack) > 1 {
			p := s.stack[len(s.stack)-2]
			where = fmt.Sprintf("under %q (line %d)", p.key, p.line)
		}
		return l.n, misaligned(l.indent, where, top.col)
	}
	if top.valueLine > 0 && l.indent == top.valueCol && top.valueMsg != "" {
		// The line above was meant as a key: YAML read it as the value
		// of the key above it, and stops here.
		return top.valueLine, top.valueMsg
	}
	return l.n, fmt.Sprintf("indented under %q (line %d), which already has a value (%s); line it up with %q, or move that value onto lines of its own below %q",
		top.key, top.line, top.value, top.key, top.key)
}

// push opens the key or list item of line l, at col under parent, or
// explains why it is out of line with its siblings.
func (s *scanner) push(l *yline, col int, parent *keyLevel, here bool) (int, string) {
	if l.seq && parent.children < 0 {
		parent.children = col
	}
	if l.hasKey && !l.seq {
		if parent.children >= 0 && parent.children != col && here {
			where := "at the top of the file"
			if parent != s.root {
				where = fmt.Sprintf("under %q (line %d)", parent.key, parent.line)
			}
			return l.n, misaligned(col, where, parent.children)
		}
		if parent.children < 0 {
			parent.children = col
		}
	}
	key := l.key
	if !l.hasKey {
		key = "-"
	}
	s.stack = append(s.stack, &keyLevel{col: col, line: l.n, key: key, value: plainValue(l.value), children: -1})
	return 0, ""
}

// open notes a quote or bracket that value v, on line n, leaves open.
func (s *scanner) open(v string, n int) {
	q, d, _ := scanValue(v, 0, 0)
	if q == 0 && d == 0 {
		return
	}
	s.quote, s.depth, s.openLine, s.openWhat = q, d, n, q
	if q == 0 {
		s.openWhat = openBracket(v)
	}
}

// misaligned says that a key indented by col is out of line with the
// other keys where it is, indented by want.
func misaligned(col int, where string, want int) string {
	spaces := "spaces"
	if col == 1 {
		spaces = "space"
	}
	return fmt.Sprintf("indented by %d %s, but the other keys %s are indented by %d; line it up with them", col, spaces, where, want)
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
