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
	}{
		{"slow body", "POST /make HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n", "a"},
		{"slow headers", "GET /_version HTTP/1.1\r\n", "X"},
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
			go func() { // one byte every 50 ms: 1000 bytes would take 50 s
				for {
					select {
					case <-stop:
						return
					case <-time.After(50 * time.Millisecond):
						if _, err := io.WriteString(c, tt.drip); err != nil {
							return
						}
					}
				}
			}()
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			// Until the server answers and closes (or resets: the client's
			// bytes may be left unread).
			_, err = io.Copy(io.Discard, c)
			if d := time.Since(start); errors.Is(err, os.ErrDeadlineExceeded) || d > 3*time.Second {
				t.Errorf("%s: connection held %v (%v), want it closed soon after the %v read time-out", tt.name, d.Round(time.Millisecond), err, timeout)
			}
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
	addr := bareServer(t, Config{MaxConns: slots})
	var held []net.Conn
	for range slots + 8 { // more than the cap: the extra ones queue too
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		held = append(held, c)
	}
	time.Sleep(100 * time.Millisecond) // let the server accept what it will
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET /_version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	r := bufio.NewReader(c)
	if line, err := r.ReadString('\n'); err == nil {
		t.Fatalf("with %d connections held, a further client was answered %q; want it to wait", len(held), line)
	} else if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("with the slots held, a further client got %v; want it to wait", err)
	}
	for _, h := range held {
		h.Close()
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "HTTP/1.1 200") {
		t.Fatalf("after the held connections closed, the waiting client got %q, %v; want 200", line, err)
	}
	// And new clients are answered as usual.
	if code, _ := get(t, "http://"+addr+"/_version"); code != 200 {
		t.Errorf("GET /_version after the load dropped = %d, want 200", code)
	}
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
	client := &http.Client{Timeout: 10 * time.Second}
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
