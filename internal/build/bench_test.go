package build

import (
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(sources(realContent)); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRender(b *testing.B, kind, format string) {
	p, err := Load(sources(realContent))
	if err != nil {
		b.Fatal(err)
	}
	env, err := p.Catalog.Env("harbor", "microneedling", "sensitive", "chest-back")
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Env: env, Kind: kind, Format: format}
	for b.Loop() {
		if _, err := p.Render(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSheetPDF(b *testing.B)  { benchRender(b, "sheet", "pdf") }
func BenchmarkSheetHTML(b *testing.B) { benchRender(b, "sheet", "html") }
func BenchmarkGuidePDF(b *testing.B)  { benchRender(b, "guide", "pdf") }

// BenchmarkBuild is the whole default build, written to a temporary folder.
func BenchmarkBuild(b *testing.B) {
	out := b.TempDir()
	files := 0
	for b.Loop() {
		s, err := Run(sources(realContent), out, Config{})
		if err != nil {
			b.Fatal(err)
		}
		files = s.Files
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
