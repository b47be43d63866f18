package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"handouts/internal/content"
)

// TestTruncatedImage: an image whose header is whole but whose pixels are
// cut short is refused with the handout's line, never a panic inside fpdf
// (it used to panic with "short buffer" while rendering).
func TestTruncatedImage(t *testing.T) {
	f := setup(t)
	whole := tinyPNG(t, 400, 100)
	for _, cut := range []int{40, len(whole) / 2, len(whole) - 20} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			data := whole[:cut]
			f.opt.Images = func(string) ([]byte, error) { return data, nil }
			h := *f.h
			var buf bytes.Buffer
			_, err := Render(&buf, &content.Resolved{Handout: &h, Title: "T", Source: []byte("Before.\n\n![Where to put the serum](diagram.png)\n")}, f.env, f.opt)
			if err == nil || !strings.Contains(err.Error(), `image "diagram.png" is not a valid PNG or JPEG`) {
				t.Errorf("Render with a PNG cut to %d of %d bytes: error = %v, want the image refused", cut, len(whole), err)
			}
		})
	}
}
