package serve

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/internal/wait"
)

// status reads /_version: the build's number and its content error.
func status(t *testing.T, addr string) (int, string) {
	t.Helper()
	_, body := get(t, "http://"+addr+"/_version")
	var v struct {
		Version int
		Error   string
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("/_version = %q: %v", body, err)
	}
	return v.Version, v.Error
}

// TestWatchFIFODoesNotHang: a named pipe in content/, where the loader
// reads .yaml files, is reported as a content error within a poll or two;
// neither the watcher nor the rebuild waits for a writer, and watching
// goes on after the pipe is removed.
func TestWatchFIFODoesNotHang(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, d := range []string{"skin", "area"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
	}
	addr, _ := serveWith(t, Config{Sources: sources(dir), Watch: []string{dir}, Out: t.TempDir(), Poll: 50 * time.Millisecond}, nil)
	v0, _ := status(t, addr)
	pipe := filepath.Join(dir, "skin", "pipe.yaml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Should a reader still be stuck in open, a writer frees it.
		if f, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	var msg string
	wait.For(t, "a rebuild after adding a named pipe to content/skin (the watcher is stuck if not)", func() bool { v, e := status(t, addr); msg = e; return v > v0 })
	if !strings.Contains(msg, "pipe.yaml") {
		t.Errorf("content error = %q, want it to name pipe.yaml", msg)
	}
	v1, _ := status(t, addr)
	os.Remove(pipe)
	wait.For(t, "a rebuild after the pipe was removed (the watcher stopped if not)", func() bool { v, _ := status(t, addr); return v > v1 })
}

// openLog is a file system that records every name opened.
type openLog struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (o *openLog) Open(name string) (fs.File, error) {
	o.mu.Lock()
	o.opened = append(o.opened, name)
	o.mu.Unlock()
	return o.FS.Open(name)
}

// Stat describes name, following links, without opening it.
func (o *openLog) Stat(name string) (fs.FileInfo, error) { return o.FS.(fs.StatFS).Stat(name) }

// TestFingerprintOpensNoFile: the watcher lists folders and Lstats their
// entries; it opens no file, so pipes, devices and links are noted by
// name and never read. A new pipe or link changes the fingerprint.
func TestFingerprintOpensNoFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "skin"), 0o755)
	os.WriteFile(filepath.Join(dir, "skin", "dry.yaml"), []byte("id: dry\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".swp"), []byte("x"), 0o644)
	log := &openLog{FS: os.DirFS(dir)}
	s := New(Config{})
	s.watch = []watched{{"content", log}}
	before, err := s.fingerprint()
	if len(before.special) > 0 {
		t.Errorf("special = %v, want none before the pipe", before.special)
	}
	if err != nil {
		t.Fatal(err)
	}
	syscall.Mkfifo(filepath.Join(dir, "skin", "pipe.yaml"), 0o644)
	os.Symlink("/dev/zero", filepath.Join(dir, "skin", "zero.yaml"))
	done := make(chan scan, 1)
	go func() { sc, _ := s.fingerprint(); done <- sc }()
	select {
	case after := <-done:
		if after.print == before.print {
			t.Error("adding a pipe and a link left the fingerprint unchanged")
		}
		if got := after.special.Error(); !strings.Contains(got, "content/skin/pipe.yaml: is a named pipe") || !strings.Contains(got, "content/skin/zero.yaml: is a link to a device") {
			t.Errorf("special = %q, want the pipe and the link to a device named", got)
		}
	case <-time.After(wait.Ceiling()):
		t.Fatal(wait.Stuck("the fingerprint (blocked on a named pipe?)"))
	}
	for _, name := range log.opened {
		if name != "." && name != "skin" {
			t.Errorf("fingerprint opened %q; want only folders opened", name)
		}
	}
}

// faultFS answers every Open with "too many open files" while fail is set.
type faultFS struct {
	fs.FS
	fail *atomic.Bool
}

func (f faultFS) Open(name string) (fs.File, error) {
	if f.fail.Load() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EMFILE}
	}
	return f.FS.Open(name)
}

