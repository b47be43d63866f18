package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"handouts/internal/content"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(sources(realContent)); err != nil {
			b.Fatal(err)
		}
	}
}

// commandGC sets the garbage collector as cmd/handouts does for a build,
// so benchmarks measure what the command does; it returns the undo.
func commandGC() func() {
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(32<<20 + int64(runtime.GOMAXPROCS(0))*24<<20)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

func benchRender(b *testing.B, kind, format string) {
	defer commandGC()()
	p, err := Load(sources(realContent))
	if err != nil {
		b.Fatal(err)
	}
	env, err := p.Catalog.Env("harbor", "microneedling", "sensitive", "chest-back")
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Env: env, Kind: content.Kind(kind), Format: content.Format(format)}
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
	defer commandGC()()
	out := b.TempDir()
	files := 0
	for b.Loop() {
		s, err := Run(sources(realContent), out, Config{Clean: true})
		if err != nil {
			b.Fatal(err)
		}
		files = s.Files
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// scaledContent writes a copy of the real content with extra skin types,
// areas and brands, cloned from the real ones, and only the sheet, so
// that the build makes n sheets (n = brands × skins × areas).
func scaledContent(b *testing.B, brands, skins, areas int) string {
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(realContent)); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"guide.md", "calendar.md", "email.md"} {
		os.Remove(filepath.Join(dir, "treatments", "microneedling", f))
	}
	// One language: translations (sheet.es.md, dry.es.yaml, ...) go, and
	// the clinics offer only their first language.
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Count(d.Name(), ".") > 1 {
			os.Remove(p)
		}
		return nil
	})
	brand := filepath.Join(dir, "brands", "harbor.yaml")
	if data, err := os.ReadFile(brand); err == nil {
		os.WriteFile(brand, []byte(strings.Replace(string(data), "languages: [en-US, es-US]", "languages: [en-US]", 1)), 0o644)
	}
	// A clone shows what its original shows: "::: if skin=normal" becomes
	// "::: if skin=normal,normal4,…", and so does a rule's when: (a section
	// with nothing under it for a variant, or a rule's time shown where it
	// does not apply, is an error).
	for _, f := range []string{"sheet.md", "treatment.yaml"} {
		p := filepath.Join(dir, "treatments", "microneedling", f)
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			if !strings.HasPrefix(line, "::: if ") && !strings.Contains(line, "when:") {
				continue
			}
			for _, c := range []struct {
				id  string
				n   int
				sep string
			}{{"normal", skins, ","}, {"face", areas, ","}} {
				sep := c.sep
				if strings.Contains(line, "when:") {
					sep = ", "
				}
				ids := []string{c.id}
				for k := 4; k < c.n; k++ {
					ids = append(ids, fmt.Sprintf("%s%d", c.id, k))
				}
				line = regexp.MustCompile(`\b`+c.id+`\b`).ReplaceAllLiteralString(line, strings.Join(ids, sep))
			}
			lines[i] = line
		}
		os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	}
	clone := func(sub, from string, n int, edit func(string, int) string) {
		data, err := os.ReadFile(filepath.Join(dir, sub, from+".yaml"))
		if err != nil {
			b.Fatal(err)
		}
		entries, _ := os.ReadDir(filepath.Join(dir, sub))
		have := 0
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".yaml") {
				have++
			}
		}
		for i := have; i < n; i++ {
			id := fmt.Sprintf("%s%d", from, i)
			os.WriteFile(filepath.Join(dir, sub, id+".yaml"), []byte(edit(string(data), i)), 0o644)
		}
	}
	clone("skin", "normal", skins, func(s string, i int) string {
		return strings.Replace(strings.Replace(s, "id: normal", fmt.Sprintf("id: normal%d", i), 1), "label: Normal skin", fmt.Sprintf("label: Normal skin %d", i), 1)
	})
	clone("area", "face", areas, func(s string, i int) string {
		return strings.Replace(strings.Replace(s, "id: face", fmt.Sprintf("id: face%d", i), 1), "label: Face", fmt.Sprintf("label: Face %d", i), 1)
	})
	clone("brands", "harbor", brands, func(s string, i int) string {
		return strings.Replace(s, "name: Harbor Skin Studio", fmt.Sprintf("name: Harbor Skin Studio %d", i), 1)
	})
	return dir
}

// BenchmarkScale builds content sets of growing size: the time per sheet
// should stay flat (cost linear in the number of variants), up to 1,000.
func BenchmarkScale(b *testing.B) {
	for _, size := range []struct{ brands, skins, areas int }{{2, 4, 4}, {4, 5, 5}, {5, 10, 10}, {10, 10, 10}} {
		n := size.brands * size.skins * size.areas
		b.Run(fmt.Sprintf("sheets=%d", n), func(b *testing.B) {
			defer commandGC()()
			dir := scaledContent(b, size.brands, size.skins, size.areas)
			out := b.TempDir()
			for b.Loop() {
				s, err := Run(sources(dir), out, Config{Clean: true})
				if err != nil {
					b.Fatal(err)
				}
				if s.Files != 2*n {
					b.Fatalf("built %d files, want %d", s.Files, 2*n)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N*n), "ms/sheet")
		})
	}
}
