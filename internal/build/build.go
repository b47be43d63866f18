package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"handouts/internal/content"
)

// Entry is one file in the manifest.
type Entry struct {
	Path      string `json:"path"`
	Brand     string `json:"brand"`
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

// Manifest lists every file a build made, sorted by path.
type Manifest struct {
	Files []Entry `json:"files"`
}

// Config is one build.
type Config struct {
	Brands []string  // only these brands; all when empty
	Jobs   int       // workers; the number of CPUs when 0
	Log    io.Writer // progress lines; nil for none
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
						Brand: env.Brand.ID, Treatment: env.Treatment.ID, Skin: env.Skin.ID, Area: env.Area.ID,
						Kind: h.Front.Kind, Format: f.Name, Paper: env.Brand.Paper,
					},
				})
			}
		}
	}
	return jobs, nil
}

// File is a rendered output file with its manifest entry.
type File struct {
	Entry
	Data []byte
}

// RenderAll renders the matrix in memory on cfg.Jobs workers. It returns
// every problem found, not just the first.
func (p *Project) RenderAll(cfg Config) ([]File, error) {
	jobs, err := p.Matrix(cfg.Brands)
	if err != nil {
		return nil, err
	}
	n := cfg.Jobs
	if n <= 0 {
		n = runtime.NumCPU()
	}
	files := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				r, err := p.Render(j.req)
				if err != nil {
					errs[i] = err
					continue
				}
				e := j.entry
				sum := sha256.Sum256(r.Data)
				e.Pages, e.Bytes, e.SHA256 = r.Pages, len(r.Data), hex.EncodeToString(sum[:])
				files[i] = File{Entry: e, Data: r.Data}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := joinErrors(errs); err != nil {
		return nil, err
	}
	return files, nil
}

// joinErrors merges errors, dropping repeats (the same content error is
// found once per variant).
func joinErrors(errs []error) error {
	seen := map[string]bool{}
	var list content.ErrorList
	var other []string
	for _, err := range errs {
		if err == nil {
			continue
		}
		if l, ok := err.(content.ErrorList); ok {
			for _, e := range l {
				if !seen[e.Error()] {
					seen[e.Error()] = true
					list = append(list, e)
				}
			}
			continue
		}
		if e, ok := err.(*content.Error); ok {
			if !seen[e.Error()] {
				seen[e.Error()] = true
				list = append(list, e)
			}
			continue
		}
		if !seen[err.Error()] {
			seen[err.Error()] = true
			other = append(other, err.Error())
		}
	}
	if len(list) == 0 && len(other) == 0 {
		return nil
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].File != list[j].File {
			return list[i].File < list[j].File
		}
		return list[i].Line < list[j].Line
	})
	for _, o := range other {
		list = append(list, &content.Error{File: "build", Msg: o})
	}
	return list
}

// Summary reports a build.
type Summary struct {
	Files, Pages int
	Removed      int
	Elapsed      time.Duration
}

// String reports the build in one line: files, pages and seconds.
func (s Summary) String() string {
	return fmt.Sprintf("%d files, %d PDF pages, %.2f s", s.Files, s.Pages, s.Elapsed.Seconds())
}
