package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"handouts/internal/golden"
	"handouts/internal/output"
)

// killSeed seeds the kill moments; HANDOUTS_KILL_SEED replays another run.
const killSeed = 20261130

// TestCommandWritePhase runs the real command, built once with go build,
// against a small content tree and stops or breaks its write phase: a
// SIGKILL at random moments, a read-only subfolder, a full disk (a file
// size limit), and one-off files aimed into the output folder.
func TestCommandWritePhase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; skipped with -short")
	}
	shared := openTempDir(t)
	bin := filepath.Join(shared, "handouts")
	goTool := golden.RequireTool(t, "go", "golang")
	if out, err := exec.Command(goTool, "build", "-o", bin, "handouts/cmd/handouts").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("KilledAtRandomMoments", func(t *testing.T) { testKilled(t, bin) })
	t.Run("ReadOnlySubfolder", func(t *testing.T) { testReadOnly(t, bin) })
	t.Run("FullDisk", func(t *testing.T) { testFullDisk(t, bin) })
	t.Run("OneOffIntoOutput", func(t *testing.T) { testOneOffInto(t, bin) })
	t.Run("OtherProgram", func(t *testing.T) { testOtherProgram(t, bin) })
}

// openTempDir returns a temporary folder that every user may read and
// enter (t.TempDir makes them private), for a child run as another user.
func openTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// handouts runs the command; it returns its exit status and its output.
func handouts(t *testing.T, bin string, attr *syscall.SysProcAttr, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = t.TempDir()
	cmd.SysProcAttr = attr
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

// mustBuild runs a build that must succeed.
func mustBuild(t *testing.T, bin, content, out string) {
	t.Helper()
	if code, msg := handouts(t, bin, nil, "build", "-content", content, "-out", out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, msg)
	}
}

// noLeftovers reports a journal, staging folder or temporary file in out.
func noLeftovers(out string) error {
	var found []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if strings.HasPrefix(name, output.StagingPrefix) || strings.HasPrefix(name, output.JournalName) || strings.HasPrefix(name, output.TmpPrefix) {
			found = append(found, p)
		}
		return nil
	})
	if len(found) > 0 {
		return fmt.Errorf("left over: %s", strings.Join(found, ", "))
	}
	return nil
}

// testKilled kills builds at random moments: half of them at a random
// time in the length of a whole build, half a random 0-2 ms after the
// first published file changed (the switch, which is short). After each
// kill the output agrees with its manifest and index or a journal is
// there; after the next build, which completes it, the output agrees and
// nothing is left over. The builds alternate between two contents that
// differ in every file and in the files made, so every switch renames and
// removes.
func testKilled(t *testing.T, bin string) {
	seed := uint64(killSeed)
	if s, err := strconv.ParseUint(os.Getenv("HANDOUTS_KILL_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (HANDOUTS_KILL_SEED=%d replays it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	contents := [2]string{smallContent(t, false), smallContent(t, true)}
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, bin, contents[0], out)
	start := time.Now()
	mustBuild(t, bin, contents[1], out)
	whole := time.Since(start)
	cur := 1
	var atSwitch, counts = 0, map[string]int{}
	for i := range 14 {
		next := 1 - cur
		cmd := exec.Command(bin, "build", "-content", contents[next], "-out", out)
		cmd.Dir = t.TempDir()
		var msg bytes.Buffer
		cmd.Stdout, cmd.Stderr = &msg, &msg
		watched := publishedInodes(out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		how := ""
		var err error
		if i%2 == 0 {
			d := time.Duration(rng.Int64N(int64(whole)))
			how = fmt.Sprintf("killed %v after the start", d)
			select {
			case err = <-done:
			case <-time.After(d):
				cmd.Process.Kill()
				err = <-done
			}
		} else {
			d := time.Duration(rng.Int64N(int64(2 * time.Millisecond)))
			how = fmt.Sprintf("killed %v after the first published file changed", d)
			err = killAfterChange(cmd, done, watched, d)
		}
		switch {
		case err == nil:
			counts["finished before the kill"]++
		case strings.Contains(err.Error(), "killed"):
			counts["killed"]++
		default:
			t.Fatalf("run %d (%s): %v\n%s", i, how, err, msg.String())
		}
		if _, err := os.Stat(filepath.Join(out, output.JournalName)); err == nil {
			atSwitch++
		} else if err := checkOutput(out, true); err != nil {
			t.Errorf("run %d (%s): the output disagrees with its manifest:\n%v", i, how, err)
		}
		mustBuild(t, bin, contents[next], out)
		if err := checkOutput(out, false); err != nil {
			t.Errorf("run %d (%s): after the next build the output disagrees with its manifest:\n%v", i, how, err)
		}
		if err := noLeftovers(out); err != nil {
			t.Errorf("run %d (%s): after the next build: %v", i, how, err)
		}
		if got, want := len(readManifest(out).Files), 8+4*next; got != want {
			t.Errorf("run %d: after the next build the manifest lists %d files, want %d", i, got, want)
		}
		cur = next
	}
	t.Logf("%d killed, %d finished first; %d kills left a journal for the next build", counts["killed"], counts["finished before the kill"], atSwitch)
}

// publishedInodes maps the published files of out (those in its manifest,
// the index and the manifest) to their inode numbers.
func publishedInodes(out string) map[string]uint64 {
	m := map[string]uint64{}
	for _, e := range append(readManifest(out).Files, output.Entry{Path: output.IndexName}, output.Entry{Path: output.ManifestName}) {
		p := filepath.Join(out, e.Path)
		if st, err := os.Lstat(p); err == nil {
			m[p] = st.Sys().(*syscall.Stat_t).Ino
		}
	}
	return m
}

// killAfterChange watches the published files until one is replaced or
// removed, then kills cmd after d. It returns what cmd.Wait returned.
func killAfterChange(cmd *exec.Cmd, done <-chan error, watched map[string]uint64, d time.Duration) error {
	for {
		select {
		case err := <-done:
			return err
		default:
		}
		for p, ino := range watched {
			if st, err := os.Lstat(p); err != nil || st.Sys().(*syscall.Stat_t).Ino != ino {
				time.Sleep(d)
				cmd.Process.Kill()
				return <-done
			}
		}
	}
}

// asNobody returns how to run a child that file permissions apply to:
// nothing for an ordinary user; for root, the user nobody, with the
// folders it must write given to it.
func asNobody(t *testing.T, writable ...string) *syscall.SysProcAttr {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	for _, dir := range writable {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				err = os.Lchown(p, 65534, 65534)
			}
			return err
		})
	}
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// testReadOnly: a build whose switch would rename files into a folder it
// may not write fails before anything published changes.
func testReadOnly(t *testing.T, bin string) {
	dir := openTempDir(t)
	old, changed, out := filepath.Join(dir, "old"), filepath.Join(dir, "changed"), filepath.Join(dir, "out")
	writeSmallContent(t, old, false)
	writeSmallContent(t, changed, true)
	mustBuild(t, bin, old, out)
	attr := asNobody(t, out)
	ro := variantDir(t, out, "oily", "face")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	before := golden.Snapshot(t, out)
	code, msg := handouts(t, bin, attr, "build", "-content", changed, "-out", out)
	if want := ro + ": cannot write in this folder"; code != 1 || !strings.Contains(msg, want) {
		t.Errorf("build = exit %d:\n%s\nwant exit 1 and %q", code, msg, want)
	}
	if after := golden.Snapshot(t, out); len(after) != len(before) || diffKeys(before, after) != "" {
		t.Errorf("the output changed after a failed build:\n%s", diffKeys(before, after))
	}
	if err := noLeftovers(out); err != nil {
		t.Error(err)
	}
}

