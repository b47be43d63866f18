package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// The marker proves that a folder is an output folder of this tool. The
// first build into a folder writes it, before anything else; a build (or
// assemble) into a folder without it is refused unless the folder is
// empty, so a build never replaces, or deletes, files of a folder it did
// not make (a website, a home folder, a folder whose manifest.json is
// someone else's). The marker is the folder's lock file, which every
// build holds anyway: one hidden file of the tool's, which a publishing
// step already leaves out. It is never listed in the manifest, so no
// build removes it.
const (
	markerName = LockName
	// markerText names the tool and the output folder's format version.
	markerText = "handouts output folder, format 1\n"
	gitKeep    = ".gitkeep" // an empty placeholder a repository keeps in an empty folder
)

// ErrNotOurs is the error of a folder without the marker (errors.Is).
var ErrNotOurs = errors.New("not a handouts output folder")

// hasMarker reports whether the folder open as root carries our marker,
// as a regular file with our text.
func hasMarker(root *os.Root) bool {
	st, err := root.Lstat(markerName)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(markerText)) {
		return false
	}
	data, err := root.ReadFile(markerName)
	return err == nil && string(data) == markerText
}

// claim makes sure the existing folder dir is ours: it carries our
// marker, or it is empty (but for a marker left half-written by a build
// killed at that moment, the lock file, or an empty .gitkeep), in which
// case the marker is written and synced. Any other folder is refused,
// with what to do.
func claim(dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if hasMarker(root) {
		return nil
	}
	f, err := root.Open(".")
	if err != nil {
		return err
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %v", dir, err)
	}
	for _, e := range entries {
		switch e.Name() {
		case markerName: // empty or half-written: a build killed before it wrote the marker
			if e.Type().IsRegular() {
				continue
			}
		case gitKeep:
			if st, err := e.Info(); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
				continue
			}
		}
		return fmt.Errorf("%s: %w (it has no %s marker) and it is not empty, so building into it could replace or delete files that are not ours; build into a new or empty folder (or, for an output folder of an earlier handouts version, remove it and build again)", dir, ErrNotOurs, markerName)
	}
	m, err := root.OpenFile(markerName, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("%s: cannot write the output folder's marker: %v", dir, err)
	}
	_, werr := m.WriteString(markerText)
	if err := errors.Join(werr, m.Sync(), m.Close()); err != nil {
		return fmt.Errorf("%s: cannot write the output folder's marker: %v", dir, err)
	}
	d, err := root.Open(".")
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// notOursError says that dir has no marker: nothing there is touched.
func notOursError(dir string) error {
	return fmt.Errorf("%s: %w (it has no %s marker); nothing there was changed", filepath.Clean(dir), ErrNotOurs, markerName)
}
