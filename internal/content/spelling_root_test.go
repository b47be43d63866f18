//go:build unix

package content

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"handouts/internal/golden"
)

// TestSpellingThroughRoot: content/spelling.yaml is read by the one
// reader with its rules: a link (even to /etc/passwd), a named pipe, a
// folder or a file over the size limit is refused, naming it; only a
// missing file means no list.
func TestSpellingThroughRoot(t *testing.T) {
	const name = "content/spelling.yaml: "
	tests := []struct {
		name  string
		setup func(p string) error
		want  string
	}{
		{"link to /etc/passwd", func(p string) error { return os.Symlink("/etc/passwd", p) },
			name + "is a symbolic link; content must be real files inside content/, so copy the file in instead"},
		{"link inside the folder", func(p string) error { return os.Symlink("brands/acme.yaml", p) },
			name + "is a symbolic link; content must be real files inside content/, so copy the file in instead"},
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) },
			name + "is a named pipe (FIFO), not a regular file; content must be real files inside content/, so replace it with a file"},
		{"folder", func(p string) error { return os.Mkdir(p, 0o755) }, name + "is a folder, not a file"},
		{"1.1 MB", func(p string) error {
			return os.WriteFile(p, []byte("pairs:\n"+strings.Repeat("# padding\n", 110_000)), 0o644)
		}, name + "is 1100007 bytes, over the"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			files, _ := golden.Tree(t, "testdata/base.txtar")
			golden.WriteTree(t, dir, files)
			if err := tt.setup(filepath.Join(dir, "spelling.yaml")); err != nil {
				t.Fatal(err)
			}
			r, err := OpenRoot(dir, "content", MaxFileSize)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			err = within(t, "Load", func() error { _, err := Load(r, r.Name()); return err })
			if err == nil || !strings.HasPrefix(strings.ReplaceAll(err.Error(), dir, "content"), tt.want) {
				t.Errorf("Load error =\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

// recordingFS is a Root that notes every path opened through it.
type recordingFS struct {
	*Root
	opened map[string]bool
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	r.opened[name] = true
	return r.Root.Open(name)
}

func (r *recordingFS) ReadFile(name string) ([]byte, error) {
	r.opened[name] = true
	return r.Root.ReadFile(name)
}

// TestLoaderReadsOnlyThroughRoot enumerates every file the loader opens
// in a tree with every kind of input (brands and a translation, logos,
// skin types, areas, a treatment with handouts and an image,
// spelling.yaml): each is opened through the Root the loader is given
// (no other reader sees the folder: the Root's folder is moved away for
// the load, so a read by name would fail), and every regular file the
// tree holds is among them.
func TestLoaderReadsOnlyThroughRoot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	files, _ := golden.Tree(t, "testdata/base.txtar", "testdata/es.txtar")
	files["spelling.yaml"] = []byte("pairs:\n  - {us: color, gb: colour}\n")
	golden.WriteTree(t, dir, files)
	r, err := OpenRoot(dir, "content", MaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// The Root holds the folder open: moved away, it is still read through
	// the Root, and only through it.
	moved := dir + "-moved"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	rec := &recordingFS{Root: r, opened: map[string]bool{}}
	c, err := Load(rec, "content")
	if err != nil {
		t.Fatal(err)
	}
	if c.Spelling == nil {
		t.Fatal("spelling.yaml was not loaded")
	}
	var want []string
	filepath.WalkDir(moved, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(moved, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return nil
	})
	var missing []string
	for _, p := range want {
		if !rec.opened[p] {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 || len(want) < 10 {
		t.Errorf("files of the tree the loader did not open through its Root: %v (of %d)", missing, len(want))
	}
	for p := range rec.opened {
		if p != "." && !slices.Contains(want, p) && !isDirIn(moved, p) {
			t.Errorf("the loader opened %s, which is not a file of the tree", p)
		}
	}
}

func isDirIn(root, p string) bool {
	st, err := os.Stat(filepath.Join(root, filepath.FromSlash(path.Clean(p))))
	return err == nil && st.IsDir()
}
