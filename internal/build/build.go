package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"handouts/internal/content"
)

// Entry is one file in the manifest.
type Entry struct {
	Path      string `json:"path"`
	Brand     string `json:"brand"`
	Lang      string `json:"lang"` // BCP 47 tag of the handout's language, e.g. es-US
	Treatment string `json:"treatment"`
	Skin      string `json:"skin"`
	Area      string `json:"area"`
	Kind      string `json:"kind"`
	Format    string `json:"format"`
	Paper     string `json:"paper"`
	Pages     int    `json:"pages,omitempty"`
	Bytes     int    `json:"bytes"`
	SHA256    string `json:"sha256"`
}

// Manifest lists every file a build made, sorted by path. A shard's
// manifest (handouts build -shard i/n) says which shard it is.
type Manifest struct {
	Files []Entry    `json:"files"`
	Shard *ShardInfo `json:"shard,omitempty"`
}

// Config is one build.
type Config struct {
	Brands []string  // only these brands; all when empty
	Jobs   int       // workers; the number of CPUs when 0
	Log    io.Writer // progress lines; nil for none
	Clean  bool      // render every file, ignoring the cache of earlier builds (its records are still written)
	Shard  Shard     // build only this part of the matrix; the zero Shard is all of it
}

// job is one file of the matrix.
type job struct {
	req   Request
	entry Entry
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
	for _, env := range c.Envs() {
		if len(brands) > 0 && !slices.Contains(brands, env.Brand.ID) {
			continue
		}
		for _, h := range env.Treatment.Handouts {
			for _, f := range Kinds[h.Front.Kind] {
				if f.OnDemand {
					continue
				}
				jobs = append(jobs, job{
					req: Request{Env: env, Kind: h.Front.Kind, Format: f.Name},
					entry: Entry{
						Path:  EntryPath(env, h.Front.Kind, f.Ext),
						Brand: env.Brand.ID, Lang: env.Lang.Tag, Treatment: env.Treatment.ID, Skin: env.Skin.ID, Area: env.Area.ID,
						Kind: h.Front.Kind, Format: f.Name, Paper: env.Brand.Paper,
					},
				})
			}
		}
	}
	return jobs, nil
}

// Sink receives each file of the matrix as soon as it has rendered, with
// its manifest entry complete. It is called from the workers, several at
// once; data is valid only until it returns, so nothing needs to hold
// every file in memory. An error from it stops the rendering.
type Sink func(e Entry, data []byte) error

// RenderAll renders the whole matrix to check it: each file is rendered,
// hashed and dropped, so memory stays bounded by one file per worker. It
// returns the manifest entries in matrix order, and every problem found,
// not just the first.
func (p *Project) RenderAll(cfg Config) ([]Entry, error) {
	return p.RenderEach(cfg, nil)
}

// RenderEach renders the matrix on cfg.Jobs workers and hands each file
// to sink (nil drops them). Once a file has failed, the files after it
// are still rendered, to report every problem, but no longer handed to
// sink. It returns the manifest entries in matrix order.
func (p *Project) RenderEach(cfg Config, sink Sink) ([]Entry, error) {
	jobs, err := p.Matrix(cfg.Brands)
	if err != nil {
		return nil, err
	}
	return p.renderJobs(jobs, cfg.Jobs, func(_ int, e Entry, data []byte) error {
		if sink == nil {
			return nil
		}
		return sink(e, data)
	})
}

