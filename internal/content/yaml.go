package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

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
// and returns the document node so that callers can find lines of values.
func decodeStrict(file string, data []byte, v any) (*yaml.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errorf(file, 0, "file is empty; fill it in or delete it")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		var pe *posError
		if errors.As(err, &pe) {
			return nil, Errorf(file, pe.line, "%s", pe.msg)
		}
		if err == io.EOF {
			return nil, Errorf(file, 0, "file has no YAML document; fill it in or delete it")
		}
		return nil, yamlError(file, err, keysOf(reflect.TypeOf(v)))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(file, err, nil)
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0], nil
	}
	return &doc, nil
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

// keysOf lists the yaml keys of every struct type reachable from t, by type name.
func keysOf(t reflect.Type) map[string][]string {
	out := map[string][]string{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		if _, ok := out[t.Name()]; ok {
			return
		}
		out[t.Name()] = nil
		var keys []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			keys = append(keys, tag)
			walk(f.Type)
		}
		out[t.Name()] = keys
	}
	walk(t)
	return out
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
