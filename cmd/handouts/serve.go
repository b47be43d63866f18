package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"handouts/internal/serve"
)

func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "[-addr 127.0.0.1:8080] [-content DIR] [-out DIR]", stderr)
	var sf sourceFlags
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; keep it loopback (only this computer): patients' names are typed into /make, and any other address warns")
	out := fs.String("out", "output", "output folder to build into and serve")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := sf.checkOut(*out); err != nil {
		return err
	}
	src, err := sf.sources()
	if err != nil {
		return err
	}
	watch := []string{sf.content}
	for _, d := range []string{sf.layouts, sf.fonts} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			watch = append(watch, d)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve.Run(ctx, serve.Config{Addr: *addr, Sources: src, Watch: watch, Out: *out, Log: stdout, Problems: stderr}, nil)
}
