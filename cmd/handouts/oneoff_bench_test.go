package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkOneOff is the desk's one-off as the command makes it, in
// process: a dated sheet with a name, from the content folder to the file
// (loading only what the copy needs, laying it out, writing the PDF). The
// process adds its start to this (make bench times it as a process).
func BenchmarkOneOff(b *testing.B) {
	out := filepath.Join(b.TempDir(), "copy.pdf")
	args := []string{"sheet", "-content", "../../content", "-brand", "harbor", "-skin", "dry", "-area", "face", "-date", "2026-12-14", "-name", "Ana", "-o", out}
	for b.Loop() {
		var stderr strings.Builder
		if rc := run(args, io.Discard, &stderr); rc != 0 {
			b.Fatalf("exit %d: %s", rc, stderr.String())
		}
	}
}
