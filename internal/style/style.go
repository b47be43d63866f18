// Package style is the print style sheet: type sizes, leading, spacing,
// colours and fonts, decoded from layouts/pdf/default.yaml and cascaded with
// a brand's layouts/pdf/<brand>.yaml, in which every key is optional.
// Defaults follow ../shared/PRODUCT.md; Check refuses sizes below the
// product's floor (body text 12 pt) so a brand cannot make a sheet
// unreadable.
package style

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"

	"handouts/internal/layout"
	"handouts/internal/yamlcheck"
)

// MinBodySize is the smallest body text a patient handout may use
// (../shared/PRODUCT.md: body text 12-14 pt, never below 12).
const MinBodySize = 12.0

// Sheet is a style sheet. Pointer fields are "not set" when nil, so a brand
// file sets only what it changes.
type Sheet struct {
	Fonts              *Fonts   `yaml:"fonts"`
	BodySize           *float64 `yaml:"body_size"`
	Leading            *float64 `yaml:"leading"`
	TitleSize          *float64 `yaml:"title_size"`
	H2Size             *float64 `yaml:"h2_size"`
	H3Size             *float64 `yaml:"h3_size"`
	SmallSize          *float64 `yaml:"small_size"`
	ParagraphSpace     *float64 `yaml:"paragraph_space"`
	HeadingSpaceBefore *float64 `yaml:"heading_space_before"`
	HeadingSpaceAfter  *float64 `yaml:"heading_space_after"`
	ListIndent         *float64 `yaml:"list_indent"`
	BoxPadding         *float64 `yaml:"box_padding"`
	BoxBorder          *float64 `yaml:"box_border"`
	RuleWidth          *float64 `yaml:"rule_width"`
	MarginMM           *float64 `yaml:"margin_mm"`
	LogoHeightMM       *float64 `yaml:"masthead_logo_height_mm"`
	MinOrphan          *int     `yaml:"min_orphan_lines"`
	MinWidow           *int     `yaml:"min_widow_lines"`
	Colors             *Colors  `yaml:"colors"`
}

// Fonts names the TrueType files of the one body family.
type Fonts struct {
	Regular    *string `yaml:"regular"`
	Bold       *string `yaml:"bold"`
	Italic     *string `yaml:"italic"`
	BoldItalic *string `yaml:"bold_italic"`
}

// Colors are the style's own colours as "#RRGGBB"; brand colours come
// from the brand file.
type Colors struct {
	Text      *string `yaml:"text"`
	Muted     *string `yaml:"muted"`
	TableRule *string `yaml:"table_rule"`
}

// Style is a complete style sheet with every value set.
type Style struct {
	Fonts                                        map[layout.Face]string // face -> file
	BodySize, Leading, TitleSize, H2Size, H3Size float64
	SmallSize, ParagraphSpace                    float64
	HeadingSpaceBefore, HeadingSpaceAfter        float64
	ListIndent, BoxPadding, BoxBorder, RuleWidth float64
	MarginMM, LogoHeightMM                       float64
	MinOrphan, MinWidow                          int
	Text, Muted, TableRule                       string
}

