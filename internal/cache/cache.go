// Package cache is the incremental build's cache: the key of every file
// of the matrix (what it is made from), the records of the files a build
// published, and whether a published file, or a whole output folder, can
// be kept without rendering it again. It may import the standard library,
// internal/content (the catalogue, to group the inputs) and
// internal/output (the folder it reads, the identities of published
// files), and the embedded sources that name the program (program.go); it
// renders nothing and writes only its records file, through
// internal/output.
//
// The cache lives in the output folder, at .cache/records
// (output.RecordsName): one
// record for every file the matrix made there, with the key of what it
// was made from, the file's hash, size and page count, and the identity
// (device, inode, size, modification time) of the published file, and
// the change time it had when its bytes were last hashed and found to be
// the recorded ones (0 until then). A rebuild reuses a published file,
// without rendering it, when its key is the one recorded and the file on
// disk is provably the one recorded: its identity is the recorded one,
// and either its change time is the verified one (no writer can set a
// change time back, so bytes changed in place with the size and
// modification time restored give another), or it is a file the last
// build wrote whose change time is not later than the records file's (see
// Fresh), or, on any other doubt, its bytes hash to the recorded
// sum. A record that disagrees with the file is dropped and
// the file rendered again. The records end with the SHA-256 of the lines
// above them, so a record edited by hand (another sum, another size) drops
// the whole cache rather than reaching the manifest. Why there and not in a .cache/
// folder of the project: a record only says "the published file at this
// path was made from these inputs", so it must live and die with that
// folder (removing output/ removes the cache; another -out has its own);
// it is written by the same journal switch as the files it describes, so
// after a crash the two cannot disagree; and it is read and written under
// the output folder's lock. It stores no file contents, so it costs
// about 200 bytes a file, and it holds no patient data: one-off files are
// made in memory and never pass through Build.
//
// A key is the SHA-256 of:
//
//   - the cache format and the program's version (see programVersion);
//   - the "global" inputs: every file of layouts/ and fonts/ (the HTML
//     templates, the print style sheet default.yaml, the fonts), and every
//     file of content/ not named below (spelling.yaml, for instance);
//   - the brand: content/brands/<id>.* (the brand file and its
//     translations), its logo, and layouts/pdf/<id>.yaml;
//   - the skin type and the area: content/skin/<id>.*, content/area/<id>.*;
//   - the treatment: every file in content/treatments/<id>/ that is not a
//     handout's Markdown (treatment.yaml and its translations, images);
//   - the handout: content/treatments/<id>/<stem>.*.md (the source and its
//     translations), where <stem> is the name of the file the job renders;
//   - the file itself: its path (brand, language, treatment, skin type,
//     area, kind and extension) and format.
//
// Each input is hashed from its bytes, so a key is computed without
// rendering: a no-change rebuild of 23,000 files reads the inputs (a few
// hundred small files) and stats the published files. A file that is in
// no group above is global, so a new kind of input costs a full rebuild,
// never a stale file. The byte-identical tests (internal/project: TestIncrementalMatchesClean)
// check the grouping against clean builds after edits of every kind.
//
// The inputs are read (snapshot) before the project is loaded, and again
// after every file has rendered. A file that changed in between (its
// bytes, or its inode, size or change time, which no writer can set back)
// makes every job that depends on it unrecorded, so a file rendered from
// bytes other than those its key was computed from is never reused.
package cache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"handouts/internal/content"
	"handouts/internal/output"
)

// Fresh marks the record of a file the build that wrote the
// records made: the switch renames it into place before the records file
// (switchOrder), and a rename sets a file's change time, so while its
// change time is earlier than the records file's, its bytes are the ones
// written; a change since gives a later one (no writer can set a change
// time back). Such a file needs no hashing on the next run.
const Fresh = -1

