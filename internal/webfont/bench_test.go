package webfont

import "testing"

// BenchmarkWOFF makes one page's subset as WOFF, without the cache.
func BenchmarkWOFF(b *testing.B) {
	data, err := fontsFile("AtkinsonHyperlegible_400Regular.ttf")
	if err != nil {
		b.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	text := "Caring for your skin after microneedling: (207) 555-0142, Décolleté · ™ ABCDEFGHIJKLMNOPRSTUVW abcdefghijklmnopqrstuvwxyz 0123456789"
	for b.Loop() {
		f.cache.Clear()
		if _, err := f.WOFF(text); err != nil {
			b.Fatal(err)
		}
	}
}
