package project

import (
	"bytes"
	"encoding/json"
	"fmt"
	"handouts/internal/content"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"handouts/fonts"
	"handouts/internal/cache"
	"handouts/internal/golden"
	"handouts/internal/output"
	"handouts/layouts"
)

// cacheTree is the cache tests' content: base.txtar, es.txtar and
// incremental.txtar (acme in English and Spanish, beta in English; two
// skin types, two areas; the sheet and the calendar: 48 files), with a
// copy of the built-in layouts, all in one temporary folder.
type cacheTree struct {
	dir   string // content/ and layouts/ inside
	files map[string][]byte
}

func newCacheTree(t *testing.T) *cacheTree {
	t.Helper()
	files, _ := golden.Tree(t, "../content/testdata/base.txtar", "../content/testdata/es.txtar", "testdata/incremental.txtar")
	ct := &cacheTree{dir: t.TempDir(), files: files}
	golden.WriteTree(t, filepath.Join(ct.dir, "content"), files)
	if err := os.CopyFS(filepath.Join(ct.dir, "layouts"), layouts.FS); err != nil {
		t.Fatal(err)
	}
	return ct
}

func (ct *cacheTree) sources() Sources {
	return Sources{
		Content: os.DirFS(filepath.Join(ct.dir, "content")), ContentName: "content",
		Layouts: os.DirFS(filepath.Join(ct.dir, "layouts")), LayoutsName: "layouts",
		Fonts: fonts.FS, FontsName: "fonts",
	}
}

// edit changes the file name (under the tree's folder) by replacing old
// with new, or, when old is "", adds new at its end (making the file if
// it is not there).
func (ct *cacheTree) edit(t *testing.T, name, old, new string) {
	t.Helper()
	p := filepath.Join(ct.dir, name)
	data, err := os.ReadFile(p)
	switch {
	case old == "":
		data = append(data, new...)
	case err != nil:
		t.Fatal(err)
	case !bytes.Contains(data, []byte(old)):
		t.Fatalf("%s has no %q", name, old)
	default:
		data = bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameOutput reports every difference between two output folders: the
// files each manifest lists, the manifest and the index, byte for byte,
// and no other file (the lock and the cache apart).
func sameOutput(t *testing.T, got, want string) {
	t.Helper()
	list := func(dir string) []string {
		var out []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			if rel == output.LockName || rel == path.Dir(output.RecordsName) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		return out
	}
	g, w := list(got), list(want)
	if !slices.Equal(g, w) {
		t.Fatalf("files differ:\n got %v\nwant %v", g, w)
	}
	for _, rel := range w {
		a, _ := os.ReadFile(filepath.Join(got, rel))
		b, _ := os.ReadFile(filepath.Join(want, rel))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a clean build's", rel)
		}
	}
}

// outputFiles reads every file of an output folder but the lock and the
// cache, by path.
func outputFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := golden.Snapshot(t, dir)
	for k := range out {
		if k == output.LockName || strings.HasPrefix(k, path.Dir(output.RecordsName)+"/") {
			delete(out, k)
		}
	}
	return out
}

