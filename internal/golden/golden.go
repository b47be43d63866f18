// Package golden holds test helpers: golden files rewritten under -update,
// txtar content trees, and checks for the external tools some tests need
// (skipped loudly on a developer machine, required when CI=true).
package golden

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Check compares got with testdata/<t.Name()>.golden, rewriting it under -update.
func Check(t testing.TB, got []byte) {
	t.Helper()
	name := filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+".golden")
	if *update {
		if err := os.WriteFile(name, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", name, diff(string(want), string(got)))
	}
}

// diff is a small line diff, enough to read a failure.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("- " + a + "\n+ " + c + "\n")
		}
	}
	return b.String()
}

// logoPx is tinyPNG's height: 14 mm at 300 ppi is 166 pixels.
const logoPx = 172

// ValidPNG is the marker a txtar file holds to stand for a small valid PNG.
const ValidPNG = "@valid-png"

// Deleted is the marker a txtar overlay file holds to delete that file.
const Deleted = "@delete"

// Tree reads txtar archives and returns their files merged in order: a
// later archive replaces or (with "@delete") removes files of an earlier
// one. A file holding "@valid-png" becomes a small real PNG.
func Tree(t testing.TB, archives ...string) (map[string][]byte, string) {
	t.Helper()
	files := map[string][]byte{}
	comment := ""
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			t.Fatal(err)
		}
		comment = string(ar.Comment)
		for _, f := range ar.Files {
			data := f.Data
			switch strings.TrimSpace(string(data)) {
			case Deleted:
				delete(files, f.Name)
				continue
			case ValidPNG:
				data = bytes.Clone(tinyPNG)
			}
			files[f.Name] = data
		}
	}
	return files, comment
}

// MapFS turns files into an in-memory file system.
func MapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// Files reads every file of fsys, keyed by its path in fsys, for a test
// to change and load again (MapFS), failing t on a read error.
func Files(t testing.TB, fsys fs.FS) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = fs.ReadFile(fsys, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// WriteTree writes files under dir.
func WriteTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tinyPNG is a small file (a transparent image with one line), tall
// enough for a logo printed 14 mm high at 300 ppi (the build refuses
// fewer pixels). It is encoded once per test binary: encoding it for each
// tree took a fifth of an error corpus's time under the race detector.
var tinyPNG = encodeTinyPNG()

// encodeTinyPNG encodes tinyPNG.
func encodeTinyPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4*logoPx, logoPx))
	for x := 0; x < 4*logoPx; x++ {
		img.Set(x, 1, color.RGBA{0x1B, 0x49, 0x65, 255})
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// RequireTool returns the path of an external command a test needs. When
// it is missing the test is skipped with a loud message, or fails when the
// environment variable CI is "true" (CI must run every test).
func RequireTool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI: apt-get install %s", name, pkg)
	}
	t.Logf("SKIP: %s not installed (apt-get install %s); this test did not run", name, pkg)
	t.SkipNow()
	return ""
}

// PDFPages returns the text of each page of the PDF file path, as
// pdftotext (poppler) extracts it with args (such as -layout): one
// process for the whole file, split at the form feed poppler ends every
// page with, instead of one process per page. The tool must be installed
// (see RequireTool).
func PDFPages(t testing.TB, path string, args ...string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", append(append(args, path), "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return SplitPages(string(out))
}

// SplitPages splits pdftotext's text of a PDF into its pages, at the form
// feed that ends each page.
func SplitPages(text string) []string {
	pages := strings.Split(text, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// Snapshot reads every file under dir, keyed by path relative to dir, so a
// test can check that a failed build left a folder as it was.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(data)
		}
		return nil
	})
	return out
}