// trusted reports, without reading the file, whether the published file
// fi is the one record r describes: verified at its present change time,
// or fresh and changed before the records file (whose change time is
// recordsCtime; 0 when unknown).
func (r Record) trusted(fi fs.FileInfo, recordsCtime int64) bool {
	ct := output.StatOf(fi).Ctime
	switch {
	case ct == 0:
		return false // no change times here: always hash
	case r.Verified > 0:
		return r.Verified == ct
	case r.Verified == Fresh:
		// Not later: a rename in the same clock tick as the records'
		// has the same change time.
		return recordsCtime != 0 && ct <= recordsCtime
	}
	return false
}

// cacheFormat opens the cache file; a file that does not start with it is
// ignored (and replaced by the next build).
const cacheFormat = "handouts-cache 3"

// Record is what the cache knows of one published file.
type Record struct {
	Key   [32]byte // what it was made from
	Sum   [32]byte // its bytes' SHA-256, as the manifest gives it
	Bytes int
	Pages int
	ID    output.FileID // the published file's identity when it was written
	// Verified is the file's change time (ns) when its bytes were last
	// hashed and found to be Sum; Fresh for a file this build
	// wrote; 0 when neither.
	Verified int64
	Path     string
}

// State is the cache file's second line: what the last build that
// wrote it knew of the whole folder. When its inputs digest is that of the
// inputs now, and every published file (the manifest and the index too) is
// as it was written, the folder is up to date as a whole, and a build
// need not even load the content (see UpToDate).
type State struct {
	Inputs          string // InputsDigest, or "-" when the build had an input change under it or files it did not record
	Files           int    // the records: one for every file of the manifest
	Manifest, Index output.Published
}

// Cache is the cache of one build: the records read from the output
// folder, and the keys of this build's files.
type Cache struct {
	records map[string]Record // by path; empty with -clean
	ctime   int64             // the records file's change time, for fresh records
	version [32]byte          // ProgramVersion
	ok      bool              // the version is known: keys can be made and records kept
	groups  map[string][32]byte
}

// Open makes the keys of the inputs (read before the catalogue cat was
// loaded from them; nil when they were not read) and reads the records
// kept in the output folder o, unless clean.
func Open(o *output.Folder, inputs Snapshot, cat *content.Catalog, clean bool) *Cache {
	c := &Cache{records: map[string]Record{}}
	var kept map[string]Record
	if data, err := o.ReadFile(output.RecordsName); err == nil {
		_, _, kept = ParseRecords(data)
		if fi, err := o.Lstat(output.RecordsName); err == nil {
			c.ctime = output.StatOf(fi).Ctime
		}
	}
	c.version, c.ok = ProgramVersion()
	if !c.ok || inputs == nil {
		c.ok = false
		return c
	}
	c.groups = groupSums(inputs, cat)
	if !clean {
		c.records = kept
	}
	return c
}

// Keys is a cache with no records that makes keys for the program
// version: for records made elsewhere (the shards an assembly joins).
func Keys(version [32]byte, inputs Snapshot, cat *content.Catalog) *Cache {
	return &Cache{version: version, ok: true, groups: groupSums(inputs, cat)}
}

// OK reports whether keys can be made and records kept: the program's
// version is known and the inputs were read.
func (c *Cache) OK() bool { return c.ok }

// Version is the program's version the keys are made with.
func (c *Cache) Version() [32]byte { return c.version }

// Forget drops the records read from the folder, once every file has been
// looked up (Reuse).
func (c *Cache) Forget() { c.records = nil }

// Key is the key of the file at path (in the output folder) made as
// kind in format from env.
func (c *Cache) Key(env *content.Env, kind content.Kind, format content.Format, path string) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%x\n", cacheFormat, c.version)
	for _, g := range groups(env, kind) {
		s := c.groups[g]
		fmt.Fprintf(h, "%s %x\n", g, s)
	}
	fmt.Fprintf(h, "%s %s %s\n", path, kind, format)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// Reuse returns the record of the published file at path when it
