package output_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handouts/internal/output"
	"handouts/internal/output/outputtest"
)

// smallBuild is a build made up in memory: its files, the manifest's
// entries for them and an index, ready to be staged again and again.
type smallBuild struct {
	entries []output.Entry
	data    map[string][]byte
	index   []byte
}

// newBuild makes a build of n files in folders of two, as a build's
// variants are; every file's bytes name tag, so two builds with other
// tags differ in every file they share.
func newBuild(n int, tag string) smallBuild {
	b := smallBuild{data: map[string][]byte{}, index: []byte("<p>index of " + tag + "</p>\n")}
	for i := range n {
		p := fmt.Sprintf("acme/en-US/peel/v%d/f%d.pdf", i/2, i%2)
		data := fmt.Appendf(nil, "file %d of %s\n", i, tag)
		sum := sha256.Sum256(data)
		b.entries = append(b.entries, output.Entry{Path: p, Bytes: len(data), SHA256: hex.EncodeToString(sum[:])})
		b.data[p] = data
	}
	return b
}

// stage opens out and stages every file of b.
func (b smallBuild) stage(t *testing.T, out string) *output.Folder {
	t.Helper()
	o, err := output.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range b.entries {
		if _, err := o.Put(e.Path, b.data[e.Path]); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// checkFolder reports how out differs from build b: its manifest lists
// b's files, every one there with the listed bytes, the index is b's, and
// there is no other file but the lock. With leftovers, a staging folder
// an interrupted build left is ignored; without, it is an error too.
func checkFolder(out string, b smallBuild, leftovers bool) error {
	var problems []string
	m, err := outputtest.Manifest(out)
	if err != nil {
		return err
	}
	if !slices.Equal(m.Files, b.entries) {
		problems = append(problems, fmt.Sprintf("the manifest lists %d files, not the %d of the build", len(m.Files), len(b.entries)))
	}
	if index, err := os.ReadFile(filepath.Join(out, output.IndexName)); err != nil || string(index) != string(b.index) {
		problems = append(problems, fmt.Sprintf("index.html is %q (%v), not the build's", index, err))
	}
	problems = append(problems, outputtest.Problems(out, m.Files, []string{output.ManifestName, output.IndexName, output.LockName}, leftovers)...)
	if len(problems) > 0 {
		slices.Sort(problems)
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// TestSwitchStoppedAtEveryStep stops the switch from one build to the next
// after each of its renames and removals in turn, as a kill would, leaving
// the journal and staging folder behind: the next open of the folder
// completes the switch, and the output then agrees with the new manifest
// with nothing left over. A build stopped before its journal is rolled
// back: the output stays the previous build.
func TestSwitchStoppedAtEveryStep(t *testing.T) {
	big, small := newBuild(12, "big"), newBuild(8, "small")
	base := t.TempDir()
	o := big.stage(t, base)
	if _, err := o.Commit(output.Manifest{Files: big.entries}, big.index, nil); err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := checkFolder(base, big, false); err != nil {
		t.Fatalf("the first build:\n%v", err)
	}
	steps := 0
	probe := filepath.Join(t.TempDir(), "out")
	os.CopyFS(probe, os.DirFS(base))
	o = small.stage(t, probe)
	o.SetStop(func(op, name string) error { steps++; return nil })
	if _, err := o.Commit(output.Manifest{Files: small.entries}, small.index, nil); err != nil {
		t.Fatal(err)
	}
	o.Close()
	if steps != 8+4+2 { // 8 files, the index and the manifest renamed; 4 files removed
		t.Fatalf("the switch took %d steps, want 14", steps)
	}
	errStop := errors.New("stopped")
	for k := 0; k <= steps; k++ {
		out := filepath.Join(t.TempDir(), "out")
		if err := os.CopyFS(out, os.DirFS(base)); err != nil {
			t.Fatal(err)
		}
		o := small.stage(t, out)
		want := small
		if k == steps {
			o.Abandon() // killed while staging: no journal
			if err := checkFolder(out, big, true); err != nil {
				t.Fatalf("killed while staging: published output changed:\n%v", err)
			}
			want = big
		} else {
			n := 0
			o.SetStop(func(op, name string) error {
				if n == k {
					return errStop
				}
				n++
				return nil
			})
			if _, err := o.Commit(output.Manifest{Files: small.entries}, small.index, nil); err == nil || !strings.Contains(err.Error(), "stopped") {
				t.Fatalf("step %d: commit = %v, want it stopped", k, err)
			}
			o.Abandon() // killed: journal and staging stay
			if _, err := os.Stat(filepath.Join(out, output.JournalName)); err != nil {
				t.Fatalf("step %d: no journal left: %v", k, err)
			}
		}
		o, err := output.Open(out)
		if err != nil {
			t.Fatalf("step %d: reopening: %v", k, err)
		}
		o.Close()
		if err := checkFolder(out, want, false); err != nil {
			t.Errorf("step %d: after the next open:\n%v", k, err)
		}
	}
}
