package html

import (
	"bytes"
	"testing"
)

// BenchmarkEmbedFont embeds the typeface in a calendar-sized page.
func BenchmarkEmbedFont(b *testing.B) {
	t := &testing.T{}
	f := setup(t)
	page := []byte(f.page(t, string(bytes.Repeat([]byte("Rinse with lukewarm water only, morning and evening. "), 1500)), nil))
	for b.Loop() {
		if _, err := EmbedFont(page, f.tf); err != nil {
			b.Fatal(err)
		}
	}
}