// was made from key and is provably still on disk as it was written: its
// identity and verified change time are the recorded ones, or its bytes
// hash to the recorded sum (the record then notes the change time as
// verified).
func (c *Cache) Reuse(o *output.Folder, path string, key [32]byte) (Record, bool) {
	r, ok := c.records[path]
	if !ok || r.Key != key {
		return Record{}, false
	}
	st, err := o.Lstat(path)
	if err != nil || !st.Mode().IsRegular() || output.IDOf(st) != r.ID || st.Size() != int64(r.Bytes) {
		return Record{}, false
	}
	if !r.trusted(st, c.ctime) && !hashIs(o, path, st, r.Sum) {
		return Record{}, false
	}
	r.Verified = output.StatOf(st).Ctime
	return r, true
}

// hashed counts the published files hashed to check a record.
var hashed atomic.Int64

// Hashed is how many published files this process has hashed to check a
// record (for the tests: a no-change run after a build hashes none of its
// handouts).
func Hashed() int64 { return hashed.Load() }

// hashIs reports whether the published file rel, whose Lstat is st, holds
// bytes whose SHA-256 is sum (and is still the file st describes).
func hashIs(o *output.Folder, rel string, st fs.FileInfo, sum [32]byte) bool {
	hashed.Add(1)
	got, fst, ok := o.Hash(rel, st)
	return ok && output.StatOf(fst) == output.StatOf(st) && got == sum
}

// groups names the groups of inputs a file made as kind from env is made
// from (see the package's notes above).
func groups(env *content.Env, kind content.Kind) []string {
	stem := ""
	if h := env.Treatment.Handout(kind); h != nil {
		stem = fileStem(path.Base(h.Path))
	}
	return []string{
		"global",
		"brand:" + env.Brand.ID,
		"skin:" + env.Skin.ID,
		"area:" + env.Area.ID,
		"treatment:" + env.Treatment.ID,
		"handout:" + env.Treatment.ID + "/" + stem,
	}
}

// fileStem is a file name up to its first dot: harbor for harbor.es.yaml.
func fileStem(name string) string {
	stem, _, _ := strings.Cut(name, ".")
	return stem
}

// groupOf names the group of inputs the snapshot path p belongs to.
func groupOf(c *content.Catalog, p string) string {
	switch {
	case strings.HasPrefix(p, "content/"):
		rel := strings.TrimPrefix(p, "content/")
		dir, name := path.Split(rel)
		stem := fileStem(name)
		switch dir {
		case "brands/":
			if c.Brand(stem) != nil {
				return "brand:" + stem
			}
		case "skin/":
			if c.Skin(stem) != nil {
				return "skin:" + stem
			}
		case "area/":
			if c.Area(stem) != nil {
				return "area:" + stem
			}
		}
		parts := strings.SplitN(rel, "/", 3)
		if len(parts) == 3 && parts[0] == "treatments" {
			t := c.Treatment(parts[1])
			if t == nil {
				break
			}
			if !strings.Contains(parts[2], "/") && strings.HasSuffix(name, ".md") {
				for _, h := range t.AllHandouts() {
					if fileStem(path.Base(h.Path)) == stem {
						return "handout:" + t.ID + "/" + stem
					}
				}
			}
			return "treatment:" + t.ID
		}
	case strings.HasPrefix(p, "layouts/pdf/"):
		name := strings.TrimPrefix(p, "layouts/pdf/")
		if stem, ok := strings.CutSuffix(name, ".yaml"); ok && stem != "default" && c.Brand(stem) != nil {
			return "brand:" + stem
		}
	}
	return "global"
}

// groupFiles lists the snapshot's paths in each group, sorted. A brand's
// group also holds its logo, which another brand's file may name.
func groupFiles(s Snapshot, c *content.Catalog) map[string][]string {
	out := map[string][]string{}
	for p := range s {
		g := groupOf(c, p)
		out[g] = append(out[g], p)
	}
	for _, b := range c.Brands {
		g := "brand:" + b.ID
		out[g] = append(out[g], "content/brands/"+b.Logo)
	}
	for g := range out {
		slices.Sort(out[g])
		out[g] = slices.Compact(out[g])
	}
	return out
}

