package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// TestOutRefusesSources: -out never names the content, layouts or fonts
// folder, a folder inside or above one, a repository's root, / or the
// home folder; -o never names a file in an input folder. Each is bad
// usage (exit 2), and nothing is written.
func TestOutRefusesSources(t *testing.T) {
	repo := t.TempDir()
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	golden.WriteTree(t, filepath.Join(repo, "content"), files)
	os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module example\n"), 0o644)
	os.MkdirAll(filepath.Join(repo, "layouts", "pdf"), 0o755)
	os.MkdirAll(filepath.Join(repo, "fonts"), 0o755)
	os.Symlink("content", filepath.Join(repo, "linked"))
	elsewhere := t.TempDir()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Chdir(repo)
	before := golden.Snapshot(t, repo)
	homeBefore := golden.Snapshot(t, home)
	brandFile := filepath.Join("content", "brands", "acme.yaml")
	if _, err := os.Stat(brandFile); err != nil {
		t.Fatal(err)
	}
	one := []string{"-brand", "acme", "-skin", "dry", "-area", "face"}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"build into content", []string{"build", "-out", "content"}, "inside the content folder"},
		{"build into a content subfolder", []string{"build", "-out", "content/brands/new"}, "inside the content folder"},
		{"build into a link to content", []string{"build", "-out", "linked/site"}, "inside the content folder"},
		{"build into layouts", []string{"build", "-out", "layouts"}, "inside the layouts folder"},
		{"build into fonts", []string{"build", "-out", "fonts"}, "inside the fonts folder"},
		{"build into the repository", []string{"build", "-out", "."}, "holds the content folder"},
		{"build into the repository by path", []string{"build", "-out", repo}, "holds the content folder"},
		{"build into another repository", []string{"build", "-out", filepath.Join(elsewhere)}, ""},
		{"build into /", []string{"build", "-out", "/"}, "root of the file system"},
		{"build into home", []string{"build", "-out", home}, "home folder"},
		{"serve into content", []string{"serve", "-out", "content"}, "inside the content folder"},
		{"assemble into content", []string{"assemble", "-out", "content", "shard"}, "inside the content folder"},
		{"sheet over a brand file", append([]string{"sheet", "-o", brandFile}, one...), "-o " + brandFile},
		{"calendar into content", append([]string{"calendar", "-o", "content/cal.pdf"}, one...), "inside the content folder"},
		{"packet into content", append([]string{"packet", "-o", "content/p.pdf", "-date", "2026-03-13"}, one...), "inside the content folder"},
		{"email into content", append([]string{"email", "-o", "content/m.eml", "-date", "2026-03-13", "-to", "a@example.com"}, one...), "inside the content folder"},
	}
	os.WriteFile(filepath.Join(elsewhere, ".git"), []byte("gitdir: x\n"), 0o644)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(tt.args...)
			want := tt.want
			if want == "" {
				want = "repository's root"
			}
			if code != 2 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
			}
		})
	}
	if after := golden.Snapshot(t, repo); !maps.Equal(before, after) {
		t.Errorf("the repository changed")
	}
	if after := golden.Snapshot(t, home); !maps.Equal(homeBefore, after) {
		t.Errorf("the home folder changed")
	}
	// A folder of its own is fine (with the built-in layouts and fonts).
	os.RemoveAll("layouts")
	os.RemoveAll("fonts")
	if code, _, stderr := runCmd("build", "-out", "output"); code != 0 {
		t.Errorf("build -out output: exit %d: %s", code, stderr)
	}
}
