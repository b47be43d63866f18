// Package yamlcheck reads hand-written YAML strictly into a Go value and
// explains every mistake as "file:line: what is wrong; what to do", for
// content files and style sheets alike. It imports only yaml.v3 and the
// standard library, so any package that decodes YAML may use it.
//
// YAML that does not parse is explained from where parsing stops and the
// file's bytes (syntax.go): a tab, an open quote or bracket, a key under a
// value or out of line with its neighbours, a missing colon, a colon or
// "@" in a plain value. YAML that parses is checked against the Go type it
// is read into, from the parsed nodes (shape.go): an unknown key (with the
// nearest known one and all of them), a key given twice, a value of the
// wrong type. yaml.v3's own messages are never read, so a new version of
// it cannot silently lose a hint, and no Go type name reaches a message.
package yamlcheck

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is one mistake in a YAML file. It prints as "file:line: message".
// A type's own UnmarshalYAML returns one (without File) to say what is
// wrong with its value; Decode names the file.
type Error struct {
	File string // the file as the user names it; "" inside UnmarshalYAML
	Line int    // 1-based; 0 when the mistake is the whole file's
	Msg  string
}

// Error returns "file:line: message" ("line N: message" without a file).
func (e *Error) Error() string {
	switch {
	case e.File == "":
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	case e.Line == 0:
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// List is the mistakes found in one file, in the order of their lines.
type List []*Error

// Error returns one mistake a line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the mistakes, for errors.As.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Decode reads data, the YAML file named file, into v, refusing unknown
// keys, keys given twice and values of the wrong type, and returns the
// document's top node, so that callers can find the lines of values. A
// failure is always a List: every mistake in the file's shape, or the one
// that stops it parsing.
func Decode(file string, data []byte, v any) (*yaml.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, List{{file, 0, "file is empty; fill it in or delete it"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		e := Syntax(data)
		e.File = file
		return nil, List{e}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, List{{file, 0, "file has no YAML document; fill it in or delete it"}}
	}
	root := doc.Content[0]
	if err := DecodeNode(file, root, v); err != nil {
		return nil, err
	}
	return root, nil
}

// DecodeNode reads n, a node of the YAML file named file, into v, as
// Decode does: for a part of a file kept as a yaml.Node and read later.
func DecodeNode(file string, n *yaml.Node, v any) error {
	if list := checkShape(n, reflect.TypeOf(v)); len(list) > 0 {
		for _, e := range list {
			e.File = file
		}
		return list
	}
	if err := n.Decode(v); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return List{{file, e.Line, e.Msg}}
		}
		// checkShape knows every type it is given; this is a value it
		// does not foresee.
		return List{{file, n.Line, fmt.Sprintf("cannot read the values of this file (%v); check the types of the values", err)}}
	}
	return nil
}

// Closest returns the candidate nearest s within two edits (one for a
// word of four letters or fewer, where two edits make another word), or
// "": the key or id a misspelt one was meant to be.
func Closest(s string, cands []string) string {
	limit := 2
	if len(s) <= 4 {
		limit = 1
	}
	best, bestD := "", limit+1
	for _, c := range cands {
		if d := EditDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// EditDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of two neighbours ("dyr" for "dry")
// each count one.
func EditDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
