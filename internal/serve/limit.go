package serve

import (
	"net"
	"net/http"
	"sync"
)

// limitListener accepts at most cap(slots) connections at a time. When all
// slots are taken Accept first closes the connection that has been idle
// longest (a kept-alive connection between requests: see track), so idle
// connections never keep a client out; when none is idle it waits, so
// further clients wait in the kernel's listen queue (and are answered once
// a connection closes or goes idle) instead of each costing the process a
// file descriptor.
type limitListener struct {
	net.Listener
	slots chan struct{}
	done  chan struct{}
	once  sync.Once

	mu   sync.Mutex
	idle map[*limitConn]uint64 // idle connections, by when they went idle
	seq  uint64
	wake chan struct{} // a connection went idle
}

func newLimitListener(ln net.Listener, n int) *limitListener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{}),
		idle: map[*limitConn]uint64{}, wake: make(chan struct{}, 1)}
}

// track follows each connection's state (http.Server.ConnState): only a
// connection waiting between requests is idle.
func (l *limitListener) track(c net.Conn, st http.ConnState) {
	lc, ok := c.(*limitConn)
	if !ok {
		return
	}
	l.mu.Lock()
	if st == http.StateIdle {
		l.seq++
		l.idle[lc] = l.seq
	} else {
		delete(l.idle, lc)
	}
	l.mu.Unlock()
	if st == http.StateIdle {
		select {
		case l.wake <- struct{}{}:
		default:
		}
	}
}

// closeIdle closes the connection idle longest, which frees its slot; it
// reports whether there was one. A client whose next request crosses the
// close retries it on a new connection, as clients of kept-alive
// connections do.
func (l *limitListener) closeIdle() bool {
	l.mu.Lock()
	var oldest *limitConn
	for c, at := range l.idle {
		if oldest == nil || at < l.idle[oldest] {
			oldest = c
		}
	}
	delete(l.idle, oldest)
	l.mu.Unlock()
	if oldest == nil {
		return false
	}
	oldest.Close()
	return true
}

// Accept waits for a free slot (closing an idle connection for one when
// all are taken), then for a connection.
func (l *limitListener) Accept() (net.Conn, error) {
wait:
	for {
		select {
		case l.slots <- struct{}{}:
			break wait
		case <-l.done:
			return nil, net.ErrClosed
		default:
		}
		if l.closeIdle() {
			continue
		}
		select {
		case l.slots <- struct{}{}:
			break wait
		case <-l.wake: // a connection went idle: close it for its slot
		case <-l.done:
			return nil, net.ErrClosed
		}
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, free: func() { <-l.slots }}, nil
}

// Close stops accepting and wakes an Accept waiting for a slot.
func (l *limitListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitConn gives its slot back when closed.
type limitConn struct {
	net.Conn
	once sync.Once
	free func()
}

// Close closes the connection and frees its slot (once).
func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.free)
	return err
}
