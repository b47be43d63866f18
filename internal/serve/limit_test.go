package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"handouts/internal/wait"
)

// bareServer runs a server whose content fails to load at once (an empty
// folder): enough for tests of connections and time-outs, which need
// answers, not handouts.
func bareServer(t *testing.T, cfg Config) string {
	t.Helper()
	cfg.Sources = sources(t.TempDir())
	cfg.Out = t.TempDir()
	addr, _ := serveWith(t, cfg, nil)
	return addr
}

// TestServeReadTimeout: a client that sends its request a byte at a time
// is cut off by the read time-out instead of holding the connection.
func TestServeReadTimeout(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	addr := bareServer(t, Config{ReadTimeout: timeout})
	tests := []struct {
		name       string
		head, drip string
		whole      int64 // bytes after head that make the request whole; 0: never
	}{
		{"slow body", "POST /make HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n", "a", 1000},
		{"slow headers", "GET /_version HTTP/1.1\r\n", "X", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			start := time.Now()
			io.WriteString(c, tt.head)
			stop := make(chan struct{})
			defer close(stop)
			var sent atomic.Int64
			go func() { // one byte every 50 ms at most: 1000 bytes take 50 s or more
				for {
					select {
					case <-stop:
						return
					case <-time.After(50 * time.Millisecond):
						if _, err := io.WriteString(c, tt.drip); err != nil {
							return
						}
						sent.Add(1)
					}
				}
			}()
			c.SetReadDeadline(time.Now().Add(wait.Ceiling()))
			// Until the server answers and closes (or resets: the client's
			// bytes may be left unread). Cut off, the request is never
			// whole; a server without the time-out would read it all
			// (the slow body) or hold the connection to the ceiling.
			_, err = io.Copy(io.Discard, c)
			d := time.Since(start).Round(time.Millisecond)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Errorf("%s: %s; want the connection closed by the %v read time-out", tt.name, wait.Stuck("the server to close a connection that sends a byte at a time"), timeout)
			} else if n := sent.Load(); tt.whole > 0 && n >= tt.whole {
				t.Errorf("%s: the server read the whole request (%d bytes in %v) and answered; want it cut off by the %v read time-out", tt.name, n, d, timeout)
			}
			t.Logf("%s: closed after %v, %d bytes dripped", tt.name, d, sent.Load())
		})
	}
}

// TestServeConnectionCap: with every connection slot held by clients that
// send nothing, a further client waits (it is not answered, and no file
// descriptor is spent on it); once the held connections close, it is
// answered.
func TestServeConnectionCap(t *testing.T) {
	t.Parallel()
	const slots = 2
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	counted := &countingListener{Listener: ln}
	s := New(Config{Sources: sources(t.TempDir()), Out: t.TempDir(), MaxConns: slots, Poll: 100 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, counted, nil) }()
	defer func() { cancel(); <-done }()
	addr := ln.Addr().String()
	var held []net.Conn
	for range slots + 8 { // more than the cap: the extra ones queue too
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		held = append(held, c)
	}
	// The server takes its slots' worth and no more.
	wait.For(t, "the server to accept its first connections", func() bool { return counted.accepted.Load() == slots })
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET /_version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	// Not answered in half a second; and not accepted (no slot is taken
	// for it).
	c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	r := bufio.NewReader(c)
	if line, err := r.ReadString('\n'); err == nil {
		t.Fatalf("with %d connections held, a further client was answered %q; want it to wait", len(held), line)
	} else if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("with the slots held, a further client got %v; want it to wait", err)
	}
	if n := counted.accepted.Load(); n != slots {
		t.Fatalf("with %d slots held, the server accepted %d connections; want it to wait for a free slot", slots, n)
	}
	for _, h := range held {
		h.Close()
	}
	c.SetReadDeadline(time.Now().Add(wait.Ceiling()))
	line, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "HTTP/1.1 200") {
		t.Fatalf("after the held connections closed, the waiting client got %q, %v; want 200", line, err)
	}
	// And new clients are answered as usual.
	if code, _ := get(t, "http://"+addr+"/_version"); code != 200 {
		t.Errorf("GET /_version after the load dropped = %d, want 200", code)
	}
}

// countingListener counts the connections accepted.
type countingListener struct {
	net.Listener
	accepted atomic.Int32
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return c, err
}

// flakyListener fails its first Accepts with "too many open files", as a
// process out of descriptors does.
type flakyListener struct {
	net.Listener
	fails atomic.Int32
}

func (l *flakyListener) Accept() (net.Conn, error) {
	if l.fails.Add(-1) >= 0 {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}

// TestServeAcceptErrors: failed Accepts are logged as the server's own
// problem, and the server keeps answering.
func TestServeAcceptErrors(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fl := &flakyListener{Listener: ln}
	fl.fails.Store(3)
	var log syncBuffer
	s := New(Config{Sources: sources(t.TempDir()), Out: t.TempDir(), Log: &log, Poll: 100 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, fl, nil) }()
	defer func() { cancel(); <-done }()
	client := &http.Client{Timeout: wait.Ceiling()}
	resp, err := client.Get("http://" + ln.Addr().String() + "/_version")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /_version after failed Accepts = %d, want 200", resp.StatusCode)
	}
	if got := log.String(); !strings.Contains(got, "server problem: http: Accept error:") || !strings.Contains(got, "too many open files") {
		t.Errorf("log = %q, want the Accept errors as server problems", got)
	}
}
