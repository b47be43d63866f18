package project

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"handouts/internal/cache"
	"handouts/internal/content"
	"handouts/internal/output"
)

// Config is one build.
type Config struct {
	Brands []string  // only these brands; all when empty
	Jobs   int       // workers; the number of CPUs when 0
	Log    io.Writer // progress lines; nil for none
	Clean  bool      // render every file, ignoring the cache of earlier builds (its records are still written)
	Shard  Shard     // build only this part of the matrix; the zero Shard is all of it
}

// job is one file of the matrix. It is small (a library of 35,000 files
// keeps every job in memory while it renders): the variant's environment
// is shared by its files, and the manifest entry is made when needed.
type job struct {
	env    *content.Env
	kind   content.Kind
	format Format
	path   string // EntryPath
}

// request is what to render for j.
func (j job) request() Request {
	return Request{Env: *j.env, Kind: j.kind, Format: j.format.Name}
}

// key is j's key in the cache c.
func (j job) key(c *cache.Cache) [32]byte { return c.Key(j.env, j.kind, j.format.Name, j.path) }

// entry is j's manifest entry, without the rendered file's pages, size
// and hash.
func (j job) entry() output.Entry {
	env := j.env
	return output.Entry{
		Path:  j.path,
		Brand: env.Brand.ID, Lang: env.Lang.Tag, Treatment: env.Treatment.ID, Skin: env.Skin.ID, Area: env.Area.ID,
		Kind: string(j.kind), Format: string(j.format.Name), Paper: string(env.Brand.Paper),
		Short: ShortAddress(*env, j.kind),
	}
}

// Matrix lists the files of a full build in a fixed order.
func (p *Project) Matrix(brands []string) ([]job, error) {
	c := p.Catalog
	for _, id := range brands {
		if c.Brand(id) == nil {
			_, err := c.Env(id, "", "", "")
			return nil, err
		}
	}
	var jobs []job
	envs := c.Envs()
	if err := shortCollisions(envs); err != nil {
		return nil, err
	}
	for i := range envs {
		env := &envs[i]
		if len(brands) > 0 && !slices.Contains(brands, env.Brand.ID) {
			continue
		}
		for _, h := range env.Treatment.Handouts {
			fs, err := FormatsOf(h.Front.Kind)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", h.File, err)
			}
			for _, f := range fs {
				if f.OnDemand {
					continue
				}
				jobs = append(jobs, job{env: env, kind: h.Front.Kind, format: f, path: EntryPath(*env, h.Front.Kind, f.Ext)})
			}
		}
	}
	return jobs, nil
}

// Sink receives each file of the matrix as soon as it has rendered, with
// its manifest entry complete. It is called from the workers, several at
// once; data is valid only until it returns, so nothing needs to hold
// every file in memory. An error from it stops the rendering.
type Sink func(e output.Entry, data []byte) error

// RenderAll renders the whole matrix to check it: each file is rendered,
// hashed and dropped, so memory stays bounded by one file per worker. It
// returns the manifest entries in matrix order, and every problem found,
// not just the first.
func (p *Project) RenderAll(cfg Config) ([]output.Entry, error) {
	return p.RenderEach(cfg, nil)
}

