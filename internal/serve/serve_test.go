package serve

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handouts/fonts"
	"handouts/internal/browser"
	"handouts/internal/golden"
	"handouts/internal/project"
	"handouts/internal/wait"
	"handouts/layouts"
)

// startBase runs a server over the shared small valid content tree
// (internal/content/testdata/base.txtar: one brand, quick to build, even
// under -race) and returns its address, content folder and output folder.
func startBase(t *testing.T) (addr, contentDir, out string) {
	t.Helper()
	files, _ := golden.Tree(t, "../content/testdata/base.txtar")
	contentDir = t.TempDir()
	golden.WriteTree(t, contentDir, files)
	out = t.TempDir()
	addr, _ = serveWith(t, Config{Sources: sources(contentDir), Watch: []string{contentDir}, Out: out}, nil)
	return addr, contentDir, out
}

// sources reads content from dir and the built-in layouts and fonts.
func sources(dir string) project.Sources {
	return project.Sources{Content: os.DirFS(dir), ContentName: dir, Layouts: layouts.FS, LayoutsName: "layouts", Fonts: fonts.FS, FontsName: "fonts"}
}

// serveWith runs a server for cfg on a free loopback port (polling every
// 100 ms unless cfg says otherwise) until the test ends; edit, if not nil,
// changes the server before it starts. It returns the address served.
func serveWith(t *testing.T, cfg Config, edit func(*Server)) (string, *Server) {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	if cfg.Poll == 0 {
		cfg.Poll = 100 * time.Millisecond
	}
	s := New(cfg)
	if edit != nil {
		edit(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(wait.Ceiling()):
		t.Fatal(wait.Stuck("the server to start"))
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run after cancel = %v, want a clean stop", err)
			}
		case <-time.After(wait.Ceiling()):
			t.Error(wait.Stuck("the server to stop after cancel"))
		}
	})
	return addr, s
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func version(t *testing.T, addr string) int {
	_, body := get(t, "http://"+addr+"/_version")
	var v struct{ Version int }
	json.Unmarshal([]byte(body), &v)
	return v.Version
}

func TestServeFilesAndPaths(t *testing.T) {
	t.Parallel()
	addr, _, _ := startBase(t)
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("listening on %s, want loopback", addr)
	}
	tests := []struct {
		path string
		code int
		want string
	}{
		{"/", 200, "Patient handouts"},
		{"/acme/en-US/microneedling/dry-face/sheet.html", 200, "/_version"},
		{"/acme/en-US/microneedling/dry-face/sheet.pdf", 200, "%PDF-"},
		{"/manifest.json", 200, `"files"`},
		{"/../../etc/passwd", 404, ""},
		{"/%2e%2e/%2e%2e/etc/passwd", 404, ""},
		{"/acme/../../secret", 404, ""},
		{"/.handouts.lock", 404, ""},
		{"/nothing.html", 404, ""},
	}
	for _, tt := range tests {
		code, body := get(t, "http://"+addr+tt.path)
		if code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s = %d, want %d with %q", tt.path, code, tt.code, tt.want)
		}
	}
}

