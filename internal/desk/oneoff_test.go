package desk

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/golden"
	"handouts/internal/output"
	"handouts/internal/project"
)

// TestWriteFile: a one-off file never goes into a build output folder
// (one holding a manifest or a lock at or above it, or ./output), never
// creates a folder, and still writes to a pipe or an ordinary file.
func TestWriteFile(t *testing.T) {
	src := sources(smallContent(t))
	work := t.TempDir()
	t.Chdir(work)
	out := filepath.Join(work, "built")
	if _, err := project.Run(src, out, project.Config{}); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(work, "locked")
	os.MkdirAll(filepath.Join(locked, "sub"), 0o755)
	os.WriteFile(filepath.Join(locked, output.LockName), nil, 0o644)
	os.MkdirAll(filepath.Join(work, DefaultOut), 0o755)
	webapp := filepath.Join(work, "webapp")
	os.MkdirAll(webapp, 0o755)
	os.WriteFile(filepath.Join(webapp, output.ManifestName), []byte(`{"name": "a web app", "files": [{"src": "a.png"}]}`), 0o644)
	sheet := filepath.Join(variantDir(t, out, "dry", "face"), "sheet.pdf")
	published := golden.Snapshot(t, out)
	tests := []struct {
		name, file, want string // want: "" for written, else part of the error
	}{
		{"the manifest", filepath.Join(out, output.ManifestName), "inside the build output folder " + out},
		{"a published sheet", sheet, "inside the build output folder " + out},
		{"a new file in a published folder", filepath.Join(out, "acme/ana.pdf"), "inside the build output folder " + out},
		{"below a lock", filepath.Join(locked, "sub/x.pdf"), "inside the build output folder " + locked},
		{"the default output folder", "output/aftercare-2026-03-13.pdf", "inside the build output folder " + filepath.Join(work, DefaultOut)},
		{"a missing folder", "newdir/x.pdf", "the folder newdir does not exist"},
		{"a folder", work, "is a folder"},
		{"beside another tool's manifest.json", filepath.Join(webapp, "x.pdf"), ""},
		{"the current folder", "aftercare-2026-03-13.pdf", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.file)
			data := []byte("%PDF one-off for " + tt.name)
			err := WriteFile(tt.file, data)
			got, _ := os.ReadFile(tt.file)
			if tt.want == "" {
				if err != nil || !bytes.Equal(got, data) {
					t.Fatalf("WriteFile(%s) = %v; file holds %q", tt.file, err, got)
				}
				if st, _ := os.Stat(tt.file); st.Mode().Perm() != 0o644 {
					t.Errorf("mode %v, want 0644", st.Mode().Perm())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WriteFile(%s) = %v, want an error saying %q", tt.file, err, tt.want)
			}
			if !bytes.Equal(got, before) {
				t.Errorf("%s was changed", tt.file)
			}
		})
	}
	if _, err := os.Stat("newdir"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("newdir was created: %v", err)
	}
	if !maps.Equal(golden.Snapshot(t, out), published) {
		t.Error("the output folder changed")
	}
	leftovers, _ := filepath.Glob(filepath.Join(work, "*", output.TmpPrefix+"*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestWriteFilePipe: a pipe (as /dev/stdout is under a shell pipeline) is
// written straight into, never replaced.
func TestWriteFilePipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data := []byte("%PDF piped")
	go func() {
		err := WriteFile(fmt.Sprintf("/dev/fd/%d", w.Fd()), data)
		w.Close()
		if err != nil {
			t.Error(err)
		}
	}()
	got, _ := io.ReadAll(r)
	if !bytes.Equal(got, data) {
		t.Errorf("read %q from the pipe, want %q", got, data)
	}
}
