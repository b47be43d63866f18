package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// The switch from the published output to a staged build. The journal
// lists it: the staged files to rename into place (the manifest last)
// and the previous build's files to remove. Written and synced before the
// first rename, it makes the switch all or nothing: a build stopped
// before it leaves only a staging folder, which the next open removes; a
// build stopped after it leaves the journal, which the next open applies
// again (renames already made are skipped). Every step goes through the
// output folder's os.Root, through real folders only.

// journal is the switch from the published output to a staged build.
type journal struct {
	Staging string   `json:"staging"` // the staging folder
	Moves   []string `json:"moves"`   // staged paths renamed into place, manifest last
	Remove  []stale  `json:"remove"`  // files of the previous build that this one did not make
}

// stale is a file of the previous build to remove, with the hex SHA-256
// its manifest recorded: it is removed only while it still has those
// bytes.
type stale struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// switchOrder sorts staged paths for the switch: the handouts first, then
// the cache's records and the index, and the manifest last.
func switchOrder(paths []string) []string {
	rank := func(p string) int {
		switch p {
		case RecordsName, IndexName:
			return 1
		case ManifestName:
			return 2
		}
		return 0
	}
	out := slices.Clone(paths)
	slices.SortFunc(out, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	return out
}

// check makes sure the switch j can be made before anything published
// changes: the folders on the way to each file are real folders, each
// nearest existing folder accepts a new file, and no file replaces a
// folder.
func (o *Folder) check(j journal) error {
	probed := map[string]bool{}
	removes := make([]string, len(j.Remove))
	for i, r := range j.Remove {
		removes[i] = r.Path
	}
	for i, group := range [][]string{j.Moves, removes} {
		for _, p := range group {
			dir, err := o.realDirs(path.Dir(p))
			if err != nil && i == 1 {
				continue // behind a link: not removed (see removeStale)
			}
			if err != nil {
				return err
			}
			if !probed[dir] {
				probed[dir] = true
				if err := o.probe(dir); err != nil {
					return err
				}
			}
		}
	}
	for _, p := range j.Moves {
		if st, err := o.root.Lstat(p); err == nil && st.IsDir() {
			return fmt.Errorf("%s: a folder is where the build puts a file; move it away and build again", filepath.Join(o.dir, p))
		}
	}
	return nil
}

// probe asks the system whether the switch may create and rename files
// in dir, so a read-only folder or file system fails here, before anything
// published has changed. It only asks (access(2) for write and search on
// dir, just checked to be a real folder inside the output); a test file
// would be left among the published ones by a build killed at that moment.
func (o *Folder) probe(dir string) error {
	if err := canWriteIn(filepath.Join(o.dir, dir)); err != nil {
		return fmt.Errorf("%s: cannot write in this folder (%w); make it writable and build again", filepath.Join(o.dir, dir), err)
	}
	return nil
}

// writeJournal puts the journal in place durably: this is the moment the
// build is done.
func (o *Folder) writeJournal(j journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	tmp := path.Join(o.staging, JournalName) // dropped with the staging folder if killed here
	f, err := o.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return o.pathError("writing", err)
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		o.root.Remove(tmp)
		return o.pathError("writing", err)
	}
	if err := o.root.Rename(tmp, JournalName); err != nil {
		o.root.Remove(tmp)
		return o.pathError("writing", err)
	}
	o.committed = true // from here on the next build completes the switch
	return o.syncDirs([]string{"."})
}

// apply makes the switch j: renames every staged file still in the
// staging folder into place, removes the previous build's files, makes it
// durable and removes the staging folder. It may be run again after it
// was stopped half-way: moves already made are skipped. It returns how
// many files it removed.
func (o *Folder) apply(j journal) (int, error) {
	dirs := map[string]bool{}
	for _, p := range j.Moves {
		src := path.Join(j.Staging, p)
		if _, err := o.root.Lstat(src); errors.Is(err, fs.ErrNotExist) {
			continue // moved before the previous run stopped
		}
		if o.stop != nil {
			if err := o.stop("rename", p); err != nil {
				return 0, err
			}
		}
		if err := o.mkdirs(path.Dir(p)); err != nil {
			return 0, err
		}
		if err := o.root.Rename(src, p); err != nil {
			return 0, o.pathError("renaming into place", err)
		}
		dirs[path.Dir(p)] = true
	}
	removed := 0
	for _, r := range j.Remove {
		if o.stop != nil {
			if err := o.stop("remove", r.Path); err != nil {
				return removed, err
			}
		}
		if o.removeStale(r) {
			removed++
			dirs[path.Dir(r.Path)] = true
		}
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		if st, err := o.root.Lstat(d); err == nil && st.IsDir() {
			list = append(list, d)
		}
	}
	if err := o.syncDirs(list); err != nil {
		return removed, err
	}
	if err := o.root.RemoveAll(j.Staging); err != nil {
		return removed, o.pathError("removing", err)
	}
	return removed, nil
}

// removeStale removes a file of the previous build, and then its folders
// as they become empty. Only a regular file reached through real folders,
// still holding the bytes the previous manifest recorded, is removed: a
// link, a file behind a linked folder, or a file changed since, is left
// alone.
func (o *Folder) removeStale(r stale) bool {
	p := r.Path
	if o.matches(p, r.SHA256) != matchSame {
		return false
	}
	if !o.removeRegular(p) {
		return false
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		st, err := o.root.Lstat(d)
		if err != nil || !st.IsDir() || o.root.Remove(d) != nil {
			break
		}
	}
	return true
}

