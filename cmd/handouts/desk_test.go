package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"handouts"
	"handouts/internal/golden"
)

// TestDeskStart: with no arguments the command serves the front desk on
// loopback, opens the default browser through its one seam (startProgram)
// with each platform's opener, at a page the server answers, and says how
// to stop; when its usual port is taken it takes another.
func TestDeskStart(t *testing.T) {
	dir := t.TempDir()
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	golden.WriteTree(t, filepath.Join(dir, "content"), files)
	t.Chdir(dir)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	oldAddr, oldStart := deskAddr, startProgram
	t.Cleanup(func() { deskAddr, startProgram = oldAddr, oldStart })
	deskAddr = busy.Addr().String() // taken: the desk must find another port
	for _, tt := range []struct {
		goos string
		cmd  []string
	}{
		{"windows", []string{"rundll32", "url.dll,FileProtocolHandler"}},
		{"darwin", []string{"open"}},
		{"linux", []string{"xdg-open"}},
	} {
		t.Run(tt.goos, func(t *testing.T) {
			opened := make(chan []string, 1)
			startProgram = func(name string, args ...string) error {
				opened <- append([]string{name}, args...)
				return nil
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var out bytes.Buffer
			done := make(chan error, 1)
			go func() { done <- deskStart(ctx, tt.goos, &out, io.Discard) }()
			var cmd []string
			select {
			case cmd = <-opened:
			case err := <-done:
				t.Fatalf("the desk stopped before opening the browser: %v\n%s", err, out.String())
			}
			url := cmd[len(cmd)-1]
			if !slices.Equal(cmd[:len(cmd)-1], tt.cmd) || !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasPrefix(url, "http://"+deskAddr) {
				t.Errorf("opened %q; want %q and a loopback address other than the taken %s", cmd, tt.cmd, deskAddr)
			}
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(page, []byte("/make")) {
				t.Errorf("GET %s: %d; want the front desk's index with its link to /make:\n%.300s", url, resp.StatusCode, page)
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("stopping: %v", err)
			}
			for _, want := range []string{"The front desk is open in your browser at " + url, "To stop it, close this window or press Ctrl-C"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("the desk said\n%s\nwant %q", out.String(), want)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "output", "index.html")); err != nil {
				t.Errorf("with content/ on disk the desk builds into output/ there: %v", err)
			}
		})
	}
}

// TestNoArgumentsIsTheDesk: no command means the desk; without a content
// folder (and no built-in library, as in a test binary) it says where it
// looked and exits 1.
func TestNoArgumentsIsTheDesk(t *testing.T) {
	if handouts.Content != nil {
		t.Skip("this test binary carries a library (-tags release): the desk would start")
	}
	t.Chdir(t.TempDir())
	code, _, stderr := runCmd()
	if code != 1 || !strings.Contains(stderr, "content: content folder not found") {
		t.Errorf("handouts with no arguments in an empty folder: exit %d, %q", code, stderr)
	}
}

// TestLpMissing: -print explains, on each platform, that lp is missing
// and how to print instead.
func TestLpMissing(t *testing.T) {
	for goos, want := range map[string]string{
		"windows": "which Windows does not have; x.pdf is written: open it and print it, or print from the desk page",
		"darwin":  "(CUPS, part of macOS), which is not on the PATH; x.pdf is written",
		"linux":   "install cups-client (apt-get install cups-client), or open x.pdf and print it, or print from the desk page",
	} {
		if got := lpMissing(goos, "x.pdf"); !strings.Contains(got, want) {
			t.Errorf("%s: %q; want %q", goos, got, want)
		}
	}
}

// TestVersionText: the version, the revision, "dirty" for a tree with
// changes, and the Go version.
func TestVersionText(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "16ec75891680e4dc4fe984e499dd3730799617ad"}, {Key: "vcs.modified", Value: "false"}}}
	want := "handouts v1.2.0\nrevision 16ec75891680e4dc4fe984e499dd3730799617ad\nbuilt with go1.26.8\n"
	if got := versionText("v1.2.0", info); got != want {
		t.Errorf("clean: %q; want %q", got, want)
	}
	info.Settings[1].Value = "true"
	if got := versionText("", info); !strings.Contains(got, "handouts (development build)\nrevision 16ec75891680e4dc4fe984e499dd3730799617ad, dirty") {
		t.Errorf("dirty: %q", got)
	}
	if got := versionText("", &debug.BuildInfo{GoVersion: "go1.26.8"}); !strings.Contains(got, "revision unknown") {
		t.Errorf("no VCS information: %q", got)
	}
	code, stdout, _ := runCmd("version")
	if code != 0 || !strings.HasPrefix(stdout, "handouts ") || !strings.Contains(stdout, "built with go") {
		t.Errorf("handouts version: exit %d, %q", code, stdout)
	}
}
