package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"handouts/internal/wait"
)

// TestIdleConnectionsGiveWay: 300 kept-alive connections that each sent
// one request and then sit idle (more than the 256-connection cap) do not
// keep a further client out: its ordinary GET is answered at once, long
// before the 5-minute idle time-out would free a slot. The test waits for
// conditions only: every idle connection answered, then the GET answered;
// the tests' ceiling (wait.Ceiling) only stops a hung test.
func TestIdleConnectionsGiveWay(t *testing.T) {
	t.Parallel()
	const idle, slots = 300, 256
	addr := bareServer(t, Config{MaxConns: slots, IdleTimeout: 5 * time.Minute})
	ceiling := time.Now().Add(wait.Ceiling())
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range idle {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		c.SetDeadline(ceiling)
		fmt.Fprintf(c, "GET /_version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("idle connection %d: no answer to its first request (%v)", i+1, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.Close {
			t.Fatalf("idle connection %d: the server did not keep it alive", i+1)
		}
	}
	start := time.Now()
	client := &http.Client{Timeout: time.Until(ceiling), Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get("http://" + addr + "/_version")
	if err != nil {
		t.Fatalf("with %d idle connections, GET /_version: %v", idle, err)
	}
	resp.Body.Close()
	took := time.Since(start)
	t.Logf("GET /_version with %d idle kept-alive connections answered in %v", idle, took.Round(time.Millisecond))
	if resp.StatusCode != 200 {
		t.Errorf("GET /_version = %d, want 200", resp.StatusCode)
	}
}
