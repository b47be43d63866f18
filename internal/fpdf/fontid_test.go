package fpdf

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"testing"
)

// generateFontID names a font as the SHA-1 of its definition marshalled by
// encoding/json, whether or not it has widths.
func TestGenerateFontIDAsJSON(t *testing.T) {
	cw := make([]int, 65536)
	for i := range cw {
		cw[i] = (i * 7919) % 3001
	}
	for _, def := range []fontDefType{
		{Tp: "UTF8", Name: "body", Desc: FontDescType{Ascent: 800, Descent: -200, FontBBox: fontBoxType{-10, -250, 1200, 950}}, Up: -100, Ut: 50, Cw: cw},
		{Tp: "UTF8", Name: `say "Cw":null`, Cw: []int{}},
		{Tp: "TrueType", Name: "core", Cw: []int{-1, 0, 1}, Diff: "x", File: "f.z", Size1: 3},
		{Tp: "Core", Name: "helvetica"},
	} {
		ref := def
		ref.File = ""
		b, err := json.Marshal(&ref)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%x", sha1.Sum(b))
		got, err := generateFontID(def)
		if err != nil || got != want {
			t.Errorf("%s: %s, %v; want %s", def.Name, got, err, want)
		}
	}
}
