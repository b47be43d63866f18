package serve

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"handouts/internal/content"
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

// scan is what one look at the watched folders found.
type scan struct {
	print   string            // names, types, sizes and times, hashed
	special content.ErrorList // entries that are neither a file nor a folder
}

// fingerprint looks at the watched folders: each entry's name and type,
// and each regular file's size and time. It lists folders and Lstats
// entries, and never opens a file, so a named pipe, a device or a socket
// cannot block it. Such entries, and links to them, are returned in
// special: the build would block opening a pipe, so Rebuild reports them
// instead of loading (other links are left to the loader, which refuses
// them). Names starting with a dot (editors' swap files) are skipped, as
// the loader skips them. A folder it cannot read for a reason in the
// content (permissions, say) is noted so the loader reports it; a server
// problem (too many open files) is returned as an error instead, and the
// caller tries again later.
func (s *Server) fingerprint() (scan, error) {
	h := sha256.New()
	var special content.ErrorList
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
			t, what := d.Type(), ""
			if t.IsDir() {
				fmt.Fprintf(h, "%s\x00%s\x00dir\n", w.name, p)
				return nil
			}
			if t&fs.ModeSymlink != 0 {
				t, what = linkTarget(w.fsys, p), "a link to "
			}
			if t&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0 {
				special = append(special, content.Errorf(path.Join(w.name, p), 0, "is %s%s, not a file; remove it (content/, layouts/ and fonts/ hold only files and folders)", what, kindOf(t)))
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
			return scan{}, fmt.Errorf("watching %s: %w", w.name, err)
		}
	}
	return scan{print: string(h.Sum(nil)), special: special}, nil
}

// linkTarget returns the type of what the link p points to, found with
// stat (which follows the link without opening anything), or the link's
// own type when it cannot tell: a dangling link is left to the loader.
func linkTarget(fsys fs.FS, p string) fs.FileMode {
	sfs, ok := fsys.(fs.StatFS)
	if !ok {
		return fs.ModeSymlink
	}
	info, err := sfs.Stat(p)
	if err != nil {
		return fs.ModeSymlink
	}
	return info.Mode().Type()
}

// watchFrom rebuilds whenever the watched folders change from print, a
// fingerprint already taken, until ctx ends. It looks every Poll; a
// change triggers a rebuild. A server problem, in the watcher's
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
		sc, err := s.fingerprint()
		if err != nil {
			if msg := err.Error(); msg != lastProblem {
				s.problems.Printf("%v; not a content error, still watching", err)
				lastProblem = msg
			}
			continue
		}
		lastProblem = ""
		fp, retry := sc.print, s.needsRetry()
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

// kindOf names a file type for a message.
func kindOf(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
