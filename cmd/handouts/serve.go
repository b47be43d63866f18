package main

import (
	"context"
	"flag"
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
	out := fs.String("out", "output", "output folder to build into and serve (a binary running on its built-in library: see README, For the front desk)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := sf.checkOut(*out); err != nil {
		return err
	}
	cfg, err := serveConfig(&sf, *out, flagSet(fs, "out"), stdout, stderr)
	if err != nil {
		return err
	}
	cfg.Addr = *addr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve.Run(ctx, cfg, nil)
}

// serveConfig is the preview server's configuration for the folders in
// sf, building into out; a binary running on its built-in library builds
// into loneOutput unless -out was given (outGiven).
func serveConfig(sf *sourceFlags, out string, outGiven bool, stdout, stderr io.Writer) (serve.Config, error) {
	src, err := sf.sources()
	if err != nil {
		return serve.Config{}, err
	}
	if sf.builtIn && !outGiven {
		if out, err = loneOutput(); err != nil {
			return serve.Config{}, err
		}
	}
	var watch []string
	for _, d := range []string{sf.content, sf.layouts, sf.fonts} {
		if d == sf.content && sf.builtIn {
			continue
		}
		if st, err := os.Stat(d); d == sf.content || err == nil && st.IsDir() {
			watch = append(watch, d)
		}
	}
	return serve.Config{Sources: src, Watch: watch, Out: out, Log: stdout, Problems: stderr}, nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
