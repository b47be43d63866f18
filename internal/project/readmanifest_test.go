package project

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// readManifest reads the manifest in the output folder out; an absent or
// unreadable one lists nothing.
func readManifest(out string) Manifest {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err == nil {
		_ = json.Unmarshal(data, &m)
	}
	return m
}
