package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"testing"

	"handouts/internal/golden"
)

// TestErrorKeepsCause: Errorf's %w is the Error's cause, which Unwrap
// returns; the message reads as fmt.Errorf's.
func TestErrorKeepsCause(t *testing.T) {
	e := Errorf("content/skin", 0, "cannot read folder: %w; create it", syscall.EMFILE)
	if e.Err != syscall.EMFILE || !errors.Is(e, syscall.EMFILE) {
		t.Errorf("Errorf(%%w).Err = %v, want EMFILE, found by errors.Is", e.Err)
	}
	if got, want := e.Error(), "content/skin: cannot read folder: too many open files; create it"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if e := Errorf("f.md", 3, "no %s here", "cause"); e.Err != nil || e.Unwrap() != nil {
		t.Errorf("Errorf without %%w: Err = %v, want nil", e.Err)
	}
}

// TestErrorList: the list unwraps to its problems, so errors.Is and
// errors.As look inside each; Err is nil for an empty list.
func TestErrorList(t *testing.T) {
	var empty ErrorList
	if err := empty.Err(); err != nil {
		t.Errorf("empty ErrorList.Err() = %v, want nil", err)
	}
	first := Errorf("a.md", 1, "first")
	l := ErrorList{first, Errorf("b.md", 2, "cannot open: %w", &fs.PathError{Op: "open", Path: "b.md", Err: syscall.ENOSPC})}
	if l.Err() == nil {
		t.Fatal("ErrorList.Err() = nil for two problems")
	}
	if got := l.Unwrap(); len(got) != 2 || got[0] != first {
		t.Errorf("Unwrap() = %v, want the two problems in order", got)
	}
	if !errors.Is(l.Err(), syscall.ENOSPC) {
		t.Error("errors.Is(list, ENOSPC) = false; want the second problem's cause found")
	}
	var pe *fs.PathError
	if !errors.As(l.Err(), &pe) || pe.Path != "b.md" {
		t.Errorf("errors.As(list, *fs.PathError) = %v, want b.md's", pe)
	}
}

// TestJoinKeepsCause: Join makes a problem of the file "build" from an
// error that is not a content problem, printed as before, with the error
// itself as its cause.
func TestJoinKeepsCause(t *testing.T) {
	cause := fmt.Errorf("output: cannot write x (%w)", syscall.ENOSPC)
	err := Join(Errorf("content/skin/dry.yaml", 3, "unknown key"), nil, cause)
	want := "content/skin/dry.yaml:3: unknown key\nbuild: output: cannot write x (no space left on device)"
	if err == nil || err.Error() != want {
		t.Fatalf("Join = %v, want %q", err, want)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Error("errors.Is(Join(…), ENOSPC) = false, want the cause kept")
	}
	var l ErrorList
	if !errors.As(err, &l) || l[1].Err != cause {
		t.Errorf("Join's second problem has Err %v, want the error itself", l)
	}
}

// emfileFS answers every Open of a folder's list with "too many open
// files", as a process out of descriptors does.
type emfileFS struct{ fs.FS }

func (f emfileFS) Open(name string) (fs.File, error) {
	if name == "skin" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EMFILE}
	}
	return f.FS.Open(name)
}

// TestLoadKeepsCause: a folder the loader cannot list is a problem of its
// file whose cause is the system's error, so the server can tell its own
// trouble from the content's without reading the words.
func TestLoadKeepsCause(t *testing.T) {
	dir := t.TempDir()
	files, _ := golden.Tree(t, "testdata/base.txtar")
	golden.WriteTree(t, dir, files)
	_, err := Load(emfileFS{os.DirFS(dir)}, "content")
	want := "content/skin: cannot read folder: too many open files; create it or check the content path"
	if err == nil || err.Error() != want {
		t.Fatalf("Load error = %v, want %q", err, want)
	}
	if !errors.Is(err, syscall.EMFILE) {
		t.Error("errors.Is(Load error, EMFILE) = false, want the cause kept")
	}
}