// Decode reads the style sheet name strictly (yamlcheck.Decode): every
// mistake is an error "name:line: message" (an unknown key with the
// nearest known one and all of them, a value of the wrong type, YAML that
// does not parse), one a line.
func Decode(name string, data []byte) (*Sheet, error) {
	var s Sheet
	if _, err := yamlcheck.Decode(name, data, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Merge returns parent with every field child sets replaced.
func Merge(parent, child *Sheet) *Sheet {
	out := *parent
	if child == nil {
		return &out
	}
	merge(reflect.ValueOf(&out).Elem(), reflect.ValueOf(child).Elem())
	return &out
}

func merge(dst, src reflect.Value) {
	for i := 0; i < src.NumField(); i++ {
		f := src.Field(i)
		if f.IsNil() {
			continue
		}
		if f.Elem().Kind() == reflect.Struct {
			d := dst.Field(i)
			if d.IsNil() {
				d.Set(reflect.New(f.Elem().Type()))
			} else {
				c := reflect.New(f.Elem().Type())
				c.Elem().Set(d.Elem())
				d.Set(c)
			}
			merge(d.Elem(), f.Elem())
			continue
		}
		dst.Field(i).Set(f)
	}
}

// Load reads layouts/pdf/default.yaml from fsys, cascades the brand's
// layouts/pdf/<brand>.yaml over it when that file exists, and checks the
// result.
func Load(fsys fs.FS, root, brand string) (*Style, error) {
	data, err := fs.ReadFile(fsys, "pdf/default.yaml")
	if err != nil {
		return nil, readError(root, "pdf/default.yaml", err)
	}
	base, err := Decode(root+"/pdf/default.yaml", data)
	if err != nil {
		return nil, err
	}
	if brand != "" {
		p := "pdf/" + brand + ".yaml"
		data, err := fs.ReadFile(fsys, p)
		switch {
		case err == nil:
			over, err := Decode(root+"/"+p, data)
			if err != nil {
				return nil, err
			}
			base = Merge(base, over)
		case !errors.Is(err, fs.ErrNotExist):
			// A brand file that is there but cannot be read (a link,
			// a pipe, too large) is an error, never silently skipped.
			return nil, readError(root, p, err)
		}
	}
	return base.Resolve(root + "/pdf/default.yaml")
}

// readError names the file (or the folder above it) that could not be
// read, inside root, and why.
func readError(root, name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s/%s: %w", root, pe.Path, pe.Err)
	}
	return fmt.Errorf("%s/%s: %w", root, name, err)
}

// Resolve checks that every value is set and sensible and returns the Style.
func (s *Sheet) Resolve(name string) (*Style, error) {
	var missing []string
	f := func(p *float64, key string) float64 {
		if p == nil {
			missing = append(missing, key)
			return 0
		}
		return *p
	}
	str := func(p *string, key string) string {
		if p == nil {
			missing = append(missing, key)
			return ""
		}
		return *p
	}
	st := &Style{
		BodySize: f(s.BodySize, "body_size"), Leading: f(s.Leading, "leading"),
		TitleSize: f(s.TitleSize, "title_size"), H2Size: f(s.H2Size, "h2_size"), H3Size: f(s.H3Size, "h3_size"),
		SmallSize: f(s.SmallSize, "small_size"), ParagraphSpace: f(s.ParagraphSpace, "paragraph_space"),
		HeadingSpaceBefore: f(s.HeadingSpaceBefore, "heading_space_before"), HeadingSpaceAfter: f(s.HeadingSpaceAfter, "heading_space_after"),
		ListIndent: f(s.ListIndent, "list_indent"), BoxPadding: f(s.BoxPadding, "box_padding"),
		BoxBorder: f(s.BoxBorder, "box_border"), RuleWidth: f(s.RuleWidth, "rule_width"),
		MarginMM: f(s.MarginMM, "margin_mm"), LogoHeightMM: f(s.LogoHeightMM, "masthead_logo_height_mm"),
	}
	if s.MinOrphan == nil || s.MinWidow == nil {
		missing = append(missing, "min_orphan_lines/min_widow_lines")
	} else {
		st.MinOrphan, st.MinWidow = *s.MinOrphan, *s.MinWidow
	}
	if s.Fonts == nil || s.Colors == nil {
		missing = append(missing, "fonts/colors")
	} else {
		st.Fonts = map[layout.Face]string{
			layout.Regular: str(s.Fonts.Regular, "fonts.regular"), layout.Bold: str(s.Fonts.Bold, "fonts.bold"),
			layout.Italic: str(s.Fonts.Italic, "fonts.italic"), layout.Bold | layout.Italic: str(s.Fonts.BoldItalic, "fonts.bold_italic"),
		}
		st.Text, st.Muted, st.TableRule = str(s.Colors.Text, "colors.text"), str(s.Colors.Muted, "colors.muted"), str(s.Colors.TableRule, "colors.table_rule")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: missing %v; every key must be set in default.yaml", name, missing)
	}
	if st.BodySize < MinBodySize {
		return nil, fmt.Errorf("%s: body_size %.1f is below %.0f pt, the smallest a patient handout may use", name, st.BodySize, MinBodySize)
	}
	if st.Leading < 1.2 || st.Leading > 1.6 {
		return nil, fmt.Errorf("%s: leading %.2f: use 1.2 to 1.6", name, st.Leading)
	}
	if st.MinOrphan < 1 || st.MinWidow < 1 {
		return nil, fmt.Errorf("%s: min_orphan_lines and min_widow_lines must be at least 1", name)
	}
	return st, nil
}
