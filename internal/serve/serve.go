// Package serve is the local preview server behind `handouts serve`: it
// builds the handouts into the output folder, serves them with the index,
// rebuilds when a file under content/, layouts/ or fonts/ changes (open
// pages reload themselves), and offers a form (form.go) that makes a
// dated packet, sheet or calendar for one patient as a PDF to download or
// print, or an email draft that carries it, built in memory and never
// written to disk or logged.
//
// The server is meant for one desk computer, and patients' names are typed
// into its form, so it defends itself against the other programs and web
// pages that computer runs:
//
//   - Files (files.go): every path is resolved inside the output folder
//     through an os.Root; a path with a symbolic link in any part, or naming
//     anything but a regular file, is not found.
//   - Requests (guard.go): only loopback Host names are answered (and the
//     host the user chose with -addr), so a web page cannot reach the server
//     by DNS rebinding; the form's POST must be same-origin by Sec-Fetch-Site
//     and Origin and carry this process's random token.
//   - Load (limit.go): read, write and idle time-outs, a 16 KiB form body, a
//     cap on one-off renders at a time (503 with Retry-After beyond it) and a
//     cap on connections at a time (more wait in the kernel's queue), so the
//     process's open files stay far below its limit.
//   - Watching (watch.go): the watcher only lists folders and Lstats entries,
//     never opening a file; a named pipe, socket or device in a watched
//     folder (or a link to one) is reported as a content error without
//     loading anything, so it cannot block a rebuild.
//   - Problems (problems.go): the server's own failures (too many open files,
//     no memory, a full disk, accept errors) are logged as server problems
//     and retried; the index shows only real content errors.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime"
	"sync"
	"time"

	"handouts/internal/project"
)

// Config is one server. Zero values take the defaults given.
type Config struct {
	Addr     string          // listen address; loopback unless told otherwise
	Sources  project.Sources // what to build
	Watch    []string        // folders on disk whose changes trigger a rebuild
	Out      string          // the output folder served
	Log      io.Writer       // one line per rebuild; never patient data
	Problems io.Writer       // warnings and the server's own problems (default: Log)
	Poll     time.Duration   // how often to look for changes (default 500 ms)

	ReadTimeout  time.Duration // a whole request, body included (default 10 s; headers get at most 5 s of it)
	WriteTimeout time.Duration // writing a response (default 60 s)
	IdleTimeout  time.Duration // a kept-alive connection between requests (default 60 s)
	MaxRenders   int           // one-off PDFs made at a time; more get 503 (default 2 × CPUs)
	MaxConns     int           // connections at a time; more wait (default 256, fewer under a low open-file limit)
}

// Server serves one output folder.
type Server struct {
	cfg     Config
	watch   []watched
	hosts   hostPolicy
	token   string        // the form's per-process secret
	renders chan struct{} // one slot per one-off render in progress

	logMu    sync.Mutex // serialises Log and Problems, which may be one writer
	problems *log.Logger

	mu      sync.Mutex
	version int
	err     error // the last build's content error, shown on the index
	retry   bool  // the last build failed for a server problem: try again
	project *project.Project

	// rendering, when set by a test, runs while a one-off render holds
	// its slot.
	rendering func()
}

// New returns a server for cfg, with the defaults filled in; Serve or
// ListenAndServe builds and serves it.
func New(cfg Config) *Server {
	if cfg.Poll == 0 {
		cfg.Poll = 500 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Problems == nil {
		cfg.Problems = cfg.Log
	}
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = 10 * time.Second
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = 60 * time.Second
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 60 * time.Second
	}
	if cfg.MaxRenders <= 0 {
		cfg.MaxRenders = 2 * runtime.NumCPU()
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = defaultMaxConns()
	}
	s := &Server{
		cfg:     cfg,
		watch:   watchedDirs(cfg.Watch),
		hosts:   newHostPolicy(cfg.Addr),
		token:   rand.Text(),
		renders: make(chan struct{}, cfg.MaxRenders),
	}
	s.problems = log.New(lockedWriter{&s.logMu, cfg.Problems}, "server problem: ", 0)
	return s
}

