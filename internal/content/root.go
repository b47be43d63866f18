package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// Root is the one reader of an input folder: content/, layouts/ or fonts/.
// Everything that reads those folders (the content loader, logos and
// images, style sheets, fonts, templates) reads them through a Root, as an
// fs.FS, so every read obeys the same rules:
//
//   - It is opened with os.Root: no path, link or ".." can leave the folder.
//   - Only regular files and folders are opened. A symbolic link anywhere in
//     the path, a named pipe (FIFO), a device or a socket is an error naming
//     the path. Each part of the path is checked with Lstat before the file
//     is opened, the file is opened without blocking (a FIFO swapped in
//     after the check cannot hang the build), and the open file is checked
//     again with fstat: it must be the same regular file the check saw.
//   - ReadFile reads at most the Root's size limit, and refuses a larger
//     file without reading it into memory.
//
// A Root holds an open folder; Close releases it.
//
// The embedded copies of layouts/ and fonts/ are read as they are: they
// are part of the program.
type Root struct {
	root  *os.Root
	name  string // the folder as the user names it, for messages
	what  string // what the folder holds, for messages: "content", "fonts", …
	limit int64  // the largest file ReadFile reads, in bytes
}

// The largest files read from layouts/ (style sheets and templates) and
// fonts/ (a TrueType face; large ones covering many scripts are about
// 20 MB). Content files are at most MaxFileSize.
const (
	MaxLayoutFileSize = 1 << 20
	MaxFontFileSize   = 32 << 20
)

// OpenRoot opens dir for reading. what names what the folder holds in
// messages ("content", "fonts", …); limit is the largest file, in bytes,
// that ReadFile reads.
func OpenRoot(dir, what string, limit int64) (*Root, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Root{root: r, name: strings.TrimSuffix(dir, "/"), what: what, limit: limit}, nil
}

// Name returns the folder as the user named it.
func (r *Root) Name() string { return r.name }

// Close releases the folder.
func (r *Root) Close() error { return r.root.Close() }

// refused is why the Root will not open a path; it reads as the rest of a
// sentence after the path, ending with what to do.
type refused struct {
	what string // "is a symbolic link", "is a named pipe (FIFO), not a regular file", …
	hint string
}

// Error returns what is wrong and what to do.
func (e *refused) Error() string { return e.what + "; " + e.hint }

// Is reports true for ErrNotRegular.
func (e *refused) Is(target error) bool { return target == ErrNotRegular }

// ErrNotRegular matches (with errors.Is) every path a Root refuses to
// open: a symbolic link, a named pipe, a device or a socket.
var ErrNotRegular = errors.New("not a regular file")

func (r *Root) refuse(p string, mode fs.FileMode) error {
	return &fs.PathError{Op: "open", Path: p, Err: refusal(mode, r.what, r.name)}
}

// refusal says why a file of this mode is not read from folder dir, which
// holds what, and what to do.
func refusal(mode fs.FileMode, what, dir string) *refused {
	hint := fmt.Sprintf("%s must be real files inside %s/, so copy the file in instead", what, dir)
	if mode&fs.ModeSymlink == 0 {
		hint = fmt.Sprintf("%s must be real files inside %s/, so replace it with a file", what, dir)
	}
	return &refused{describeMode(mode), hint}
}

// describeMode says what a file that is not a regular file or folder is.
func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "is a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a regular file"
	case m&fs.ModeDevice != 0:
		return "is a device, not a regular file"
	}
	return "is not a regular file"
}

// check walks name part by part with Lstat and returns the last part's
// information. A link, pipe, device or socket is refused, naming the part
// that is one.
func (r *Root) check(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return r.root.Lstat(".")
	}
	var fi fs.FileInfo
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '/' {
			continue
		}
		p := name[:i]
		var err error
		if fi, err = r.root.Lstat(p); err != nil {
			return nil, &fs.PathError{Op: "open", Path: p, Err: unwrapPath(err)}
		}
		if m := fi.Mode(); !m.IsRegular() && !m.IsDir() {
			return nil, r.refuse(p, m)
		}
	}
	return fi, nil
}

// Open opens name, a regular file or a folder inside the Root.
func (r *Root) Open(name string) (fs.File, error) {
	fi, err := r.check(name)
	if err != nil {
		return nil, err
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(err)}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(err)}
	}
	if m := st.Mode(); !m.IsRegular() && !m.IsDir() {
		f.Close()
		return nil, r.refuse(name, m)
	}
	if !os.SameFile(fi, st) {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("changed while it was being opened; run the command again")}
	}
	return f, nil
}

// Stat describes name without following a final link (like os.Lstat), so
// that a caller such as fs.Glob finds the file and Open then says what is
// wrong with it. A link in a folder above name is refused.
func (r *Root) Stat(name string) (fs.FileInfo, error) {
	dir, _ := splitLast(name)
	if dir != "" {
		if _, err := r.check(dir); err != nil {
			return nil, err
		}
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	fi, err := r.root.Lstat(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: unwrapPath(err)}
	}
	return fi, nil
}

func splitLast(name string) (dir, base string) {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}

// ReadDir lists the folder name, sorted by file name. Entries keep their
// own type, so a caller sees a link as a link.
func (r *Root) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	ents, err := d.ReadDir(-1)
	slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return ents, err
}

// ReadFile reads the regular file name, refusing it unread when it is
// larger than the Root's limit.
func (r *Root) ReadFile(name string) ([]byte, error) {
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder, not a file")}
	}
	tooBig := &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("is over the %d-byte limit for files in %s/; is it the right file?", r.limit, r.name)}
	if st.Size() > r.limit {
		tooBig.Err = fmt.Errorf("is %d bytes, over the %d-byte limit for files in %s/; is it the right file?", st.Size(), r.limit, r.name)
		return nil, tooBig
	}
	data, err := readSized(f, st.Size(), r.limit)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrapPath(err)}
	}
	if int64(len(data)) > r.limit {
		return nil, tooBig
	}
	return data, nil
}

// readSized reads f to its end, at most limit+1 bytes, into a buffer of
// the size Stat gave (and one byte to see the end), so a file that keeps
// its size is read with one allocation, not io.ReadAll's doublings and
// copies; a file that grew or shrank meanwhile is still read whole.
func readSized(f io.Reader, size, limit int64) ([]byte, error) {
	n := min(max(size, 0), limit) + 1
	data := make([]byte, 0, n)
	for {
		if int64(len(data)) > limit {
			return data, nil
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		m, err := f.Read(data[len(data):min(int64(cap(data)), limit+1)])
		data = data[:len(data)+m]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// The interfaces a Root implements, so fs.ReadFile, fs.ReadDir, fs.Stat
// and fs.Glob all go through its checks.
var (
	_ fs.ReadFileFS = (*Root)(nil)
	_ fs.ReadDirFS  = (*Root)(nil)
	_ fs.StatFS     = (*Root)(nil)
)
