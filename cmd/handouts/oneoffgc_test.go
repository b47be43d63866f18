package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
)

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// A one-off copy runs without the collector's pacing (oneOffGC) under a
// soft memory limit, as main sets one: no collection while it makes its
// PDF; and the pacing is back afterwards.
func TestOneOffCollectsNoGarbage(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(256 << 20))
	before := debug.SetGCPercent(400)
	defer debug.SetGCPercent(before)
	out := filepath.Join(t.TempDir(), "copy.pdf")
	runtime.GC()
	n := gcCycles()
	var stderr strings.Builder
	if rc := run([]string{"sheet", "-content", "../../content", "-brand", "harbor", "-skin", "dry", "-area", "face", "-date", "2026-12-14", "-name", "Ana", "-o", out}, io.Discard, &stderr); rc != 0 {
		t.Fatalf("exit %d: %s", rc, stderr.String())
	}
	if got := gcCycles() - n; got != 0 {
		t.Errorf("%d collections while one copy was made; want none", got)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no copy: %v", err)
	}
	if p := debug.SetGCPercent(400); p != 400 {
		t.Errorf("after the copy the collector's pacing is %d%%, want 400%% back", p)
	}
}
