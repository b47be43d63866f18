package project

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handouts/internal/golden"
	"handouts/internal/output"
)

// TestForeignManifestDeletesNothing: a folder with someone else's files
// and a parseable manifest.json that lists them (no marker of ours) is
// refused: nothing is deleted, replaced or added (not even a lock or a
// cache).
func TestForeignManifestDeletesNothing(t *testing.T) {
	src := sources(smallContent(t, false))
	for _, tt := range []struct {
		name  string
		files map[string]string
	}{
		{"manifest listing a user's file", map[string]string{
			"important.txt":     "IMPORTANT\n",
			output.ManifestName: `{"files":[{"path":"important.txt"}]}`,
		}},
		{"a website", map[string]string{
			output.IndexName:    "<h1>my site</h1>\n",
			output.ManifestName: `{"name":"my app","files":[{"path":"index.html","sha256":"00"}]}`,
			".cache/mine":       "a user's cache\n",
			"acme/notes.md":     "notes\n",
		}},
		{"a home folder", map[string]string{".bashrc": "alias ll='ls -l'\n"}},
		{"a marker of another format", map[string]string{output.LockName: "handouts output folder, format 999\n", "x.txt": "x\n"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			for rel, data := range tt.files {
				os.MkdirAll(filepath.Dir(filepath.Join(out, rel)), 0o755)
				if err := os.WriteFile(filepath.Join(out, rel), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := golden.Snapshot(t, out)
			_, err := Run(src, out, Config{})
			if err == nil || !errors.Is(err, output.ErrNotOurs) || !strings.Contains(err.Error(), out) || !strings.Contains(err.Error(), "new or empty folder") {
				t.Fatalf("Run = %v, want a refusal naming %s", err, out)
			}
			if after := golden.Snapshot(t, out); !maps.Equal(before, after) {
				t.Errorf("the folder changed:\n%s", diffKeys(before, after))
			}
		})
	}
}

// TestBuildClaimsEmptyFolder: the first build into an empty folder (or
// one with only an empty .gitkeep, as the repository's output/ has)
// writes the marker, with the tool's name and format; the next build
// accepts the folder.
func TestBuildClaimsEmptyFolder(t *testing.T) {
	src := sources(smallContent(t, false))
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, ".gitkeep"), nil, 0o644)
	for range 2 {
		if _, err := Run(src, out, Config{Clean: true}); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(out, output.LockName))
	if err != nil || string(data) != "handouts output folder, format 1\n" {
		t.Fatalf("marker = %q, %v", data, err)
	}
	if err := os.Remove(filepath.Join(out, ".gitkeep")); err != nil {
		t.Errorf(".gitkeep: %v", err)
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
}

// TestRemovesOnlyOurBytes: the files of the previous build that the next
// one does not make are removed only when they still hold the bytes the
// previous manifest recorded; a changed one, or a file the manifest lists
// with a wrong or missing hash, is kept and reported.
func TestRemovesOnlyOurBytes(t *testing.T) {
	out := t.TempDir()
	if _, err := Run(sources(smallContent(t, true)), out, Config{}); err != nil {
		t.Fatal(err)
	}
	m := readManifest(out)
	var gone []string // the files of the third skin type, which the smaller content drops
	for _, e := range m.Files {
		if e.Skin == "normal" {
			gone = append(gone, e.Path)
		}
	}
	if len(gone) < 2 {
		t.Fatalf("%d files of the normal skin type, want 2 or more", len(gone))
	}
	edited := gone[0]
	os.WriteFile(filepath.Join(out, edited), []byte("the user's own notes\n"), 0o644)
	// A user's files listed in the manifest, with a wrong hash and none.
	os.WriteFile(filepath.Join(out, "important.txt"), []byte("IMPORTANT\n"), 0o644)
	os.WriteFile(filepath.Join(out, "other.txt"), []byte("OTHER\n"), 0o644)
	m.Files = append(m.Files, output.Entry{Path: "important.txt", SHA256: strings.Repeat("0", 64)}, output.Entry{Path: "other.txt"})
	data, _ := json.MarshalIndent(m, "", "  ")
	os.WriteFile(filepath.Join(out, output.ManifestName), data, 0o644)

	s, err := Run(sources(smallContent(t, false)), out, Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{edited, "important.txt", "other.txt"}
	slices.Sort(want)
	got := slices.Clone(s.Kept)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	if s.Removed != len(gone)-1 {
		t.Errorf("removed %d, want %d", s.Removed, len(gone)-1)
	}
	for _, p := range want {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range gone[1:] {
		if _, err := os.Stat(filepath.Join(out, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s was not removed: %v", p, err)
		}
	}
}
