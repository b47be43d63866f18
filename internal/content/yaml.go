package content

import (
	"errors"

	"go.yaml.in/yaml/v3"

	"handouts/internal/yamlcheck"
)

// decodeStrict decodes data into v, refusing unknown keys and wrong types,
// and returns the document's top node so that callers can find lines of
// values (yamlcheck.Decode). Its mistakes are content problems of file
// (an ErrorList). The model's own UnmarshalYAML methods return a
// *yamlcheck.Error for a value they refuse.
func decodeStrict(file string, data []byte, v any) (*yaml.Node, error) {
	root, err := yamlcheck.Decode(file, data, v)
	var list yamlcheck.List
	if !errors.As(err, &list) {
		return root, err
	}
	out := make(ErrorList, len(list))
	for i, e := range list {
		out[i] = &Error{File: e.File, Line: e.Line, Msg: e.Msg}
	}
	return nil, out
}

// lineOf returns the line of the value at path (mapping keys) in n, or the
// nearest enclosing line found.
func lineOf(n *yaml.Node, path ...string) int {
	if n == nil {
		return 0
	}
	line := n.Line
	for _, key := range path {
		if n.Kind != yaml.MappingNode {
			return line
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				n = n.Content[i+1]
				line = n.Line
				found = true
				break
			}
		}
		if !found {
			return line
		}
	}
	return line
}

// keyLine returns the line of key in mapping n, or of n when it has no
// such key.
func keyLine(n *yaml.Node, key string) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i].Line
			}
		}
	}
	return n.Line
}