// TestServeRebuilds: a content edit shows up without a restart.
func TestServeRebuilds(t *testing.T) {
	t.Parallel()
	addr, dir, _ := startBase(t)
	v := version(t, addr)
	p := filepath.Join(dir, "brands", "acme.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "Acme Skin", "Acme Light Clinic", 1)), 0o644)
	wait.For(t, "a rebuild after the edit", func() bool { return version(t, addr) != v })
	if _, body := get(t, "http://"+addr+"/acme/en-US/microneedling/dry-face/sheet.html"); !strings.Contains(body, "Acme Light Clinic") {
		t.Error("the edited clinic name is not in the served sheet")
	}
	// A broken edit keeps the last good files and shows the error.
	v2 := version(t, addr)
	os.WriteFile(p, append(data, []byte("colour: red\n")...), 0o644)
	wait.For(t, "a rebuild after the broken edit", func() bool { return version(t, addr) != v2 })
	if code, body := get(t, "http://"+addr+"/"); code != 500 || !strings.Contains(body, "unknown key &#34;colour&#34;") {
		t.Errorf("index after a broken edit = %d, want 500 with the error", code)
	}
	if code, _ := get(t, "http://"+addr+"/acme/en-US/microneedling/dry-face/sheet.html"); code != 200 {
		t.Errorf("last good sheet = %d, want 200", code)
	}
}

// TestServeFormInChromium fills the one-off form in a real browser and
// reads the PDF it returns: it holds the chosen date and name, and nothing
// new is written to the output folder.
func TestServeFormInChromium(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if browser.InCI() {
			t.Fatal("pdftotext is required in CI: apt-get install poppler-utils")
		}
		t.Skip("SKIP: pdftotext not installed")
	}
	t.Parallel()
	addr, _, out := startBase(t)
	ctx := browser.Tab(t, browser.Shared(t))
	before := listFiles(out)
	if err := chromedp.Do(ctx,
		chromedp.Navigate("http://"+addr+"/make"),
		chromedp.WaitVisible("#make"),
		chromedp.SendKeys("#name", "Ana"),
		chromedp.Click(`input[name=area][value=chest-back]`),
	); err != nil {
		t.Fatal(err)
	}
	// Choose the options as a person would, firing the change events.
	for id, v := range map[string]string{"brand": "acme", "skin": "oily", "kind": "sheet", "date": "2026-03-13"} {
		js := `(() => { const e = document.getElementById('` + id + `'); e.value = '` + v + `'; e.dispatchEvent(new Event('change', {bubbles: true})); return e.value; })()`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil || got != v {
			t.Fatalf("setting #%s = %q: got %q, %v", id, v, got, err)
		}
	}
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const f = document.getElementById('make');
		if (!f.reportValidity()) throw new Error('the form is not valid');
		const r = await fetch(f.action, {method: 'POST', body: new URLSearchParams(new FormData(f))});
		if (!r.ok) throw new Error('status ' + r.status + ': ' + await r.text());
		const cd = r.headers.get('Content-Disposition') || '';
		if (!cd.includes('aftercare-2026-03-13.pdf')) throw new Error('file name: ' + cd);
		const buf = new Uint8Array(await r.arrayBuffer());
		let s = ''; for (const c of buf) s += String.fromCharCode(c);
		return btoa(s);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(f, pdf, 0o644)
	text, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Friday, March 13, 2026", "Ana", "Oily skin"} {
		if !strings.Contains(strings.Join(strings.Fields(string(text)), " "), want) {
			t.Errorf("the form's PDF lacks %q", want)
		}
	}
	if after := listFiles(out); after != before {
		t.Error("making a one-off PDF changed the output folder")
	}
}

func listFiles(dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			b.WriteString(p + "\n")
		}
		return nil
	})
	return b.String()
}

// TestServeReloadsOpenPage: an open page reloads itself after an edit.
func TestServeReloadsOpenPage(t *testing.T) {
	t.Parallel()
	addr, dir, _ := startBase(t)
	ctx := browser.Tab(t, browser.Shared(t))
	// The page reloads when /_version changes from the version it last
	// read: mark when it has read one (after its own handler has run), so
	// that the edit comes after it.
	if err := browser.BeforeLoad(ctx, `(() => {
		const json = Response.prototype.json;
		Response.prototype.json = function () {
			const u = this.url;
			return json.call(this).then(j => {
				if (u.endsWith('/_version')) setTimeout(() => { window.versionRead = true; });
				return j;
			});
		};
	})()`); err != nil {
		t.Fatal(wait.Err(ctx, err))
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+addr+"/acme/en-US/microneedling/dry-face/sheet.html")); err != nil {
		t.Fatal(wait.Err(ctx, err))
	}
	title, err := chromedp.Run(ctx, chromedp.Text(".masthead .clinic"))
	if err != nil {
		t.Fatal(wait.Err(ctx, err))
	}
	wait.For(t, "the open page to read the current version", func() bool {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.versionRead === true`))
		return err == nil && ok
	})
	p := filepath.Join(dir, "brands", "acme.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "Acme Skin", "Acme Light Clinic", 1)), 0o644)
	wait.For(t, "the open page to reload and show the edited clinic name (it showed "+strconvQuote(title)+")", func() bool {
		title, _ = chromedp.Run(ctx, chromedp.Text(".masthead .clinic"))
		return strings.Contains(title, "Acme Light Clinic")
	})
}

func strconvQuote(s string) string { return strconv.Quote(s) }
