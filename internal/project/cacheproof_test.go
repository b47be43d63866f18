package project

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handouts/internal/cache"
	"handouts/internal/output"
)

// firstPDF is the path of the first PDF the manifest of out lists.
func firstPDF(t *testing.T, out string) string {
	t.Helper()
	for _, e := range readManifest(out).Files {
		if e.Format == "pdf" {
			return e.Path
		}
	}
	t.Fatal("no PDF in the manifest")
	return ""
}

// corruptInPlace changes one byte of the file in the middle, in place
// (same inode and size), and sets its modification time back. It first
// waits until the file system's clock has ticked past the change time of
// the output folder's records (a person's edit always comes later than
// that tick; a test could come within it).
func corruptInPlace(t *testing.T, out, rel string) {
	t.Helper()
	name := filepath.Join(out, rel)
	if rec, err := os.Stat(filepath.Join(out, output.RecordsName)); err == nil {
		probe := filepath.Join(t.TempDir(), "probe")
		for i := 0; ; i++ {
			os.WriteFile(probe, []byte{byte(i)}, 0o644)
			if p, err := os.Stat(probe); err != nil || output.StatOf(p).Ctime > output.StatOf(rec).Ctime || i > 1e7 {
				break
			}
		}
	}
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 1)
	at := st.Size() / 2
	f.ReadAt(b, at)
	b[0] ^= 0xff
	if _, err := f.WriteAt(b, at); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(name, time.Time{}, st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if st2, _ := os.Stat(name); st2.Size() != st.Size() || !st2.ModTime().Equal(st.ModTime()) {
		t.Fatal("size or modification time not restored")
	}
}

// TestCacheCorruptedInPlace: a published PDF corrupted in place, with its
// size and modification time restored, is rendered again, whether or not
// an earlier build had verified it; the manifest stays true to the files.
func TestCacheCorruptedInPlace(t *testing.T) {
	for _, builds := range []int{1, 2} {
		ct := newCacheTree(t)
		out := t.TempDir()
		for range builds {
			if _, err := Run(ct.sources(), out, Config{}); err != nil {
				t.Fatal(err)
			}
		}
		if builds == 2 {
			if _, recs := records(t, out); recs[firstPDF(t, out)].Verified == 0 {
				t.Fatal("the second build did not verify the first PDF")
			}
		}
		rel := firstPDF(t, out)
		corruptInPlace(t, out, rel)
		s, err := Run(ct.sources(), out, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Rendered != 1 {
			t.Errorf("after %d builds: rendered %d files after one was corrupted, want 1 (%s)", builds, s.Rendered, s)
		}
		if err := checkOutput(out, false); err != nil {
			t.Errorf("after %d builds: %v", builds, err)
		}
	}
}

// records reads the cache file of out.
func records(t *testing.T, out string) ([]byte, map[string]cache.Record) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, output.RecordsName))
	if err != nil {
		t.Fatal(err)
	}
	_, _, recs := cache.ParseRecords(data)
	if recs == nil {
		t.Fatalf("%s: not a cache file", output.RecordsName)
	}
	return data, recs
}