// removeRegular removes name if it is a regular file (not a link).
func (o *Folder) removeRegular(name string) bool {
	st, err := o.root.Lstat(name)
	return err == nil && st.Mode().IsRegular() && o.root.Remove(name) == nil
}

// realDirs checks that each existing folder on the way to dir (inside
// the root) is a real folder, not a link or a file. It returns the
// deepest one that exists.
func (o *Folder) realDirs(dir string) (string, error) {
	have := "."
	if dir == "." {
		return have, nil
	}
	for _, part := range strings.Split(dir, "/") {
		next := path.Join(have, part)
		st, err := o.root.Lstat(next)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return have, nil
		case err != nil:
			return "", o.pathError("checking", err)
		case st.Mode()&fs.ModeSymlink != 0:
			return "", fmt.Errorf("%s is a symbolic link; the build writes only into real folders inside %s, so remove the link and build again", filepath.Join(o.dir, next), o.dir)
		case !st.IsDir():
			return "", fmt.Errorf("%s is a file where the build needs a folder; move it away and build again", filepath.Join(o.dir, next))
		}
		have = next
	}
	return have, nil
}

// mkdirs creates dir and its parents inside the root, refusing links.
func (o *Folder) mkdirs(dir string) error {
	if _, err := o.realDirs(dir); err != nil {
		return err
	}
	if err := o.root.MkdirAll(dir, 0o755); err != nil {
		return o.pathError("creating", err)
	}
	return nil
}

// syncDirs fsyncs folders (after renames and removals), several at once.
func (o *Folder) syncDirs(dirs []string) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	next := make(chan string)
	for range min(syncers, len(dirs)) {
		wg.Go(func() {
			for d := range next {
				f, err := o.root.Open(d)
				if err == nil {
					err = errors.Join(f.Sync(), f.Close())
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, o.pathError("syncing", err))
					mu.Unlock()
				}
			}
		})
	}
	for _, d := range dirs {
		next <- d
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// recover completes a switch an interrupted build left (its journal is in
// place), or rolls back one that stopped before its journal (its staging
// folder is removed).
func (o *Folder) recover() error {
	st, err := o.root.Lstat(JournalName)
	switch {
	case err == nil && st.Mode().IsRegular():
		data, err := o.root.ReadFile(JournalName)
		if err != nil {
			return o.pathError("reading", err)
		}
		var j journal
		if err := json.Unmarshal(data, &j); err != nil || !validJournal(j) {
			return fmt.Errorf("%s: not a journal this tool wrote; remove it and build again", filepath.Join(o.dir, JournalName))
		}
		if _, err := o.apply(j); err != nil {
			return fmt.Errorf("%s: completing the switch an interrupted build left: %v", o.dir, err)
		}
		if err := o.root.Remove(JournalName); err != nil {
			return o.pathError("removing", err)
		}
		if err := o.syncDirs([]string{"."}); err != nil {
			return err
		}
	case err == nil:
		return fmt.Errorf("%s is not a regular file; remove it and build again", filepath.Join(o.dir, JournalName))
	case !errors.Is(err, fs.ErrNotExist):
		return o.pathError("checking", err)
	}
	top, err := o.readDir(".")
	if err != nil {
		return err
	}
	for _, e := range top {
		if strings.HasPrefix(e.Name(), StagingPrefix) {
			if err := o.root.RemoveAll(e.Name()); err != nil {
				return o.pathError("removing", err)
			}
		}
	}
	return nil
}

// sweepTemp removes temporary files beside the published files (paths),
// left by a build of an earlier version (which renamed each file into
// place from one) when it was killed.
func (o *Folder) sweepTemp(paths []string) {
	dirs := map[string]bool{".": true}
	for _, p := range paths {
		if SafeRel(p) {
			for d := path.Dir(p); d != "."; d = path.Dir(d) {
				dirs[d] = true
			}
		}
	}
	for d := range dirs {
		if _, err := o.realDirs(d); err != nil {
			continue
		}
		if st, err := o.root.Lstat(d); err != nil || !st.IsDir() {
			continue
		}
		entries, err := o.readDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), TmpPrefix) {
				o.removeRegular(path.Join(d, e.Name()))
			}
		}
	}
}

// validJournal reports whether every path in j stays inside the output
// folder and the staging folder is one of ours.
func validJournal(j journal) bool {
	if !strings.HasPrefix(j.Staging, StagingPrefix) || strings.Contains(j.Staging, "/") || !SafeRel(j.Staging) {
		return false
	}
	for _, p := range j.Moves {
		if !SafeRel(p) {
			return false
		}
	}
	for _, r := range j.Remove {
		if !SafeRel(r.Path) || len(r.SHA256) != 64 {
			return false
		}
	}
	return true
}

func (o *Folder) readDir(dir string) ([]fs.DirEntry, error) {
	f, err := o.root.Open(dir)
	if err != nil {
		return nil, o.pathError("reading", err)
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, o.pathError("reading", err)
	}
	return entries, nil
}
