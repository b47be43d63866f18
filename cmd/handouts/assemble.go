package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"handouts/internal/project"
)

// cmdAssemble joins the output folders of a sharded build into one.
func cmdAssemble(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("assemble", "[-content DIR] [-pages-url URL] -out DIR SHARD_DIR...", stderr)
	var sf sourceFlags
	sf.register(fs)
	out := fs.String("out", "", "output folder to make (required)")
	jobs := fs.Int("jobs", 0, "files copied at once (default 4)")
	site := fs.String("pages-url", "", "the address OUT will be published at; refuse unless every brand's base_url is this address")
	// Flags may come after the folders (assemble shard-1 shard-2 -out site).
	var dirs []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		dirs = append(dirs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if *out == "" {
		return usageError{"-out is required: the folder to assemble the shards into"}
	}
	if len(dirs) == 0 {
		return usageError{"name the shards' output folders: handouts assemble -out DIR SHARD_DIR..."}
	}
	if err := sf.checkOut(*out); err != nil {
		return err
	}
	src, err := sf.sources()
	if err != nil {
		return err
	}
	p, err := project.Load(src)
	if err != nil {
		return err
	}
	if *site != "" {
		if err := p.CheckBaseURLs(*site); err != nil {
			return err
		}
	}
	s, err := p.Assemble(dirs, *out, project.Config{Jobs: *jobs})
	if err != nil {
		return err
	}
	reportKept(stderr, *out, s.Kept)
	fmt.Fprintf(stdout, "assembled %d shards: %d files, %d PDF pages, %.2f s into %s/\n", len(dirs), s.Files, s.Pages, s.Elapsed.Seconds(), *out)
	return nil
}
