package yamlcheck

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

type size int

// UnmarshalYAML refuses a size over 10, as a content type's own reader
// refuses a value: with a line-only Error.
func (s *size) UnmarshalYAML(n *yaml.Node) error {
	var v int
	if err := n.Decode(&v); err != nil || v > 10 {
		return &Error{Line: n.Line, Msg: "a size is a whole number up to 10"}
	}
	*s = size(v)
	return nil
}

type sheet struct {
	Name  string    `yaml:"name"`
	Pair  [2]string `yaml:"pair"`
	Size  size      `yaml:"size"`
	Later yaml.Node `yaml:"later"`
	Inner struct {
		Colour string `yaml:"colour"`
	} `yaml:"inner"`
}

// TestDecode: each mistake in a file's shape at its line, with the file
// once; a type's own refusal named by file and line; a node kept for
// later is not checked.
func TestDecode(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"misspelt", "nmae: x\n", `s.yaml:1: unknown key "nmae"; did you mean "name"? Allowed keys here: name, pair, size, later, inner`},
		{"unknown", "zzz: x\n", `s.yaml:1: unknown key "zzz". Allowed keys here: name, pair, size, later, inner`},
		{"nested", "inner:\n  color: red\n", `s.yaml:2: unknown key "color"; did you mean "colour"? Allowed keys here: colour`},
		{"twice", "name: a\nname: b\n", `s.yaml:2: key "name" is given twice (first at line 1); keep one`},
		{"list for text", "name: [a, b]\n", `s.yaml:1: wrong type: a list where text is expected; check the value's quoting and indentation`},
		{"text for a pair", "pair: ab\n", `s.yaml:1: wrong type: text "ab" where a list is expected; check the value's quoting and indentation`},
		{"own refusal", "name: a\nsize: 11\n", "s.yaml:2: a size is a whole number up to 10"},
		{"two mistakes", "nme: a\ninner: x\n", "s.yaml:1: unknown key \"nme\"; did you mean \"name\"? Allowed keys here: name, pair, size, later, inner\ns.yaml:2: wrong type: text \"x\" where a mapping of keys to values is expected; check the value's quoting and indentation"},
		{"syntax", "name: a\nsize 3\n", `s.yaml:2: "size 3" has no colon after its key; write "size: 3"`},
		{"empty", " \n", "s.yaml: file is empty; fill it in or delete it"},
		{"later is anything", "later: {any: [thing]}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sheet
			_, err := Decode("s.yaml", []byte(tt.src), &s)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Decode(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestDecodeNode: a node kept for later is read with the same checks,
// named by its file and its own line.
func TestDecodeNode(t *testing.T) {
	var s sheet
	if _, err := Decode("s.yaml", []byte("name: a\nlater:\n  colour: red\n  colur: blue\n"), &s); err != nil {
		t.Fatal(err)
	}
	var inner struct {
		Colour string `yaml:"colour"`
	}
	err := DecodeNode("s.yaml", &s.Later, &inner)
	want := `s.yaml:4: unknown key "colur"; did you mean "colour"? Allowed keys here: colour`
	if err == nil || err.Error() != want {
		t.Errorf("DecodeNode = %v, want %q", err, want)
	}
}

// TestClosest: within two edits (one for a short word), a swap counting
// one; nothing when none is near.
func TestClosest(t *testing.T) {
	cands := []string{"dry", "oily", "leading", "colors"}
	for _, tt := range []struct{ in, want string }{
		{"dyr", "dry"}, {"leadng", "leading"}, {"colour", "colors"}, {"olly", "oily"}, {"oxxy", ""}, {"margin", ""},
	} {
		if got := Closest(tt.in, cands); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
