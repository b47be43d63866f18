package review

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// Revision is a git revision of a folder, checked out with Checkout.
type Revision struct {
	Rev    string // as asked for, e.g. HEAD~1
	Commit string // the commit's hash, abbreviated
	Date   string // the commit's date, YYYY-MM-DD
}

// Label names the revision in a report: "HEAD~1 (3f2a9c1, 2026-11-30)".
func (r Revision) Label() string {
	return fmt.Sprintf("%s (%s, %s)", r.Rev, r.Commit, r.Date)
}

// maxCheckout is the most a checkout writes: content, layouts and fonts
// are a few megabytes. The archive is streamed from git through this
// limit, so no more than a tar block of it is in memory at a time (a
// variable for the tests).
var maxCheckout int64 = 256 << 20

// Checkout writes folder dir (inside a git work tree) as it was at
// revision rev into a new folder under tmp, and returns that folder. It
// runs git locally (`git rev-parse`, `git log`, `git archive`), never
// over the network, and writes only regular files and folders: links and
// anything that would leave the folder are refused.
func Checkout(dir, rev, tmp string) (string, Revision, error) {
	info := Revision{Rev: rev}
	if strings.HasPrefix(rev, "-") {
		return "", info, fmt.Errorf("%q is not a revision", rev)
	}
	out, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", info, fmt.Errorf("%q is not a folder or a git revision of %s: %v", rev, dir, err)
	}
	commit := strings.TrimSpace(string(out))
	out, err = git(dir, "log", "-1", "--format=%h %cs", commit)
	if err != nil {
		return "", info, err
	}
	if f := strings.Fields(string(out)); len(f) == 2 {
		info.Commit, info.Date = f[0], f[1]
	}
	// "<commit>:./" is the tree of dir itself at that commit; git archive
	// is run at the top of the work tree, where it takes the whole tree.
	tree, err := git(dir, "rev-parse", "--verify", "--quiet", commit+":./")
	if err != nil {
		return "", info, fmt.Errorf("%s is not in git at %s", dir, rev)
	}
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", info, err
	}
	dst, err := os.MkdirTemp(tmp, "handouts-"+filepath.Base(dir)+"-")
	if err != nil {
		return "", info, err
	}
	err = gitStream(strings.TrimSpace(string(top)), func(r io.Reader) error { return untar(r, dst) },
		"archive", "--format=tar", strings.TrimSpace(string(tree)))
	if err != nil {
		os.RemoveAll(dst)
		return "", info, fmt.Errorf("%s at %s: %v", dir, rev, err)
	}
	return dst, info, nil
}

// gitStream runs git in dir and gives its standard output to read as it
// comes; when read stops early with an error, git is stopped.
func gitStream(dir string, read func(io.Reader) error, args ...string) error {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	rerr := read(out)
	if rerr != nil {
		cmd.Process.Kill()
	} else {
		io.Copy(io.Discard, out) // the tar stream's padding after its end
	}
	werr := cmd.Wait()
	switch {
	case rerr != nil:
		return rerr
	case werr != nil:
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return errors.New(msg)
		}
		return werr
	}
	return nil
}

// git runs git in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// No pager, no prompts, and no config that could run other programs.
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}

// untar writes the regular files and folders of a tar stream under dst.
func untar(r io.Reader, dst string) error {
	tr := tar.NewReader(r)
	var total int64
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if name == "." || h.Typeflag == tar.TypeXGlobalHeader {
			continue
		}
		if !fileNameOK(name) {
			return fmt.Errorf("refusing %q: it would leave the folder", h.Name)
		}
		p := filepath.Join(dst, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			total += h.Size
			if total > maxCheckout {
				return fmt.Errorf("over %d MB; is it the right folder?", maxCheckout>>20)
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, io.LimitReader(tr, h.Size))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		default:
			// Content must be real files, as content.Root reads them.
			return fmt.Errorf("refusing %q: not a regular file or folder (content must be real files)", h.Name)
		}
	}
}

func fileNameOK(name string) bool {
	return !strings.HasPrefix(name, "/") && name != ".." && !strings.HasPrefix(name, "../") && filepath.IsLocal(filepath.FromSlash(name))
}