// groupSums hashes each group of inputs: its files' paths and bytes.
func groupSums(s Snapshot, c *content.Catalog) map[string][32]byte {
	out := map[string][32]byte{}
	for g, paths := range groupFiles(s, c) {
		h := sha256.New()
		for _, p := range paths {
			st, ok := s[p]
			if !ok {
				fmt.Fprintf(h, "%s missing\n", p)
				continue
			}
			fmt.Fprintf(h, "%s %x\n", p, st.Sum)
		}
		var sum [32]byte
		h.Sum(sum[:0])
		out[g] = sum
	}
	return out
}

// unstable names the groups with a file that changed between two
// snapshots (its bytes or its identity), or that appeared or went.
func Unstable(before, after Snapshot, c *content.Catalog) map[string]bool {
	changed := map[string]bool{}
	for p, st := range before {
		if st2, ok := after[p]; !ok || st2 != st {
			changed[p] = true
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			changed[p] = true
		}
	}
	out := map[string]bool{}
	if len(changed) == 0 {
		return out
	}
	for _, s := range []Snapshot{before, after} {
		for g, paths := range groupFiles(s, c) {
			for _, p := range paths {
				if changed[p] {
					out[g] = true
				}
			}
		}
	}
	return out
}

// Stable reports whether none of the groups a file made as kind from env
// is made from is in bad (Unstable).
func Stable(env *content.Env, kind content.Kind, bad map[string]bool) bool {
	for _, g := range groups(env, kind) {
		if bad[g] {
			return false
		}
	}
	return true
}

// FormatRecords writes the cache file: the format and program line, the
// build's state, then one line per record, sorted by path, and last the
// SHA-256 of the lines from the state on (see recordsEnd).
func FormatRecords(version [32]byte, st State, recs []Record) []byte {
	var head, b bytes.Buffer
	fmt.Fprintf(&head, "%s %x\n", cacheFormat, version)
	m, x := st.Manifest.ID, st.Index.ID
	fmt.Fprintf(&b, "build %s %d %d %d %d %d %d %d %d %d %x %x\n", st.Inputs, st.Files, m.Dev, m.Ino, m.Size, m.Mtime, x.Dev, x.Ino, x.Size, x.Mtime, st.Manifest.Sum, st.Index.Sum)
	slices.SortFunc(recs, func(a, b Record) int { return strings.Compare(a.Path, b.Path) })
	for _, r := range recs {
		fmt.Fprintf(&b, "%x %x %d %d %d %d %d %d %d %s\n", r.Key, r.Sum, r.Pages, r.Bytes, r.ID.Dev, r.ID.Ino, r.ID.Size, r.ID.Mtime, r.Verified, r.Path)
	}
	fmt.Fprintf(&b, "%s %x\n", recordsEnd, sha256.Sum256(b.Bytes()))
	head.Write(b.Bytes())
	return head.Bytes()
}

// recordsEnd opens the cache file's last line: the SHA-256 of the lines
// between the program line and it.
const recordsEnd = "end"