// testFullDisk: a build that runs out of room while writing (here a file
// size limit, so that the first file written fits and a later, larger
// one does not) fails with the published output untouched.
func testFullDisk(t *testing.T, bin string) {
	prlimit := golden.RequireTool(t, "prlimit", "util-linux")
	old, changed, out := smallContent(t, false), smallContent(t, true), filepath.Join(t.TempDir(), "out")
	mustBuild(t, bin, old, out)
	p, err := Load(sources(changed))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := p.RenderAll(Config{})
	if err != nil {
		t.Fatal(err)
	}
	limit, larger := entries[0].Bytes, 0
	for _, e := range entries[1:] {
		if e.Bytes > limit {
			larger++
		}
	}
	if larger == 0 {
		t.Fatalf("no file is larger than the first (%d bytes): choose another limit", limit)
	}
	before := golden.Snapshot(t, out)
	cmd := exec.Command(prlimit, fmt.Sprintf("--fsize=%d", limit), "--", bin, "build", "-content", changed, "-out", out)
	cmd.Dir = t.TempDir()
	msg, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(msg), "file too large") {
		t.Errorf("build with a %d-byte file limit: %v\n%s\nwant exit 1 and \"file too large\"", limit, err, msg)
	}
	if after := golden.Snapshot(t, out); len(after) != len(before) || diffKeys(before, after) != "" {
		t.Errorf("the output changed after a failed build:\n%s", diffKeys(before, after))
	}
	if err := noLeftovers(out); err != nil {
		t.Error(err)
	}
}

// testOneOffInto: `handouts sheet -o` refuses the manifest, a published
// sheet and a missing folder, and still writes to standard output.
func testOneOffInto(t *testing.T, bin string) {
	content, out := smallContent(t, false), filepath.Join(t.TempDir(), "out")
	mustBuild(t, bin, content, out)
	before := golden.Snapshot(t, out)
	newdir := filepath.Join(t.TempDir(), "newdir")
	sheet := []string{"sheet", "-content", content, "-brand", "acme", "-skin", "dry", "-area", "face", "-date", "2026-03-13", "-name", "Ana", "-o"}
	for _, tt := range []struct{ file, want string }{
		{filepath.Join(out, output.ManifestName), "inside the build output folder " + out},
		{filepath.Join(variantDir(t, out, "dry", "face"), "sheet.pdf"), "inside the build output folder " + out},
		{filepath.Join(newdir, "x.pdf"), "the folder " + newdir + " does not exist"},
	} {
		code, msg := handouts(t, bin, nil, append(sheet, tt.file)...)
		if code != 1 || !strings.Contains(msg, tt.want) {
			t.Errorf("sheet -o %s = exit %d, %q; want exit 1 and %q", tt.file, code, msg, tt.want)
		}
	}
	if after := golden.Snapshot(t, out); len(after) != len(before) || diffKeys(before, after) != "" {
		t.Errorf("the output changed:\n%s", diffKeys(before, after))
	}
	if _, err := os.Stat(newdir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s was created: %v", newdir, err)
	}
	cmd := exec.Command(bin, append(sheet, "/dev/stdout")...)
	cmd.Dir = t.TempDir()
	pdf, err := cmd.Output()
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("sheet -o /dev/stdout: %v; got %d bytes starting %q", err, len(pdf), pdf[:min(len(pdf), 8)])
	}
}
