package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// The program's version, as the cache's keys include it: the SHA-256 of
// the running executable's bytes. Any change to the code (a renderer, a
// dependency, the Go release, the built-in layouts and fonts) changes
// the executable, so a cached file is never reused by a program that
// might make it differently; and Go builds are reproducible, so the same
// source built again (go run caches its executables, go build makes the
// same bytes) keeps the cache. A version string or VCS revision from
// runtime/debug.ReadBuildInfo would not do: go run and go test stamp none,
// and an uncommitted change keeps the revision it started from.
//
// Hashing a 20-40 MB executable takes 40-90 ms, so the cache file also
// records the executable's identity (device, inode, size, modification
// and change time): when the running file is the one recorded, its
// recorded hash is used. A running executable cannot be written to (the
// system refuses with ETXTBSY) and its change time cannot be set back, so
// the identity names the bytes.
//
// The executable is read through /proc/self/exe on Linux, which is the
// file this process runs even when a new build has since replaced it at
// its path; elsewhere through os.Executable.
//
// Both values are computed at most once per process and never change:
// they describe the running program, so they are package-level.
var (
	programFileID = sync.OnceValue(func() statID {
		f, err := openExecutable()
		if err != nil {
			return statID{}
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return statID{}
		}
		return statOf(st)
	})
	programSum = sync.OnceValues(func() ([32]byte, error) {
		var sum [32]byte
		f, err := openExecutable()
		if err != nil {
			return sum, err
		}
		defer f.Close()
		h := sha256.New()
		fmt.Fprintf(h, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
		if _, err := io.Copy(h, f); err != nil {
			return sum, err
		}
		h.Sum(sum[:0])
		return sum, nil
	})
)

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

// programVersion returns the program's version, taken from the cache
// file's first line (header) when it names the running file, and whether
// it is known (when the executable cannot be read, nothing is cached).
func programVersion(header string) ([32]byte, bool) {
	if id := programFileID(); id != (statID{}) {
		if sum, rec, ok := parseHeader(header); ok && rec == id {
			return sum, true
		}
	}
	sum, err := programSum()
	return sum, err == nil
}

// parseHeader reads the cache file's first line: the format, the
// program's hash and its file's identity.
func parseHeader(header string) ([32]byte, statID, bool) {
	var sum [32]byte
	var id statID
	rest, ok := strings.CutPrefix(header, cacheFormat+" ")
	f := strings.Fields(rest)
	if !ok || len(f) != 6 {
		return sum, id, false
	}
	b, err := hex.DecodeString(f[0])
	if err != nil || len(b) != len(sum) {
		return sum, id, false
	}
	copy(sum[:], b)
	var n [5]int64
	for i := range n {
		if n[i], err = strconv.ParseInt(f[1+i], 10, 64); err != nil {
			return sum, id, false
		}
	}
	id = statID{dev: uint64(n[0]), ino: uint64(n[1]), size: n[2], mtime: n[3], ctime: n[4]}
	return sum, id, true
}