// ParseRecords reads a cache file: its program line, the build's state
// and its records. A file in another format, or with a malformed line,
// gives none.
func ParseRecords(data []byte) (string, State, map[string]Record) {
	var st State
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), cacheFormat+" ") {
		return "", st, nil
	}
	header := sc.Text()
	if len(data) <= len(header)+1 {
		return "", st, nil
	}
	// The lines after the header, up to the end line, must hash to it.
	body := data[len(header)+1:]
	last := bytes.LastIndex(bytes.TrimSuffix(body, []byte("\n")), []byte("\n"))
	endLine := string(bytes.TrimSuffix(body[last+1:], []byte("\n")))
	body = body[:last+1]
	if sum := sha256.Sum256(body); last < 0 || endLine != fmt.Sprintf("%s %x", recordsEnd, sum) {
		return "", st, nil
	}
	sc = bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if !sc.Scan() {
		return "", st, nil
	}
	f := strings.Fields(sc.Text())
	if len(f) != 13 || f[0] != "build" {
		return "", st, nil
	}
	n, ok := numbers(f[2:11])
	msum, err1 := hex.DecodeString(f[11])
	isum, err2 := hex.DecodeString(f[12])
	if !ok || err1 != nil || err2 != nil || len(msum) != 32 || len(isum) != 32 {
		return "", st, nil
	}
	st = State{Inputs: f[1], Files: int(n[0]),
		Manifest: output.Published{ID: output.FileID{Dev: uint64(n[1]), Ino: uint64(n[2]), Size: n[3], Mtime: n[4]}},
		Index:    output.Published{ID: output.FileID{Dev: uint64(n[5]), Ino: uint64(n[6]), Size: n[7], Mtime: n[8]}}}
	copy(st.Manifest.Sum[:], msum)
	copy(st.Index.Sum[:], isum)
	out := map[string]Record{}
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 10)
		if len(f) != 10 || !output.SafeRel(f[9]) {
			return "", st, nil
		}
		var r Record
		k, err1 := hex.DecodeString(f[0])
		sum, err2 := hex.DecodeString(f[1])
		n, ok := numbers(f[2:9])
		if err1 != nil || err2 != nil || len(k) != 32 || len(sum) != 32 || !ok {
			return "", st, nil
		}
		copy(r.Key[:], k)
		copy(r.Sum[:], sum)
		r.Path = f[9]
		r.Pages, r.Bytes = int(n[0]), int(n[1])
		r.ID = output.FileID{Dev: uint64(n[2]), Ino: uint64(n[3]), Size: n[4], Mtime: n[5]}
		r.Verified = n[6]
		out[r.Path] = r
	}
	if sc.Err() != nil {
		return "", st, nil
	}
	return header, st, out
}

