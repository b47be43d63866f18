package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"handouts/internal/golden"
)

// realContent returns the files of the shipped content/ folder.
func realContent(t testing.TB) map[string][]byte {
	t.Helper()
	return golden.Files(t, os.DirFS("../../content"))
}

// grown returns the real content with testdata/grow.txtar and then each
// archive of more laid over it (a file holding "@delete" removes one), and
// the comment of the last archive.
func grown(t testing.TB, more ...string) (map[string][]byte, string) {
	t.Helper()
	files := realContent(t)
	want := ""
	for _, a := range append([]string{"testdata/grow.txtar"}, more...) {
		over, comment := golden.Tree(t, a)
		for k, v := range over {
			files[k] = v
		}
		ar, err := txtar.ParseFile(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.TrimSpace(string(f.Data)) == golden.Deleted {
				delete(files, f.Name)
			}
		}
		want = comment
	}
	return files, want
}

// TestGrowth: a second treatment, a third clinic, a fifth skin type and a
// fifth area, written as a new clinic would (placeholders inside
// conditional blocks), load with no error and no warning.
func TestGrowth(t *testing.T) {
	files, _ := grown(t)
	c, err := Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatalf("Load(grown) =\n%v", err)
	}
	if w := c.Warnings(); len(w) > 0 {
		t.Errorf("warnings:\n%v", w)
	}
	if d := c.Drift(); len(d) > 0 {
		t.Errorf("drift:\n%s", strings.Join(d, "\n"))
	}
}

// TestGrowErrors loads each broken tree in testdata/errors-grow, laid over
// the real content and grow.txtar, and checks the exact message: what a
// new skin type or area does to the handouts already written.
func TestGrowErrors(t *testing.T) {
	cases, _ := filepath.Glob("testdata/errors-grow/*.txtar")
	if len(cases) < 2 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			files, want := grown(t, path)
			_, err := Load(golden.MapFS(files), "content")
			if err == nil {
				t.Fatalf("Load = nil error, want\n%s", strings.TrimSpace(want))
			}
			if got := err.Error(); got != strings.TrimSpace(want) {
				t.Errorf("Load error =\n%s\nwant\n%s", got, strings.TrimSpace(want))
			}
		})
	}
}

// TestWarnings loads each tree in testdata/warnings (laid over base.txtar)
// and checks every warning, exactly: what check warns about but a build
// allows.
func TestWarnings(t *testing.T) {
	cases, _ := filepath.Glob("testdata/warnings/*.txtar")
	if len(cases) < 3 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			files, want := golden.Tree(t, "testdata/base.txtar", path)
			c, err := Load(golden.MapFS(files), "content")
			if err != nil {
				t.Fatalf("Load = %v", err)
			}
			if got := c.Warnings().Error(); got != strings.TrimSpace(want) {
				t.Errorf("warnings =\n%s\nwant\n%s", got, strings.TrimSpace(want))
			}
		})
	}
}
