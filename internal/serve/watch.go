package serve

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"handouts/internal/build"
)

// maxBackoff is the longest wait between retries of a build that failed
// for a server problem.
const maxBackoff = 30 * time.Second

// watched is one folder the watcher fingerprints.
type watched struct {
	name string // as the user gave it, for messages
	fsys fs.FS
}

func watchedDirs(dirs []string) []watched {
	var out []watched
	for _, d := range dirs {
		out = append(out, watched{d, os.DirFS(d)})
	}
	return out
}

// fingerprint summarises the watched folders: each entry's name and type,
// and each regular file's size and time. It lists folders and Lstats
// entries, and never opens a file, so a named pipe, a device or a link
// cannot block it (they are noted by name and type, and the loader refuses
// them). Names starting with a dot (editors' swap files) are skipped, as
// the loader skips them. A folder it cannot read for a reason in the
// content (permissions, say) is noted so the loader reports it; a server
// problem (too many open files) is returned as an error instead, and the
// caller tries again later.
func (s *Server) fingerprint() (string, error) {
	h := sha256.New()
	for _, w := range s.watch {
		err := fs.WalkDir(w.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if serverProblem(err) {
					return err
				}
				fmt.Fprintf(h, "%s\x00%s\x00error %v\n", w.name, p, err)
				return nil
			}
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				fmt.Fprintf(h, "%s\x00%s\x00%v\n", w.name, p, d.Type())
				return nil
			}
			info, err := d.Info() // lstat: never opens the file
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return nil // removed since the folder was listed
			case err != nil && serverProblem(err):
				return err
			case err != nil:
				fmt.Fprintf(h, "%s\x00%s\x00error %v\n", w.name, p, err)
			default:
				fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\n", w.name, p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("watching %s: %w", w.name, err)
		}
	}
	return string(h.Sum(nil)), nil
}

// Watch rebuilds whenever the watched folders change, until ctx ends.
func (s *Server) Watch(ctx context.Context) {
	print, _ := s.fingerprint()
	s.watchFrom(ctx, print)
}

// watchFrom is Watch starting from a known fingerprint. It looks every
// Poll; a change triggers a rebuild. A server problem, in the watcher's
// own listing or in a build, is logged and retried with a growing pause
// (Poll, doubling up to maxBackoff), and never shown as a content error.
func (s *Server) watchFrom(ctx context.Context, print string) {
	t := time.NewTicker(s.cfg.Poll)
	defer t.Stop()
	var backoff time.Duration
	var retryAt time.Time
	var lastProblem string
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fp, err := s.fingerprint()
		if err != nil {
			if msg := err.Error(); msg != lastProblem {
				s.problems.Printf("%v; not a content error, still watching", err)
				lastProblem = msg
			}
			continue
		}
		lastProblem = ""
		retry := s.needsRetry()
		if fp == print && !retry {
			continue
		}
		if retry && fp == print && time.Now().Before(retryAt) {
			continue
		}
		print = fp
		if err := s.Rebuild(); err != nil && serverProblem(err) {
			backoff = min(max(2*backoff, s.cfg.Poll), maxBackoff)
			retryAt = time.Now().Add(backoff)
			continue
		}
		backoff = 0
	}
}

// guardSources puts each source folder behind notRegularFS.
func guardSources(src build.Sources) build.Sources {
	for _, f := range []*fs.FS{&src.Content, &src.Layouts, &src.Fonts} {
		if *f != nil {
			*f = notRegularFS{*f}
		}
	}
	return src
}

// notRegularFS refuses to open anything but a regular file or a folder,
// deciding by Lstat before it opens: opening a named pipe would block the
// rebuild until some other program wrote to it, and a link could lead to
// one. (A file swapped for a pipe between the Lstat and the open is not
// caught; the content loader refuses such files too.) File systems that
// cannot Lstat (the embedded layouts and fonts, which hold no pipes) are
// opened as they are.
type notRegularFS struct{ fs.FS }

// Open opens name after checking its type.
func (f notRegularFS) Open(name string) (fs.File, error) {
	if lfs, ok := f.FS.(fs.ReadLinkFS); ok {
		info, err := lfs.Lstat(name)
		if err != nil {
			return nil, err
		}
		if t := info.Mode().Type(); t != 0 && t != fs.ModeDir {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("is not a regular file (%s); remove it or replace it with a real file", kindOf(t))}
		}
	}
	return f.FS.Open(name)
}

// Lstat describes name without following a link, when the file system can.
func (f notRegularFS) Lstat(name string) (fs.FileInfo, error) {
	if lfs, ok := f.FS.(fs.ReadLinkFS); ok {
		return lfs.Lstat(name)
	}
	return fs.Stat(f, name)
}

// ReadLink returns a link's target, when the file system can.
func (f notRegularFS) ReadLink(name string) (string, error) {
	if lfs, ok := f.FS.(fs.ReadLinkFS); ok {
		return lfs.ReadLink(name)
	}
	return "", &fs.PathError{Op: "readlink", Path: name, Err: errors.ErrUnsupported}
}

// kindOf names a file type for a message.
func kindOf(t fs.FileMode) string {
	switch {
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
