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
		{"unknown key", "body_sise: 13\n", "layouts/pdf/acme.yaml:1: field body_sise not found", 0, 0},
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