// renderJobs renders jobs on n workers (the number of CPUs when 0) and
// hands each file to sink with its place in jobs, as RenderEach does.
func (p *Project) renderJobs(jobs []job, n int, sink func(i int, e Entry, data []byte) error) ([]Entry, error) {
	if n <= 0 {
		n = runtime.NumCPU()
	}
	entries := make([]Entry, len(jobs))
	errs := make([]error, len(jobs))
	var failed, stop atomic.Bool // a file failed; the sink failed
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, max(len(jobs), 1)) {
		wg.Go(func() {
			for i := range next {
				j := jobs[i]
				r, err := p.Render(j.req)
				if err != nil {
					errs[i] = err
					failed.Store(true)
					continue
				}
				e := j.entry
				sum := sha256.Sum256(r.Data)
				e.Pages, e.Bytes, e.SHA256 = r.Pages, len(r.Data), hex.EncodeToString(sum[:])
				entries[i] = e
				if failed.Load() {
					continue
				}
				if err := sink(i, e, r.Data); err != nil {
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
	if err := joinErrors(errs); err != nil {
		return nil, err
	}
	return entries, nil
}

// Run loads the project, renders the whole matrix and writes it to out.
// The output folder changes only when every file rendered. When the
// folder's cache says it was built from exactly these inputs by this
// program, with the same brands and shard, and every published file is
// still as written (upToDate), Run does not even load the content: the
// folder is left as it is (unless cfg.Clean).
func Run(src Sources, out string, cfg Config) (Summary, error) {
	start := time.Now()
	inputs := takeSnapshot(src)
	if !cfg.Clean {
		if s, ok := upToDate(out, inputs, cfg); ok {
			s.Elapsed = time.Since(start)
			if cfg.Log != nil {
				logBrands(cfg.Log, s.entries)
			}
			return s, nil
		}
	}
	p, err := load(src, inputs)
	if err != nil {
		return Summary{}, err
	}
	s, err := p.Build(out, cfg)
	s.Elapsed = time.Since(start)
	return s, err
}

// logBrands writes, for each brand in entries, its files and PDF pages.
func logBrands(w io.Writer, entries []Entry) {
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
// there is kept as it is (see cache.go), unless cfg.Clean; every other
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
	o, err := openOutput(out)
	if err != nil {
		return Summary{}, err
	}
	defer o.close()
	c := newCache(o, p, cfg.Clean)
	entries := make([]Entry, len(jobs))
	recs := make([]record, len(jobs))
	keys := make([][32]byte, len(jobs))
	var todo []int
	for i, j := range jobs {
		if !c.ok {
			todo = append(todo, i)
			continue
		}
		keys[i] = c.key(j)
		if r, ok := c.reuse(o, j.entry.Path, keys[i]); ok {
			recs[i] = r
			e := j.entry
			e.Pages, e.Bytes, e.SHA256 = r.pages, r.bytes, r.sha256
			entries[i] = e
			continue
		}
		todo = append(todo, i)
	}
	list := make([]job, len(todo))
	for k, i := range todo {
		list[k] = jobs[i]
	}
	_, err = p.renderJobs(list, cfg.Jobs, func(k int, e Entry, data []byte) error {
		i := todo[k]
		id, err := o.put(e.Path, data)
		if err != nil {
			return err
		}
		entries[i] = e
		recs[i] = record{key: keys[i], sha256: e.SHA256, bytes: e.Bytes, pages: e.Pages, id: id, path: e.Path}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	index, err := p.Index(entries)
	if err != nil {
		return Summary{}, err
	}
	var records func(manifest, index fileID) []byte
	if c.ok {
		// Keep no record of a file whose inputs changed while it was made.
		bad := unstable(p.inputs, takeSnapshot(p.src), p.Catalog)
		var keep []record
		for i, j := range jobs {
			if stable(j, bad) {
				keep = append(keep, recs[i])
			}
		}
		st := buildState{inputs: "-", files: len(keep)}
		if len(bad) == 0 && len(keep) == len(jobs) {
			st.inputs = inputsDigest(p.inputs, c.version, cfg)
		}
		records = func(manifest, index fileID) []byte {
			st.manifest, st.index = manifest, index
			return formatRecords(c.version, st, keep)
		}
	}
	removed, err := o.commit(Manifest{Files: entries, Shard: shard}, index, records)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Files: len(entries), Removed: removed, Rendered: len(todo), Reused: len(jobs) - len(todo), Shard: cfg.Shard}
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
	Rendered     int   // files rendered; the others were kept from the last build (see cache.go)
	Reused       int   // files whose inputs had not changed, kept without rendering
	Shard        Shard // the part of the matrix built
	Elapsed      time.Duration
	entries      []Entry // an up-to-date folder's files, for the log (see Run)
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
