package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"

	"handouts/internal/serve"
)

// deskAddr is where the desk start listens first; when it is taken (a
// second copy running, another program) the desk takes any free port on
// loopback instead.
var deskAddr = "127.0.0.1:8080"

// startProgram starts a program and does not wait for it: the one seam
// through which the desk start opens the browser (tests replace it).
var startProgram = func(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the browser outlives it on every platform
	return nil
}

// browserCommand is the command that opens url in the default browser on
// goos: the desktop's own opener, so no browser is named.
func browserCommand(goos, url string) (string, []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	case "darwin":
		return "open", []string{url}
	default:
		return "xdg-open", []string{url}
	}
}

func cmdDesk(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("desk", "", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := deskStart(ctx, runtime.GOOS, stdout, stderr)
	if err != nil && runtime.GOOS == "windows" {
		// A double-clicked program's window closes as it exits: keep it
		// open until the message is read.
		fmt.Fprintf(stderr, "%v\nPress Enter to close this window.\n", err)
		bufio.NewReader(os.Stdin).ReadString('\n')
		return reported{err}
	}
	return err
}

// reported is an error already shown to the user: exit status 1, and
// nothing printed again.
type reported struct{ error }

// deskStart is what the command does when started with no arguments (a
// double-click on Windows or macOS): the preview server on loopback, as
// handouts serve runs it, and the default browser opened at the front
// desk's page once the first build is done. It runs until ctx ends.
func deskStart(ctx context.Context, goos string, stdout, stderr io.Writer) error {
	// The server logs from its own goroutines; this function writes too.
	stdout = &lockedWriter{w: stdout}
	sf := sourceFlags{content: "content", layouts: "layouts", fonts: "fonts"}
	cfg, err := serveConfig(&sf, "output", false, stdout, stderr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", deskAddr)
	if err != nil {
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			return fmt.Errorf("cannot start the front desk: %v", err)
		}
	}
	cfg.Addr = ln.Addr().String()
	fmt.Fprintf(stdout, "Starting the front desk (the handouts are built into %s first)…\n", cfg.Out)
	ready := make(chan string, 1)
	errc := make(chan error, 1)
	go func() { errc <- serve.New(cfg).Serve(ctx, ln, ready) }()
	select {
	case err := <-errc:
		return err
	case addr := <-ready:
		url := "http://" + addr + "/"
		name, args := browserCommand(goos, url)
		if err := startProgram(name, args...); err != nil {
			fmt.Fprintf(stdout, "Could not open the browser (%v): open %s in it.\n", err, url)
		} else {
			fmt.Fprintf(stdout, "The front desk is open in your browser at %s\n", url)
		}
		fmt.Fprintln(stdout, "To stop it, close this window or press Ctrl-C. Until then it serves only this computer.")
	}
	return <-errc
}

// loneOutput is where a binary running on its built-in library builds:
// the folder handouts-output next to the binary, or, when that folder
// cannot be made or written (a binary in Program Files or Applications),
// handouts/output in the user's cache folder (%LocalAppData% on Windows,
// ~/Library/Caches on macOS, $XDG_CACHE_HOME or ~/.cache on Linux).
func loneOutput() (string, error) {
	var tried []error
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			dir := filepath.Join(filepath.Dir(exe), "handouts-output")
			if err = writable(dir); err == nil {
				return dir, nil
			}
		}
		tried = append(tried, err)
	} else {
		tried = append(tried, err)
	}
	cache, err := os.UserCacheDir()
	if err == nil {
		dir := filepath.Join(cache, "handouts", "output")
		if err = writable(dir); err == nil {
			return dir, nil
		}
	}
	tried = append(tried, err)
	return "", fmt.Errorf("no folder to build the handouts into: %v; pass -out DIR", errors.Join(tried...))
}

// writable makes dir if needed and reports whether a file can be made in it.
func writable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// Write writes p to w under the lock.
func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
