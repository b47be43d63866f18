package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"handouts/internal/wait"
)

// TestServeRefusesLinks: a symbolic link anywhere in a served path (the
// last part or one in the middle, to /etc, to / or inside the output
// folder) is not followed, and only regular files are served.
func TestServeRefusesLinks(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	for name, data := range map[string]string{
		"index.html":        "<html><body>Patient handouts</body></html>",
		"harbor/sheet.pdf":  "%PDF-1.4 sheet",
		"harbor/notes.html": "<html><body>notes</body></html>",
	} {
		p := filepath.Join(out, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"etcdir":       "/etc",
		"rootlink":     "/",
		"hosts":        "/etc/hosts",
		"inner":        "harbor",
		"harbor/up":    "..",
		"harbor/copy":  "sheet.pdf",
		"harbor/index": "../index.html",
	} {
		if err := os.Symlink(target, filepath.Join(out, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(out, "pipe.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(Config{Out: out}).Handler())
	defer ts.Close()
	client := &http.Client{Timeout: wait.Ceiling()} // a request blocked on the pipe fails, not hangs
	tests := []struct {
		path string
		code int
		want string
	}{
		{"/", 200, "Patient handouts"},
		{"/harbor/sheet.pdf", 200, "%PDF-1.4 sheet"},
		{"/harbor/notes.html", 200, "/_version"},
		{"/etcdir/passwd", 404, ""},              // link to /etc in the middle
		{"/etcdir/hostname", 404, ""},            // the same, another file
		{"/rootlink/proc/self/environ", 404, ""}, // link to / exposes the environment
		{"/rootlink/etc/passwd", 404, ""},
		{"/hosts", 404, ""},                // link as the last part
		{"/inner/sheet.pdf", 404, ""},      // link inside the output folder, in the middle
		{"/harbor/copy", 404, ""},          // link inside the output folder, last part
		{"/harbor/up/index.html", 404, ""}, // link to the parent
		{"/harbor/index", 404, ""},         // link to a served file
		{"/harbor", 404, ""},               // a folder
		{"/pipe.pdf", 404, ""},             // a named pipe: refused, not waited on
		{"/harbor/sheet.pdf/x", 404, ""},   // a file used as a folder
		{"/../../etc/passwd", 404, ""},     // dot-dot (cleaned by the mux, then not found)
		{"/%2e%2e/%2e%2e/etc/passwd", 404, ""},
		{"/.handouts.lock", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := client.Get(ts.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			body := string(data)
			if resp.StatusCode != tt.code || !strings.Contains(body, tt.want) {
				t.Errorf("GET %s = %d %.80q, want %d with %q", tt.path, resp.StatusCode, body, tt.code, tt.want)
			}
			if tt.code != 200 && (strings.Contains(body, "root:") || strings.Contains(body, "PATH=") || strings.Contains(body, "%PDF")) {
				t.Errorf("GET %s leaked a file: %.80q", tt.path, body)
			}
		})
	}
}
