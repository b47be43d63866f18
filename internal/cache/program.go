package cache

import (
	"codeberg.org/go-pdf/fpdf"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	root "handouts"
	"handouts/fonts"
	"handouts/layouts"
)

// The program's version, as the cache's keys include it: a digest of what
// made the program, not of the executable's bytes, so that `make
// handouts` (go run), a binary made by go build and `serve` of the same
// source share the cache, and a change to the code still throws it away.
//
// What the digest covers (programSource):
//
//   - the Go release, the platform, and the build's settings as
//     runtime/debug.ReadBuildInfo gives them (compiler, build tags, flags,
//     CGO_ENABLED, GOAMD64, the default GODEBUG), but not the vcs.*
//     ones: go run stamps none and go build does in a Git work tree;
//   - every dependency module by path, version and go.sum hash (a
//     replaced one by its replacement's);
//   - the main module's own source, embedded in the program
//     (handouts.Source: go.mod, go.sum and every package's Go files but
//     its tests), and the built-in layouts and fonts.
//
// Why not the module version or the VCS revision: go run stamps neither
// (the main module is "(devel)"), go build stamps the revision only in a
// Git work tree, and a work tree with uncommitted changes
// (vcs.modified=true) keeps the revision it started from, so two
// different programs would share one. A digest of the source itself is
// the same for every way of building one source and differs as soon as
// one byte of it does, with no go generate step to forget: the source is
// embedded by the compiler, and hashing it (about 2 MB, read from memory)
// takes a few milliseconds.
//
// A module replaced by a local folder has no go.sum hash: the fpdf fork
// (internal/fpdf) is named by the source it embeds (localModules). When
// the build info is missing, or another dependency has no go.sum hash, the
// digest falls back to the executable's bytes, as a different program
// must never reuse another's files.
//
// The value is computed at most once per process and never changes: it
// describes the running program, so it is package-level.
var programSum = sync.OnceValues(func() ([32]byte, error) {
	var sum [32]byte
	h := sha256.New()
	fmt.Fprintf(h, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	bi, ok := debug.ReadBuildInfo()
	if !ok || !programSource(h, bi) {
		h.Reset()
		fmt.Fprintf(h, "%s %s/%s executable\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
		f, err := openExecutable()
		if err != nil {
			return sum, err
		}
		defer f.Close()
		if _, err := io.Copy(h, f); err != nil {
			return sum, err
		}
	}
	h.Sum(sum[:0])
	return sum, nil
})

// programSource writes what made the program to h (see programSum), or
// reports false when a dependency's source is not known.
func programSource(h hash.Hash, bi *debug.BuildInfo) bool {
	fmt.Fprintf(h, "go %s\nmain %s\n", bi.GoVersion, bi.Main.Path)
	var local []source
	for _, d := range bi.Deps {
		if d.Replace != nil {
			if fsys, ok := localModules[d.Path]; ok && d.Replace.Sum == "" {
				fmt.Fprintf(h, "dep %s local %s\n", d.Path, d.Replace.Path)
				local = append(local, source{"dep " + d.Path, fsys})
				continue
			}
			d = d.Replace
		}
		if d.Sum == "" {
			return false
		}
		fmt.Fprintf(h, "dep %s %s %s\n", d.Path, d.Version, d.Sum)
	}
	for _, s := range bi.Settings {
		if !strings.HasPrefix(s.Key, "vcs") {
			fmt.Fprintf(h, "build %q %q\n", s.Key, s.Value)
		}
	}
	for _, src := range append([]source{{"source", root.Source}, {"layouts", layouts.FS}, {"fonts", fonts.FS}}, local...) {
		err := fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.go") {
				return err
			}
			data, err := fs.ReadFile(src.fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "file %s/%s %d\n", src.name, p, len(data))
			h.Write(data)
			return nil
		})
		if err != nil {
			return false // an embedded file always reads; never reached
		}
	}
	return true
}

// source is a tree of files the program was made from.
type source struct {
	name string
	fsys fs.FS
}

// localModules are the dependencies the module replaces by a folder of its
// own, with the source each embeds: such a module has no go.sum hash, so
// its files name it. A local replace not listed here makes the digest fall
// back to the executable's bytes.
var localModules = map[string]fs.FS{"codeberg.org/go-pdf/fpdf": fpdf.Source}

// openExecutable opens the running program's file.
func openExecutable() (*os.File, error) {
	if f, err := os.Open("/proc/self/exe"); err == nil {
		return f, nil
	}
	p, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// ProgramVersion returns the program's version (see programSum) and
// whether it is known (when it is not, nothing is cached).
func ProgramVersion() ([32]byte, bool) {
	sum, err := programSum()
	return sum, err == nil
}