// TestCacheRecordEdited: a record edited by hand (another sum and size)
// never reaches the manifest: the cache is dropped and every file is
// rendered (and left in place when its bytes are the same).
func TestCacheRecordEdited(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	for range 2 {
		if _, err := Run(ct.sources(), out, Config{}); err != nil {
			t.Fatal(err)
		}
	}
	data, recs := records(t, out)
	rel := firstPDF(t, out)
	r := recs[rel]
	line := cache.FormatRecords([32]byte{}, cache.State{}, []cache.Record{r})
	line = line[bytes.IndexByte(line, '\n')+1:]
	line = line[bytes.IndexByte(line, '\n')+1:]
	line = line[:bytes.IndexByte(line, '\n')+1]
	forged := r
	forged.Sum, forged.Bytes = [32]byte{}, 12345
	fl := cache.FormatRecords([32]byte{}, cache.State{}, []cache.Record{forged})
	fl = fl[bytes.IndexByte(fl, '\n')+1:]
	fl = fl[bytes.IndexByte(fl, '\n')+1:]
	fl = fl[:bytes.IndexByte(fl, '\n')+1]
	if !bytes.Contains(data, line) {
		t.Fatalf("the cache has no line %q", line)
	}
	os.WriteFile(filepath.Join(out, output.RecordsName), bytes.Replace(data, line, fl, 1), 0o644)
	s, err := Run(ct.sources(), out, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Reused != 0 {
		t.Errorf("reused %d files from an edited cache, want 0", s.Reused)
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
	for _, e := range readManifest(out).Files {
		if e.Path == rel && (e.Bytes == 12345 || strings.Trim(e.SHA256, "0") == "") {
			t.Errorf("the edited record reached the manifest: %+v", e)
		}
	}
}

// TestShardsFromOtherContent: shards built from two content trees (one
// with another phone number: the same matrix) are refused by assemble,
// naming the shards on each side, and nothing is written.
func TestShardsFromOtherContent(t *testing.T) {
	ct := newCacheTree(t)
	var shards []string
	for i := 1; i <= 3; i++ {
		if i == 2 {
			ct.edit(t, "content/brands/acme.yaml", `phone: "(207) 555-0100"`, `phone: "(207) 555-0199"`)
		}
		p, err := Load(ct.sources())
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), fmt.Sprintf("shard%d", i))
		if _, err := p.Build(dir, Config{Shard: Shard{i, 3}}); err != nil {
			t.Fatal(err)
		}
		if readManifest(dir).Shard.Inputs == "" {
			t.Fatalf("shard %d/3 records no inputs digest", i)
		}
		if i == 2 {
			ct.edit(t, "content/brands/acme.yaml", `phone: "(207) 555-0199"`, `phone: "(207) 555-0100"`)
		}
		shards = append(shards, dir)
	}
	p, err := Load(ct.sources())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	_, err = p.Assemble(shards, out, Config{})
	if err == nil || !strings.Contains(err.Error(), "different content") {
		t.Fatalf("Assemble = %v, want a refusal of shards from different content", err)
	}
	for i, dir := range shards {
		if !strings.Contains(err.Error(), fmt.Sprintf("%s (shard %d/3)", dir, i+1)) {
			t.Errorf("the error does not name %s: %v", dir, err)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was made", out)
	}
}

// TestUpToDateChecksManifestBytes: a folder whose manifest or index was
// corrupted in place, with its size and modification time restored, is
// not taken as up to date: the next build writes it again.
func TestUpToDateChecksManifestBytes(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	for range 2 {
		if _, err := Run(ct.sources(), out, Config{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{output.ManifestName, output.IndexName} {
		want, _ := os.ReadFile(filepath.Join(out, name))
		corruptInPlace(t, out, name)
		if _, err := Run(ct.sources(), out, Config{}); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(filepath.Join(out, name)); !bytes.Equal(got, want) {
			t.Errorf("%s corrupted in place was left as it was", name)
		}
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
}

// TestFreshRecordsNeedNoHashing: the handouts a build wrote are renamed
// into place before its records, so the next runs take them on their
// change times alone: a no-change run hashes only the manifest and the
// index, and a run after an edit hashes none of the files it keeps.
// (TestCacheCorruptedInPlace: a file changed after that is hashed and
// rendered again.)
func TestFreshRecordsNeedNoHashing(t *testing.T) {
	ct := newCacheTree(t)
	out := t.TempDir()
	if _, err := Run(ct.sources(), out, Config{}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"no change", "no change again"} {
		before := cache.Hashed()
		if _, err := Run(ct.sources(), out, Config{}); err != nil {
			t.Fatal(err)
		}
		if n := cache.Hashed() - before; n != 2 {
			t.Errorf("%s: hashed %d files, want 2 (the manifest and the index)", step, n)
		}
	}
	ct.edit(t, "content/area/face.yaml", "label: Face", "label: Whole face")
	before := cache.Hashed()
	s, err := Run(ct.sources(), out, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if n := cache.Hashed() - before; n != 0 || s.Reused == 0 {
		t.Errorf("after an edit: hashed %d of the %d files kept, want none", n, s.Reused)
	}
	if err := checkOutput(out, false); err != nil {
		t.Error(err)
	}
}
