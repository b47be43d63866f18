//go:build unix

package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"handouts/internal/golden"
	"handouts/internal/wait"
)

// within runs f and fails the test if it has not returned by the tests'
// ceiling: reading a named pipe used to block forever.
func within[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	return wait.Recv(t, what+" to return (blocked on a named pipe?)", done)
}

type readResult struct {
	data []byte
	err  error
}

func mustWrite(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRoot: the one reader reads regular files inside its folder and
// refuses, naming the path and without blocking, a link anywhere in the
// path (even one to a file in the same folder), a named pipe, a socket, a
// device, a path out of the folder and a file over its limit.
func TestRoot(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	mustWrite(t, filepath.Join(dir, "skin", "dry.yaml"), "id: dry\n")
	mustWrite(t, filepath.Join(dir, "big.yaml"), strings.Repeat("x", 65))
	mustWrite(t, filepath.Join(outside, "secret.yaml"), "secret\n")
	mustWrite(t, filepath.Join(outside, "img", "photo.png"), "png\n")
	mustWrite(t, filepath.Join(dir, "treatments", "peel", "sheet.md"), "text\n")
	links := map[string]string{
		filepath.Join(outside, "secret.yaml"): filepath.Join(dir, "skin", "out.yaml"),
		"dry.yaml":                            filepath.Join(dir, "skin", "in.yaml"),
		filepath.Join(outside, "img"):         filepath.Join(dir, "treatments", "peel", "img"),
		"peel":                                filepath.Join(dir, "treatments", "alias"),
	}
	for target, link := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "skin", "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mknod(filepath.Join(dir, "skin", "socket.yaml"), syscall.S_IFSOCK|0o644, 0); err != nil {
		t.Fatal(err)
	}
	device := syscall.Mknod(filepath.Join(dir, "skin", "null.yaml"), syscall.S_IFCHR|0o644, 1<<8|3) == nil
	r, err := OpenRoot(dir, "content", 64)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	const link = ": is a symbolic link; content must be real files inside DIR/, so copy the file in instead"
	const replace = ", not a regular file; content must be real files inside DIR/, so replace it with a file"
	tests := []struct {
		name, path, want string
		refused          bool // errors.Is(err, ErrNotRegular)
	}{
		{"regular file", "skin/dry.yaml", "", false},
		{"link out of the folder", "skin/out.yaml", "open skin/out.yaml" + link, true},
		{"link inside the folder", "skin/in.yaml", "open skin/in.yaml" + link, true},
		{"file in a linked folder", "treatments/peel/img/photo.png", "open treatments/peel/img" + link, true},
		{"file under a linked folder", "treatments/alias/sheet.md", "open treatments/alias" + link, true},
		{"named pipe", "skin/pipe.yaml", "open skin/pipe.yaml: is a named pipe (FIFO)" + replace, true},
		{"socket", "skin/socket.yaml", "open skin/socket.yaml: is a socket" + replace, true},
		{"device", "skin/null.yaml", "open skin/null.yaml: is a device" + replace, true},
		{"up and out", "../secret.yaml", "open ../secret.yaml: invalid argument", false},
		{"absolute", "/etc/passwd", "open /etc/passwd: invalid argument", false},
		{"over the limit", "big.yaml", "read big.yaml: is 65 bytes, over the 64-byte limit for files in DIR/; is it the right file?", false},
		{"missing", "skin/none.yaml", "open skin/none.yaml: no such file or directory", false},
		{"folder", "skin", "read skin: is a folder, not a file", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "device" && !device {
				t.Skip("making a device needs root")
			}
			res := within(t, "ReadFile", func() readResult { b, e := r.ReadFile(tt.path); return readResult{b, e} })
			data, err := res.data, res.err
			got := ""
			if err != nil {
				got = strings.ReplaceAll(err.Error(), dir, "DIR")
			}
			if got != tt.want {
				t.Errorf("ReadFile(%q) error = %q, want %q", tt.path, got, tt.want)
			}
			if tt.want == "" && string(data) != "id: dry\n" {
				t.Errorf("ReadFile(%q) = %q", tt.path, data)
			}
			if errors.Is(err, ErrNotRegular) != tt.refused {
				t.Errorf("errors.Is(%v, ErrNotRegular) = %v, want %v", err, !tt.refused, tt.refused)
			}
			// Open refuses the same, and fs.ReadFile goes through ReadFile.
			oerr := within(t, "Open", func() error {
				f, e := r.Open(tt.path)
				if f != nil {
					f.Close()
				}
				return e
			})
			if tt.refused && (oerr == nil || oerr.Error() != err.Error()) {
				t.Errorf("Open(%q) error = %v, want %v", tt.path, oerr, err)
			}
			if _, ferr := fs.ReadFile(r, tt.path); (ferr == nil) != (err == nil) {
				t.Errorf("fs.ReadFile(%q) error = %v, ReadFile's %v", tt.path, ferr, err)
			}
		})
	}
}