// TestResourceErrorIsNotContentError: when the process runs out of file
// descriptors, in a rebuild or in the watcher's own listing, the index
// keeps the last good build (no "build failed" page naming "too many open
// files"), the problem is logged as the server's, and the build is
// retried by itself once descriptors are free again.
func TestResourceErrorIsNotContentError(t *testing.T) {
	t.Parallel()
	files, _ := golden.Tree(t, "../content/testdata/base.txtar") // the shared small valid tree: quick builds
	dir := t.TempDir()
	golden.WriteTree(t, dir, files)
	var loadFails, watchFails atomic.Bool
	var log syncBuffer
	cfg := Config{Sources: sources(dir), Watch: []string{dir}, Out: t.TempDir(), Log: &log}
	addr, _ := serveWith(t, cfg, func(s *Server) {
		s.cfg.Sources.Content = faultFS{s.cfg.Sources.Content, &loadFails}
		s.watch[0].fsys = faultFS{s.watch[0].fsys, &watchFails}
	})
	v0, e0 := status(t, addr)
	if e0 != "" {
		t.Fatalf("first build failed: %s", e0)
	}
	checkIndex := func(when string) {
		t.Helper()
		code, body := get(t, "http://"+addr+"/")
		if code != 200 || strings.Contains(body, "too many open files") || strings.Contains(body, "did not build") {
			t.Errorf("%s: index = %d %.120q, want the last good index", when, code, body)
		}
		if v, e := status(t, addr); v != v0 || e != "" {
			t.Errorf("%s: /_version = %d %q, want %d with no content error", when, v, e, v0)
		}
	}

	// A rebuild that cannot open its files.
	loadFails.Store(true)
	now := time.Now()
	os.Chtimes(filepath.Join(dir, "brands", "acme.yaml"), now, now)
	if err := wait.Until("a server problem logged for a rebuild without file descriptors", func() bool {
		v, _ := status(t, addr)
		return v != v0 || strings.Contains(log.String(), "server problem: the build could not run")
	}); err != nil {
		t.Fatalf("%v; log:\n%s", err, log.String())
	}
	checkIndex("rebuild out of descriptors")
	if got := log.String(); !strings.Contains(got, "server problem: the build could not run") || !strings.Contains(got, "too many open files") {
		t.Errorf("log = %q, want the cause as a server problem", got)
	}
	loadFails.Store(false)
	wait.For(t, "the build to be retried, with no further edit, once descriptors came back", func() bool { v, _ := status(t, addr); return v > v0 })
	if v, e := status(t, addr); e != "" {
		t.Errorf("retried build %d failed: %s", v, e)
	}

	// The watcher's own listing.
	v0, _ = status(t, addr)
	watchFails.Store(true)
	if err := wait.Until("a server problem logged for the watcher's failed listing", func() bool { return strings.Contains(log.String(), "server problem: watching "+dir) }); err != nil {
		t.Fatalf("%v; log:\n%s", err, log.String())
	}
	checkIndex("watcher out of descriptors")
	watchFails.Store(false)
}

// TestServerProblem: which errors are the server's own, found by their
// cause (errors.Is), however the loaders and the build wrapped it; the
// words of a content problem that merely mention one do not count.
func TestServerProblem(t *testing.T) {
	emfile := &fs.PathError{Op: "open", Path: "x", Err: syscall.EMFILE}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"open", emfile, true},
		{"write", &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, true},
		{"a content error's cause", content.Errorf("content/skin", 0, "cannot read folder: %w; create it or check the content path", syscall.EMFILE), true},
		{"in a list with others", content.Join(content.Errorf("content/skin/dry.yaml", 3, "unknown key"), fmt.Errorf("output: cannot write x (%w)", syscall.ENOSPC)), true},
		{"missing file", &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, false},
		{"content problem", content.Errorf("content/brands/harbor.yaml", 4, `unknown key "colour"`), false},
		{"words alone", content.Errorf("content/skin/dry.yaml", 2, "label: too many open files is not a label"), false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		if got := serverProblem(tt.err); got != tt.want {
			t.Errorf("%s: serverProblem(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
