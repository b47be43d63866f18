// Package pdftest holds what tests of several packages read back the
// PDFs they make with: their text as poppler reads it, PDF strings and
// numbers as internal/pdfua decodes them, and the tools they run (skipped
// loudly on a developer machine, required when CI=true). No program code
// imports it.
package pdftest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"handouts/internal/pdfua"
)

// RequirePoppler skips t loudly unless pdftotext is installed, or fails it
// when CI is "true".
func RequirePoppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is required in CI: apt-get install poppler-utils")
		}
		t.Log("SKIP: pdftotext not installed (apt-get install poppler-utils); this test did not run")
		t.SkipNow()
	}
}

// Run runs the command name with args and returns what it wrote; t fails
// when it fails.
func Run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// Pages returns the text of each page as pdftotext reads it, with
// white space squeezed.
func Pages(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	for i := range pages {
		pages[i] = strings.Join(strings.Fields(pages[i]), " ")
	}
	return pages
}

// LayoutText is the text of file from page first on as pdftotext -layout
// reads it (words on one line of the page stay on one line), with white
// space squeezed.
func LayoutText(t *testing.T, file string, first int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-f", fmt.Sprint(first), file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Flat squeezes white space and shows no-break spaces as spaces.
func Flat(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// Text decodes a PDF text string: UTF-16BE after a byte order mark,
// or plain bytes.
func Text(o pdfua.Object) string {
	s, _ := o.(pdfua.String)
	b := []byte(s)
	if !bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return string(b)
	}
	var u []uint16
	for i := 2; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// Number reads a PDF number however the reader kept it.
func Number(o pdfua.Object) float64 {
	switch v := o.(type) {
	case pdfua.Int:
		return float64(v)
	case pdfua.Real:
		return float64(v)
	case pdfua.Keyword:
		f, _ := strconv.ParseFloat(string(v), 64)
		return f
	}
	return -1
}

// Word is one word as pdftotext -bbox reads it.
type Word struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// PageWords reads the words of page n (from 1) of file, with their boxes
// (top-down points), and the page's height.
func PageWords(t *testing.T, file string, n int) ([]Word, float64) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var words []Word
	height := 0.0
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) float64 { return AttrFloat(el, name) }
		switch el.Name.Local {
		case "page":
			height = attr("height")
		case "word":
			w := Word{XMin: attr("xMin"), YMin: attr("yMin"), XMax: attr("xMax"), YMax: attr("yMax")}
			if err := dec.DecodeElement(&w.Text, &el); err == nil {
				words = append(words, w)
			}
		}
	}
	return words, height
}

// AttrFloat is el's attribute name as a number (pdftotext -bbox writes
// positions as attributes), or 0 when it has none.
func AttrFloat(el xml.StartElement, name string) float64 {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			var f float64
			fmt.Sscan(a.Value, &f)
			return f
		}
	}
	return 0
}
