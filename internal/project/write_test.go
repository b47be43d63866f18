package project

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"handouts/internal/cache"
	"handouts/internal/golden"
	"handouts/internal/output"
	"handouts/internal/output/outputtest"
)

// smallContent writes the small content tree of the content tests into a
// temporary folder (one clinic, two skin types, two areas, the sheet:
// 8 files). With more it has a third skin type and a renamed clinic, so
// every file differs and 4 more are made.
func smallContent(t testing.TB, more bool) string {
	t.Helper()
	dir := t.TempDir()
	writeSmallContent(t, dir, more)
	return dir
}

// writeSmallContent writes smallContent's tree into dir.
func writeSmallContent(t testing.TB, dir string, more bool) {
	t.Helper()
	files, _ := golden.Tree(t, "../content/testdata/base.txtar")
	if more {
		files["skin/normal.yaml"] = []byte("id: normal\nlabel: Normal skin\norder: 3\n")
		files["brands/acme.yaml"] = []byte(strings.Replace(string(files["brands/acme.yaml"]), "name: Acme Skin", "name: Acme Skin Studio", 1))
	}
	golden.WriteTree(t, dir, files)
}

var (
	reHref      = regexp.MustCompile(`href="([^"#:]+)"`)
	reIndexData = regexp.MustCompile(`(?s)<script type="application/json" id="handouts-data">(.*?)</script>`)
)