// logf writes one line to the rebuild log.
func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, format+"\n", args...)
}

// lockedWriter serialises writes to w under mu.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

// Write writes p to the underlying writer under the lock.
func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Rebuild builds everything into the output folder. A failed build keeps
// the previous output and shows the problem on the index, unless the
// failure is the server's own (see serverProblem): that is logged, leaves
// the index as it was, and is retried by the watcher (watchFrom). A named
// pipe, socket or
// device in a watched folder is reported without loading anything (see
// fingerprint): opening a pipe would block the build.
func (s *Server) Rebuild() error {
	sc, err := s.fingerprint()
	if err == nil && len(sc.special) > 0 {
		err = sc.special
	}
	var p *project.Project
	var sum project.Summary
	if err == nil {
		// One load serves both the build and the one-off form.
		p, err = project.Load(s.cfg.Sources)
	}
	if err == nil {
		sum, err = p.Build(s.cfg.Out, project.Config{})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil && serverProblem(err) {
		s.retry = true
		s.problems.Printf("the build could not run; this is not a content error, and it is retried:\n%v", err)
		return err
	}
	s.retry = false
	s.version++
	s.err = err
	if err != nil {
		s.logf("build failed:\n%v", err)
		return err
	}
	s.project = p
	s.logf("built %s", sum)
	return nil
}

// needsRetry reports whether the last build failed for a server problem.
func (s *Server) needsRetry() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.retry
}

// Run listens on cfg.Addr, builds, serves and watches until ctx ends, then
// shuts down cleanly. ready, if not nil, receives the address served.
func Run(ctx context.Context, cfg Config, ready chan<- string) error {
	return New(cfg).ListenAndServe(ctx, ready)
}

// ListenAndServe listens on the configured address and serves (see
// Serve) until ctx ends. ready, if not nil, receives the address served.
func (s *Server) ListenAndServe(ctx context.Context, ready chan<- string) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	if w := exposure(s.cfg.Addr); w != "" {
		s.logMu.Lock()
		fmt.Fprintln(s.cfg.Problems, w)
		s.logMu.Unlock()
	}
	return s.Serve(ctx, ln, ready)
}

// Serve builds, serves ln (at most MaxConns connections at a time, with
// the configured time-outs) and watches until ctx ends, then shuts down
// cleanly and closes ln. ready, if not nil, receives the address served.
func (s *Server) Serve(ctx context.Context, ln net.Listener, ready chan<- string) error {
	cfg := s.cfg
	limited := newLimitListener(ln, cfg.MaxConns)
	ln = limited
	sc, _ := s.fingerprint() // taken before the build, so no edit is missed
	s.Rebuild()              // a content error is shown on the page, not fatal
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: min(cfg.ReadTimeout, 5*time.Second),
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ConnState:         limited.track, // idle connections give way when the cap is reached
		ErrorLog:          s.problems,    // accept errors and the like
	}
	wctx, cancel := context.WithCancel(ctx)
	watching := make(chan struct{})
	defer func() { cancel(); <-watching }() // a rebuild under way finishes first
	go func() { defer close(watching); s.watchFrom(wctx, sc.print) }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.logf("serving %s on http://%s/ (Ctrl-C stops)", cfg.Out, ln.Addr())
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

// Handler routes the server's requests, refusing any whose Host is not
// this server's (see hostPolicy).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_version", s.handleVersion)
	mux.HandleFunc("GET /make", s.handleForm)
	mux.HandleFunc("POST /make", s.handleMake)
	mux.HandleFunc("GET /", s.handleFile)
	return s.guard(mux)
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

// errBusy is returned when no good build is loaded yet.
var errBusy = errors.New("the handouts have not built yet; fix the content errors shown on the index")