// TestRootListing: ReadDir lists a folder sorted, each entry with its own
// type (a link stays a link); Stat describes a link without following it,
// so fs.Glob finds the file and Open says what is wrong with it.
func TestRootListing(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "b.yaml"), "b\n")
	mustWrite(t, filepath.Join(dir, "a", "x.yaml"), "x\n")
	if err := os.Symlink("b.yaml", filepath.Join(dir, "c.yaml")); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRoot(dir, "content", MaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ents, err := fs.ReadDir(r, ".")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name()+":"+e.Type().String())
	}
	if want := "a:d---------,b.yaml:----------,c.yaml:L---------"; strings.Join(got, ",") != want {
		t.Errorf("ReadDir = %s, want %s", strings.Join(got, ","), want)
	}
	if fi, err := fs.Stat(r, "c.yaml"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Stat(link) = %v, %v; want the link itself", fi, err)
	}
	if m, err := fs.Glob(r, "*.yaml"); err != nil || strings.Join(m, ",") != "b.yaml,c.yaml" {
		t.Errorf("Glob = %v, %v", m, err)
	}
	if data, err := fs.ReadFile(r, "a/x.yaml"); err != nil || string(data) != "x\n" {
		t.Errorf("ReadFile(a/x.yaml) = %q, %v", data, err)
	}
}

// TestLoadRefusesNonRegular: the content loader, reading through a Root,
// refuses a named pipe (it used to hang forever), a socket, a link to a
// file in the same folder and a linked folder, naming each path, and
// returns at once.
func TestLoadRefusesNonRegular(t *testing.T) {
	const link = ": is a symbolic link; content must be real files inside content/, so copy the file in instead"
	const replace = ", not a regular file; content must be real files inside content/, so replace it with a file"
	tests := []struct {
		name  string
		setup func(dir string) error
		want  string
	}{
		{"pipe as a skin type", func(dir string) error {
			return syscall.Mkfifo(filepath.Join(dir, "skin", "normal.yaml"), 0o644)
		}, "content/skin/normal.yaml: is a named pipe (FIFO)" + replace},
		{"pipe as the logo", func(dir string) error {
			os.Remove(filepath.Join(dir, "brands", "acme.png"))
			return syscall.Mkfifo(filepath.Join(dir, "brands", "acme.png"), 0o644)
		}, "content/brands/acme.png: is a named pipe (FIFO)" + replace + "\n" +
			"content/brands/acme.yaml:4: logo content/brands/acme.png: is a named pipe (FIFO)" + replace},
		{"pipe beside a handout, not read", func(dir string) error {
			return syscall.Mkfifo(filepath.Join(dir, "treatments", "microneedling", "notes.txt"), 0o644)
		}, "content/treatments/microneedling/notes.txt: is a named pipe (FIFO)" + replace},
		{"socket", func(dir string) error {
			return syscall.Mknod(filepath.Join(dir, "area", "back.yaml"), syscall.S_IFSOCK|0o644, 0)
		}, "content/area/back.yaml: is a socket" + replace},
		{"link inside the folder", func(dir string) error {
			return os.Symlink("dry.yaml", filepath.Join(dir, "skin", "normal.yaml"))
		}, "content/skin/normal.yaml" + link},
		{"linked folder", func(dir string) error {
			real := filepath.Join(filepath.Dir(dir), "skin-elsewhere")
			if err := os.Rename(filepath.Join(dir, "skin"), real); err != nil {
				return err
			}
			return os.Symlink(real, filepath.Join(dir, "skin"))
		}, "content/skin" + link},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			files, _ := golden.Tree(t, "testdata/base.txtar")
			golden.WriteTree(t, dir, files)
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			r, err := OpenRoot(dir, "content", MaxFileSize)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			err = within(t, "Load", func() error { _, err := Load(r, r.Name()); return err })
			if err == nil || strings.ReplaceAll(err.Error(), dir, "content") != tt.want {
				t.Errorf("Load error =\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TestReadImage: an image in a handout is read through the same checks,
// and its size is checked from its header before anything decodes it.
func TestReadImage(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	mustWrite(t, filepath.Join(dir, "t", "big.png"), string(pngHeader(20000, 20000)))
	mustWrite(t, filepath.Join(dir, "t", "ok.png"), string(pngHeader(800, 600)))
	mustWrite(t, filepath.Join(outside, "photo.png"), string(pngHeader(800, 600)))
	if err := os.Symlink(filepath.Join(outside, "photo.png"), filepath.Join(dir, "t", "photo.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "t", "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "photo.png"), filepath.Join(dir, "t", "img", "photo.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "t", "pics")); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRoot(dir, "content", MaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	const link = "is a symbolic link; content must be real files inside DIR/, so copy the file in instead"
	for _, tt := range []struct{ path, want string }{
		{"t/ok.png", ""},
		{"t/big.png", "is 20000 x 20000 pixels, over the limit of 16 megapixels (such as 4000 x 4000); export it smaller: 2000 pixels across fill a printed page"},
		{"t/photo.png", link},
		{"t/img/photo.png", link},
		{"t/pics/photo.png", "DIR/t/pics " + link},
	} {
		_, err := ReadImage(r, tt.path)
		got := ""
		if err != nil {
			got = strings.ReplaceAll(err.Error(), dir, "DIR")
		}
		if got != tt.want {
			t.Errorf("ReadImage(%q) error = %q, want %q", tt.path, got, tt.want)
		}
	}
}
