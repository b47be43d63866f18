package desk

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"handouts/internal/output"
)

// DefaultOut is the output folder a build writes to when none is given.
const DefaultOut = "output"

// WriteFile writes one file of a one-off handout (`handouts sheet -o`,
// `handouts calendar -o`). A device or a pipe, such as /dev/stdout, is
// written straight into. Any other name must be in a folder that exists
// (none is created) and lies outside every build output folder: a one-off
// copy may carry a patient's name, so it must never replace or sit among
// the published handouts. The file is written to a temporary file beside
// name, synced, and renamed into place.
func WriteFile(name string, data []byte) error {
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("%s is a folder; give a file name", name)
		}
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		_, werr := f.Write(data)
		return errors.Join(werr, f.Close())
	}
	dir := filepath.Dir(name)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: the folder %s does not exist; create it first or choose another file", name, dir)
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s: %s is not a folder; choose another file", name, dir)
	}
	out, err := outputFolderOf(dir)
	if err != nil {
		return err
	}
	if out != "" {
		return fmt.Errorf("%s: this is inside the build output folder %s, where a one-off copy (which may carry a patient's name) must never go; choose a file outside it", name, out)
	}
	return writeAtomic(name, data)
}

// outputFolderOf returns the build output folder that dir is in, or ""
// when it is in none: the default output folder (relative to the current
// folder), or any folder at or above dir that holds a lock file (our
// marker, see internal/output) or a manifest of this tool.
func outputFolderOf(dir string) (string, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	if real, err = filepath.Abs(real); err != nil {
		return "", err
	}
	def := ""
	if d, err := filepath.EvalSymlinks(DefaultOut); err == nil {
		def, _ = filepath.Abs(d)
	}
	for d := real; ; d = filepath.Dir(d) {
		if d == def {
			return d, nil
		}
		if _, err := os.Lstat(filepath.Join(d, output.LockName)); err == nil {
			return d, nil
		}

		if isManifest(filepath.Join(d, output.ManifestName)) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}

// isManifest reports whether name is a manifest this tool wrote: a JSON
// object whose "files" each have a path and a sha256.
func isManifest(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return false
	}
	var m struct {
		Files *[]struct {
			Path   *string `json:"path"`
			SHA256 *string `json:"sha256"`
		} `json:"files"`
	}
	if json.NewDecoder(io.LimitReader(f, 64<<20)).Decode(&m) != nil || m.Files == nil {
		return false
	}
	for _, e := range *m.Files {
		if e.Path == nil || e.SHA256 == nil {
			return false
		}
	}
	return true
}

// writeAtomic writes data to a temporary file beside name, syncs it and
// renames it into place, so a reader never sees half a file.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), output.TmpPrefix+"*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Chmod(0o644), tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
