package project

import (
	"encoding/json"
	"os"
	"path/filepath"

	"handouts/internal/output"
)

// readManifest reads the manifest in the output folder out; an absent or
// unreadable one lists nothing.
func readManifest(out string) output.Manifest {
	var m output.Manifest
	data, err := os.ReadFile(filepath.Join(out, output.ManifestName))
	if err == nil {
		_ = json.Unmarshal(data, &m)
	}
	return m
}