// checkOutput reports how out differs from what its manifest and index
// say: every listed file present with its size and sha256, the index
// linking exactly the listed files, and no other file in out but the
// index, the manifest, the lock and the cache's records, which must
// describe listed files only, as the manifest does. With leftovers, a staging folder an
// interrupted build left is ignored; without, it is an error too.
func checkOutput(out string, leftovers bool) error {
	m, err := outputtest.Manifest(out)
	if err != nil {
		return err
	}
	var problems []string
	byPath := map[string]output.Entry{}
	for _, e := range m.Files {
		byPath[e.Path] = e
	}
	if data, err := os.ReadFile(filepath.Join(out, output.RecordsName)); err == nil {
		_, _, recs := cache.ParseRecords(data)
		if recs == nil {
			problems = append(problems, output.RecordsName+": not a cache file")
		}
		for p, r := range recs {
			if e, ok := byPath[p]; !ok || e.SHA256 != hex.EncodeToString(r.Sum[:]) || e.Bytes != r.Bytes || e.Pages != r.Pages {
				problems = append(problems, output.RecordsName+": a record of "+p+" that the manifest does not list as it is")
			}
		}
	}
	problems = append(problems, outputtest.Problems(out, m.Files, []string{output.ManifestName, output.IndexName, output.LockName, output.RecordsName}, leftovers)...)
	index, err := os.ReadFile(filepath.Join(out, output.IndexName))
	if err != nil {
		return err
	}
	// The front-desk page offers the files through its data (the chooser
	// fills its Print and Open links from it), and its first variant's
	// links in the page itself.
	linked := map[string]bool{}
	for _, m := range reHref.FindAllStringSubmatch(string(index), -1) {
		if m[1] != "/make" {
			linked[m[1]] = true
		}
	}
	if m := reIndexData.FindSubmatch(index); m != nil {
		var data IndexData
		if err := json.Unmarshal(m[1], &data); err != nil {
			problems = append(problems, "index.html: its data does not parse: "+err.Error())
		}
		for _, v := range data.Variants {
			for _, byFormat := range v.Files {
				for _, p := range byFormat {
					linked[p] = true
				}
			}
		}
	} else {
		problems = append(problems, "index.html has no data for its chooser")
	}
	for _, e := range m.Files {
		if !linked[e.Path] {
			problems = append(problems, "index.html does not link "+e.Path)
		}
		delete(linked, e.Path)
	}
	for p := range linked {
		problems = append(problems, "index.html links "+p+", which the manifest does not list")
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// variantDir is the folder in out that holds the files of one skin type
// and area, as out's manifest lists them.
func variantDir(t *testing.T, out, skin, area string) string {
	t.Helper()
	for _, e := range readManifest(out).Files {
		if e.Skin == skin && e.Area == area {
			return filepath.Join(out, filepath.FromSlash(path.Dir(e.Path)))
		}
	}
	t.Fatalf("%s: no %s-%s files in the manifest", out, skin, area)
	return ""
}

// outsideCopy copies dir to a new folder outside any output folder.
func outsideCopy(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "outside")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestWriteFailureLeavesOutput: a build whose write phase fails part-way
// (a folder where a file goes, a folder replaced by a link out of the
// output folder) changes nothing published, writes nothing outside, and
// leaves no staging or temporary files.
func TestWriteFailureLeavesOutput(t *testing.T) {
	old, changed := smallContent(t, false), smallContent(t, true)
	tests := []struct {
		name  string
		setup func(t *testing.T, out string) (outside string)
		want  string
	}{
		{"folder where a file goes", func(t *testing.T, out string) string {
			p := filepath.Join(variantDir(t, out, "oily", "face"), "sheet.pdf")
			os.Remove(p)
			os.MkdirAll(filepath.Join(p, "keep"), 0o755)
			return ""
		}, "a folder is where the build puts a file"},
		{"linked folder", func(t *testing.T, out string) string {
			dir := variantDir(t, out, "oily", "face")
			outside := outsideCopy(t, dir)
			os.RemoveAll(dir)
			os.Symlink(outside, dir)
			return outside
		}, "oily-face is a symbolic link"},
		{"file where a folder goes", func(t *testing.T, out string) string {
			dir := variantDir(t, out, "oily", "face")
			os.RemoveAll(dir)
			os.WriteFile(dir, []byte("not a folder"), 0o644)
			return ""
		}, "oily-face is a file where the build needs a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			if _, err := Run(sources(old), out, Config{}); err != nil {
				t.Fatal(err)
			}
			outside := tt.setup(t, out)
			var before, beforeOutside map[string]string
			before = golden.Snapshot(t, out)
			if outside != "" {
				beforeOutside = golden.Snapshot(t, outside)
			}
			_, err := Run(sources(changed), out, Config{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run = %v, want an error saying %q", err, tt.want)
			}
			if after := golden.Snapshot(t, out); !maps.Equal(before, after) {
				t.Errorf("the output changed after a failed build:\n%s", diffKeys(before, after))
			}
			if outside != "" {
				if after := golden.Snapshot(t, outside); !maps.Equal(beforeOutside, after) {
					t.Errorf("a folder outside the output changed:\n%s", diffKeys(beforeOutside, after))
				}
			}
		})
	}
}

// diffKeys lists the files added, removed or changed from a to b.
func diffKeys(a, b map[string]string) string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, "removed "+k)
		} else if w != v {
			out = append(out, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "added "+k)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// TestStaleRemovalStaysInside: a folder of the previous build replaced by
// a link to a folder outside the output holding files of the same names:
// removing the previous build's files leaves the outside files alone.
func TestStaleRemovalStaysInside(t *testing.T) {
	out := t.TempDir()
	if _, err := Run(sources(smallContent(t, true)), out, Config{}); err != nil {
		t.Fatal(err)
	}
	dir, gone := variantDir(t, out, "normal", "face"), variantDir(t, out, "normal", "chest-back")
	outside := outsideCopy(t, dir)
	os.RemoveAll(dir)
	if err := os.Symlink(outside, dir); err != nil {
		t.Fatal(err)
	}
	before := golden.Snapshot(t, outside)
	s, err := Run(sources(smallContent(t, false)), out, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if after := golden.Snapshot(t, outside); !maps.Equal(before, after) || len(after) != 2 {
		t.Errorf("files outside the output folder changed (%d files left):\n%s", len(after), diffKeys(before, after))
	}
	if s.Removed != 2 {
		t.Errorf("removed %d files, want 2 (normal-chest-back's; normal-face's are behind a link)", s.Removed)
	}
	if _, err := os.Stat(gone); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("normal-chest-back/ should be gone with its files: %v", err)
	}
}

// TestUnchangedFilesStay: a rebuild of the same content renames nothing
// into place: every file keeps its inode, and no staging folder is left.
func TestUnchangedFilesStay(t *testing.T) {
	out := t.TempDir()
	src := sources(smallContent(t, false))
	if _, err := Run(src, out, Config{}); err != nil {
		t.Fatal(err)
	}
	inodes := func() map[string]uint64 {
		m := map[string]uint64{}
		for _, e := range append(readManifest(out).Files, output.Entry{Path: output.ManifestName}, output.Entry{Path: output.IndexName}) {
			st, err := os.Stat(filepath.Join(out, e.Path))
			if err != nil {
				t.Fatal(err)
			}
			m[e.Path] = st.Sys().(*syscall.Stat_t).Ino
		}
		return m
	}
	before := inodes()
	if _, err := Run(src, out, Config{}); err != nil {
		t.Fatal(err)
	}
	after := inodes()
	for p, ino := range before {
		if after[p] != ino {
			t.Errorf("%s was replaced by an identical file", p)
		}
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
}

// TestRenderAllMatchesBuild: the check path (RenderAll, which keeps no
// file) returns the entries the build writes into its manifest.
func TestRenderAllMatchesBuild(t *testing.T) {
	src := sources(smallContent(t, true))
	out := t.TempDir()
	if _, err := Run(src, out, Config{}); err != nil {
		t.Fatal(err)
	}
	p, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := p.RenderAll(Config{})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(entries, func(a, b output.Entry) int { return strings.Compare(a.Path, b.Path) })
	if m := readManifest(out); len(entries) != 12 || !slices.Equal(entries, m.Files) {
		t.Errorf("RenderAll's %d entries differ from the build's manifest (%d)", len(entries), len(m.Files))
	}
}

// TestRenderErrorLeavesOutput: when one file fails to render (a character
// the font lacks, in one variant only), the files already staged are
// dropped with their staging folder and nothing published changes.
func TestRenderErrorLeavesOutput(t *testing.T) {
	out := t.TempDir()
	if _, err := Run(sources(smallContent(t, false)), out, Config{}); err != nil {
		t.Fatal(err)
	}
	before := golden.Snapshot(t, out)
	bad := smallContent(t, true)
	p := filepath.Join(bad, "treatments/microneedling/sheet.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "Oily chest only.", "Oily chest only 😀.", 1)), 0o644)
	_, err := Run(sources(bad), out, Config{Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "has no glyph") {
		t.Fatalf("Run = %v, want a missing glyph", err)
	}
	if after := golden.Snapshot(t, out); !maps.Equal(before, after) {
		t.Errorf("the output changed after a failed build:\n%s", diffKeys(before, after))
	}
	if err := noLeftovers(out); err != nil {
		t.Error(err)
	}
}

// TestChangedFileOfSameSizeReplaced: a published file changed without
// changing its size (a byte flipped near its end) is not taken for the
// build's own: a clean build writes it again.
func TestChangedFileOfSameSizeReplaced(t *testing.T) {
	out := t.TempDir()
	src := sources(smallContent(t, false))
	if _, err := Run(src, out, Config{}); err != nil {
		t.Fatal(err)
	}
	for _, e := range readManifest(out).Files {
		p := filepath.Join(out, e.Path)
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		bad := bytes.Clone(want)
		bad[len(bad)-2] ^= 1
		if err := os.WriteFile(p, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Run(src, out, Config{Clean: true}); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: after a clean build, changed file kept (err %v)", e.Path, err)
		}
		return
	}
	t.Fatal("the build published no file")
}