// RenderEach renders the matrix on cfg.Jobs workers and hands each file
// to sink (nil drops them). Once a file has failed, the files after it
// are still rendered, to report every problem, but no longer handed to
// sink. It returns the manifest entries in matrix order.
func (p *Project) RenderEach(cfg Config, sink Sink) ([]output.Entry, error) {
	jobs, err := p.Matrix(cfg.Brands)
	if err != nil {
		return nil, err
	}
	entries := make([]output.Entry, len(jobs))
	err = p.renderJobs(jobs, cfg.Jobs, func(i int, r Rendered, sum [32]byte) error {
		e := jobs[i].entry()
		e.Pages, e.Bytes, e.SHA256 = r.Pages, len(r.Data), hex.EncodeToString(sum[:])
		entries[i] = e
		if sink == nil {
			return nil
		}
		return sink(e, r.Data)
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// renderJobs renders jobs on n workers (the number of CPUs when 0) and
// hands each file, with its SHA-256, to sink with its place in jobs. Once
// a file has failed, the files after it are still rendered, to report
// every problem, but no longer handed to sink; an error from sink stops
// the rendering. It returns every problem found.
func (p *Project) renderJobs(jobs []job, n int, sink func(i int, r Rendered, sum [32]byte) error) error {
	if n <= 0 {
		n = runtime.NumCPU()
	}
	errs := make([]error, len(jobs))
	var failed, stop atomic.Bool // a file failed; the sink failed
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, max(len(jobs), 1)) {
		wg.Go(func() {
			for i := range next {
				r, err := p.Render(jobs[i].request())
				if err != nil {
					errs[i] = err
					failed.Store(true)
					continue
				}
				if failed.Load() {
					continue
				}
				if err := sink(i, r, sha256.Sum256(r.Data)); err != nil {
					errs[i] = err
					failed.Store(true)
					stop.Store(true)
				}
			}
		})
	}
	for i := range jobs {
		if stop.Load() {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return joinErrors(errs)
}

// Run loads the project, renders the whole matrix and writes it to out.
// The output folder changes only when every file rendered. When the
// folder's cache says it was built from exactly these inputs by this
// program, with the same brands and shard, and every published file is
// still as written (upToDate), Run does not even load the content: the
// folder is left as it is (unless cfg.Clean).
func Run(src Sources, out string, cfg Config) (Summary, error) {
	start := time.Now()
	inputs := src.snapshot()
	if !cfg.Clean {
		if entries, ok := cache.UpToDate(out, inputs, cfg.Brands, cfg.Shard.String()); ok {
			s := Summary{Files: len(entries), Reused: len(entries), Shard: cfg.Shard, entries: entries}
			for _, e := range entries {
				s.Pages += e.Pages
			}
			s.Elapsed = time.Since(start)
			if cfg.Log != nil {
				logBrands(cfg.Log, s.entries)
			}
			return s, nil
		}
	}
	// The cache's keys need the program's version: hash its source while
	// the content loads.
	go cache.ProgramVersion()
	p, err := load(src, inputs, nil)
	if err != nil {
		return Summary{}, err
	}
	s, err := p.Build(out, cfg)
	if err == nil {
		// What check warns about, for the command to print: a build is
		// often the only run a content manager makes. The reading levels
		// are left to check: grading resolves every variant's text again,
		// about a tenth of a whole build's time.
		s.Warnings = p.Warnings(nil, time.Now())
	}
	s.Elapsed = time.Since(start)
	return s, err
}

// bookkeeping is the room the soft memory limit grows by for each file of
// the matrix while it renders. A build keeps about 0.6 KB a file (the
// content's variants and scopes, the jobs, the records, the manifest's
// entries and the previous manifest's paths: measured with a heap profile
// at 40 clinics x 6 treatments); the collector marks all of it every
// cycle, so the room for the documents in the making grows with it too,
// keeping collections as rare, for the work they do, as in a small build.
// Measured at 40 clinics x 6 treatments (34,560 files), CPU time a file
// and peak memory: 2 KB a file 7.62 ms and 158 MB, 2.5 KB 7.46 ms and
// 173 MB (with 1 KB, before page streams were compressed with reused
// writers: 9.97 ms and 124 MB; with 3 KB, 191 MB, near the 200 MB
// ceiling).
const bookkeeping = 2560

// roomFor raises the soft memory limit, when the program has set one, by
// the bookkeeping of a build of n files, and returns the undo. The command
// sets the limit for the documents its workers make at once
// (cmd/handouts); without this, the bookkeeping of a 35,000-file library
// would leave them ever less room, and the collector would run after
// nearly every file (a third more CPU time a file). The undo takes back
// the same amount, so builds running at once in one process add up.
func roomFor(n int) func() {
	add := int64(n) * bookkeeping
	cur := debug.SetMemoryLimit(-1)
	if cur == math.MaxInt64 || cur > math.MaxInt64-add {
		return func() {}
	}
	debug.SetMemoryLimit(cur + add)
	return func() { debug.SetMemoryLimit(debug.SetMemoryLimit(-1) - add) }
}

// logBrands writes, for each brand in entries, its files and PDF pages.
func logBrands(w io.Writer, entries []output.Entry) {
	perBrand := map[string][2]int{}
	var brands []string
	for _, e := range entries {
		c, ok := perBrand[e.Brand]
		if !ok {
			brands = append(brands, e.Brand)
		}
		perBrand[e.Brand] = [2]int{c[0] + 1, c[1] + e.Pages}
	}
	for _, b := range brands {
		fmt.Fprintf(w, "%s: %d files, %d PDF pages\n", b, perBrand[b][0], perBrand[b][1])
	}
}

// Build renders the whole matrix of a loaded project (or cfg.Shard's
// part of it) into the output folder out, under a lock on it. A file whose
// inputs are those recorded in the folder's cache for the file published
// there is kept as it is (see internal/cache), unless cfg.Clean; every other
// file goes to a staging folder inside out as soon as it has rendered
// (only its manifest entry stays in memory); when every file has
// rendered, the new and changed files, the index, the manifest and the
// cache's records are switched into place together and the files of the
// previous build that this one did not make are removed. A build that
// fails, or is killed, before that switch leaves the published output as
// it was; one killed during the switch leaves a journal that the next
// build completes before it starts.
func (p *Project) Build(out string, cfg Config) (Summary, error) {
	start := time.Now()
	all, err := p.Matrix(cfg.Brands)
	if err != nil {
		return Summary{}, err
	}
	jobs, shard := cfg.Shard.pick(all, cfg.Brands)
	if shard != nil {
		if version, ok := cache.ProgramVersion(); ok && p.inputs != nil {
			shard.Inputs = shardInputs(p.inputs, version)
		}
	}
	defer roomFor(len(all))()
	o, err := output.Open(out)
	if err != nil {
		return Summary{}, err
	}
	defer o.Close()
	c := cache.Open(o, p.inputs, p.Catalog, cfg.Clean)
	// What the build knows of each file, kept small while it renders: its
	// key, hash, size, pages and identity.
	recs := make([]cache.Record, len(jobs))
	var todo []job
	var at []int // todo[k] is jobs[at[k]]
	for i, j := range jobs {
		if c.OK() {
			recs[i].Key = j.key(c)
			if r, ok := c.Reuse(o, j.path, recs[i].Key); ok {
				recs[i] = r
				continue
			}
		}
		todo = append(todo, j)
		at = append(at, i)
	}
	c.Forget() // the previous build's records are done with
	// Every copy the desk can make of what changed must fit too.
	if err := p.checkPersonal(todo, cfg.Jobs); err != nil {
		return Summary{}, err
	}
	err = p.renderJobs(todo, cfg.Jobs, func(k int, r Rendered, sum [32]byte) error {
		j := todo[k]
		id, err := o.Put(j.path, r.Data)
		if err != nil {
			return err
		}
		rec := &recs[at[k]]
		rec.Sum, rec.Bytes, rec.Pages, rec.ID, rec.Path = sum, len(r.Data), r.Pages, id, j.path
		rec.Verified = cache.Fresh // renamed into place before the records are (see internal/cache)
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	entries := make([]output.Entry, len(jobs))
	for i, j := range jobs {
		e := j.entry()
		e.Pages, e.Bytes, e.SHA256 = recs[i].Pages, recs[i].Bytes, hex.EncodeToString(recs[i].Sum[:])
		entries[i] = e
	}
	index, err := p.Index(entries)
	if err != nil {
		return Summary{}, err
	}
	var records func(manifest, index output.Published) []byte
	if c.OK() {
		// Keep no record of a file whose inputs changed while it was made.
		bad := cache.Unstable(p.inputs, p.src.snapshot(), p.Catalog)
		var keep []cache.Record
		for i, j := range jobs {
			if cache.Stable(j.env, j.kind, bad) {
				keep = append(keep, recs[i])
			}
		}
		st := cache.State{Inputs: "-", Files: len(keep)}
		if len(bad) == 0 && len(keep) == len(jobs) {
			st.Inputs = cache.InputsDigest(p.inputs, c.Version(), cfg.Brands, cfg.Shard.String())
		}
		records = func(manifest, index output.Published) []byte {
			st.Manifest, st.Index = manifest, index
			return cache.FormatRecords(c.Version(), st, keep)
		}
	}
	removed, err := o.Commit(output.Manifest{Files: entries, Shard: shard}, index, records)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Files: len(entries), Removed: removed, Kept: o.Kept(), Rendered: len(todo), Reused: len(jobs) - len(todo), Shard: cfg.Shard}
	for _, e := range entries {
		s.Pages += e.Pages
	}
	if cfg.Log != nil {
		logBrands(cfg.Log, entries)
	}
	s.Elapsed = time.Since(start)
	return s, nil
}

// joinErrors merges the workers' errors (content.Join): sorted by file
// and line, without repeats (the same content error is found once per
// variant).
func joinErrors(errs []error) error { return content.Join(errs...) }

// Summary reports a build.
type Summary struct {
	Files, Pages int
	Removed      int
	Kept         []string // files the previous manifest listed that were left in place: their bytes are not the ones it recorded
	Rendered     int      // files rendered; the others were kept from the last build (see internal/cache)
	Reused       int      // files whose inputs had not changed, kept without rendering
	Shard        Shard    // the part of the matrix built
	// Warnings are check's warnings about the content (Project.Warnings;
	// not the reading levels, which only check grades), when the build
	// loaded it; none when the folder was up to date and the content was
	// not loaded (the build that made it printed them).
	Warnings []string
	Elapsed  time.Duration
	entries  []output.Entry // an up-to-date folder's files, for the log (see Run)
}

// String reports the build in one line: files, pages and seconds, and
// how many files were rendered when some were kept from the last build.
func (s Summary) String() string {
	out := fmt.Sprintf("%d files, %d PDF pages, %.2f s", s.Files, s.Pages, s.Elapsed.Seconds())
	if s.Shard.Count > 0 {
		out = "shard " + s.Shard.String() + ": " + out
	}
	if s.Reused > 0 {
		out += fmt.Sprintf(" (%d rendered, %d unchanged)", s.Rendered, s.Reused)
	}
	return out
}
