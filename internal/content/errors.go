package content

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Error is a problem in a content file. It prints as "file:line: message",
// the form editors and CI logs turn into links.
//
// A problem that depends on the variant (a placeholder naming a field
// that one skin type lacks, a sheet that runs long for some variants)
// carries the Variant it was found in; ErrorList prints the problems that
// differ only in their variant as one, naming the variants between Msg and
// Fix ("… for skin types combination, sensitive; add it …"), the one with
// the highest Rank first, with its Detail.
type Error struct {
	File string // path as the user names it, e.g. content/brands/harbor.yaml
	Line int    // 1-based; 0 when the problem is the whole file
	Msg  string // what is wrong (and what to do, when Fix is empty)
	// Fix is what to do, kept apart from Msg when the variants are named
	// between them; In are the files where it is done, when they depend
	// on the variant (each skin type's own file).
	Fix string
	In  []string
	// Variant is the variant the problem was found in, or nil when it
	// does not depend on one.
	Variant *Where
	// Detail is this variant's particulars ("3 pages, 14 lines over");
	// Rank says how bad it is, for naming the worst first.
	Detail string
	Rank   float64
	// Err is the cause, when the problem comes from another error (a file
	// that could not be opened, a build step that failed); Msg says it in
	// words. errors.Is and errors.As see it through Unwrap.
	Err error
	// grouped marks an Error merge made from a group; perVariant one that
	// Resolve found for its Env's variant only (checkHandouts names it).
	grouped, perVariant bool
}

// Error returns "file:line: message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Variant != nil {
		if d := e.Variant.scope.Describe([]Where{*e.Variant}); d != "" {
			b.WriteString(" for " + d)
		}
		if e.Detail != "" {
			b.WriteString(" (" + e.Detail + ")")
		}
	}
	e.writeFix(&b, e.In)
	return b.String()
}

// Unwrap returns the cause, or nil.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) writeFix(b *strings.Builder, in []string) {
	if e.Fix == "" {
		return
	}
	b.WriteString("; " + e.Fix)
	if len(in) > 0 {
		b.WriteString(" in " + strings.Join(in, ", "))
	}
}

// Errorf returns an *Error for file and line. As with fmt.Errorf, a %w
// verb names the cause: the Error's Err, which Unwrap returns.
func Errorf(file string, line int, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	e := &Error{File: file, Line: line, Msg: err.Error()}
	switch w := err.(type) {
	case interface{ Unwrap() error }:
		e.Err = w.Unwrap()
	case interface{ Unwrap() []error }:
		e.Err = err
	}
	return e
}

// ErrorList is every problem found in one load or build. Join makes one
// from any errors, sorted by file and line with repeats dropped; Error
// prints it one problem a line, each problem found in several variants
// once (see Error).
type ErrorList []*Error

// Error returns one problem a line, grouped (see Grouped).
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l.Grouped() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems of l, so that errors.Is and errors.As look
// at each of them and their causes.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns l as an error, or nil when l is empty (as go/scanner's
// ErrorList.Err does): a nil ErrorList in an error variable is not nil.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
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

// Sort sorts l by file and line, keeping the order of problems on one line.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}

// Join returns errs as one ErrorList, sorted by file and line, without
// repeats (the same problem found in many variants is one): ErrorLists
// are merged, an *Error kept, and any other error becomes an Error of the
// file "build" (after the content's) that wraps it, so that errors.Is and
// errors.As still find the cause. It returns nil when every err is
// nil. It is the one way problems are joined: the loader, the build's
// workers and the renderers all use it, or ErrorList's Sort and Dedup.
func Join(errs ...error) error {
	var list, other ErrorList
	for _, err := range errs {
		// Only an ErrorList or *Error itself: a wrapped one keeps the
		// words its wrapper adds.
		switch e := err.(type) {
		case nil:
		case ErrorList:
			list = append(list, e...)
		case *Error:
			list = append(list, e)
		default:
			other = append(other, &Error{File: "build", Msg: err.Error(), Err: err})
		}
	}
	if len(list) == 0 && len(other) == 0 {
		return nil
	}
	list.Sort()
	return append(list, other...).Dedup()
}

// Grouped returns l with the problems that differ only in their variant
// merged into one, which names the variants it affects (or none, when it
// affects every variant that shows the file) and the worst one's Detail,
// and then those that differ only in their line merged into the first,
// which lists the other lines. Other problems are kept as they are.
func (l ErrorList) Grouped() ErrorList {
	type group struct {
		first *Error
		ws    []*Error
	}
	var out ErrorList
	groups := map[string]*group{}
	for _, e := range l {
		if e.Variant == nil {
			out = append(out, e)
			continue
		}
		k := fmt.Sprintf("%s\x00%d\x00%s\x00%s", e.File, e.Line, e.Msg, e.Fix)
		if g := groups[k]; g != nil {
			g.ws = append(g.ws, e)
			continue
		}
		groups[k] = &group{first: e, ws: []*Error{e}}
		out = append(out, e) // a stand-in, replaced below
	}
	for i, e := range out {
		if e.Variant == nil {
			continue
		}
		g := groups[fmt.Sprintf("%s\x00%d\x00%s\x00%s", e.File, e.Line, e.Msg, e.Fix)]
		out[i] = merge(g.ws)
	}
	return mergeLines(out)
}

// merge words the problems of one group as one.
func merge(ws []*Error) *Error {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].Rank > ws[j].Rank })
	first := ws[0]
	var set []Where
	var in []string
	for _, e := range ws {
		set = append(set, *e.Variant)
		for _, f := range e.In {
			if !slices.Contains(in, f) {
				in = append(in, f)
			}
		}
	}
	var b strings.Builder
	b.WriteString(first.Msg)
	if d := first.Variant.scope.Describe(set); d != "" {
		b.WriteString(" for " + d)
	}
	if first.Detail != "" {
		if len(ws) > 1 {
			fmt.Fprintf(&b, " (worst: %s: %s)", first.Variant, first.Detail)
		} else {
			b.WriteString(" (" + first.Detail + ")")
		}
	}
	return &Error{File: first.File, Line: first.Line, Msg: b.String(), Fix: first.Fix, In: in, grouped: true}
}

// mergeLines merges grouped problems that differ only in their line.
func mergeLines(l ErrorList) ErrorList {
	var out ErrorList
	byKey := map[string]int{}
	also := map[int][]string{}
	for _, e := range l {
		if !e.grouped || e.Line == 0 {
			out = append(out, e)
			continue
		}
		k := e.File + "\x00" + e.Msg + "\x00" + e.Fix + "\x00" + strings.Join(e.In, ",")
		if i, ok := byKey[k]; ok {
			also[i] = append(also[i], fmt.Sprint(e.Line))
			continue
		}
		byKey[k] = len(out)
		out = append(out, e)
	}
	for i, lines := range also {
		c := *out[i]
		c.Msg += fmt.Sprintf(" (also at %s %s)", plural(len(lines), "line", "lines"), strings.Join(lines, ", "))
		out[i] = &c
	}
	return out
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
	c.list = append(c.list, &Error{File: "content", Msg: err.Error(), Err: err})
}

func (c *errs) addf(file string, line int, format string, args ...any) {
	c.list = append(c.list, Errorf(file, line, format, args...))
}

func (c *errs) err() error {
	if len(c.list) == 0 {
		return nil
	}
	c.list.Sort()
	return c.list
}
