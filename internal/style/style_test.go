package style

import (
	"strings"
	"testing"
	"testing/fstest"

	"handouts/layouts"
)

func TestDefaults(t *testing.T) {
	st, err := Load(layouts.FS, "layouts", "acme")
	if err != nil {
		t.Fatal(err)
	}
	if st.BodySize < 12 || st.BodySize > 14 {
		t.Errorf("body %.1f pt, want 12-14 (PRODUCT.md)", st.BodySize)
	}
	if st.H2Size < 16 || st.TitleSize > 18 {
		t.Errorf("headings %.1f-%.1f pt, want 16-18", st.H2Size, st.TitleSize)
	}
	if st.Leading < 1.2 || st.Leading > 1.5 {
		t.Errorf("leading %.2f, want 1.2-1.5", st.Leading)
	}
	if st.MinOrphan < 2 || st.MinWidow < 2 {
		t.Errorf("orphan/widow minimum %d/%d, want 2", st.MinOrphan, st.MinWidow)
	}
}

// TestBrandOverride: a brand's sheet changes only the keys it sets.
func TestBrandOverride(t *testing.T) {
	base, _ := layouts.FS.ReadFile("pdf/default.yaml")
	tests := []struct {
		name, brand, wantErr string
		body                 float64
		h2                   float64
	}{
		{"override", "body_size: 13\ncolors:\n  text: \"#000000\"\n", "", 13, 16},
		{"below the floor", "body_size: 10\n", "body_size 10.0 is below 12 pt", 0, 0},
		{"unknown key", "body_sise: 13\n", `layouts/pdf/acme.yaml:1: unknown key "body_sise"; did you mean "body_size"?`, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"pdf/default.yaml": {Data: base}, "pdf/acme.yaml": {Data: []byte(tt.brand)}}
			st, err := Load(fsys, "layouts", "acme")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st.BodySize != tt.body || st.H2Size != tt.h2 || st.Text != "#000000" || st.Muted == "" {
				t.Errorf("got body %.1f, h2 %.1f, text %s, muted %q; want %.1f, %.1f, #000000 and the default muted", st.BodySize, st.H2Size, st.Text, st.Muted, tt.body, tt.h2)
			}
			other, _ := Load(fsys, "layouts", "other")
			if other.BodySize != 12 {
				t.Errorf("another brand's body = %.1f, want the default 12", other.BodySize)
			}
		})
	}
}

// TestDecodeMessages: a style sheet's mistakes read as a content file's
// do (package yamlcheck): the file once, the line, what is wrong and what
// to do, and no Go type.
func TestDecodeMessages(t *testing.T) {
	const allowed = "fonts, body_size, leading, title_size, h2_size, h3_size, small_size, paragraph_space, heading_space_before, heading_space_after, list_indent, box_padding, box_border, rule_width, margin_mm, masthead_logo_height_mm, min_orphan_lines, min_widow_lines, colors"
	tests := []struct {
		name, src, want string
	}{
		{"misspelt key", "body_size: 13\nleadng: 1.4\n", `layouts/pdf/harbor.yaml:2: unknown key "leadng"; did you mean "leading"? Allowed keys here: ` + allowed},
		{"nested key", "colors:\n  txt: \"#000000\"\n", `layouts/pdf/harbor.yaml:2: unknown key "txt"; did you mean "text"? Allowed keys here: text, muted, table_rule`},
		{"wrong type", "body_size: large\n", `layouts/pdf/harbor.yaml:1: wrong type: text "large" where a number is expected; check the value's quoting and indentation`},
		{"tab", "colors:\n\ttext: \"#000000\"\n", "layouts/pdf/harbor.yaml:2: a tab indents this line; YAML indents with spaces only, so replace the tab with spaces"},
		{"empty", "\n", "layouts/pdf/harbor.yaml: file is empty; fill it in or delete it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("layouts/pdf/harbor.yaml", []byte(tt.src))
			if err == nil || err.Error() != tt.want {
				t.Errorf("Decode(%q) = %v, want %q", tt.src, err, tt.want)
			}
		})
	}
}
