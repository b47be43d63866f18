package serve

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"handouts/internal/project"
	"handouts/internal/wait"
)

// TestServeRefusesForeignHost: only loopback Host names are answered; a
// page whose own domain resolves to 127.0.0.1 (DNS rebinding) sends its
// domain as the Host and gets 421.
func TestServeRefusesForeignHost(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(New(Config{Out: t.TempDir()}).Handler())
	defer ts.Close()
	port := ts.URL[strings.LastIndex(ts.URL, ":"):]
	tests := []struct {
		host string
		code int
	}{
		{"127.0.0.1" + port, 200},
		{"127.0.0.1", 200},
		{"127.8.9.10" + port, 200},
		{"localhost" + port, 200},
		{"LocalHost" + port, 200},
		{"[::1]" + port, 200},
		{"[::ffff:127.0.0.1]" + port, 200},
		{"evil.example", 421},
		{"evil.example" + port, 421},           // DNS rebinding: evil.example now resolves to 127.0.0.1
		{"localhost.evil.example" + port, 421}, // a name that merely starts like ours
		{"127.0.0.1.nip.io" + port, 421},       // a wildcard DNS name for 127.0.0.1
		{"localhost." + port, 421},             // not the exact name
		{"192.168.1.20" + port, 421},           // not an address we listen on
		{"[::1]evil" + port, 421},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", ts.URL+"/_version", nil)
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("Host %q: %v", tt.host, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.code {
			t.Errorf("GET /_version with Host %q = %d, want %d", tt.host, resp.StatusCode, tt.code)
		}
	}
}

// TestHostPolicy: the names allowed for each -addr.
func TestHostPolicy(t *testing.T) {
	hostname, _ := os.Hostname()
	tests := []struct {
		addr, host string
		ok         bool
	}{
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "127.0.0.1", true},
		{"127.0.0.1:8080", "192.168.1.5:8080", false},
		{"127.0.0.1:8080", "", false},
		{"localhost:8080", "[::1]:8080", true},
		{"192.168.1.5:8080", "192.168.1.5:8080", true}, // the address the user chose
		{"192.168.1.5:8080", "localhost:8080", true},
		{"192.168.1.5:8080", "192.168.1.6:8080", false},
		{"192.168.1.5:8080", "evil.example:8080", false},
		{"deskpc:8080", "DESKPC:8080", true},
		{"deskpc:8080", "deskpc.evil.example:8080", false},
		{":8080", strings.ToLower(hostname) + ":8080", true}, // every interface: this computer's name
		{":8080", "127.0.0.1:8080", true},
		{"0.0.0.0:8080", "evil.example:8080", false},
	}
	for _, tt := range tests {
		if got := newHostPolicy(tt.addr).allows(tt.host); got != tt.ok {
			t.Errorf("newHostPolicy(%q).allows(%q) = %v, want %v", tt.addr, tt.host, got, tt.ok)
		}
	}
}

// TestExposureWarning: a non-loopback -addr gets one warning line saying
// who can reach the server and that names are typed into /make.
func TestExposureWarning(t *testing.T) {
	tests := []struct {
		addr, want string
	}{
		{"127.0.0.1:8080", ""},
		{"localhost:8080", ""},
		{"[::1]:8080", ""},
		{"0.0.0.0:8080", "anyone on a network this computer is on"},
		{":8080", "anyone on a network this computer is on"},
		{"192.168.1.5:8080", "anyone who can reach 192.168.1.5"},
	}
	for _, tt := range tests {
		got := exposure(tt.addr)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("exposure(%q) = %q, want it to say %q", tt.addr, got, tt.want)
		}
		if got != "" && (!strings.Contains(got, "patients' names") || strings.Contains(got, "\n")) {
			t.Errorf("exposure(%q) = %q, want one line naming patients' names and /make", tt.addr, got)
		}
	}
	// The server prints it when it starts.
	var log syncBuffer
	cfg := Config{Addr: "0.0.0.0:0", Sources: sources(t.TempDir()), Out: t.TempDir(), Problems: &log}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg, ready) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	cancel()
	<-done
	if !strings.Contains(log.String(), "warning: -addr 0.0.0.0:0 is not loopback") {
		t.Errorf("serving on 0.0.0.0 logged %q, want the warning", log.String())
	}
}

// syncBuffer is a log the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// loadedServer serves the real content's last good build (loaded, not
// written: /make needs only the project) through httptest.
func loadedServer(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	cfg.Sources = sources("../../content")
	s := New(cfg)
	p, err := project.Load(s.cfg.Sources)
	if err != nil {
		t.Fatal(err)
	}
	s.project = p
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

var reToken = regexp.MustCompile(`<input type="hidden" name="token" value="([^"]+)">`)

// formToken reads the token from the form page, as a browser would.
func formToken(t *testing.T, base string) string {
	t.Helper()
	_, body := get(t, base+"/make")
	m := reToken.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the form at /make has no hidden token field")
	}
	return m[1]
}

// makeForm is a filled-in one-off form.
func makeForm(token string) url.Values {
	v := url.Values{"brand": {"harbor"}, "skin": {"dry"}, "area": {"face"}, "kind": {"sheet"}, "date": {"2026-03-13"}, "name": {"Ana"}}
	if token != "" {
		v.Set("token", token)
	}
	return v
}

