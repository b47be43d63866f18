package review

import (
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// TestCheckoutStreams: the archive of a revision is streamed from git
// through the checkout's limit: a folder holding a blob four times the
// limit is refused while it is read, having allocated far less than the
// blob (reading the whole archive first took more than all of it); a
// folder within the limit is checked out whole.
func TestCheckoutStreams(t *testing.T) {
	golden.RequireTool(t, "git", "git")
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
			"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	const limit = 1 << 20
	defer func(old int64) { maxCheckout = old }(maxCheckout)
	maxCheckout = limit
	git("init", "-q", "-b", "main")
	os.MkdirAll(filepath.Join(repo, "content", "brands"), 0o755)
	os.WriteFile(filepath.Join(repo, "content", "brands", "a.yaml"), []byte("name: A\n"), 0o644)
	git("add", "content")
	git("commit", "-q", "-m", "small")
	big := make([]byte, 4*limit)
	rand.Read(big)
	os.WriteFile(filepath.Join(repo, "content", "big.bin"), big, 0o644)
	git("add", "content")
	git("commit", "-q", "-m", "big")
	big = nil

	dir := filepath.Join(repo, "content")
	out, _, err := Checkout(dir, "HEAD~1", t.TempDir())
	if err != nil {
		t.Fatalf("checkout within the limit: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(out, "brands", "a.yaml")); err != nil || string(data) != "name: A\n" {
		t.Errorf("checked out a.yaml = %q, %v", data, err)
	}

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err = Checkout(dir, "HEAD", t.TempDir())
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "over 1 MB") {
		t.Fatalf("checkout of a folder over the limit = %v, want it refused", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Errorf("refusing a %d MB archive allocated %d KB; it was read whole, not streamed", 4*limit>>20, got>>10)
	}
}
