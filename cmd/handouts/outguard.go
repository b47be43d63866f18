package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Where a command may write. A build output folder (-out) is never the
// content, layouts or fonts folder, a folder inside one, a folder that
// holds one (the repository's root, say), a repository's root (a folder
// with .git or go.mod), / or the home folder itself; a one-off file (-o)
// is never inside the content, layouts or fonts folder, so it cannot
// replace an input. Both are bad usage (exit 2), refused before anything
// is read or written.

// resolve makes p absolute and resolves the links of the part of it that
// exists, so two names of one folder compare equal.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for d := abs; ; d = filepath.Dir(d) {
		if real, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(d) == d {
			return abs
		}
		rest = filepath.Join(filepath.Base(d), rest)
	}
}

// within reports whether p is dir or inside it (both resolved).
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// inputFolders are the input folders that exist, resolved, by role.
func (s *sourceFlags) inputFolders() [][2]string {
	var out [][2]string
	for _, f := range [][2]string{{"content", s.content}, {"layouts", s.layouts}, {"fonts", s.fonts}} {
		if st, err := os.Stat(f[1]); err == nil && st.IsDir() {
			out = append(out, [2]string{f[0], resolve(f[1])})
		}
	}
	return out
}

// checkOut refuses the output folder out (given as -out) when building
// into it could write into the sources or over a folder that is not the
// tool's to fill.
func (s *sourceFlags) checkOut(out string) error {
	dir := resolve(out)
	refuse := func(why string) error {
		return usageError{fmt.Sprintf("-out %s: %s; choose a folder of its own, such as -out output", out, why)}
	}
	if filepath.Dir(dir) == dir {
		return refuse("that is the root of the file system")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && dir == resolve(home) {
		return refuse("that is the home folder")
	}
	for _, in := range s.inputFolders() {
		switch {
		case within(dir, in[1]):
			return refuse(fmt.Sprintf("that is inside the %s folder %s, which the build reads", in[0], in[1]))
		case within(in[1], dir):
			return refuse(fmt.Sprintf("that folder holds the %s folder %s, which the build reads", in[0], in[1]))
		}
	}
	for _, name := range []string{".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
			return refuse("that is a repository's root (it has " + name + ")")
		}
	}
	return nil
}

// checkFile refuses the one-off file name (given as -o) when it is in an
// input folder: it would replace, or sit among, the sources.
func (s *sourceFlags) checkFile(name string) error {
	if name == "-" || name == "" {
		return nil
	}
	p := resolve(name)
	for _, in := range s.inputFolders() {
		if within(p, in[1]) {
			return usageError{fmt.Sprintf("-o %s: that is inside the %s folder %s, which holds the inputs; write the file elsewhere", name, in[0], in[1])}
		}
	}
	return nil
}
