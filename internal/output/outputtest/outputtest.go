// Package outputtest holds what tests of several packages check an
// output folder with; no program code imports it.
package outputtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"handouts/internal/output"
)

// Manifest reads the manifest in the folder out.
func Manifest(out string) (output.Manifest, error) {
	var m output.Manifest
	data, err := os.ReadFile(filepath.Join(out, output.ManifestName))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("manifest: %v", err)
	}
	return m, nil
}

// Problems lists how the folder out differs from the files a manifest
// lists: every listed file there with its listed size and SHA-256, and no
// other file there but the folder's own ones named in own. With leftovers,
// what is in a staging folder an interrupted build left is passed over;
// without, it is a problem too.
func Problems(out string, files []output.Entry, own []string, leftovers bool) []string {
	var problems []string
	listed := map[string]bool{}
	for _, name := range own {
		listed[name] = true
	}
	for _, e := range files {
		listed[e.Path] = true
		data, err := os.ReadFile(filepath.Join(out, e.Path))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != e.SHA256 || len(data) != e.Bytes {
			problems = append(problems, e.Path+": not the file the manifest lists")
		}
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == out {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if leftovers && strings.HasPrefix(rel, output.StagingPrefix) {
			return fs.SkipDir
		}
		if !d.IsDir() && !listed[rel] {
			problems = append(problems, rel+": in the output but not in the manifest")
		}
		return nil
	})
	return problems
}
