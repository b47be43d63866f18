package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestJournalRemovesOnlyOurBytes: a switch replayed from its journal
// (after a kill) removes a listed file only while its bytes are still the
// ones recorded.
func TestJournalRemovesOnlyOurBytes(t *testing.T) {
	out := t.TempDir()
	if err := claim(out); err != nil {
		t.Fatal(err)
	}
	o, err := Lock(out)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "a.txt"), []byte("A\n"), 0o644)
	os.WriteFile(filepath.Join(out, "b.txt"), []byte("B\n"), 0o644)
	sumA := "06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0" // sha256("A\n")
	j := journal{Staging: StagingPrefix + "1", Remove: []stale{{"a.txt", sumA}, {"b.txt", sumA}}}
	removed, err := o.apply(j)
	o.Release()
	if err != nil || removed != 1 {
		t.Fatalf("apply = %d, %v; want 1 removed", removed, err)
	}
	if _, err := os.Stat(filepath.Join(out, "a.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a.txt (the recorded bytes) was not removed")
	}
	if _, err := os.Stat(filepath.Join(out, "b.txt")); err != nil {
		t.Errorf("b.txt (other bytes) was removed: %v", err)
	}
}
