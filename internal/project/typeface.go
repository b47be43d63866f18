package project

import (
	"fmt"
	"io/fs"

	"handouts/internal/html"
	"handouts/internal/layout"
)

// webFamily is the CSS family name of the embedded typeface; the style
// sheets (layouts/html) name it first.
const webFamily = "Atkinson Hyperlegible"

// loadTypefaces makes, per brand, the regular and bold faces its print
// style names into the typeface the HTML pages embed (subset per page),
// from the bytes the print fonts were read in. Brands sharing the same
// files share one Typeface.
func (p *Project) loadTypefaces(src Sources) error {
	p.typefaces = map[string]*html.Typeface{}
	byFiles := map[string]*html.Typeface{}
	for _, b := range p.brands() {
		files := p.styles[b.ID].Fonts
		key := files[layout.Regular] + "\x00" + files[layout.Bold]
		if byFiles[key] == nil {
			var data [2][]byte
			for i, face := range []layout.Face{layout.Regular, layout.Bold} {
				// The print fonts' bytes, read by pdf.LoadFonts from the
				// same files.
				if data[i] = p.fonts[b.ID].Data(face); data[i] != nil {
					continue
				}
				d, err := fs.ReadFile(src.Fonts, files[face])
				if err != nil {
					return fmt.Errorf("%s/%s: %v; the style sheet names this font", src.FontsName, files[face], err)
				}
				data[i] = d
			}
			tf, err := html.NewTypeface(webFamily, data[0], data[1])
			if err != nil {
				return fmt.Errorf("%s: %v", src.FontsName, err)
			}
			byFiles[key] = tf
		}
		p.typefaces[b.ID] = byFiles[key]
	}
	return nil
}
