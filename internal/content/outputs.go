package content

import (
	"io/fs"
	"path"
)

// buildOutputNames are files only a build output folder holds: its lock
// (the marker, see internal/output) and its manifest.
var buildOutputNames = map[string]bool{".handouts.lock": true, "manifest.json": true}

// checkNoOutputs refuses a build output folder inside the content folder
// (left by a build run with -out inside it): its files would be taken for
// inputs, and the build would write into its own sources.
func (l *loader) checkNoOutputs() {
	if l.part != nil {
		return // the whole tree's, for check and build: a part reads none of it (part.go)
	}
	fs.WalkDir(l.c.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that cannot be listed is reported where it is read
		}
		if !d.IsDir() && buildOutputNames[d.Name()] {
			dir := path.Dir(p)
			l.e.addf(l.name(dir), 0, "a build output folder (it holds %s) inside the content folder; move it out, and build with -out outside the content folder", d.Name())
			return fs.SkipDir
		}
		return nil
	})
}
