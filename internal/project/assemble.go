package project

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"handouts/internal/cache"
	"handouts/internal/output"
)

// maxManifest is the largest manifest Assemble reads (a shard of a
// 46,000-file library lists about 10 MB).
const maxManifest = 256 << 20

// shardDir is one shard's output folder, opened for Assemble.
type shardDir struct {
	dir     string
	root    *os.Root
	m       output.Manifest
	records map[string]cache.Record
}

// Assemble joins the output folders of the shards of one matrix (each
// built with Config.Shard) into the output folder out, with one manifest
// and one index, through the same staging and journal switch as Build.
// It refuses, naming them, shards of different matrices or of a matrix
// other than p's, a shard given twice or missing, a file in two shards
// (an overlap), a file of the matrix in none (a gap), and a file that is
// not the one its shard's manifest lists. The cache's records of the
// shards come along, so a later Build into out renders only what has
// changed since.
func (p *Project) Assemble(dirs []string, out string, cfg Config) (Summary, error) {
	start := time.Now()
	if len(dirs) == 0 {
		return Summary{}, fmt.Errorf("no shard folders to assemble")
	}
	shards := make([]*shardDir, 0, len(dirs))
	defer func() {
		for _, s := range shards {
			s.root.Close()
		}
	}()
	for _, d := range dirs {
		s, err := openShard(d)
		if err != nil {
			return Summary{}, err
		}
		shards = append(shards, s)
	}
	jobs, err := p.checkShards(shards)
	if err != nil {
		return Summary{}, err
	}
	o, err := output.Open(out)
	if err != nil {
		return Summary{}, err
	}
	defer o.Close()
	entries, recs, err := copyShards(o, shards, jobs, cfg.Jobs)
	if err != nil {
		return Summary{}, err
	}
	index, err := p.Index(entries)
	if err != nil {
		return Summary{}, err
	}
	removed, err := o.Commit(output.Manifest{Files: entries}, index, p.assembledRecords(shards, jobs, entries, recs))
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Files: len(entries), Removed: removed, Kept: o.Kept(), Reused: len(entries)}
	for _, e := range entries {
		sum.Pages += e.Pages
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// copyShards stages every file of jobs from the shard that made it, n at
// once (4 when n is 0), and returns the manifest's entries in job order
// with the shards' cache records of the files whose bytes they describe.
func copyShards(o output.Transaction, shards []*shardDir, jobs []job, n int) ([]output.Entry, []cache.Record, error) {
	from := map[string]*shardDir{}
	byPath := map[string]output.Entry{}
	for _, s := range shards {
		for _, e := range s.m.Files {
			from[e.Path] = s
			byPath[e.Path] = e
		}
	}
	entries := make([]output.Entry, len(jobs))
	recs := make([]cache.Record, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	if n <= 0 {
		n = 4 // reading and writing: a few at once
	}
	for range n {
		wg.Go(func() {
			for i := range next {
				e := byPath[jobs[i].path]
				s := from[e.Path]
				data, err := s.read(e)
				if err == nil {
					var id output.FileID
					if id, err = o.Put(e.Path, data); err == nil {
						entries[i] = e
						if r, ok := s.records[e.Path]; ok && hex.EncodeToString(r.Sum[:]) == e.SHA256 && r.Bytes == e.Bytes && r.Pages == e.Pages {
							r.ID, r.Verified = id, 0
							recs[i] = r
						}
					}
				}
				errs[i] = err
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return entries, recs, joinErrors(errs)
}

// assembledRecords returns what commit writes as the assembled folder's
// cache records (nil when the program has no version to key them by):
// the shards' records that still describe their files, and the inputs'
// digest when every file was made from the content as it is now by this
// program, as a build of the whole matrix would record it.
func (p *Project) assembledRecords(shards []*shardDir, jobs []job, entries []output.Entry, recs []cache.Record) func(manifest, index output.Published) []byte {
	version, ok := cache.ProgramVersion()
	if !ok {
		return nil
	}
	var keep []cache.Record
	for _, r := range recs {
		if r.Path != "" {
			keep = append(keep, r)
		}
	}
	st := cache.State{Inputs: "-", Files: len(keep)}
	if len(keep) == len(entries) && p.inputs != nil {
		c := cache.Keys(version, p.inputs, p.Catalog)
		current := true
		for i, j := range jobs {
			current = current && recs[i].Key == j.key(c)
		}
		if current {
			st.Inputs = cache.InputsDigest(p.inputs, version, jobsBrands(shards), "")
		}
	}
	return func(manifest, index output.Published) []byte {
		st.Manifest, st.Index = manifest, index
		return cache.FormatRecords(version, st, keep)
	}
}

// jobsBrands is the -brand choice the shards were built with.
func jobsBrands(shards []*shardDir) []string { return shards[0].m.Shard.Brands }

// openShard opens a shard's output folder and reads its manifest, which
// must say which shard it is.
func openShard(dir string) (*shardDir, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open the shard's folder: %v", dir, err)
	}
	s := &shardDir{dir: dir, root: root}
	fail := func(format string, a ...any) (*shardDir, error) {
		root.Close()
		return nil, fmt.Errorf("%s: %s", filepath.Join(dir, output.ManifestName), fmt.Sprintf(format, a...))
	}
	st, err := root.Lstat(output.ManifestName)
	switch {
	case err != nil:
		return fail("cannot read it (%v); give the output folder of a build made with -shard i/n", err)
	case !st.Mode().IsRegular():
		return fail("not a regular file")
	case st.Size() > maxManifest:
		return fail("%d bytes, larger than any manifest", st.Size())
	}
	data, err := root.ReadFile(output.ManifestName)
	if err != nil {
		return fail("cannot read it (%v)", err)
	}
	if err := json.Unmarshal(data, &s.m); err != nil {
		return fail("not a manifest (%v)", err)
	}
	if s.m.Shard == nil {
		return fail("not a shard's manifest (it has no \"shard\"); build each part with handouts build -shard i/n")
	}
	if data, err := root.ReadFile(output.RecordsName); err == nil {
		_, _, s.records = cache.ParseRecords(data)
	}
	return s, nil
}

// read reads the file e of the shard, which must be the one its
// manifest lists.
func (s *shardDir) read(e output.Entry) ([]byte, error) {
	name := filepath.Join(s.dir, filepath.FromSlash(e.Path))
	st, err := s.root.Lstat(e.Path)
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: listed in %s but not a file there; build %s again", name, s.m.Shard, s.m.Shard)
	}
	if st.Size() != int64(e.Bytes) {
		return nil, fmt.Errorf("%s: %d bytes, but its manifest lists %d; build %s again", name, st.Size(), e.Bytes, s.m.Shard)
	}
	data, err := s.root.ReadFile(e.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != e.SHA256 {
		return nil, fmt.Errorf("%s: not the file its manifest lists (its SHA-256 differs); build %s again", name, s.m.Shard)
	}
	return data, nil
}

// checkShards checks that shards are each part of p's matrix once, and
// together all of it with no file twice. It returns the matrix.
func (p *Project) checkShards(shards []*shardDir) ([]job, error) {
	first := shards[0].m.Shard
	byIndex := map[int]*shardDir{}
	for _, s := range shards {
		sh := s.m.Shard
		if sh.Count != first.Count || sh.Matrix != first.Matrix || sh.Files != first.Files || !slices.Equal(sh.Brands, first.Brands) {
			return nil, fmt.Errorf("%s is %s of a matrix of %d files, %s is %s of another (%d files); assemble the shards of one build", s.dir, sh, sh.Files, shards[0].dir, first, first.Files)
		}
		if sh.Index < 1 || sh.Index > sh.Count {
			return nil, fmt.Errorf("%s: %s is not a shard of %d", s.dir, sh, sh.Count)
		}
		if o := byIndex[sh.Index]; o != nil {
			return nil, fmt.Errorf("%s and %s are both %s; give each shard once", o.dir, s.dir, sh)
		}
		byIndex[sh.Index] = s
	}
	if err := sameInputs(shards); err != nil {
		return nil, err
	}
	var missing []string
	for i := 1; i <= first.Count; i++ {
		if byIndex[i] == nil {
			missing = append(missing, fmt.Sprintf("%d/%d", i, first.Count))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("shard %s missing: give the output folder of each build made with -shard i/%d", strings.Join(missing, ", "), first.Count)
	}
	jobs, err := p.Matrix(first.Brands)
	if err != nil {
		return nil, err
	}
	if matrixDigest(jobs) != first.Matrix || len(jobs) != first.Files {
		return nil, fmt.Errorf("the shards were built from a matrix of %d files, and this content makes another of %d files; assemble with the content the shards were built from", first.Files, len(jobs))
	}
	want := map[string]output.Entry{}
	for _, j := range jobs {
		want[j.path] = j.entry()
	}
	seen := map[string]*shardDir{}
	for _, s := range shards {
		for _, e := range s.m.Files {
			w, ok := want[e.Path]
			if !ok {
				return nil, fmt.Errorf("%s: %s lists %s, which is not a file of the matrix", s.dir, s.m.Shard, e.Path)
			}
			if o := seen[e.Path]; o != nil {
				return nil, fmt.Errorf("%s is in two shards: %s (%s) and %s (%s); assemble the shards of one build", e.Path, o.dir, o.m.Shard, s.dir, s.m.Shard)
			}
			seen[e.Path] = s
			got := e
			got.Pages, got.Bytes, got.SHA256 = 0, 0, ""
			if got != w {
				return nil, fmt.Errorf("%s: %s lists %s with other details than the matrix gives it; build %s again", s.dir, s.m.Shard, e.Path, s.m.Shard)
			}
		}
	}
	var gaps []string
	for _, j := range jobs {
		if seen[j.path] == nil {
			gaps = append(gaps, j.path)
		}
	}
	if len(gaps) > 0 {
		list := strings.Join(gaps[:min(len(gaps), 5)], ", ")
		if len(gaps) > 5 {
			list += fmt.Sprintf(" and %d more", len(gaps)-5)
		}
		what := fmt.Sprintf("%d files of the matrix are", len(gaps))
		if len(gaps) == 1 {
			what = "a file of the matrix is"
		}
		return nil, fmt.Errorf("%s in no shard: %s; build the shards again", what, list)
	}
	return jobs, nil
}

// sameInputs refuses shards that were not all built from the same
// inputs by the same program, naming each group of shards that agree.
func sameInputs(shards []*shardDir) error {
	groups := map[string][]string{}
	var order []string
	for _, s := range shards {
		d := s.m.Shard.Inputs
		if d == "" {
			return fmt.Errorf("%s: %s records no digest of its inputs, so nothing proves it was built from the same content and program as the others; build it again", s.dir, s.m.Shard)
		}
		if groups[d] == nil {
			order = append(order, d)
		}
		groups[d] = append(groups[d], fmt.Sprintf("%s (%s)", s.dir, s.m.Shard))
	}
	if len(order) == 1 {
		return nil
	}
	var parts []string
	for _, d := range order {
		parts = append(parts, strings.Join(groups[d], ", "))
	}
	return fmt.Errorf("the shards were built from different content or by different programs: %s; build every shard again from one content tree with one program", strings.Join(parts, " differ from "))
}

// CheckBaseURLs makes sure every brand that publishes its HTML (has a
// base_url) publishes it at site, the address the output folder will be
// served from (a Pages site): printed sheets carry QR codes to
// base_url/<path>, which lead to these files only there. A trailing slash
// makes no difference. It names every brand that differs.
func (p *Project) CheckBaseURLs(site string) error {
	site = strings.TrimSuffix(site, "/")
	var bad []string
	for _, b := range p.Catalog.Brands {
		if b.BaseURL != "" && strings.TrimSuffix(b.BaseURL, "/") != site {
			bad = append(bad, fmt.Sprintf("%s: base_url is %s, but the handouts are published at %s, so the QR codes on its printed sheets would lead nowhere; set base_url: %s (or publish this clinic's pages where its base_url says)", b.File, b.BaseURL, site, site))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s", strings.Join(bad, "\n"))
	}
	return nil
}
