package project

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	root "handouts"
	"handouts/internal/output"
)

// The printed logo, kept between runs. Preparing a clinic's logo for print
// (decoding the PNG, scaling it to its printed size, flattening and
// encoding it again: printLogo) costs a one-off copy about as much as
// laying out its pages, and gives the same bytes every time for the same
// logo and program. So the first run keeps the result in the user's cache
// folder (os.UserCacheDir()/handouts/logos; $XDG_CACHE_HOME on Linux), and
// later runs, the desk's one-offs above all, read it back.
//
// A file there is named by the SHA-256 of what made it: the cache format;
// the code that prepares it, which is the Go release (image/png,
// compress/flate, image/draw), the platform and the build's settings,
// golang.org/x/image (the module's go.mod and go.sum, which pin its
// version and hash; a local replace of it is never cached), and this
// package's logo.go, whose printLogo calls no other code of the program
// (TestPrintLogoIsInLogoGo holds it to that); the printed height; and the
// logo file's bytes. (Not the whole program's version, programVersion:
// hashing the program's source costs a one-off more than the cache
// saves.) It holds the printed PNG and, after it, the SHA-256 of the name
// and the PNG, so a truncated or altered file is not used (it is made
// again). Nothing else is kept: a logo is the clinic's, never a
// patient's, so no name, date or address can reach the cache. When what
// made it cannot be told, or the folder cannot be made or written, the
// logo is prepared as before and nothing is kept.

// logoCacheFormat names the cache's format in every key.
const logoCacheFormat = "handouts printed logo 1"

// maxCachedLogo is the largest cached file read: a printed logo is tens
// of kilobytes.
const maxCachedLogo = 4 << 20

// logoSource is the file of the program's source that prepares a logo
// for print.
const logoSource = "internal/project/logo.go"

// logoCacheKey is the cache's name for the printed logo of data at px
// pixels high, or "" when what prepares it cannot be told.
func logoCacheKey(data []byte, px int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s %s/%s\n", logoCacheFormat, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if !strings.HasPrefix(s.Key, "vcs") {
				fmt.Fprintf(h, "build %q %q\n", s.Key, s.Value)
			}
		}
	}
	for _, name := range []string{"go.mod", "go.sum", logoSource} {
		code, err := fs.ReadFile(root.Source, name)
		if err != nil || name == "go.mod" && replacesImage(string(code)) {
			return ""
		}
		fmt.Fprintf(h, "file %s %d\n", name, len(code))
		h.Write(code)
	}
	fmt.Fprintf(h, "height %d\nlogo %d\n", px, len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// replacesImage reports whether go.mod replaces golang.org/x/image: by a
// copy whose code go.sum may not pin.
func replacesImage(gomod string) bool {
	for line := range strings.Lines(gomod) {
		if strings.Contains(line, "golang.org/x/image") && strings.Contains(line, "=>") {
			return true
		}
	}
	return false
}

// logoCacheFile is the file of key in the cache, or "" without a cache
// folder.
func logoCacheFile(key string) string {
	dir, err := os.UserCacheDir()
	if err != nil || key == "" {
		return ""
	}
	return filepath.Join(dir, "handouts", "logos", key+".png")
}

// logoSeal is the SHA-256 a cached file ends with: of its key and its PNG.
func logoSeal(key string, png []byte) []byte {
	h := sha256.New()
	io.WriteString(h, key)
	h.Write(png)
	return h.Sum(nil)
}

// cachedLogo returns the printed logo kept under key, or nil.
func cachedLogo(key string) []byte {
	name := logoCacheFile(key)
	if name == "" {
		return nil
	}
	// Only a regular file of ours: a named pipe there would block the
	// open, a link lead elsewhere.
	if st, err := os.Lstat(name); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCachedLogo+1))
	if err != nil || len(data) > maxCachedLogo || len(data) <= sha256.Size {
		return nil
	}
	png, seal := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if !bytes.Equal(seal, logoSeal(key, png)) {
		return nil
	}
	return png
}

// keepLogo keeps png, the printed logo, under key; a cache that cannot be
// written is left as it is (the logo is prepared again next time).
func keepLogo(key string, png []byte) {
	name := logoCacheFile(key)
	if name == "" {
		return
	}
	dir := filepath.Dir(name)
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, output.TmpPrefix+"*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(append(bytes.Clone(png), logoSeal(key, png)...))
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		os.Remove(tmp.Name())
	}
}
