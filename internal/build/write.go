package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// ManifestName and IndexName are the build's own files in the output folder.
const (
	ManifestName = "manifest.json"
	IndexName    = "index.html"
	lockName     = ".handouts.lock"
)

// Run loads the project, renders the whole matrix and writes it to out.
// Nothing is written unless every file rendered.
func Run(src Sources, out string, cfg Config) (Summary, error) {
	start := time.Now()
	p, err := Load(src)
	if err != nil {
		return Summary{}, err
	}
	s, err := p.Build(out, cfg)
	s.Elapsed = time.Since(start)
	return s, err
}

// Build renders the whole matrix of a loaded project and writes it to
// out; nothing is written unless every file rendered.
func (p *Project) Build(out string, cfg Config) (Summary, error) {
	start := time.Now()
	files, err := p.RenderAll(cfg)
	if err != nil {
		return Summary{}, err
	}
	index, err := p.Index(files)
	if err != nil {
		return Summary{}, err
	}
	removed, err := Write(out, files, index)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Files: len(files), Removed: removed}
	perBrand := map[string][2]int{}
	var brands []string
	for _, f := range files {
		c, ok := perBrand[f.Brand]
		if !ok {
			brands = append(brands, f.Brand)
		}
		perBrand[f.Brand] = [2]int{c[0] + 1, c[1] + f.Pages}
		s.Pages += f.Pages
	}
	if cfg.Log != nil {
		for _, b := range brands {
			fmt.Fprintf(cfg.Log, "%s: %d files, %d PDF pages\n", b, perBrand[b][0], perBrand[b][1])
		}
	}
	s.Elapsed = time.Since(start)
	return s, nil
}

// Write puts files, the manifest and the index into out under a lock:
// each file atomically, then removes files of the previous build (as listed
// in its manifest) that this build did not make. It returns how many files
// it removed.
func Write(out string, files []File, index []byte) (int, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	unlock, err := lock(out)
	if err != nil {
		return 0, err
	}
	defer unlock()
	old := readManifest(out)
	m := Manifest{Files: make([]Entry, 0, len(files))}
	made := map[string]bool{ManifestName: true, IndexName: true}
	for _, f := range files {
		if err := writeAtomic(filepath.Join(out, filepath.FromSlash(f.Path)), f.Data); err != nil {
			return 0, err
		}
		m.Files = append(m.Files, f.Entry)
		made[f.Path] = true
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	if err := writeAtomic(filepath.Join(out, IndexName), index); err != nil {
		return 0, err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return 0, err
	}
	if err := writeAtomic(filepath.Join(out, ManifestName), append(data, '\n')); err != nil {
		return 0, err
	}
	removed := 0
	for _, e := range old.Files {
		if made[e.Path] || !safeRel(e.Path) {
			continue
		}
		p := filepath.Join(out, filepath.FromSlash(e.Path))
		if err := os.Remove(p); err == nil {
			removed++
			removeEmptyDirs(out, filepath.Dir(p))
		}
	}
	return removed, nil
}

// safeRel reports whether a manifest path stays inside the output folder.
func safeRel(p string) bool {
	return p != "" && !strings.HasPrefix(p, "/") && !strings.Contains(p, "..") && !strings.Contains(p, `\`)
}

func readManifest(out string) Manifest {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err == nil {
		_ = json.Unmarshal(data, &m)
	}
	return m
}

// writeAtomic writes data to a temporary file beside name and renames it
// into place, so a reader never sees half a file. An unchanged file is
// left alone.
func writeAtomic(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

func removeEmptyDirs(root, dir string) {
	root = filepath.Clean(root)
	for dir = filepath.Clean(dir); dir != root && strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			return
		}
	}
}

// lock takes an exclusive lock on the output folder, so two builds into
// one folder never interleave their files.
func lock(out string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(out, lockName), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %v", out, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// WriteFile writes one file for a one-off handout: atomically when it is a
// regular file; straight into it when it is a device or a pipe (such as
// /dev/stdout), which must never be replaced.
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
	return writeAtomic(name, data)
}
