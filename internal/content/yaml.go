package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"

	"go.yaml.in/yaml/v3"
)

// posError is returned by the custom YAML unmarshalers; decodeStrict adds the file.
type posError struct {
	line int
	msg  string
}

// Error returns the message with its line.
func (e *posError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// decodeStrict decodes data into v, refusing unknown keys and wrong types,
// and returns the document's top node so that callers can find lines of
// values. Every message is worked out from the parsed nodes, or, when data
// does not parse, from where parsing stops and the file's bytes
// (yamlsyntax.go, yamlshape.go); yaml.v3's own messages are never read.
func decodeStrict(file string, data []byte, v any) (*yaml.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errorf(file, 0, "file is empty; fill it in or delete it")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, ErrorList{syntaxError(file, data)}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, Errorf(file, 0, "file has no YAML document; fill it in or delete it")
	}
	root := doc.Content[0]
	if list := checkShape(file, root, reflect.TypeOf(v)); len(list) > 0 {
		return nil, list
	}
	if err := root.Decode(v); err != nil {
		var pe *posError
		if errors.As(err, &pe) {
			return nil, Errorf(file, pe.line, "%s", pe.msg)
		}
		// checkShape knows every type content is read into; this is a
		// value it does not foresee.
		return nil, Errorf(file, root.Line, "cannot read the values of this file (%v); check the types of the values", err)
	}
	return root, nil
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
