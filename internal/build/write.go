package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// ManifestName and IndexName are the build's own files in the output folder.
const (
	ManifestName = "manifest.json"
	IndexName    = "index.html"
	lockName     = ".handouts.lock"
	// journalName is the list of renames and removals that switches the
	// output folder to a new build. Its rename into place is the moment a
	// build counts as done; whoever opens the folder next completes it.
	journalName   = ".handouts-journal"
	stagingPrefix = ".staging-" // a build's new and changed files, at their paths
	tmpPrefix     = ".tmp-"     // temporary files beside published ones
	syncers       = 8           // files fsynced at once while the workers render
)

// output is an output folder opened for one build. It holds the lock on
// the folder for as long as it is open. Every file the build makes goes
// first to a staging folder inside it (put); commit then writes a journal
// of the switch and applies it, so a build stopped at any moment leaves
// either the previous output or a journal that the next open completes.
// All access goes through an os.Root, and the folders on the way to a
// published file must be real folders, so nothing the build does follows
// a link or leaves the output folder.
type output struct {
	dir     string // as the user named it, for messages
	root    *os.Root
	unlock  func()
	old     Manifest // the published manifest when the folder was opened
	staging string   // this build's staging folder, relative to root

	syncq   chan *os.File // staged files waiting for fsync
	syncing sync.WaitGroup

	mu        sync.Mutex
	changed   []string        // paths staged because they are new or differ
	dirs      map[string]bool // published folders checked and made in staging
	err       error           // the first failed fsync
	committed bool            // the journal is in place: keep the staging folder

	// stop, when set, is called before each rename and removal of the
	// switch; an error from it stops the switch there (tests use it to
	// stop a build at every step).
	stop func(op, name string) error
}

// openOutput creates dir if needed, locks it, completes or rolls back
// whatever an interrupted build left there, and starts a staging folder.
func openOutput(dir string) (*output, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	unlock, err := lock(root, dir)
	if err != nil {
		root.Close()
		return nil, err
	}
	o := &output{dir: dir, root: root, unlock: unlock, dirs: map[string]bool{}}
	if err := o.recover(); err != nil {
		o.release()
		return nil, err
	}
	o.old = o.readManifest()
	o.staging = fmt.Sprintf("%s%d", stagingPrefix, os.Getpid())
	if err := root.Mkdir(o.staging, 0o755); err != nil {
		o.release()
		return nil, o.pathError("creating the staging folder", err)
	}
	o.syncq = make(chan *os.File, 2*syncers)
	for range syncers {
		o.syncing.Add(1)
		go o.syncer()
	}
	return o, nil
}

// release unlocks the folder and closes the root, leaving everything on
// disk as it is.
func (o *output) release() {
	o.unlock()
	o.root.Close()
}

// close ends the build: a build that did not commit has its staging
// folder removed, so nothing published changes.
func (o *output) close() {
	if o.syncq != nil {
		close(o.syncq)
		o.syncing.Wait()
		o.syncq = nil
	}
	if !o.committed {
		o.root.RemoveAll(o.staging)
	}
	o.release()
}

func (o *output) syncer() {
	defer o.syncing.Done()
	for f := range o.syncq {
		if err := errors.Join(f.Sync(), f.Close()); err != nil {
			o.fail(err)
		}
	}
}

func (o *output) fail(err error) {
	o.mu.Lock()
	if o.err == nil {
		o.err = err
	}
	o.mu.Unlock()
}

func (o *output) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// pathError names the output folder in an error from the root.
func (o *output) pathError(doing string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %s %s: %v", o.dir, doing, pe.Path, pe.Err)
	}
	return fmt.Errorf("%s: %s: %v", o.dir, doing, err)
}

