// Package serve is the local preview server behind `handouts serve`: it
// builds the handouts into the output folder, serves them with the index,
// rebuilds when a file under content/, layouts/ or fonts/ changes (open
// pages reload themselves), and offers a form that makes a dated one-off
// sheet or calendar as a PDF download, built in memory and never written
// to disk or logged.
package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"handouts/internal/build"
)

// Config is one server.
type Config struct {
	Addr    string        // listen address; loopback unless told otherwise
	Sources build.Sources // what to build
	Watch   []string      // folders on disk whose changes trigger a rebuild
	Out     string        // the output folder served
	Log     io.Writer     // one line per rebuild; never patient data
	Poll    time.Duration // how often to look for changes (default 500 ms)
}

// Server serves one output folder.
type Server struct {
	cfg     Config
	mu      sync.Mutex
	version int
	err     error
	project *build.Project
	print   string // the watched files' fingerprint
}

// New returns a server; call Rebuild before serving.
func New(cfg Config) *Server {
	if cfg.Poll == 0 {
		cfg.Poll = 500 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	return &Server{cfg: cfg}
}

// Rebuild builds everything into the output folder. A failed build keeps
// the previous output and shows the problem on the index.
func (s *Server) Rebuild() error {
	// One load serves both the build and the one-off form.
	p, err := build.Load(s.cfg.Sources)
	var sum build.Summary
	if err == nil {
		sum, err = p.Build(s.cfg.Out, build.Config{})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version++
	s.err = err
	if err != nil {
		fmt.Fprintf(s.cfg.Log, "build failed:\n%v\n", err)
		return err
	}
	s.project = p
	fmt.Fprintf(s.cfg.Log, "built %s\n", sum)
	return nil
}

// fingerprint summarises the watched folders: names, sizes and times.
func (s *Server) fingerprint() string {
	h := sha256.New()
	for _, dir := range s.cfg.Watch {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(h, "%s\x00%d\x00%d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return string(h.Sum(nil))
}

// Watch rebuilds whenever the watched folders change, until ctx ends.
func (s *Server) Watch(ctx context.Context) {
	s.print = s.fingerprint()
	t := time.NewTicker(s.cfg.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if fp := s.fingerprint(); fp != s.print {
				s.print = fp
				s.Rebuild()
			}
		}
	}
}

// Run listens on cfg.Addr, builds, serves and watches until ctx ends, then
// shuts down cleanly. ready, if not nil, receives the address served.
func Run(ctx context.Context, cfg Config, ready chan<- string) error {
	s := New(cfg)
	cfg = s.cfg
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	s.Rebuild() // a content error is shown on the page, not fatal
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.Watch(wctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(cfg.Log, "serving %s on http://%s/ (Ctrl-C stops)\n", cfg.Out, ln.Addr())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	return srv.Shutdown(sctx)
}

// Handler routes the server's requests.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_version", s.handleVersion)
	mux.HandleFunc("GET /make", s.handleForm)
	mux.HandleFunc("POST /make", s.handleMake)
	mux.HandleFunc("GET /", s.handleFile)
	return mux
}

func (s *Server) handleVersion(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	v := struct {
		Version int    `json:"version"`
		Error   string `json:"error,omitempty"`
	}{Version: s.version}
	if s.err != nil {
		v.Error = s.err.Error()
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// handleFile serves a file of the output folder, refusing any path that
// leaves it, and adds the reload script to HTML pages.
func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) {
	rel := strings.TrimPrefix(r.URL.Path, "/")
	if rel == "" {
		rel = build.IndexName
	}
	clean := path.Clean(rel)
	if clean != rel || strings.HasPrefix(clean, "..") || strings.Contains(clean, "/.") || strings.HasPrefix(clean, ".") || !fs.ValidPath(clean) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	s.mu.Lock()
	buildErr := s.err
	s.mu.Unlock()
	if clean == build.IndexName && buildErr != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		errorPage.Execute(w, buildErr.Error())
		return
	}
	full := filepath.Join(s.cfg.Out, filepath.FromSlash(clean))
	info, err := os.Lstat(full)
	if err != nil || !info.Mode().IsRegular() {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	data, err := os.ReadFile(full)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(clean, ".html") {
		data = inject(data, clean == build.IndexName)
	}
	http.ServeContent(w, r, clean, info.ModTime(), bytes.NewReader(data))
}

// inject adds the preview bar and the reload script to a served page; the
// files on disk stay as they are.
func inject(page []byte, index bool) []byte {
	bar := `<div id="handouts-preview" style="position:sticky;bottom:0;background:#fff;border-top:2px solid #1a56a6;padding:.4rem .8rem;font:16px sans-serif">Preview server · <a href="/">Index</a>`
	if index {
		bar += ` · <a href="/make">Make a dated one-off sheet or calendar</a>`
	}
	bar += `</div>`
	script := `<script>(function(){var v=null;setInterval(function(){fetch('/_version',{cache:'no-store'}).then(function(r){return r.json()}).then(function(j){if(v!==null&&j.version!==v){location.reload()}v=j.version}).catch(function(){})},1000)})();</script>`
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+len(bar)+len(script))
	out = append(out, page[:i]...)
	out = append(out, bar...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
<body style="font:18px sans-serif;max-width:50rem;margin:2rem auto">
<h1>The handouts did not build</h1>
<p>Fix the content and save; this page reloads by itself.</p>
<pre style="white-space:pre-wrap;border:2px solid #a00;padding:1rem">{{.}}</pre>
</body></html>`))

// errBusy is returned when no good build is loaded yet.
var errBusy = errors.New("the handouts have not built yet; fix the content errors shown on the index")