// numbers parses decimal integers.
func numbers(f []string) ([]int64, bool) {
	out := make([]int64, len(f))
	for i, s := range f {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// InputsDigest names everything a whole build is made from: every input
// file's bytes, the program's version, and the choice of brands and shard
// ("i/n", or "" for the whole matrix).
func InputsDigest(s Snapshot, version [32]byte, brands []string, shard string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%x\nbrands %q\nshard %s\n", cacheFormat, version, brands, shard)
	paths := make([]string, 0, len(s))
	for p := range s {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		fmt.Fprintf(h, "%s %x\n", p, s[p].Sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// UpToDate reports whether the output folder out is exactly what a build
// of inputs s for brands and shard (InputsDigest) would make: its cache
// says the last build was made from the same inputs and program, with
// every file recorded, and every published file, the manifest and the
// index are still as that build wrote them. It then returns that build's
// files, sorted by path, with their brands and pages. It takes the
// folder's lock, and completes an interrupted switch first.
func UpToDate(out string, s Snapshot, brands []string, shard string) ([]output.Entry, bool) {
	if st, err := os.Stat(out); err != nil || !st.IsDir() {
		return nil, false
	}
	o, err := output.Lock(out)
	if err != nil {
		return nil, false
	}
	defer o.Release()
	data, err := o.ReadFile(output.RecordsName)
	if err != nil {
		return nil, false
	}
	_, st, recs := ParseRecords(data)
	var recordsCtime int64
	if fi, err := o.Lstat(output.RecordsName); err == nil {
		recordsCtime = output.StatOf(fi).Ctime
	}
	version, ok := ProgramVersion()
	if !ok || recs == nil || st.Inputs != InputsDigest(s, version, brands, shard) || st.Files != len(recs) {
		return nil, false
	}
	// The manifest and the index are hashed (two files): their change
	// times are set by the switch after the records are written.
	same := func(name string, p output.Published) bool {
		fi, err := o.Lstat(name)
		return err == nil && fi.Mode().IsRegular() && output.IDOf(fi) == p.ID && hashIs(o, name, fi, p.Sum)
	}
	if !same(output.ManifestName, st.Manifest) || !same(output.IndexName, st.Index) {
		return nil, false
	}
	entries := make([]output.Entry, 0, len(recs))
	verified := false
	for p, r := range recs {
		// A file counts when it is verified by its hash at its present
		// change time; one not verified since it was written (or with
		// another change time) is hashed now.
		fi, err := o.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() || output.IDOf(fi) != r.ID || fi.Size() != int64(r.Bytes) {
			return nil, false
		}
		if ct := output.StatOf(fi).Ctime; ct != r.Verified {
			if !r.trusted(fi, recordsCtime) && !hashIs(o, p, fi, r.Sum) {
				return nil, false
			}
			r.Verified, verified = ct, true
			recs[p] = r
		}
		brand, _, _ := strings.Cut(p, "/")
		entries = append(entries, output.Entry{Path: p, Brand: brand, Pages: r.Pages})
	}
	slices.SortFunc(entries, func(a, b output.Entry) int { return strings.Compare(a.Path, b.Path) })
	if verified {
		// Noted, so the next run need not hash them again; a failure
		// only costs that run the hashing.
		list := make([]Record, 0, len(recs))
		for _, r := range recs {
			list = append(list, r)
		}
		o.ReplaceRecords(FormatRecords(version, st, list))
	}
	return entries, true
}

// Snapshot is the state of every input file: content/, layouts/ and
// fonts/, by path under those names ("content/brands/harbor.yaml").
// Names starting with a dot are left out, as the loader leaves them.
type Snapshot map[string]FileState

// FileState is one input file: the hash of its bytes (or of why it could
// not be read) and its identity on disk (zero for the built-in copies).
type FileState struct {
	Sum [32]byte
	ID  output.StatID
}

// TakeSnapshot reads every input file of the three input folders (nil
// for one not given).
func TakeSnapshot(contentFS, layoutsFS, fontsFS fs.FS) Snapshot {
	s := Snapshot{}
	for _, tree := range []struct {
		name string
		fsys fs.FS
	}{{"content", contentFS}, {"layouts", layoutsFS}, {"fonts", fontsFS}} {
		if tree.fsys == nil {
			continue
		}
		fs.WalkDir(tree.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			key := tree.name + "/" + p
			if err != nil {
				s[key] = FileState{Sum: sha256.Sum256([]byte("unreadable: " + err.Error()))}
				return nil
			}
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.IsDir():
			case !d.Type().IsRegular():
				// Never opened: a named pipe would block. The loader
				// refuses it by name.
				s[key] = FileState{Sum: sha256.Sum256([]byte("not a regular file: " + d.Type().String()))}
			default:
				s[key] = readState(tree.fsys, p)
			}
			return nil
		})
	}
	return s
}

// maxInput is the largest input file the loader reads (a font); a larger
// one is refused by the loader, so it is not read, only its size noted.
const maxInput = content.MaxFontFileSize

// readState hashes one input file, and takes its identity from the same
// open file.
func readState(fsys fs.FS, p string) FileState {
	fail := func(err error) FileState {
		return FileState{Sum: sha256.Sum256([]byte("unreadable: " + err.Error()))}
	}
	f, err := fsys.Open(p)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if !st.Mode().IsRegular() {
		return fail(fmt.Errorf("not a regular file (%v)", st.Mode()))
	}
	if st.Size() > maxInput {
		return fail(fmt.Errorf("%d bytes, over the largest input file", st.Size()))
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, maxInput)); err != nil {
		return fail(err)
	}
	fmt.Fprintf(h, "%d", st.Size())
	var out FileState
	h.Sum(out.Sum[:0])
	out.ID = output.StatOf(st)
	return out
}
