package content

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a problem in a content file. It prints as "file:line: message",
// the form editors and CI logs turn into links.
type Error struct {
	File string // path as the user names it, e.g. content/brands/harbor.yaml
	Line int    // 1-based; 0 when the problem is the whole file
	Msg  string // what is wrong and what to do
}

// Error returns "file:line: message".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errorf returns an *Error for file and line.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList is every problem found in one load, sorted by file and line.
type ErrorList []*Error

// Error returns one problem a line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Dedup returns l without repeated messages, in order.
func (l ErrorList) Dedup() ErrorList {
	seen := map[string]bool{}
	var out ErrorList
	for _, e := range l {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	return out
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}

// errs collects problems while loading.
type errs struct{ list ErrorList }

func (c *errs) add(err error) {
	if err == nil {
		return
	}
	var list ErrorList
	if errors.As(err, &list) {
		c.list = append(c.list, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		c.list = append(c.list, e)
		return
	}
	c.list = append(c.list, &Error{File: "content", Msg: err.Error()})
}

func (c *errs) addf(file string, line int, format string, args ...any) {
	c.list = append(c.list, Errorf(file, line, format, args...))
}

func (c *errs) err() error {
	if len(c.list) == 0 {
		return nil
	}
	c.list.sort()
	return c.list
}

var (
	reLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	reUnknown = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	reWrong   = regexp.MustCompile("^cannot unmarshal !!(\\w+) `?(.*?)`? into (\\S+)$")
	reAlready = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`)
)

// yamlError turns a yaml.v3 error into Errors naming file:line, with a hint.
// keys lists the allowed keys of each Go type, for "unknown key" hints.
func yamlError(file string, err error, keys map[string][]string) error {
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var list ErrorList
	for _, m := range msgs {
		m = strings.TrimSpace(m)
		line := 0
		if sm := reLine.FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		switch {
		case reUnknown.MatchString(m):
			sm := reUnknown.FindStringSubmatch(m)
			key, typ := sm[1], sm[2]
			typ = typ[strings.LastIndex(typ, ".")+1:]
			allowed := keys[typ]
			msg := fmt.Sprintf("unknown key %q", key)
			if s := closest(key, allowed); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			if len(allowed) > 0 {
				msg += " Allowed keys here: " + strings.Join(allowed, ", ")
			}
			list = append(list, Errorf(file, line, "%s", msg))
		case reWrong.MatchString(m):
			sm := reWrong.FindStringSubmatch(m)
			list = append(list, Errorf(file, line, "wrong type: %s %q where %s is expected; check the value's quoting and indentation", yamlKind(sm[1]), sm[2], goKind(sm[3])))
		case reAlready.MatchString(m):
			sm := reAlready.FindStringSubmatch(m)
			list = append(list, Errorf(file, line, "key %q is given twice (first at line %s); keep one", sm[1], sm[2]))
		default:
			list = append(list, Errorf(file, line, "YAML syntax error: %s; check indentation, colons and quotes", strings.TrimPrefix(m, "yaml: ")))
		}
	}
	return list
}

func yamlKind(tag string) string {
	switch tag {
	case "str":
		return "text"
	case "int", "float":
		return "a number"
	case "seq":
		return "a list"
	case "map":
		return "a mapping"
	case "bool":
		return "true/false"
	}
	return tag
}

func goKind(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping of keys to values"
	case t == "string":
		return "text"
	case t == "int" || t == "float64":
		return "a number"
	case t == "bool":
		return "true or false"
	}
	return "a mapping of keys to values"
}

// closest returns the candidate within edit distance 2 of s, if any.
func closest(s string, cands []string) string {
	best, bestD := "", 3
	for _, c := range cands {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