// TestIncrementalMatchesClean edits the content one part at a time (a
// brand, an area, a handout, a handout's translation, a brand's print
// style sheet) and then reverts every edit, rebuilding into one folder
// after each step. Each rebuild renders exactly the files made from what
// changed, and every file it keeps is the one a clean build makes now
// (rendered again in memory and compared); after the last edit the folder
// is byte-identical to a clean build into an empty folder, and after the
// revert to the first build's.
func TestIncrementalMatchesClean(t *testing.T) {
	ct := newCacheTree(t)
	inc := t.TempDir()
	s, err := Run(ct.sources(), inc, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Rendered != s.Files || s.Files != 24 {
		t.Fatalf("first build: rendered %d of %d files, want all 24", s.Rendered, s.Files)
	}
	first := outputFiles(t, inc)
	steps := []struct {
		name    string
		edit    func()
		renders func(output.Entry) bool
	}{
		{"no change", func() {}, func(output.Entry) bool { return false }},
		{"brand", func() { ct.edit(t, "content/brands/acme.yaml", "555-0100", "555-0101") },
			func(e output.Entry) bool { return e.Brand == "acme" }},
		{"area", func() { ct.edit(t, "content/area/face.yaml", "label: Face", "label: Face and jaw") },
			func(e output.Entry) bool { return e.Area == "face" }},
		{"handout", func() {
			ct.edit(t, "content/treatments/microneedling/sheet.md", "Chest and back only.", "Chest and upper back only.")
		},
			func(e output.Entry) bool { return e.Kind == "sheet" }},
		{"translation", func() {
			ct.edit(t, "content/treatments/microneedling/calendar.es.md", "Marque una casilla", "Marque la casilla")
		}, func(e output.Entry) bool { return e.Kind == "calendar" }},
		{"print style sheet", func() { ct.edit(t, "layouts/pdf/beta.yaml", "", "body_size: 13\n") },
			func(e output.Entry) bool { return e.Brand == "beta" }},
	}
	for _, st := range steps {
		st.edit()
		s, err := Run(ct.sources(), inc, Config{})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		p, err := Load(ct.sources())
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, e := range readManifest(inc).Files {
			if st.renders(e) {
				want++
				continue
			}
			// Kept: it must be what a clean build makes now.
			env, err := p.Catalog.EnvIn(e.Brand, e.Lang, e.Treatment, e.Skin, e.Area)
			if err != nil {
				t.Fatal(err)
			}
			r, err := p.Render(Request{Env: env, Kind: content.Kind(e.Kind), Format: content.Format(e.Format)})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(filepath.Join(inc, e.Path)); !bytes.Equal(got, r.Data) {
				t.Errorf("%s: kept %s, which a clean build now makes differently", st.name, e.Path)
			}
		}
		if s.Rendered != want || s.Reused != s.Files-want {
			t.Errorf("%s: rendered %d and kept %d of %d files, want %d rendered", st.name, s.Rendered, s.Reused, s.Files, want)
		}
		if err := checkOutput(inc, false); err != nil {
			t.Errorf("%s: %v", st.name, err)
		}
	}
	clean := t.TempDir()
	if _, err := Run(ct.sources(), clean, Config{Clean: true}); err != nil {
		t.Fatal(err)
	}
	sameOutput(t, inc, clean)

	os.RemoveAll(ct.dir)
	ct = newCacheTree(t)
	for _, want := range []int{24, 0} { // the revert, then no change
		s, err := Run(ct.sources(), inc, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Rendered != want {
			t.Errorf("after the revert: rendered %d files, want %d", s.Rendered, want)
		}
		if got := outputFiles(t, inc); !maps.Equal(got, first) {
			t.Errorf("after the revert the output is not the first build's")
		}
	}
}

// TestChangedInputIsNotRecorded: a file made while one of its inputs
// changed (here: an input whose bytes, as read before loading, are not
// those on disk after rendering) gets no record, so the next build
// renders it again; files whose inputs stayed are recorded.
func TestChangedInputIsNotRecorded(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	p, err := Load(ct.sources())
	if err != nil {
		t.Fatal(err)
	}
	st := p.inputs["content/area/face.yaml"]
	st.Sum[0] ^= 1 // as if the file had been edited between the cache.Snapshot and its reading
	p.inputs["content/area/face.yaml"] = st
	s, err := p.Build(out, Config{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, output.RecordsName))
	if err != nil {
		t.Fatal(err)
	}
	_, _, recs := cache.ParseRecords(data)
	face := 0
	for _, e := range readManifest(out).Files {
		_, recorded := recs[e.Path]
		if recorded == (e.Area == "face") {
			t.Errorf("%s: recorded = %v", e.Path, recorded)
		}
		if e.Area == "face" {
			face++
		}
	}
	s, err = Run(ct.sources(), out, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Rendered != face {
		t.Errorf("the next build rendered %d files, want the %d face files", s.Rendered, face)
	}
}

// TestPublishedFileChangedByHand: a published file written over (same
// size) is made again, although its inputs did not change; -clean renders
// every file.
func TestPublishedFileChangedByHand(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	if _, err := Run(ct.sources(), out, Config{}); err != nil {
		t.Fatal(err)
	}
	e := readManifest(out).Files[0]
	p := filepath.Join(out, e.Path)
	os.WriteFile(p, bytes.Repeat([]byte("x"), e.Bytes), 0o644)
	s, err := Run(ct.sources(), out, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Rendered != 1 {
		t.Errorf("rendered %d files, want 1 (%s)", s.Rendered, e.Path)
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
	s, err = Run(ct.sources(), out, Config{Clean: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Rendered != s.Files || s.Reused != 0 {
		t.Errorf("-clean rendered %d of %d files", s.Rendered, s.Files)
	}
}

// TestOtherProgramRendersAll: files recorded by another program (keys
// made with another version, a cache file naming another executable) are
// all rendered again; the same records keyed with this program's version
// are all kept, the version being read from the executable itself.
func TestOtherProgramRendersAll(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	if _, err := Run(ct.sources(), out, Config{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(out, output.RecordsName))
	_, _, recs := cache.ParseRecords(data)
	p, err := Load(ct.sources())
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := p.Matrix(nil)
	if err != nil {
		t.Fatal(err)
	}
	this, ok := cache.ProgramVersion()
	if !ok {
		t.Fatal("cannot read the test's own executable")
	}
	other := this
	other[0] ^= 1
	for _, tt := range []struct {
		version [32]byte
		renders bool
	}{{other, true}, {this, false}} {
		c := cache.Keys(tt.version, p.inputs, p.Catalog)
		var list []cache.Record
		for _, j := range jobs {
			r := recs[j.path]
			r.Key = j.key(c)
			list = append(list, r)
		}
		records := cache.FormatRecords(tt.version, cache.State{Inputs: "-", Files: len(list)}, list)
		if err := os.WriteFile(filepath.Join(out, output.RecordsName), records, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Run(ct.sources(), out, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: s.Files, false: 0}[tt.renders]; s.Rendered != want {
			t.Errorf("records keyed with version %x…: rendered %d of %d files, want %d", tt.version[:4], s.Rendered, s.Files, want)
		}
	}
}

// TestShardsAssemble: three shards of the matrix, assembled, are
// byte-identical to a clean build of the whole (one manifest, one index),
// and a build into the assembled folder renders nothing. Assemble refuses
// a missing shard, a shard given twice, a shard of another split, a
// shard whose manifest leaves a file out (a gap), a file in two shards
// (an overlap), a file that is not the one its manifest lists, and content
// that makes another matrix, each by name, leaving the output as it was.
func TestShardsAssemble(t *testing.T) {
	ct := newCacheTree(t)
	p, err := Load(ct.sources())
	if err != nil {
		t.Fatal(err)
	}
	clean := t.TempDir()
	if _, err := p.Build(clean, Config{Clean: true}); err != nil {
		t.Fatal(err)
	}
	total := len(readManifest(clean).Files)
	var shards []string
	sum := 0
	for i := 1; i <= 3; i++ {
		dir := filepath.Join(t.TempDir(), "shard")
		s, err := p.Build(dir, Config{Shard: Shard{i, 3}})
		if err != nil {
			t.Fatal(err)
		}
		m := readManifest(dir)
		if m.Shard == nil || m.Shard.Index != i || m.Shard.Count != 3 || m.Shard.Files != total {
			t.Fatalf("shard %d/3's manifest is marked %+v", i, m.Shard)
		}
		if s.Files != len(m.Files) || s.Files < total/3-6 || s.Files > total/3+6 {
			t.Errorf("shard %d/3 has %d files, want about a third of %d", i, s.Files, total)
		}
		sum += s.Files
		shards = append(shards, dir)
	}
	if sum != total {
		t.Fatalf("the shards have %d files, the matrix %d", sum, total)
	}
	out := filepath.Join(t.TempDir(), "site")
	if _, err := p.Assemble(shards, out, Config{}); err != nil {
		t.Fatal(err)
	}
	sameOutput(t, out, clean)
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
	if s, err := Run(ct.sources(), out, Config{}); err != nil || s.Rendered != 0 {
		t.Errorf("a build into the assembled folder rendered %d files (%v), want none", s.Rendered, err)
	}

	// Broken sets of shards.
	half := filepath.Join(t.TempDir(), "half")
	if _, err := p.Build(half, Config{Shard: Shard{1, 2}}); err != nil {
		t.Fatal(err)
	}
	gap := outsideCopy(t, shards[1])
	m := readManifest(gap)
	dropped := m.Files[len(m.Files)-1].Path
	m.Files = m.Files[:len(m.Files)-1]
	writeManifest(t, gap, m)
	overlap := outsideCopy(t, shards[0])
	m = readManifest(overlap)
	extra := readManifest(shards[1]).Files[0]
	m.Files = append(m.Files, extra)
	writeManifest(t, overlap, m)
	os.MkdirAll(filepath.Dir(filepath.Join(overlap, extra.Path)), 0o755)
	data, _ := os.ReadFile(filepath.Join(shards[1], extra.Path))
	os.WriteFile(filepath.Join(overlap, extra.Path), data, 0o644)
	tampered := outsideCopy(t, shards[2])
	victim := readManifest(tampered).Files[0]
	os.WriteFile(filepath.Join(tampered, victim.Path), bytes.Repeat([]byte("x"), victim.Bytes), 0o644)
	grown := newCacheTree(t)
	grown.edit(t, "content/skin/normal.yaml", "", "id: normal\nlabel: Normal skin\norder: 3\n")
	grown.edit(t, "content/skin/normal.es.yaml", "", "label: Piel normal\n")
	pg, err := Load(grown.sources())
	if err != nil {
		t.Fatal(err)
	}
	before := golden.Snapshot(t, out)
	for _, tt := range []struct {
		name   string
		p      *Project
		shards []string
		want   string
	}{
		{"missing", p, []string{shards[0], shards[2]}, "shard 2/3 missing"},
		{"twice", p, []string{shards[0], shards[1], shards[1], shards[2]}, shards[1] + " and " + shards[1] + " are both shard 2/3"},
		{"other split", p, []string{shards[0], half, shards[1], shards[2]}, half + " is shard 1/2 of a matrix"},
		{"not a shard", p, []string{clean}, "not a shard's manifest"},
		{"gap", p, []string{shards[0], gap, shards[2]}, "a file of the matrix is in no shard: " + dropped},
		{"overlap", p, []string{overlap, shards[1], shards[2]}, extra.Path + " is in two shards: " + overlap + " (shard 1/3) and " + shards[1] + " (shard 2/3)"},
		{"tampered", p, []string{shards[0], shards[1], tampered}, filepath.Join(tampered, victim.Path) + ": not the file its manifest lists"},
		{"other content", pg, shards, "this content makes another of"},
	} {
		_, err := tt.p.Assemble(tt.shards, out, Config{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Assemble error = %v, want %q", tt.name, err, tt.want)
		}
		after := golden.Snapshot(t, out)
		if len(after) != len(before) {
			t.Errorf("%s: the output has %d files after a refused assemble, %d before", tt.name, len(after), len(before))
		}
		for k, v := range before {
			if after[k] != v {
				t.Errorf("%s: %s changed", tt.name, k)
			}
		}
	}
}

// writeManifest writes m as dir's manifest.
func writeManifest(t *testing.T, dir string, m output.Manifest) {
	t.Helper()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, output.ManifestName), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// testOtherProgram runs the command's build three times more into a
// folder it built: the same executable keeps every file; a copy of it
// (the same bytes, another file) keeps every file; and so does an
// executable with one byte more: the cache names the program by its
// source, not its bytes (TestProgramKeyedBySource changes the source).
func testOtherProgram(t *testing.T, bin string) {
	src := smallContent(t, false)
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, bin, src, out)
	n := len(readManifest(out).Files)
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	dir := openTempDir(t)
	same, other := filepath.Join(dir, "same"), filepath.Join(dir, "other")
	os.WriteFile(same, data, 0o755)
	os.WriteFile(other, append(data, 0), 0o755)
	for _, b := range []string{bin, same, other} {
		want := fmt.Sprintf("(0 rendered, %d unchanged)", n)
		code, msg := handouts(t, b, nil, "build", "-content", src, "-out", out)
		if code != 0 || !strings.Contains(msg, want) {
			t.Errorf("%s: exit %d, %q; want %q", filepath.Base(b), code, msg, want)
		}
	}
}

// countingFS counts the opens of each file.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestNoChangeLoadsNothing: a build into a folder that is up to date reads
// each input once (to hash it) and neither loads the content nor renders;
// after an edit, or with the index changed by hand, it loads and builds,
// and the folder is right again.
func TestNoChangeLoadsNothing(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	if _, err := Run(ct.sources(), out, Config{}); err != nil {
		t.Fatal(err)
	}
	run := func() (Summary, int) {
		t.Helper()
		src := ct.sources()
		cfs := &countingFS{FS: src.Content, opens: map[string]int{}}
		src.Content = cfs
		s, err := Run(src, out, Config{})
		if err != nil {
			t.Fatal(err)
		}
		return s, cfs.opens["brands/acme.yaml"]
	}
	if s, opens := run(); opens != 1 || s.Rendered != 0 || s.Reused != s.Files {
		t.Errorf("no change: brands/acme.yaml opened %d times, %d files rendered; want 1 (the cache.Snapshot) and none", opens, s.Rendered)
	}
	index := filepath.Join(out, output.IndexName)
	data, _ := os.ReadFile(index)
	os.WriteFile(index, bytes.Repeat([]byte("x"), len(data)), 0o644)
	if s, opens := run(); opens < 2 || s.Rendered != 0 {
		t.Errorf("index changed by hand: brands/acme.yaml opened %d times, %d files rendered; want the content loaded and no file rendered", opens, s.Rendered)
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
	ct.edit(t, "content/area/face.yaml", "label: Face", "label: Whole face")
	if s, opens := run(); opens < 2 || s.Rendered == 0 {
		t.Errorf("after an edit: brands/acme.yaml opened %d times, %d files rendered", opens, s.Rendered)
	}
}

// TestTemporaryFilesOfEarlierVersions: a temporary file an earlier
// version's killed build left beside the published files (that version
// wrote no cache) is removed by the next build.
func TestTemporaryFilesOfEarlierVersions(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	if _, err := Run(ct.sources(), out, Config{}); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(out, path.Dir(output.RecordsName)))
	tmp := filepath.Join(filepath.Dir(filepath.Join(out, readManifest(out).Files[0].Path)), output.TmpPrefix+"sheet.pdf-123")
	os.WriteFile(tmp, []byte("half a file"), 0o644)
	if _, err := Run(ct.sources(), out, Config{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("%s is still there: %v", tmp, err)
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
}
