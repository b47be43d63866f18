package yamlcheck

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAML that parses is checked against the Go type it is read into before
// it is decoded, from the parsed nodes alone: a key the type does not
// have (with the nearest one it does have, and all of them), a key given
// twice, and a value of the wrong shape or type (text where a number or a
// list is expected). yaml.v3's own messages are never read. The mistakes
// carry no file: Decode adds it.

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	nodeType        = reflect.TypeFor[yaml.Node]()
)

// checkShape returns the mistakes of n read as a value of type t.
func checkShape(n *yaml.Node, t reflect.Type) List {
	var out List
	shape(n, t, &out, 0)
	return out
}

func shape(n *yaml.Node, t reflect.Type, out *List, depth int) {
	if depth > 64 {
		return
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
		depth++
		if depth > 64 {
			return
		}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nodeType || reflect.PointerTo(t).Implements(unmarshalerType) {
		return // it reads and checks itself, or is kept to be read later
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return // nothing: the zero value
	}
	wrong := func() {
		*out = append(*out, &Error{Line: n.Line, Msg: fmt.Sprintf("wrong type: %s where %s is expected; check the value's quoting and indentation", NodeKind(n), typeKind(t))})
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			wrong()
			return
		}
		fields := map[string]reflect.Type{}
		var keys []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" || !f.IsExported() {
				continue
			}
			fields[tag] = f.Type
			keys = append(keys, tag)
		}
		eachKey(n, out, func(k, v *yaml.Node) {
			ft, ok := fields[k.Value]
			if !ok {
				msg := fmt.Sprintf("unknown key %q.", k.Value)
				if s := Closest(k.Value, keys); s != "" {
					msg = fmt.Sprintf("unknown key %q; did you mean %q?", k.Value, s)
				}
				*out = append(*out, &Error{Line: k.Line, Msg: msg + " Allowed keys here: " + strings.Join(keys, ", ")})
				return
			}
			shape(v, ft, out, depth+1)
		})
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			wrong()
			return
		}
		eachKey(n, out, func(k, v *yaml.Node) {
			if k.Kind != yaml.ScalarNode {
				*out = append(*out, &Error{Line: k.Line, Msg: "a key must be a single word or phrase, not " + NodeKind(k)})
				return
			}
			shape(v, t.Elem(), out, depth+1)
		})
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			wrong()
			return
		}
		for _, c := range n.Content {
			shape(c, t.Elem(), out, depth+1)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			wrong()
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			wrong()
		}
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
			wrong()
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			wrong()
		}
	}
}

// eachKey calls f for each key and value of mapping n, reporting a key
// given twice instead.
func eachKey(n *yaml.Node, out *List, f func(k, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup && k.Kind == yaml.ScalarNode {
			*out = append(*out, &Error{Line: k.Line, Msg: fmt.Sprintf("key %q is given twice (first at line %d); keep one", k.Value, first)})
			continue
		}
		seen[k.Value] = k.Line
		f(k, v)
	}
}

// NodeKind words what a node holds: `text "first"`, "a list".
func NodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return fmt.Sprintf("a number (%s)", n.Value)
	case "!!bool":
		return fmt.Sprintf("true/false (%s)", n.Value)
	}
	return fmt.Sprintf("text %q", n.Value)
}

// typeKind words what a Go type holds.
func typeKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping of keys to values"
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	}
	return "a value"
}
