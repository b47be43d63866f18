package output

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
	"slices"
	"strings"
	"sync"
)

// The names of the folder's own files (the manifest, the index, the lock
// that is also the marker, the journal, the cache's records) and of the
// temporary ones a build leaves only while it runs.
const (
	ManifestName = "manifest.json"
	IndexName    = "index.html"
	LockName     = ".handouts.lock"
	// JournalName is the list of renames and removals that switches the
	// output folder to a new build. Its rename into place is the moment a
	// build counts as done; whoever opens the folder next completes it.
	JournalName   = ".handouts-journal"
	StagingPrefix = ".staging-" // a build's new and changed files, at their paths
	TmpPrefix     = ".tmp-"     // temporary files beside published ones
	// RecordsName is the incremental cache's records file (internal/cache),
	// switched into place with the files it describes.
	RecordsName = ".cache/records"
	syncers     = 8 // files fsynced at once while the workers render
)

// Folder is an output folder opened for one build. It holds the lock on
// the folder for as long as it is open. Every file the build makes goes
// first to a staging folder inside it (Put); Commit then writes a journal
// of the switch and applies it, so a build stopped at any moment leaves
// either the previous output or a journal that the next open completes.
// All access goes through an os.Root, and the folders on the way to a
// published file must be real folders, so nothing the build does follows
// a link or leaves the output folder.
type Folder struct {
	dir     string // as the user named it, for messages
	root    *os.Root
	unlock  func()
	old     []Entry  // the paths and hashes the published manifest listed when the folder was opened
	kept    []string // files of the previous build left in place: not the bytes it recorded
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

// Transaction is what a build needs of the folder it writes: Put stages
// one file as soon as it is made, Commit switches everything staged into
// place together. *Folder is one; nothing is published before Commit.
type Transaction interface {
	Put(rel string, data []byte) (FileID, error)
	Commit(m Manifest, index []byte, records func(manifest, index Published) []byte) (int, error)
}

var _ Transaction = (*Folder)(nil)

// Kept lists the files of the previous build that Commit left in place
// because their bytes are not the ones its manifest recorded.
func (o *Folder) Kept() []string { return o.kept }

// ReadFile and Lstat read the folder through its root, never following a
// link out of it (for the cache's records and checks).
func (o *Folder) ReadFile(name string) ([]byte, error) { return o.root.ReadFile(name) }

func (o *Folder) Lstat(name string) (fs.FileInfo, error) { return o.root.Lstat(name) }

// Hash returns the SHA-256 of the file rel, read through the folder's
// root, and the open file's Stat: ok only when it was read whole and is
// still the file st (its Lstat) describes.
func (o *Folder) Hash(rel string, st fs.FileInfo) (sum [32]byte, read fs.FileInfo, ok bool) {
	f, err := o.root.Open(rel)
	if err != nil {
		return sum, nil, false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, nil, false
	}
	fst, err := f.Stat()
	if err != nil || !os.SameFile(st, fst) {
		return sum, nil, false
	}
	h.Sum(sum[:0])
	return sum, fst, true
}

// Open creates dir if needed, makes sure it is ours (see claim),
// locks it, completes or rolls back whatever an interrupted build left
// there, and starts a staging folder.
func Open(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := claim(dir); err != nil {
		return nil, err
	}
	o, err := Lock(dir)
	if err != nil {
		return nil, err
	}
	// Only the paths and hashes are kept: a large library's manifest
	// decoded in full takes about 400 bytes a file for as long as the
	// build runs.
	var paths []string
	for _, e := range o.readManifest().Files {
		o.old = append(o.old, Entry{Path: e.Path, SHA256: e.SHA256})
		paths = append(paths, e.Path)
	}
	if _, err := o.root.Lstat(RecordsName); err != nil {
		// Last written by an earlier version (or never): builds since
		// leave no temporary files beside the published ones.
		o.sweepTemp(paths)
	}
	o.staging = fmt.Sprintf("%s%d", StagingPrefix, os.Getpid())
	if err := o.root.Mkdir(o.staging, 0o755); err != nil {
		o.Release()
		return nil, o.pathError("creating the staging folder", err)
	}
	o.syncq = make(chan *os.File, 2*syncers)
	for range syncers {
		o.syncing.Add(1)
		go o.syncer()
	}
	return o, nil
}

// Lock opens the existing output folder dir, which must carry our
// marker, locks it, and completes or rolls back whatever an interrupted
// build left there. It stages nothing: release it when done.
func Lock(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	if !hasMarker(root) {
		root.Close()
		return nil, notOursError(dir)
	}
	unlock, err := lock(root, dir)
	if err != nil {
		root.Close()
		return nil, err
	}
	o := &Folder{dir: dir, root: root, unlock: unlock, dirs: map[string]bool{}}
	if err := o.recover(); err != nil {
		o.Release()
		return nil, err
	}
	return o, nil
}

// Release unlocks the folder and closes the root, leaving everything on
// disk as it is.
func (o *Folder) Release() {
	o.unlock()
	o.root.Close()
}

// Close ends the build: a build that did not commit has its staging
// folder removed, so nothing published changes.
func (o *Folder) Close() {
	if o.syncq != nil {
		close(o.syncq)
		o.syncing.Wait()
		o.syncq = nil
	}
	if !o.committed {
		o.root.RemoveAll(o.staging)
	}
	o.Release()
}

// syncer fsyncs and closes staged files until the queue is closed.
func (o *Folder) syncer() {
	defer o.syncing.Done()
	for f := range o.syncq {
		if err := errors.Join(f.Sync(), f.Close()); err != nil {
			o.fail(err)
		}
	}
}

// fail records the first failed fsync; failed returns it.
func (o *Folder) fail(err error) {
	o.mu.Lock()
	if o.err == nil {
		o.err = err
	}
	o.mu.Unlock()
}

func (o *Folder) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// pathError names the output folder in an error from the root.
func (o *Folder) pathError(doing string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %s %s: %v", o.dir, doing, pe.Path, pe.Err)
	}
	return fmt.Errorf("%s: %s: %w", o.dir, doing, err)
}

