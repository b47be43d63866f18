package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"handouts/internal/golden"
)

// release runs .ci/release (what make release runs) for this machine's
// platform only, into dist, and returns the binary's path.
func release(t *testing.T, root, dist string) string {
	t.Helper()
	cmd := exec.Command("bash", ".ci/release")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "DIST="+dist, "PLATFORMS="+runtime.GOOS+"/"+runtime.GOARCH)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf(".ci/release: %v\n%s", err, out)
	}
	return filepath.Join(dist, "handouts-"+runtime.GOOS+"-"+runtime.GOARCH)
}

// TestReleaseBinary builds the release twice (as make release does, for
// this platform) and checks the builds are identical and carry no build
// folder; then copies the binary alone into an empty folder, where it
// reports its revision, makes a dated sheet from its built-in library and
// serves the front desk's page and form, building into handouts-output
// beside itself.
func TestReleaseBinary(t *testing.T) {
	t.Parallel()
	golden.RequireTool(t, "git", "git")
	golden.RequireTool(t, "bash", "bash")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) string {
		out, err := exec.Command("git", append([]string{"-C", root}, args...)...).Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	rev := git("rev-parse", "HEAD")
	dirty := git("status", "--porcelain") != ""
	tmp := t.TempDir()
	a := release(t, root, filepath.Join(tmp, "a"))
	release(t, root, filepath.Join(tmp, "b"))
	sumA, _ := os.ReadFile(filepath.Join(tmp, "a", "SHA256SUMS"))
	sumB, _ := os.ReadFile(filepath.Join(tmp, "b", "SHA256SUMS"))
	if len(sumA) == 0 || !bytes.Equal(sumA, sumB) {
		t.Errorf("two release builds differ:\n%s\n%s", sumA, sumB)
	}
	bin, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bin, []byte(root)) {
		t.Errorf("the release binary holds the build folder %s (-trimpath)", root)
	}

	desk := t.TempDir()
	lone := filepath.Join(desk, "handouts")
	if err := os.WriteFile(lone, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	runLone := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(lone, args...)
		cmd.Dir = desk
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("handouts %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	v := runLone("version")
	if !strings.Contains(v, "revision "+rev) || strings.Contains(v, "dirty") != dirty || !strings.Contains(v, "built with go") {
		t.Errorf("handouts version:\n%s\nwant revision %s (dirty: %v) and the Go version", v, rev, dirty)
	}
	if out := runLone("sheet", "-brand", "harbor", "-skin", "dry", "-area", "face", "-treatment", "microneedling", "-date", "2026-03-13"); !strings.Contains(out, "wrote aftercare-2026-03-13.pdf") {
		t.Errorf("sheet: %s", out)
	}
	pdf, err := os.ReadFile(filepath.Join(desk, "aftercare-2026-03-13.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the dated sheet: %v, %.20q", err, pdf)
	}

	cmd := exec.Command(lone, "serve", "-addr", "127.0.0.1:0")
	cmd.Dir = desk
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	out := filepath.Join(desk, "handouts-output")
	serving := regexp.MustCompile(`^serving (.*) on (http://127\.0\.0\.1:\d+/)`)
	lines := bufio.NewScanner(stdout)
	var url string
	for url == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			if m[1] != out {
				t.Errorf("the lone binary serves %s; want %s, beside it", m[1], out)
			}
			url = m[2]
		}
	}
	if url == "" {
		t.Fatalf("serve never said where it serves; stderr:\n%s", stderr.String())
	}
	go io.Copy(io.Discard, stdout)
	for _, page := range []struct{ path, want string }{{"", "/make"}, {"make", "<form"}} {
		resp, err := http.Get(url + page.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(body, []byte(page.want)) {
			t.Errorf("GET /%s: %d; want %q in\n%.300s", page.path, resp.StatusCode, page.want, body)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no index in handouts-output: %v", err)
	}
	cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve did not stop cleanly on Ctrl-C: %v\n%s", err, stderr.String())
	}
}

// TestEnginesBuildsAsRelease: make bench (.ci/engines) times the program
// built as .ci/release builds the desks' binaries: static, trimmed, with
// the library built in and no symbol table, since a one-off's time is
// much of it the program's start.
func TestEnginesBuildsAsRelease(t *testing.T) {
	flags := []string{"CGO_ENABLED=0", "-trimpath", "-buildvcs=false", "-tags release", "-s -w"}
	for _, script := range []string{"../../.ci/release", "../../.ci/engines"} {
		data, err := os.ReadFile(script)
		if err != nil {
			t.Fatal(err)
		}
		var build string
		for _, line := range strings.Split(strings.ReplaceAll(string(data), "\\\n", " "), "\n") {
			if strings.Contains(line, " build ") && strings.Contains(line, "./cmd/handouts") && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				build = line
			}
		}
		if build == "" {
			t.Errorf("%s: no go build of ./cmd/handouts", script)
			continue
		}
		for _, f := range flags {
			if !strings.Contains(build, f) {
				t.Errorf("%s builds without %s: %s", script, f, strings.TrimSpace(build))
			}
		}
	}
}
