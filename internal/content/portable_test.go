package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestUnportableName: names Windows refuses or keeps for devices, and
// names it accepts.
func TestUnportableName(t *testing.T) {
	for name, want := range map[string]string{
		"a*b.png": `"*"`, "why?.md": `"?"`, `x\y.yaml`: `"\"`, "tab\t.md": "a control character",
		"face.": "ends in a dot", "face ": "ends in a dot or a space",
		"con": "device name", "CON.yaml": "device name", "nul.es.md": "device name", "Com1.png": "device name", "lpt9": "device name",
		"face.yaml": "", "console.yaml": "", "com10.yaml": "", "sheet.es.md": "",
	} {
		got := unportableName(name)
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("unportableName(%q) = %q; want %q", name, got, want)
		}
	}
}

// TestAccentsCollide: an accent written as one character and as a letter
// with a combining mark are one name on macOS and Windows.
func TestAccentsCollide(t *testing.T) {
	l := &loader{c: &Catalog{Root: "content", FS: fstest.MapFS{
		"area/d\u00e9collet\u00e9.png":   {Data: []byte("x")},
		"area/de\u0301collete\u0301.png": {Data: []byte("x")},
	}}}
	l.checkPortable()
	if err := l.e.err(); err == nil || !strings.Contains(err.Error(), "only in case or accents") {
		t.Errorf("err = %v; want the two spellings of décolleté refused", err)
	}
}