// stageError reports that rel could not be staged: nothing published has
// changed.
func (o *Folder) stageError(rel string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: cannot write %s (%w); the published files are unchanged", o.dir, rel, err)
}

// Put stages one file of the build. A file with the same bytes as the
// published one is not staged: the switch leaves it alone. put is safe
// for concurrent use and keeps nothing of data. It returns the identity
// the file will have once published (a rename keeps it), for the cache.
func (o *Folder) Put(rel string, data []byte) (FileID, error) {
	if err := o.failed(); err != nil {
		return FileID{}, err
	}
	if !SafeRel(rel) {
		return FileID{}, fmt.Errorf("%s: %q is not a path inside the output folder", o.dir, rel)
	}
	if id, same := o.samePublished(rel, data); same {
		return id, nil
	}
	if err := o.stageDir(path.Dir(rel)); err != nil {
		return FileID{}, err
	}
	f, err := o.root.OpenFile(path.Join(o.staging, rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return FileID{}, o.stageError(rel, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return FileID{}, o.stageError(rel, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return FileID{}, o.stageError(rel, err)
	}
	o.mu.Lock()
	o.changed = append(o.changed, rel)
	o.mu.Unlock()
	o.syncq <- f
	return IDOf(st), nil
}

// stageDir checks, once per folder, that the published folder dir is
// reached through real folders only, and creates it in the staging folder.
func (o *Folder) stageDir(dir string) error {
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
		return o.stageError(dir, err)
	}
	o.mu.Lock()
	o.dirs[dir] = true
	o.mu.Unlock()
	return nil
}

// compareBufs are samePublished's buffers.
var compareBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// samePublished reports whether the published file rel is a regular file
// holding exactly data, and gives its identity.
func (o *Folder) samePublished(rel string, data []byte) (FileID, bool) {
	st, err := o.root.Lstat(rel)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return FileID{}, false
	}
	f, err := o.root.Open(rel)
	if err != nil {
		return FileID{}, false
	}
	defer f.Close()
	// Compared byte for byte as it is read: hashing both cost more.
	buf := compareBufs.Get().(*[]byte)
	defer compareBufs.Put(buf)
	for rest := data; ; {
		n, err := f.Read(*buf)
		if n > len(rest) || !bytes.Equal((*buf)[:n], rest[:n]) {
			return FileID{}, false
		}
		rest = rest[n:]
		if err == io.EOF && len(rest) == 0 {
			break
		}
		if err != nil {
			return FileID{}, false
		}
	}
	// The file read is the one checked: nothing replaced it in between.
	if fst, err := f.Stat(); err != nil || !os.SameFile(st, fst) {
		return FileID{}, false
	}
	return IDOf(st), true
}

// Commit stages the index, the manifest m (its files sorted by path) and,
// when records is not nil, the cache's records it returns (given the
// identities the manifest and the index will have), checks that the
// switch can be made (every folder on the way real and writable, no folder
// where a file goes), writes the journal and applies it. It returns how
// many files of the previous build it removed. Until the journal is in
// place nothing published has changed; after that, an error leaves the
// journal for the next build to complete.
func (o *Folder) Commit(m Manifest, index []byte, records func(manifest, index Published) []byte) (int, error) {
	m.Files = slices.Clone(m.Files)
	slices.SortFunc(m.Files, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return 0, err
	}
	indexID, err := o.Put(IndexName, index)
	if err != nil {
		return 0, err
	}
	data = append(data, '\n')
	manifestID, err := o.Put(ManifestName, data)
	if err != nil {
		return 0, err
	}
	if records != nil {
		rec := records(Published{manifestID, sha256.Sum256(data)}, Published{indexID, sha256.Sum256(index)})
		if _, err := o.Put(RecordsName, rec); err != nil {
			return 0, err
		}
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
	for _, e := range o.old {
		if made[e.Path] || !SafeRel(e.Path) {
			continue
		}
		// Only a file that is still the one the previous build wrote is
		// removed: anything else there is reported and kept.
		switch o.matches(e.Path, e.SHA256) {
		case matchSame:
			j.Remove = append(j.Remove, stale{Path: e.Path, SHA256: e.SHA256})
		case matchDiffers:
			o.kept = append(o.kept, e.Path)
		}
	}
	if len(j.Moves) == 0 && len(j.Remove) == 0 {
		return 0, nil
	}
	if err := o.check(j); err != nil {
		return 0, err
	}
	if err := o.writeJournal(j); err != nil {
		if o.committed {
			return 0, fmt.Errorf("%s: %w; the next build completes the switch", o.dir, err)
		}
		return 0, err
	}
	removed, err := o.apply(j)
	if err != nil {
		return removed, fmt.Errorf("%s: the switch to the new build stopped: %w; the next build completes it", o.dir, err)
	}
	if err := o.root.Remove(JournalName); err != nil {
		return removed, o.pathError("removing", err)
	}
	return removed, o.syncDirs([]string{"."})
}

// match is what matches found of a file of the previous build.
type match int

const (
	matchGone    match = iota // no regular file there (or behind a link): nothing to remove
	matchSame                 // a regular file with the recorded bytes
	matchDiffers              // something else: not ours to remove
)

// matches compares the file at rel, reached through real folders, with
// the hex SHA-256 sum the previous manifest recorded for it.
func (o *Folder) matches(rel, sum string) match {
	if _, err := o.realDirs(path.Dir(rel)); err != nil {
		return matchGone
	}
	st, err := o.root.Lstat(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return matchGone
	}
	if err != nil || !st.Mode().IsRegular() {
		return matchDiffers
	}
	got, _, ok := o.Hash(rel, st)
	if !ok {
		return matchDiffers
	}
	if hex := fmt.Sprintf("%x", got); len(sum) != len(hex) || !strings.EqualFold(hex, sum) {
		return matchDiffers
	}
	return matchSame
}

// readManifest reads the published manifest; an absent or unreadable one
// lists nothing.
func (o *Folder) readManifest() Manifest {
	var m Manifest
	if st, err := o.root.Lstat(ManifestName); err == nil && st.Mode().IsRegular() {
		if data, err := o.root.ReadFile(ManifestName); err == nil {
			_ = json.Unmarshal(data, &m)
		}
	}
	return m
}

// SafeRel reports whether a manifest path names a file inside the output
// folder: slash-separated, relative, with no "." or ".." element.
func SafeRel(p string) bool {
	return fs.ValidPath(p) && p != "." && !strings.Contains(p, `\`)
}

// lock takes an exclusive lock on the output folder, so two builds into
// one folder never interleave their files.
func lock(root *os.Root, dir string) (func(), error) {
	f, err := root.OpenFile(LockName, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot create the lock file: %w", dir, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}

// ReplaceRecords writes the cache's records file (RecordsName) anew, atomically: through a
// staging folder (which the next open removes if this is stopped) and a
// rename.
func (o *Folder) ReplaceRecords(data []byte) {
	dir := fmt.Sprintf("%s%d-cache", StagingPrefix, os.Getpid())
	tmp := path.Join(dir, "records")
	defer o.root.RemoveAll(dir)
	if err := o.root.Mkdir(dir, 0o755); err != nil {
		return
	}
	f, err := o.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	if errors.Join(werr, f.Sync(), f.Close()) != nil {
		return
	}
	if _, err := o.realDirs(path.Dir(RecordsName)); err != nil {
		return
	}
	if o.root.Rename(tmp, RecordsName) == nil {
		o.syncDirs([]string{path.Dir(RecordsName)})
	}
}
