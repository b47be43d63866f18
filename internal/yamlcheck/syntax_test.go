package yamlcheck

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestYAMLSyntax: each mistake gets its own message on the line where it
// is, worked out from where parsing stops and the bytes, never from
// yaml.v3's wording.
func TestYAMLSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"tab", "a: 1\nb:\n\tc: 2\n", 3, "a tab indents this line"},
		{"tab after spaces", "a:\n  b: 1\n  \tc: 2\n", 3, "a tab indents this line"},
		{"unclosed double quote", "a: \"x\nb: 2\nc: 3\n", 1, `the " that opens this value is never closed`},
		{"unclosed single quote", "a: 1\nb: 'x\nc: 3\n", 2, `the ' that opens this value is never closed`},
		{"unclosed list", "a: [x, y\nb: 2\n", 1, "the [ that opens this list is never closed"},
		{"unclosed mapping", "a: {x: 1\nb: 2\n", 1, "the { that opens this mapping is never closed"},
		{"no colon", "a: 1\nb 2\n", 2, `"b 2" has no colon after its key; write "b: 2"`},
		{"no space after colon", "a: 1\nb:2\nc: 3\n", 0, ""}, // "b:2" is a plain scalar key? no: it is text at the top, which YAML reads as a key "b:2" with no value
		{"key under a value", "a: 1\n  b: 2\n", 2, `indented under "a" (line 1), which already has a value (1)`},
		{"one space too many", "a:\n  b: 1\n   c: 2\n", 3, `indented by 3 spaces, but the other keys under "a" (line 1) are indented by 2`},
		{"one space too few", "a:\n  b: 1\n c: 2\n", 3, `indented by 1 space, but the other keys under "a" (line 1) are indented by 2`},
		{"colon in value", "a: Call us: now\n", 1, `the value "Call us: now" holds a colon and a space`},
		{"text after quote", "a: \"x\" y\n", 1, "text after the closing quote (y)"},
		{"at sign", "a: @x\n", 1, `a value cannot start with "@" unless it is quoted`},
		{"backtick", "a: `x`\n", 1, "a value cannot start with \"`\" unless it is quoted"},
		{"multi-line list then error", "a: [x,\n  y]\nb 2\n", 3, `"b 2" has no colon after its key`},
		{"block scalar then error", "a: |\n  text: with colon\n  more\nb 2\n", 4, `"b 2" has no colon`},
		{"words meant as a key", "a:\n  words here\n  b: 1\n", 2, `"words here" has no colon after its key; write "words: here"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			if yaml.Unmarshal([]byte(tt.in), &n) == nil {
				if tt.want != "" {
					t.Fatalf("%q parses; the case is wrong", tt.in)
				}
				return
			}
			e := Syntax([]byte(tt.in))
			if tt.line != 0 && e.Line != tt.line {
				t.Errorf("line = %d, want %d (%s)", e.Line, tt.line, e.Msg)
			}
			if !strings.Contains(e.Msg, tt.want) {
				t.Errorf("message = %q, want it to contain %q", e.Msg, tt.want)
			}
		})
	}
}

// TestYAMLMistakesOnTheirLine takes every YAML file of the shipped
// content and makes one mistake at a time on each line (a tab before the
// key, a quote left open, the colon dropped): the message names that
// line, and says what the mistake is.
func TestYAMLMistakesOnTheirLine(t *testing.T) {
	fsys := os.DirFS("../../content")
	var files []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".yaml" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 10 {
		t.Fatalf("only %d YAML files under content/", len(files))
	}
	mistakes := []struct {
		name string
		do   func(ln string) (string, bool)
		want string
	}{
		{"tab", func(ln string) (string, bool) {
			if strings.TrimSpace(ln) == "" || strings.HasPrefix(strings.TrimSpace(ln), "#") {
				return "", false
			}
			return "\t" + ln, true
		}, "a tab indents this line"},
		{"open quote", func(ln string) (string, bool) {
			k, v, ok := strings.Cut(ln, ": ")
			if !ok || !strings.HasPrefix(v, `"`) || !strings.HasSuffix(v, `"`) || len(v) < 3 {
				return "", false
			}
			return k + ": " + v[:len(v)-1], true
		}, "never closed"},
		{"no colon", func(ln string) (string, bool) {
			k, v, ok := strings.Cut(ln, ": ")
			if !ok || strings.TrimSpace(k) == "" || strings.HasPrefix(strings.TrimSpace(k), "-") || strings.HasPrefix(strings.TrimSpace(k), "#") || v == "" || strings.ContainsAny(v, "#") {
				return "", false
			}
			return k + " " + v, true
		}, "has no colon after its key"},
	}
	tried := 0
	for _, f := range files {
		data, _ := fs.ReadFile(fsys, f)
		lines := strings.Split(string(data), "\n")
		// Every line of a short file; some 10 lines spread over a long one
		// (the race detector makes each try slow).
		step := max(1, len(lines)/10)
		for i := 0; i < len(lines); i += step {
			for _, m := range mistakes {
				bad, ok := m.do(lines[i])
				if !ok {
					continue
				}
				edited := append([]string(nil), lines...)
				edited[i] = bad
				src := strings.Join(edited, "\n")
				var n yaml.Node
				if yaml.Unmarshal([]byte(src), &n) == nil {
					continue // still YAML (a tab inside a block of text, say)
				}
				tried++
				e := Syntax([]byte(src))
				if e.Line != i+1 || !strings.Contains(e.Msg, m.want) {
					t.Errorf("%s, %s on line %d (%q): got line %d: %s", f, m.name, i+1, bad, e.Line, e.Msg)
				}
			}
		}
	}
	if tried < 150 {
		t.Errorf("only %d mistakes tried", tried)
	}
	t.Logf("%d mistakes in %d files, each on its line", tried, len(files))
}