// postMake posts body to /make with headers and returns the status.
func postMake(t *testing.T, base, body string, headers map[string]string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/make", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if headers == nil {
		// As the desk's browser sends it from the form's own page.
		headers = map[string]string{"Sec-Fetch-Site": "same-origin"}
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, b.String()
}

// TestMakeRefusesCrossSite: the one-off form answers only its own page:
// a post another site's page makes (Sec-Fetch-Site, a foreign Origin) or
// one without this process's token is refused before anything is made.
func TestMakeRefusesCrossSite(t *testing.T) {
	t.Parallel()
	_, ts := loadedServer(t, Config{})
	token := formToken(t, ts.URL)
	own := ts.URL // the Origin a browser sends for the server's own page
	tests := []struct {
		name    string
		token   string
		headers map[string]string
		code    int
	}{
		{"same-origin with token", token, map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": own}, 200},
		{"no browser headers, with token", token, map[string]string{}, 403},
		{"Sec-Fetch-Site none (typed by the user), with token", token, map[string]string{"Sec-Fetch-Site": "none"}, 200},
		{"cross-site", token, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403},
		{"cross-site without Origin", token, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site", token, map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "http://other.localhost"}, 403},
		{"foreign Origin only", token, map[string]string{"Origin": "http://evil.example"}, 403},
		{"foreign Origin, same-origin claimed", token, map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://evil.example"}, 403},
		{"null Origin", token, map[string]string{"Origin": "null"}, 403},
		{"https Origin for our host", token, map[string]string{"Origin": strings.Replace(own, "http:", "https:", 1)}, 403},
		{"missing token", "", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": own}, 403},
		{"wrong token", wrong(token), map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": own}, 403},
		{"another process's token", "AAAAAAAAAAAAAAAAAAAAAAAAAA", nil, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := postMake(t, ts.URL, makeForm(tt.token).Encode(), tt.headers)
			if code != tt.code {
				t.Errorf("POST /make (%s) = %d %.100q, want %d", tt.name, code, body, tt.code)
			}
			if code == 200 && h.Get("Content-Type") != "application/pdf" {
				t.Errorf("POST /make (%s) sent %s, want a PDF", tt.name, h.Get("Content-Type"))
			}
		})
	}
}

// wrong returns token with its last character changed.
func wrong(token string) string {
	last := "A"
	if strings.HasSuffix(token, "A") {
		last = "B"
	}
	return token[:len(token)-1] + last
}

// TestMakeBodyLimit: a form body over 16 KiB is refused unread.
func TestMakeBodyLimit(t *testing.T) {
	t.Parallel()
	_, ts := loadedServer(t, Config{})
	form := makeForm(formToken(t, ts.URL))
	form.Set("name", strings.Repeat("a", 17<<10))
	if code, _, _ := postMake(t, ts.URL, form.Encode(), nil); code != http.StatusRequestEntityTooLarge {
		t.Errorf("POST /make with a 17 KiB body = %d, want 413", code)
	}
	form.Set("name", "Ana")
	if code, _, body := postMake(t, ts.URL, form.Encode(), nil); code != 200 {
		t.Errorf("POST /make with a small body = %d %.100q, want 200", code, body)
	}
}

// TestMakeRenderCap: with every render slot taken, /make answers 503 with
// Retry-After at once instead of piling up renders; it answers again when
// a slot frees.
func TestMakeRenderCap(t *testing.T) {
	t.Parallel()
	s, ts := loadedServer(t, Config{MaxRenders: 1})
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s.rendering = func() {
		once.Do(func() { close(entered); <-release }) // the first render holds its slot
	}
	body := makeForm(formToken(t, ts.URL)).Encode()
	first := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", ts.URL+"/make", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			first <- 0
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	wait.Recv(t, "the first render to start", entered)
	// A second render that waited for the slot would wait for ever: the
	// slot frees only after it is answered.
	code, h, _ := postMake(t, ts.URL, body, nil)
	if code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
		t.Errorf("POST /make while the only slot is busy = %d (Retry-After %q), want 503 with Retry-After", code, h.Get("Retry-After"))
	}
	close(release)
	if code := <-first; code != 200 {
		t.Errorf("the first render = %d, want 200", code)
	}
	if code, _, _ := postMake(t, ts.URL, body, nil); code != 200 {
		t.Errorf("POST /make after the slot freed = %d, want 200", code)
	}
}

// TestMakeOverride: the form's patient changes go through the same check
// as the command's -override flag (content.ParseOverrides): a window that
// would end before it starts, or an unknown rule, is refused with the
// flag's message; a good change makes the PDF.
func TestMakeOverride(t *testing.T) {
	t.Parallel()
	_, ts := loadedServer(t, Config{})
	token := formToken(t, ts.URL)
	tests := []struct {
		override string
		code     int
		want     string
	}{
		{"no-exercise=72h", 200, ""},
		{"no-makeup=36h  no-exercise=72h", 200, ""},
		{"no-makeup=0h", 400, "no-makeup=0h: the window would end before it starts"},
		{"no-such-rule=2d", 400, `no rule "no-such-rule"`},
		{"no-makeup", 400, "write RULE=DURATION"},
	}
	for _, tt := range tests {
		form := makeForm(token)
		form.Set("override", tt.override)
		code, _, body := postMake(t, ts.URL, form.Encode(), nil)
		if code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("POST /make override=%q = %d %.160q, want %d containing %q", tt.override, code, body, tt.code, tt.want)
		}
	}
}