// put stages one file of the build. A file with the same bytes as the
// published one is not staged: the switch leaves it alone. put is safe
// for concurrent use and keeps nothing of data.
func (o *output) put(rel string, data []byte) error {
	if err := o.failed(); err != nil {
		return err
	}
	if !safeRel(rel) {
		return fmt.Errorf("%s: %q is not a path inside the output folder", o.dir, rel)
	}
	if o.samePublished(rel, data) {
		return nil
	}
	if err := o.stageDir(path.Dir(rel)); err != nil {
		return err
	}
	f, err := o.root.OpenFile(path.Join(o.staging, rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return o.pathError("staging", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return o.pathError("staging", err)
	}
	o.mu.Lock()
	o.changed = append(o.changed, rel)
	o.mu.Unlock()
	o.syncq <- f
	return nil
}

// stageDir checks, once per folder, that the published folder dir is
// reached through real folders only, and creates it in the staging folder.
func (o *output) stageDir(dir string) error {
	o.mu.Lock()
	done := o.dirs[dir]
	o.mu.Unlock()
	if done {
		return nil
	}
	if _, err := o.realDirs(dir); err != nil {
		return err
	}
	if err := o.root.MkdirAll(path.Join(o.staging, dir), 0o755); err != nil {
		return o.pathError("staging", err)
	}
	o.mu.Lock()
	o.dirs[dir] = true
	o.mu.Unlock()
	return nil
}

// samePublished reports whether the published file rel is a regular file
// holding exactly data.
func (o *output) samePublished(rel string, data []byte) bool {
	st, err := o.root.Lstat(rel)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	f, err := o.root.Open(rel)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	want := sha256.Sum256(data)
	return bytes.Equal(h.Sum(nil), want[:])
}

// journal is the switch from the published output to a staged build.
type journal struct {
	Staging string   `json:"staging"` // the staging folder
	Moves   []string `json:"moves"`   // staged paths renamed into place, manifest last
	Remove  []string `json:"remove"`  // files of the previous build that this one did not make
}

// commit stages the index and the manifest for entries, checks that the
// switch can be made (every folder on the way real and writable, no folder
// where a file goes), writes the journal and applies it. It returns how
// many files of the previous build it removed. Until the journal is in
// place nothing published has changed; after that, an error leaves the
// journal for the next build to complete.
func (o *output) commit(entries []Entry, index []byte) (int, error) {
	m := Manifest{Files: slices.Clone(entries)}
	slices.SortFunc(m.Files, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return 0, err
	}
	if err := o.put(IndexName, index); err != nil {
		return 0, err
	}
	if err := o.put(ManifestName, append(data, '\n')); err != nil {
		return 0, err
	}
	close(o.syncq)
	o.syncing.Wait()
	o.syncq = nil
	if err := o.failed(); err != nil {
		return 0, o.pathError("staging", err)
	}
	made := map[string]bool{IndexName: true, ManifestName: true}
	for _, e := range m.Files {
		made[e.Path] = true
	}
	j := journal{Staging: o.staging, Moves: switchOrder(o.changed)}
	for _, e := range o.old.Files {
		if !made[e.Path] && safeRel(e.Path) {
			j.Remove = append(j.Remove, e.Path)
		}
	}
	if len(j.Moves) == 0 && len(j.Remove) == 0 {
		return 0, nil
	}
	if err := o.check(j); err != nil {
		return 0, err
	}
	if err := o.writeJournal(j); err != nil {
		return 0, err
	}
	o.committed = true
	removed, err := o.apply(j)
	if err != nil {
		return removed, fmt.Errorf("%s: the switch to the new build stopped: %v; the next build completes it", o.dir, err)
	}
	if err := o.root.Remove(journalName); err != nil {
		return removed, o.pathError("removing", err)
	}
	return removed, o.syncDirs([]string{"."})
}

// switchOrder sorts staged paths for the switch: the handouts first, then
// the index, and the manifest last.
func switchOrder(paths []string) []string {
	rank := func(p string) int {
		switch p {
		case IndexName:
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
func (o *output) check(j journal) error {
	probed := map[string]bool{}
	for i, group := range [][]string{j.Moves, j.Remove} {
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

// probe creates and removes a file in dir, to learn whether the switch
// may rename files into it (a read-only folder or file system fails here,
// before anything published has changed).
func (o *output) probe(dir string) error {
	name := path.Join(dir, fmt.Sprintf("%sprobe-%d", tmpPrefix, os.Getpid()))
	f, err := o.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		o.removeRegular(name)
		f, err = o.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: cannot write in this folder (%v); make it writable and build again", filepath.Join(o.dir, dir), err)
	}
	f.Close()
	return o.root.Remove(name)
}

// writeJournal puts the journal in place durably: this is the moment the
// build is done.
func (o *output) writeJournal(j journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	tmp := journalName + ".tmp"
	f, err := o.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return o.pathError("writing", err)
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		o.root.Remove(tmp)
		return o.pathError("writing", err)
	}
	if err := o.root.Rename(tmp, journalName); err != nil {
		o.root.Remove(tmp)
		return o.pathError("writing", err)
	}
	return o.syncDirs([]string{"."})
}

// apply makes the switch j: renames every staged file still in the
// staging folder into place, removes the previous build's files, makes it
// durable and removes the staging folder. It may be run again after it
// was stopped half-way: moves already made are skipped. It returns how
// many files it removed.
func (o *output) apply(j journal) (int, error) {
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
	for _, p := range j.Remove {
		if o.stop != nil {
			if err := o.stop("remove", p); err != nil {
				return removed, err
			}
		}
		if o.removeStale(p) {
			removed++
			dirs[path.Dir(p)] = true
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
// as they become empty. Only a regular file reached through real folders
// is removed: a link, or a file behind a linked folder, is left alone.
func (o *output) removeStale(p string) bool {
	if _, err := o.realDirs(path.Dir(p)); err != nil {
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
func (o *output) removeRegular(name string) bool {
	st, err := o.root.Lstat(name)
	return err == nil && st.Mode().IsRegular() && o.root.Remove(name) == nil
}

// realDirs checks that each existing folder on the way to dir (inside
// the root) is a real folder, not a link or a file. It returns the
// deepest one that exists.
func (o *output) realDirs(dir string) (string, error) {
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
func (o *output) mkdirs(dir string) error {
	if _, err := o.realDirs(dir); err != nil {
		return err
	}
	if err := o.root.MkdirAll(dir, 0o755); err != nil {
		return o.pathError("creating", err)
	}
	return nil
}

// syncDirs fsyncs folders (after renames and removals), several at once.
func (o *output) syncDirs(dirs []string) error {
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
// folder is removed), and removes temporary files left beside published
// ones.
func (o *output) recover() error {
	st, err := o.root.Lstat(journalName)
	switch {
	case err == nil && st.Mode().IsRegular():
		data, err := o.root.ReadFile(journalName)
		if err != nil {
			return o.pathError("reading", err)
		}
		var j journal
		if err := json.Unmarshal(data, &j); err != nil || !validJournal(j) {
			return fmt.Errorf("%s: not a journal this tool wrote; remove it and build again", filepath.Join(o.dir, journalName))
		}
		if _, err := o.apply(j); err != nil {
			return fmt.Errorf("%s: completing the switch an interrupted build left: %v", o.dir, err)
		}
		if err := o.root.Remove(journalName); err != nil {
			return o.pathError("removing", err)
		}
		if err := o.syncDirs([]string{"."}); err != nil {
			return err
		}
	case err == nil:
		return fmt.Errorf("%s is not a regular file; remove it and build again", filepath.Join(o.dir, journalName))
	case !errors.Is(err, fs.ErrNotExist):
		return o.pathError("checking", err)
	}
	top, err := o.readDir(".")
	if err != nil {
		return err
	}
	for _, e := range top {
		switch name := e.Name(); {
		case strings.HasPrefix(name, stagingPrefix):
			if err := o.root.RemoveAll(name); err != nil {
				return o.pathError("removing", err)
			}
		case name == journalName+".tmp":
			o.removeRegular(name)
		}
	}
	// Temporary files beside published ones: left by a build killed before
	// builds were staged, or by a probe.
	dirs := map[string]bool{".": true}
	for _, e := range o.readManifest().Files {
		if safeRel(e.Path) {
			for d := path.Dir(e.Path); d != "."; d = path.Dir(d) {
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
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				o.removeRegular(path.Join(d, e.Name()))
			}
		}
	}
	return nil
}

// validJournal reports whether every path in j stays inside the output
// folder and the staging folder is one of ours.
func validJournal(j journal) bool {
	if !strings.HasPrefix(j.Staging, stagingPrefix) || strings.Contains(j.Staging, "/") || !safeRel(j.Staging) {
		return false
	}
	for _, p := range append(slices.Clone(j.Moves), j.Remove...) {
		if !safeRel(p) {
			return false
		}
	}
	return true
}

func (o *output) readDir(dir string) ([]fs.DirEntry, error) {
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

// readManifest reads the published manifest; an absent or unreadable one
// lists nothing.
func (o *output) readManifest() Manifest {
	var m Manifest
	if st, err := o.root.Lstat(ManifestName); err == nil && st.Mode().IsRegular() {
		if data, err := o.root.ReadFile(ManifestName); err == nil {
			_ = json.Unmarshal(data, &m)
		}
	}
	return m
}

// readManifest reads the manifest in the output folder out; an absent or
// unreadable one lists nothing.
func readManifest(out string) Manifest {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err == nil {
		_ = json.Unmarshal(data, &m)
	}
	return m
}

// safeRel reports whether a manifest path names a file inside the output
// folder: slash-separated, relative, with no "." or ".." element.
func safeRel(p string) bool {
	return fs.ValidPath(p) && p != "." && !strings.Contains(p, `\`)
}

// lock takes an exclusive lock on the output folder, so two builds into
// one folder never interleave their files.
func lock(root *os.Root, dir string) (func(), error) {
	f, err := root.OpenFile(lockName, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot create the lock file: %v", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %v", dir, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
